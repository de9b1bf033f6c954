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
use kartoteka_store::sync::{sync_table, FieldState, RowState, Stamp};
use serde::de::Error as _;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::cell::Cell;
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

#[derive(Deserialize)]
struct WireRow {
    t: String,
    id: String,
    /// Tombstone stamp index.
    #[serde(default)]
    x: Option<u32>,
    #[serde(default)]
    f: BTreeMap<String, WireField>,
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

/// The records as written: every stamp used, once (index 0 is ""), then the rows, serialised
/// straight from the row states, their fields referring to stamps by index.
#[derive(Serialize)]
struct RecordsOut<'a> {
    stamps: &'a [&'a str],
    rows: RowsOut<'a>,
}

struct RowsOut<'a> {
    rows: &'a [RowState],
    stamps: &'a StampIndex<'a>,
}

impl Serialize for RowsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
        struct Fields<'a>(&'a RowState, &'a StampIndex<'a>);
        impl Serialize for Fields<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.fields.len()))?;
                for (k, f) in &self.0.fields {
                    map.serialize_entry(k, &FieldOut(f, self.1))?;
                }
                map.end()
            }
        }
        struct FieldOut<'a>(&'a FieldState, &'a StampIndex<'a>);
        impl Serialize for FieldOut<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let f = self.0;
                let mut seq = serializer.serialize_seq(Some(2 + usize::from(f.value.is_some())))?;
                seq.serialize_element(&self.1.get(&f.stamp))?;
                seq.serialize_element(&self.1.get(&f.base))?;
                if let Some(v) = &f.value {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
        }
        let mut seq = serializer.serialize_seq(Some(self.rows.len()))?;
        for row in self.rows {
            struct RowOut<'a>(&'a RowState, &'a StampIndex<'a>);
            impl Serialize for RowOut<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    let row = self.0;
                    let mut st = serializer.serialize_struct("WireRow", 4)?;
                    st.serialize_field("t", &row.table)?;
                    st.serialize_field("id", &row.id)?;
                    if let Some(d) = &row.deleted {
                        st.serialize_field("x", &self.1.get(d))?;
                    }
                    if !row.fields.is_empty() {
                        st.serialize_field("f", &Fields(row, self.1))?;
                    }
                    st.end()
                }
            }
            seq.serialize_element(&RowOut(row, self.stamps))?;
        }
        seq.end()
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

/// Stamps numbered in order of first use; index 0 is "" (no base). The fields of a row
/// mostly share one stamp, so the last one looked up is remembered by address.
struct StampIndex<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
    last: Cell<(usize, usize, u32)>,
}

impl Default for StampIndex<'_> {
    fn default() -> Self {
        StampIndex {
            list: vec![""],
            index: HashMap::from([("", 0)]),
            last: Cell::new((0, 0, 0)),
        }
    }
}

impl<'a> StampIndex<'a> {
    fn add(&mut self, stamp: &'a str) {
        if !self.index.contains_key(stamp) {
            self.index.insert(stamp, self.list.len() as u32);
            self.list.push(stamp);
        }
    }

    /// The index of a stamp given to `add` before.
    fn get(&self, stamp: &str) -> u32 {
        let key = (stamp.as_ptr() as usize, stamp.len());
        let (p, n, i) = self.last.get();
        if (p, n) == key {
            return i;
        }
        let i = self.index[stamp];
        self.last.set((key.0, key.1, i));
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
    let mut hlc_min: Option<&str> = None;
    let mut hlc_max: Option<&str> = None;
    // Rows come grouped by table: count a run at a time.
    let mut runs: Vec<(&str, usize)> = Vec::new();
    for row in contents.rows {
        match runs.last_mut() {
            Some((t, n)) if *t == row.table => *n += 1,
            _ => runs.push((&row.table, 1)),
        }
        if let Some(d) = row.deleted.as_deref() {
            note(d, &mut hlc_min, &mut hlc_max);
            stamps.add(d);
            tombstones += 1;
        }
        for field in row.fields.values() {
            note(&field.stamp, &mut hlc_min, &mut hlc_max);
            stamps.add(&field.stamp);
            stamps.add(&field.base);
        }
    }
    for (t, n) in runs {
        *counts.entry(t.to_owned()).or_default() += n;
    }
    let records = serde_json::to_vec(&RecordsOut {
        stamps: &stamps.list,
        rows: RowsOut {
            rows: contents.rows,
            stamps: &stamps,
        },
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
    pub fn rows(
        &self,
        schema: u32,
        sink: &mut dyn FnMut(RowState) -> Result<(), SyncError>,
    ) -> Result<(), SyncError> {
        let mut reader = RowReader {
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

/// What reading the records keeps between rows.
struct RowReader<'s> {
    sink: &'s mut dyn FnMut(RowState) -> Result<(), SyncError>,
    stamps: Option<Vec<Stamp>>,
    counts: BTreeMap<String, usize>,
    records: usize,
    /// The error that stopped the reading (the deserializer only carries text).
    error: Option<SyncError>,
    found_schema: u32,
    schema: u32,
}

impl RowReader<'_> {
    fn take(&mut self, w: WireRow) -> Result<(), SyncError> {
        let Some(table) = sync_table(&w.t) else {
            return Err(SyncError::NewerSchema {
                found: self.found_schema,
                supported: self.schema,
            });
        };
        if w.id.is_empty() || (w.x.is_none() && w.f.is_empty()) {
            return Err(bundle_error("rekord bez identyfikatora albo bez pól"));
        }
        let stamps = self
            .stamps
            .as_ref()
            .ok_or_else(|| bundle_error("rekordy przed listą znaczników czasu"))?;
        let stamp = |i: u32| {
            stamps
                .get(i as usize)
                .cloned()
                .ok_or_else(|| bundle_error("odwołanie do nieistniejącego znacznika czasu"))
        };
        let mut fields = BTreeMap::new();
        for (k, f) in w.f {
            if k == "id" || k.is_empty() {
                return Err(bundle_error("niedozwolona nazwa pola"));
            }
            let state = FieldState {
                stamp: stamp(f.s)?,
                base: stamp(f.b)?,
                value: f.v,
            };
            fields.insert(k, state);
        }
        let deleted = w.x.map(|x| stamp(x).map(|s| s.to_string())).transpose()?;
        match self.counts.get_mut(table.table) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(table.table.to_owned(), 1);
            }
        }
        self.records += 1;
        (self.sink)(RowState {
            table: w.t,
            id: w.id,
            deleted,
            fields,
        })
    }
}

/// `{"stamps": [...], "rows": [...]}`, the stamps first (as written).
struct RecordsSeed<'r, 's>(&'r mut RowReader<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("rekordy pakietu")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "stamps" => {
                    let list: Vec<String> = map.next_value()?;
                    self.0.stamps = Some(list.iter().map(|s| Stamp::from(s.as_str())).collect());
                }
                "rows" => map.next_value_seed(RowsSeed(self.0))?,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct RowsSeed<'r, 's>(&'r mut RowReader<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("lista rekordów")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(w) = seq.next_element::<WireRow>()? {
            if let Err(e) = self.0.take(w) {
                let text = e.to_string();
                self.0.error = Some(e);
                return Err(A::Error::custom(text));
            }
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
