//! The bundle file: what travels between installations.
//!
//! Layout (format 1):
//! ```text
//! KARTOTEKA-SYNC\n
//! {"format":1,"bundle_id":"…","organisation_tag":"…"}\n      (no personal data)
//! age file (X25519 recipient of the organisation's key) of
//!     gzip( manifest JSON \n records JSON )
//! ```
//! The manifest names the format, the store schema, the bundle, the device, the organisation,
//! the range of stamps, counts per table and the SHA-256 of the records. age authenticates
//! every chunk and the end of the stream, so a flipped byte or a cut-off file fails to
//! decrypt; the manifest is checked against the header and the records after that.
//!
//! Invariant: nothing is applied before the whole bundle is read, decrypted and verified.

use crate::key::{normalize_organisation, organisation_tag, parse_identity};
use crate::SyncError;
use kartoteka_store::sync::{sync_table, FieldState, RowState};
use serde::de::Error as _;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

/// The bundle format this program writes and the newest it reads.
pub const FORMAT: u32 = 1;
const MAGIC: &[u8] = b"KARTOTEKA-SYNC\n";
/// Bundle files end with this; a file still being written has another name.
pub const EXTENSION: &str = "kbundle";

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    bundle_id: String,
    organisation_tag: String,
}

/// What a bundle says about itself (inside the encryption).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The store schema of the writer.
    pub schema: u32,
    pub bundle_id: String,
    pub device: String,
    pub organisation: String,
    pub created_at: String,
    pub full: bool,
    pub hlc_min: Option<String>,
    pub hlc_max: Option<String>,
    pub records: usize,
    pub tombstones: usize,
    pub counts: BTreeMap<String, usize>,
    pub records_sha256: String,
}

#[derive(Serialize, Deserialize)]
struct Records {
    /// Every stamp used, once; fields refer to them by index (index 0 is "").
    stamps: Vec<String>,
    rows: Vec<WireRow>,
}

#[derive(Serialize, Deserialize)]
struct WireRow {
    t: String,
    id: String,
    /// Tombstone stamp index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    f: BTreeMap<String, WireField>,
}

/// `[stamp, base]` for an absent key, `[stamp, base, value]` otherwise (value may be null).
struct WireField {
    s: u32,
    b: u32,
    v: Option<Value>,
}

impl Serialize for WireField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(if self.v.is_some() { 3 } else { 2 }))?;
        seq.serialize_element(&self.s)?;
        seq.serialize_element(&self.b)?;
        if let Some(v) = &self.v {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for WireField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut items = Vec::<Value>::deserialize(d)?;
        if !(2..=3).contains(&items.len()) {
            return Err(D::Error::custom("pole: oczekiwano 2 albo 3 elementów"));
        }
        let v = (items.len() == 3).then(|| items.pop().expect("three"));
        let index = |x: &Value| {
            x.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| D::Error::custom("pole: zły numer znacznika"))
        };
        Ok(WireField {
            s: index(&items[0])?,
            b: index(&items[1])?,
            v,
        })
    }
}

/// Widens the range of stamps [min, max] to take in `s`.
fn note<'a>(s: &'a str, min: &mut Option<&'a str>, max: &mut Option<&'a str>) {
    if s.is_empty() {
        return;
    }
    if min.is_none_or(|m| s < m) {
        *min = Some(s);
    }
    if max.is_none_or(|m| s > m) {
        *max = Some(s);
    }
}

/// Stamps numbered in order of first use; index 0 is "" (no base).
struct StampIndex<'a> {
    list: Vec<String>,
    index: HashMap<&'a str, u32>,
}

impl Default for StampIndex<'_> {
    fn default() -> Self {
        StampIndex {
            list: vec![String::new()],
            index: HashMap::from([("", 0)]),
        }
    }
}

impl<'a> StampIndex<'a> {
    fn index(&mut self, stamp: &'a str) -> u32 {
        if let Some(i) = self.index.get(stamp) {
            return *i;
        }
        let i = self.list.len() as u32;
        self.list.push(stamp.to_owned());
        self.index.insert(stamp, i);
        i
    }
}

/// A bundle ready to be written: the file's bytes and what it holds.
pub struct Sealed {
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
}

/// Everything needed to write a bundle.
pub struct Contents<'a> {
    pub bundle_id: &'a str,
    pub device: &'a str,
    pub organisation: &'a str,
    pub schema: u32,
    pub created_at: &'a str,
    pub full: bool,
    pub rows: &'a [RowState],
}

fn bundle_error(what: &str) -> SyncError {
    SyncError::Bundle(format!(
        "Pakiet synchronizacji jest uszkodzony albo niekompletny ({what}). Nic nie zaimportowano. Skopiuj plik jeszcze raz albo wyeksportuj pakiet ponownie na komputerze, który go utworzył."
    ))
}

/// Serialises, compresses and encrypts rows for the organisation's key.
pub fn seal(contents: Contents, identity: &str) -> Result<Sealed, SyncError> {
    let recipient = parse_identity(identity)?.to_public();
    let mut stamps = StampIndex::default();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut tombstones = 0;
    let mut wire = Vec::with_capacity(contents.rows.len());
    let mut hlc_min: Option<&str> = None;
    let mut hlc_max: Option<&str> = None;
    for row in contents.rows {
        *counts.entry(row.table.clone()).or_default() += 1;
        let x = row.deleted.as_deref().map(|d| {
            note(d, &mut hlc_min, &mut hlc_max);
            stamps.index(d)
        });
        if x.is_some() {
            tombstones += 1;
        }
        let mut f = BTreeMap::new();
        for (k, field) in &row.fields {
            note(&field.stamp, &mut hlc_min, &mut hlc_max);
            let s = stamps.index(&field.stamp);
            let b = stamps.index(&field.base);
            f.insert(
                k.clone(),
                WireField {
                    s,
                    b,
                    v: field.value.clone(),
                },
            );
        }
        wire.push(WireRow {
            t: row.table.clone(),
            id: row.id.clone(),
            x,
            f,
        });
    }
    let records = serde_json::to_vec(&Records {
        stamps: stamps.list,
        rows: wire,
    })
    .expect("records serialise");
    let manifest = Manifest {
        format: FORMAT,
        schema: contents.schema,
        bundle_id: contents.bundle_id.to_owned(),
        device: contents.device.to_owned(),
        organisation: normalize_organisation(contents.organisation),
        created_at: contents.created_at.to_owned(),
        full: contents.full,
        hlc_min: hlc_min.map(str::to_owned),
        hlc_max: hlc_max.map(str::to_owned),
        records: contents.rows.len(),
        tombstones,
        counts,
        records_sha256: hex::encode(Sha256::digest(&records)),
    };
    let header = Header {
        format: FORMAT,
        bundle_id: contents.bundle_id.to_owned(),
        organisation_tag: organisation_tag(contents.organisation),
    };
    let mut out = Vec::with_capacity(records.len() / 4 + 1024);
    out.extend_from_slice(MAGIC);
    serde_json::to_writer(&mut out, &header).expect("header serialises");
    out.push(b'\n');
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| SyncError::Io(format!("szyfrowanie pakietu: {e}")))?;
    let io = |e: std::io::Error| SyncError::Io(format!("szyfrowanie pakietu: {e}"));
    let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
    {
        let mut gz = flate2::write::GzEncoder::new(&mut writer, flate2::Compression::fast());
        serde_json::to_writer(&mut gz, &manifest).expect("manifest serialises");
        gz.write_all(b"\n").map_err(io)?;
        gz.write_all(&records).map_err(io)?;
        gz.finish().map_err(io)?;
    }
    writer.finish().map_err(io)?;
    Ok(Sealed {
        bytes: out,
        manifest,
    })
}

/// A verified, decrypted bundle.
pub struct Opened {
    pub manifest: Manifest,
    pub rows: Vec<RowState>,
}

/// Reads the unencrypted header: refuses other files, newer formats and other organisations
/// before anything is decrypted. Returns the header and where the age file starts.
fn header(bytes: &[u8], organisation: &str) -> Result<(Header, usize), SyncError> {
    if !bytes.starts_with(MAGIC) {
        if MAGIC.starts_with(bytes) {
            return Err(bundle_error("plik jest pusty albo urwany na początku"));
        }
        return Err(SyncError::Bundle(
            "To nie jest pakiet synchronizacji Kartoteki (pliki pakietów mają rozszerzenie .kbundle). Nic nie zaimportowano.".into(),
        ));
    }
    let rest = &bytes[MAGIC.len()..];
    let end = rest
        .iter()
        .take(4096)
        .position(|b| *b == b'\n')
        .ok_or_else(|| bundle_error("nagłówek urwany"))?;
    let header: Header =
        serde_json::from_slice(&rest[..end]).map_err(|_| bundle_error("nagłówek nieczytelny"))?;
    if header.format > FORMAT {
        return Err(SyncError::NewerFormat {
            found: header.format,
            supported: FORMAT,
        });
    }
    if header.organisation_tag != organisation_tag(organisation) {
        return Err(SyncError::WrongOrganisation);
    }
    Ok((header, MAGIC.len() + end + 1))
}

/// Decrypts and verifies a bundle for this organisation's key; nothing is applied here.
pub fn open(
    bytes: &[u8],
    identity: &str,
    organisation: &str,
    schema: u32,
) -> Result<Opened, SyncError> {
    let (head, start) = header(bytes, organisation)?;
    let identity = parse_identity(identity)?;
    let decryptor = age::Decryptor::new_buffered(&bytes[start..]).map_err(decrypt_error)?;
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(decrypt_error)?;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(reader)
        .read_to_end(&mut plain)
        .map_err(|e| {
            // age reports a damaged or cut chunk as an I/O error from the reader.
            bundle_error(&format!(
                "odszyfrowanie lub rozpakowanie nie powiodło się: {}",
                e.kind()
            ))
        })?;
    let split = plain
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bundle_error("brak spisu zawartości"))?;
    let manifest: Manifest = serde_json::from_slice(&plain[..split])
        .map_err(|_| bundle_error("spis zawartości nieczytelny"))?;
    if manifest.format > FORMAT {
        return Err(SyncError::NewerFormat {
            found: manifest.format,
            supported: FORMAT,
        });
    }
    if manifest.schema > schema {
        return Err(SyncError::NewerSchema {
            found: manifest.schema,
            supported: schema,
        });
    }
    if manifest.bundle_id != head.bundle_id
        || manifest.format != head.format
        || normalize_organisation(&manifest.organisation) != normalize_organisation(organisation)
    {
        return Err(bundle_error("nagłówek nie zgadza się ze spisem zawartości"));
    }
    let records = &plain[split + 1..];
    if hex::encode(Sha256::digest(records)) != manifest.records_sha256 {
        return Err(bundle_error("suma kontrolna rekordów się nie zgadza"));
    }
    let records: Records =
        serde_json::from_slice(records).map_err(|_| bundle_error("rekordy nieczytelne"))?;
    let stamp = |i: u32| {
        records
            .stamps
            .get(i as usize)
            .cloned()
            .ok_or_else(|| bundle_error("odwołanie do nieistniejącego znacznika czasu"))
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::with_capacity(records.rows.len());
    for w in records.rows {
        if sync_table(&w.t).is_none() {
            return Err(SyncError::NewerSchema {
                found: manifest.schema,
                supported: schema,
            });
        }
        if w.id.is_empty() || (w.x.is_none() && w.f.is_empty()) {
            return Err(bundle_error("rekord bez identyfikatora albo bez pól"));
        }
        *counts.entry(w.t.clone()).or_default() += 1;
        let mut fields = BTreeMap::new();
        for (k, f) in w.f {
            if k == "id" || k.is_empty() {
                return Err(bundle_error("niedozwolona nazwa pola"));
            }
            fields.insert(
                k,
                FieldState {
                    stamp: stamp(f.s)?,
                    base: stamp(f.b)?,
                    value: f.v,
                },
            );
        }
        rows.push(RowState {
            table: w.t,
            id: w.id,
            deleted: w.x.map(stamp).transpose()?,
            fields,
        });
    }
    if rows.len() != manifest.records || counts != manifest.counts {
        return Err(bundle_error("liczba rekordów nie zgadza się ze spisem"));
    }
    Ok(Opened { manifest, rows })
}

fn decrypt_error(e: age::DecryptError) -> SyncError {
    match e {
        age::DecryptError::NoMatchingKeys | age::DecryptError::KeyDecryptionFailed => {
            SyncError::WrongPassphrase
        }
        age::DecryptError::UnknownFormat => bundle_error("nieznany format szyfrowania"),
        age::DecryptError::Io(e) => bundle_error(&format!("plik urwany ({})", e.kind())),
        other => bundle_error(&format!("szyfrogram: {other}")),
    }
}
