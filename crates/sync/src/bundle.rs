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
//! The manifest also holds the writing device's Ed25519 public key (`device_key`) and its
//! signature over the rest of the manifest (`signature`, see `sign`): since the manifest holds
//! the records' SHA-256, the signature covers the whole content. Both fields were added within
//! format 1: an older program ignores them, and a bundle without them (from an older program)
//! is read as unsigned — the importer decides whether its device may still send such bundles.
//!
//! Invariant: nothing is applied before the whole bundle is read, decrypted and its records
//! checksum verified; rows are then parsed one at a time (`Opened::rows`) into a transaction
//! that is abandoned when a row or the counts turn out wrong. Writing is streamed the same
//! way (`Sealer`): neither side holds a bundle's rows as row states all at once.

use crate::key::{normalize_organisation, organisation_tag, parse_identity};
use crate::sign::{self, DeviceSigner};
use crate::SyncError;
use kartoteka_store::sync::{sync_table, FieldState, RowState, Stamp};
use serde::de::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

mod rows;
use rows::{RecordsSeed, RowReader};

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
    /// The writing device's Ed25519 public key (hex); absent in bundles of older programs.
    /// After `open`, present only if `signature` verified with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Ed25519 signature (hex) over the manifest without this field (see `sign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

#[derive(Deserialize)]
struct WireRow {
    t: String,
    id: String,
    /// Tombstone stamp index.
    #[serde(default)]
    x: Option<u32>,
    /// The fields in the order written (sorted by name).
    #[serde(default, deserialize_with = "entries")]
    f: Vec<(String, WireField)>,
}

/// A JSON object's entries as they come, without building a map for them.
fn entries<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, WireField)>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<(String, WireField)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("pola rekordu")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(32));
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Visitor)
}

/// `[stamp, base]` for an absent key, `[stamp, base, value]` otherwise (value may be null).
struct WireField {
    s: u32,
    b: u32,
    v: Option<Value>,
}

impl<'de> Deserialize<'de> for WireField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = WireField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("[znacznik, poprzedni znacznik, wartość?]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<WireField, A::Error> {
                let wrong = || A::Error::custom("pole: oczekiwano 2 albo 3 elementów");
                let s = seq.next_element::<u32>()?.ok_or_else(wrong)?;
                let b = seq.next_element::<u32>()?.ok_or_else(wrong)?;
                let v = seq.next_element::<Value>()?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(wrong());
                }
                Ok(WireField { s, b, v })
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// Stamps numbered in order of first use; index 0 is "" (no base). The fields of a row
/// mostly share one stamp, so the last one looked up is remembered by address.
struct StampIndex {
    list: Vec<Stamp>,
    index: HashMap<Stamp, u32>,
    last: (usize, usize, u32),
}

impl Default for StampIndex {
    fn default() -> Self {
        let none = Stamp::from("");
        StampIndex {
            list: vec![none.clone()],
            index: HashMap::from([(none, 0)]),
            last: (0, 0, 0),
        }
    }
}

impl StampIndex {
    fn index(&mut self, stamp: &Stamp) -> u32 {
        let key = (stamp.as_ptr() as usize, stamp.len());
        if (self.last.0, self.last.1) == key {
            return self.last.2;
        }
        let i = match self.index.get(stamp) {
            Some(i) => *i,
            None => {
                let i = self.list.len() as u32;
                self.list.push(stamp.clone());
                self.index.insert(stamp.clone(), i);
                i
            }
        };
        self.last = (key.0, key.1, i);
        i
    }
}

/// A bundle ready to be written: the file's bytes and what it holds.
pub struct Sealed {
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
}

/// What a bundle says about where it comes from.
pub struct Contents<'a> {
    pub bundle_id: &'a str,
    pub device: &'a str,
    pub organisation: &'a str,
    pub schema: u32,
    pub created_at: &'a str,
    pub full: bool,
    /// The writing installation's key: it signs the manifest.
    pub signer: &'a DeviceSigner,
}

/// The largest bundle file read, and the most it may unpack to: a stray multi-gigabyte file
/// in the sync folder is refused before it is read, not after it has filled the memory. A
/// full bundle of a million people is well below both.
pub const MAX_FILE_BYTES: u64 = 2 << 30;
pub const MAX_UNPACKED_BYTES: u64 = 8 << 30;

/// How far ahead of this computer's clock a change in a bundle may be stamped.
pub const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// Tables whose rows the app deletes (a family tie removed, a service taken out of a draft
/// plan): a tombstone for any other table is refused — people and casework are archived or
/// anonymised, never deleted.
const DELETABLE: &[&str] = &["relations", "planned_services"];

fn bundle_error(what: &str) -> SyncError {
    SyncError::Bundle(format!(
        "Pakiet synchronizacji jest uszkodzony albo niekompletny ({what}). Nic nie zaimportowano. Skopiuj plik jeszcze raz albo wyeksportuj pakiet ponownie na komputerze, który go utworzył."
    ))
}

/// Writes rows into a bundle as they come (each row is serialised at once and can be
/// dropped), then compresses and encrypts the whole for the organisation's key.
///
/// The records are `{"stamps": [...], "rows": [...]}`: every stamp used, once, then the rows
/// whose fields refer to stamps by index (`[stamp, base]` for an absent key, `[stamp, base,
/// value]` otherwise). Indexes are given while rows are written; the list goes first.
#[derive(Default)]
pub struct Sealer {
    stamps: StampIndex,
    rows: Vec<u8>,
    records: usize,
    tombstones: usize,
    counts: BTreeMap<String, usize>,
    hlc_min: Option<Stamp>,
    hlc_max: Option<Stamp>,
}

impl Sealer {
    /// Widens the range of stamps [min, max] to take in `s`.
    fn note(&mut self, s: &Stamp) {
        if s.is_empty() {
            return;
        }
        if self.hlc_min.as_ref().is_none_or(|m| s < m) {
            self.hlc_min = Some(s.clone());
        }
        if self.hlc_max.as_ref().is_none_or(|m| s > m) {
            self.hlc_max = Some(s.clone());
        }
    }

    pub fn push(&mut self, row: &RowState) {
        match self.counts.get_mut(&row.table) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(row.table.clone(), 1);
            }
        }
        let deleted = row.deleted.as_deref().map(|d| {
            let d = Stamp::from(d);
            self.note(&d);
            self.tombstones += 1;
            self.stamps.index(&d)
        });
        let mut out = std::mem::take(&mut self.rows);
        out.push(if self.records == 0 { b'[' } else { b',' });
        out.extend_from_slice(b"{\"t\":");
        json(&mut out, &row.table);
        out.extend_from_slice(b",\"id\":");
        json(&mut out, &row.id);
        if let Some(x) = deleted {
            out.extend_from_slice(b",\"x\":");
            json(&mut out, &x);
        }
        if !row.fields.is_empty() {
            out.extend_from_slice(b",\"f\":{");
            let mut last_stamp: Option<&Stamp> = None;
            for (i, (k, f)) in row.fields.iter().enumerate() {
                if last_stamp.is_none_or(|l| !Stamp::ptr_eq(l, &f.stamp)) {
                    self.note(&f.stamp);
                    last_stamp = Some(&f.stamp);
                }
                if i > 0 {
                    out.push(b',');
                }
                json(&mut out, k);
                out.extend_from_slice(b":[");
                json(&mut out, &self.stamps.index(&f.stamp));
                out.push(b',');
                json(&mut out, &self.stamps.index(&f.base));
                if let Some(v) = &f.value {
                    out.push(b',');
                    json(&mut out, v);
                }
                out.push(b']');
            }
            out.push(b'}');
        }
        out.push(b'}');
        self.rows = out;
        self.records += 1;
    }

    /// Compresses and encrypts what was pushed.
    pub fn seal(self, contents: Contents, identity: &str) -> Result<Sealed, SyncError> {
        let recipient = parse_identity(identity)?.to_public();
        let mut head = Vec::with_capacity(64 * self.stamps.list.len() + 32);
        head.extend_from_slice(b"{\"stamps\":");
        let list: Vec<&str> = self.stamps.list.iter().map(|s| &**s).collect();
        serde_json::to_writer(&mut head, &list).expect("stamps serialise");
        head.extend_from_slice(b",\"rows\":");
        let tail: &[u8] = if self.records == 0 { b"[]}" } else { b"]}" };
        let mut hash = Sha256::new();
        for part in [&head[..], &self.rows, tail] {
            hash.update(part);
        }
        let manifest = Manifest {
            format: FORMAT,
            schema: contents.schema,
            bundle_id: contents.bundle_id.to_owned(),
            device: contents.device.to_owned(),
            organisation: normalize_organisation(contents.organisation),
            created_at: contents.created_at.to_owned(),
            full: contents.full,
            hlc_min: self.hlc_min.as_deref().map(str::to_owned),
            hlc_max: self.hlc_max.as_deref().map(str::to_owned),
            records: self.records,
            tombstones: self.tombstones,
            counts: self.counts,
            records_sha256: hex::encode(hash.finalize()),
            device_key: Some(contents.signer.public_hex()),
            signature: None,
        };
        let manifest = Manifest {
            signature: Some(
                contents
                    .signer
                    .sign_manifest(&serde_json::to_value(&manifest).expect("manifest serialises")),
            ),
            ..manifest
        };
        let header = Header {
            format: FORMAT,
            bundle_id: contents.bundle_id.to_owned(),
            organisation_tag: organisation_tag(contents.organisation),
        };
        let mut out = Vec::with_capacity(self.rows.len() / 4 + 1024);
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
            for part in [&head[..], &self.rows, tail] {
                gz.write_all(part).map_err(io)?;
            }
            gz.finish().map_err(io)?;
        }
        writer.finish().map_err(io)?;
        Ok(Sealed {
            bytes: out,
            manifest,
        })
    }
}

/// Serialises a value straight into the records buffer.
fn json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(out, value).expect("a value serialises");
}

/// A decrypted bundle whose manifest and records checksum are verified; its rows are read
/// one at a time by `rows`.
pub struct Opened {
    pub manifest: Manifest,
    plain: Vec<u8>,
    records_at: usize,
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
        .take(MAX_UNPACKED_BYTES + 1)
        .read_to_end(&mut plain)
        .map_err(|e| {
            // age reports a damaged or cut chunk as an I/O error from the reader.
            bundle_error(&format!(
                "odszyfrowanie lub rozpakowanie nie powiodło się: {}",
                e.kind()
            ))
        })?;
    if plain.len() as u64 > MAX_UNPACKED_BYTES {
        return Err(bundle_error("zawartość większa niż dopuszczalne 8 GiB"));
    }
    let split = plain
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bundle_error("brak spisu zawartości"))?;
    let unreadable = |_| bundle_error("spis zawartości nieczytelny");
    let manifest_json: Value = serde_json::from_slice(&plain[..split]).map_err(unreadable)?;
    let manifest: Manifest = Manifest::deserialize(&manifest_json).map_err(unreadable)?;
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
    // The device's signature over the manifest (and so, through its checksum, the records).
    sign::verify_manifest(&manifest_json)?;
    let records = &plain[split + 1..];
    if hex::encode(Sha256::digest(records)) != manifest.records_sha256 {
        return Err(bundle_error("suma kontrolna rekordów się nie zgadza"));
    }
    Ok(Opened {
        manifest,
        plain,
        records_at: split + 1,
    })
}

impl Opened {
    /// Hands the rows to `sink` one at a time, in the bundle's order, so a large bundle is
    /// never held as row states all at once. Unknown tables, rows without an id or fields,
    /// reserved field names and counts that differ from the manifest are errors (after some
    /// rows may have gone to `sink`: the caller applies them in a transaction it abandons).
    ///
    /// `now_ms` is this computer's clock: a stamp more than `MAX_CLOCK_AHEAD_MS` ahead of it,
    /// or one that is not a stamp, refuses the bundle.
    pub fn rows(
        &self,
        schema: u32,
        now_ms: u64,
        sink: &mut dyn FnMut(RowState) -> Result<(), SyncError>,
    ) -> Result<(), SyncError> {
        let mut reader = RowReader {
            latest_ms: now_ms.saturating_add(MAX_CLOCK_AHEAD_MS),
            sink,
            stamps: None,
            counts: BTreeMap::new(),
            records: 0,
            error: None,
            found_schema: self.manifest.schema,
            schema,
        };
        let mut de = serde_json::Deserializer::from_slice(&self.plain[self.records_at..]);
        let read = serde::de::DeserializeSeed::deserialize(RecordsSeed(&mut reader), &mut de)
            .and_then(|()| de.end());
        if let Err(e) = read {
            return Err(reader
                .error
                .take()
                .unwrap_or_else(|| bundle_error(&format!("rekordy nieczytelne: {e}"))));
        }
        if reader.records != self.manifest.records || reader.counts != self.manifest.counts {
            return Err(bundle_error("liczba rekordów nie zgadza się ze spisem"));
        }
        Ok(())
    }
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
