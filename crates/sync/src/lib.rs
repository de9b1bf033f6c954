//! Sync between Kartoteka installations through bundle files.
//!
//! A field laptop and the office copy each keep a full database. `export` writes the records
//! changed since the last export (or all) into one encrypted bundle file; `import` verifies,
//! decrypts and applies a bundle in one transaction. Any transport that carries files will do
//! (USB stick, network share, a folder synced by another tool).
//!
//! Architecture invariants:
//! - Applying a bundle twice changes nothing; bundles applied in any order leave every
//!   installation with the same records (per-field last writer wins by (HLC, device), see
//!   `merge`), and both sides keep a conflict where they changed the same field unknowingly.
//! - A bundle is applied whole or not at all; a damaged, cut-off, foreign (other passphrase or
//!   organisation) or newer-format bundle is refused before anything is written.
//! - Encryption is age (X25519) with a key derived once from the passphrase (`key`); bundle file
//!   names carry only a device tag and the time, never personal data; nothing is logged.
//! - Every bundle is signed by the device that wrote it (Ed25519, `sign`; the seed lives only
//!   in the encrypted store). The first signed bundle of a device applied here records its
//!   public key (trust on first use); a later bundle claiming that device with another key, a
//!   bad signature, or no signature once the device is known to sign, is refused whole.
//! - No SQL here: the store (`kartoteka_store::sync`) reads and writes, this crate decides.

pub mod bundle;
mod import;
pub mod key;
pub mod merge;
pub mod sign;

pub use import::{import_dir, import_dir_watched, import_file, import_file_watched};

use kartoteka_store::sync::{ApplyBatch, ApplySummary, DeviceKeyCheck, SyncConflict, SyncStatus};
use kartoteka_store::{Source, Store, StoreError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Everything that can go wrong in sync; each message is Polish and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Synchronizacja nie jest skonfigurowana na tym komputerze. Ustaw hasło synchronizacji organizacji: „kartoteka sync setup” (albo w programie: Synchronizacja).")]
    NotConfigured,
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    NotFound(String),
    /// Damaged, cut-off, tampered or not a bundle at all.
    #[error("{0}")]
    Bundle(String),
    #[error("Tego pakietu nie da się odszyfrować: został zaszyfrowany innym hasłem synchronizacji. Sprawdź, czy na obu komputerach ustawiono to samo hasło organizacji. Nic nie zaimportowano.")]
    WrongPassphrase,
    #[error("Ten pakiet pochodzi z innej organizacji (inna nazwa organizacji przy ustawianiu synchronizacji). Sprawdź nazwę organizacji na obu komputerach. Nic nie zaimportowano.")]
    WrongOrganisation,
    #[error("Ten pakiet zapisała nowsza wersja programu (format {found}, ta wersja zna {supported}). Zaktualizuj Kartotekę i zaimportuj go ponownie. Nic nie zaimportowano.")]
    NewerFormat { found: u32, supported: u32 },
    #[error("Ten pakiet zapisała nowsza wersja programu (schemat danych {found}, ta wersja zna {supported}). Zaktualizuj Kartotekę i zaimportuj go ponownie. Nic nie zaimportowano.")]
    NewerSchema { found: u32, supported: u32 },
    #[error("{0}")]
    Io(String),
    /// The person stopped the import; the bundle being applied changed nothing.
    #[error("{0}")]
    Cancelled(String),
}

/// How far an import is, for a progress bar: the bundle (from 1) of how many, and its rows.
/// `done == total` while the rows are being committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub bundle: u32,
    pub bundles: u32,
    pub done: u32,
    pub total: u32,
}

/// What a running import reports to and asks of whoever started it (the window).
pub struct ImportWatch<'a> {
    /// Called when a bundle starts, every `PROGRESS_EVERY` rows and before the commit.
    pub progress: &'a mut dyn FnMut(ImportProgress),
    /// Asked every `PROGRESS_EVERY` rows: `true` abandons the bundle being applied.
    pub cancelled: &'a dyn Fn() -> bool,
}

impl ImportWatch<'_> {
    /// For callers with nobody watching (the CLI, tests).
    pub fn none<T>(f: impl FnOnce(&mut ImportWatch<'_>) -> T) -> T {
        f(&mut ImportWatch {
            progress: &mut |_| {},
            cancelled: &|| false,
        })
    }
}

/// Rows between two progress reports (and cancellation checks) of an import.
pub const PROGRESS_EVERY: u32 = 2_000;

/// How far an export is, for a progress bar: records written into the bundle of how many.
/// `done == total` while the bundle is being sealed and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// What a running export reports to and asks of whoever started it (the window).
pub struct ExportWatch<'a> {
    /// Called when the rows are known, every `PROGRESS_EVERY` rows and before sealing.
    pub progress: &'a mut dyn FnMut(ExportProgress),
    /// Asked every `PROGRESS_EVERY` rows and before the file is written: `true` stops the
    /// export; nothing is written and nothing is marked as exported.
    pub cancelled: &'a dyn Fn() -> bool,
}

impl ExportWatch<'_> {
    /// For callers with nobody watching (the CLI, the periodic export, tests).
    pub fn none<T>(f: impl FnOnce(&mut ExportWatch<'_>) -> T) -> T {
        f(&mut ExportWatch {
            progress: &mut |_| {},
            cancelled: &|| false,
        })
    }
}

/// What a stopped export says.
pub const EXPORT_CANCELLED: &str =
    "Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.";

/// What `setup` stored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SetupReport {
    pub configured: bool,
    /// The organisation as it identifies the key (spaces collapsed, lower case).
    pub organisation: String,
    pub device_id: String,
}

/// What `export` wrote. With nothing to send no file is written (`file` is null).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub file: Option<String>,
    pub records: u32,
    pub tombstones: u32,
    pub full: bool,
    pub bundle_id: Option<String>,
    pub bytes: u64,
    pub hlc_min: Option<String>,
    pub hlc_max: Option<String>,
    pub message: String,
}

/// What importing one bundle did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub bundle_id: String,
    pub device: String,
    pub records: u32,
    pub applied: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    /// Who vouches for the bundle: "signed" (with the key known for its device), "first_signed"
    /// (the device's first signed bundle here: its key is remembered from now on), "unsigned"
    /// (written by an older version of the program, from a device never seen signing).
    pub signature: String,
    /// The public key (hex, Ed25519) that signed the bundle; null when unsigned.
    pub device_key: Option<String>,
    /// What a person should know about where the bundle comes from (Polish), or null.
    pub note: Option<String>,
}

/// A bundle in a folder that was refused (the others are still applied).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RefusedBundle {
    pub file: String,
    pub error: String,
}

/// What importing a folder did: totals, then each bundle.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FolderImportReport {
    pub applied: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    /// Bundles already written or applied here, not read again.
    pub skipped: u32,
    pub bundles: Vec<ImportReport>,
    pub refused: Vec<RefusedBundle>,
}

/// Sets (or replaces) the organisation's sync passphrase on this installation. The key is
/// derived once here; the passphrase itself is not stored.
pub fn setup(
    store: &mut Store,
    source: Source,
    passphrase: &str,
    organisation: Option<&str>,
) -> Result<SetupReport, SyncError> {
    let organisation = match organisation.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => o.to_owned(),
        None => store.organisation()?.name,
    };
    let identity = key::derive_identity(passphrase, &organisation)?;
    let organisation = key::normalize_organisation(&organisation);
    store.save_sync_config(source, &organisation, &identity)?;
    Ok(SetupReport {
        configured: true,
        organisation,
        device_id: store.device_id()?,
    })
}

fn config(store: &Store) -> Result<kartoteka_store::sync::SyncConfig, SyncError> {
    store.sync_config()?.ok_or(SyncError::NotConfigured)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The SHA-256 of a file, read as a stream in 64 KiB pieces (never the whole file at once).
fn sha256_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hash.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hex::encode(hash.finalize()))
}

/// Writes one bundle with what changed since the last export (or everything) into `dir`.
/// The file appears under its final name only once it is complete.
pub fn export(store: &mut Store, dir: &Path, full: bool) -> Result<ExportReport, SyncError> {
    ExportWatch::none(|watch| export_watched(store, dir, full, watch))
}

/// `export` with progress and a way to stop it (see `ExportWatch`).
pub fn export_watched(
    store: &mut Store,
    dir: &Path,
    full: bool,
    watch: &mut ExportWatch<'_>,
) -> Result<ExportReport, SyncError> {
    let config = config(store)?;
    if !dir.is_dir() {
        return Err(SyncError::NotFound(format!(
            "Folder eksportu {} jest niedostępny (nośnik odłączony albo zła ścieżka). Zmiany czekają i zostaną wysłane przy następnym eksporcie.",
            dir.display()
        )));
    }
    let mut sealer = bundle::Sealer::default();
    // Both callbacks report: the count before the first row, then the rows.
    let total = std::cell::Cell::new(0u32);
    let progress = std::cell::RefCell::new(&mut *watch.progress);
    let report = |p: ExportProgress| (progress.borrow_mut())(p);
    let cancelled = watch.cancelled;
    let mut done = 0u32;
    let batch = store.sync_export(
        full,
        &mut |n| {
            total.set(u32::try_from(n).unwrap_or(u32::MAX));
            report(ExportProgress {
                done: 0,
                total: total.get(),
            });
        },
        &mut |row| {
            sealer.push(&row);
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                if cancelled() {
                    return Err(StoreError::Cancelled(EXPORT_CANCELLED.into()));
                }
                report(ExportProgress {
                    done,
                    total: total.get().max(done),
                });
            }
            Ok(())
        },
    );
    let batch = match batch {
        Err(StoreError::Cancelled(m)) => return Err(SyncError::Cancelled(m)),
        other => other?,
    };
    report(ExportProgress { done, total: done });
    if batch.records == 0 {
        return Ok(ExportReport {
            file: None,
            records: 0,
            tombstones: 0,
            full,
            bundle_id: None,
            bytes: 0,
            hlc_min: None,
            hlc_max: None,
            message: "Brak zmian do wysłania — nie utworzono pakietu.".into(),
        });
    }
    let signer = sign::DeviceSigner::from_seed_hex(&batch.signing_seed)?;
    let now = store.clock().now();
    let bundle_id = uuid::Uuid::now_v7().to_string();
    let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let sealed = sealer.seal(
        bundle::Contents {
            bundle_id: &bundle_id,
            device: &batch.device,
            organisation: &config.organisation,
            schema: store.schema_version()?,
            created_at: &created_at,
            full,
            signer: &signer,
        },
        &config.identity,
    )?;
    // The name tells only which installation (a tag of its id) and when.
    let tag: String = batch
        .device
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>();
    let tag = &tag[tag.len().saturating_sub(8)..];
    // The last chance to stop: what follows writes the file and marks the rows as sent.
    if cancelled() {
        return Err(SyncError::Cancelled(EXPORT_CANCELLED.into()));
    }
    let base = format!("kartoteka-{tag}-{}", now.format("%Y%m%dT%H%M%S%3fZ"));
    let mut path = dir.join(format!("{base}.{}", bundle::EXTENSION));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{base}-{n}.{}", bundle::EXTENSION));
    }
    let name = path
        .file_name()
        .expect("has a name")
        .to_string_lossy()
        .into_owned();
    write_atomically(&path, &sealed.bytes)?;
    store.sync_mark_exported(
        &bundle_id,
        &sha256_hex(&sealed.bytes),
        &name,
        sealed.manifest.records,
        batch.upto_seq,
        &signer.public_hex(),
    )?;
    Ok(ExportReport {
        file: Some(path.display().to_string()),
        records: sealed.manifest.records as u32,
        tombstones: sealed.manifest.tombstones as u32,
        full,
        bundle_id: Some(bundle_id),
        bytes: sealed.bytes.len() as u64,
        hlc_min: sealed.manifest.hlc_min.clone(),
        hlc_max: sealed.manifest.hlc_max.clone(),
        message: format!("Zapisano pakiet z {} rekordami.", sealed.manifest.records),
    })
}

/// Writes to a hidden temporary name, flushes to disk, then renames: a half-written bundle
/// never has a bundle's name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.part",
        path.file_name().expect("has a name").to_string_lossy()
    ));
    let fail = |e: std::io::Error| {
        let _ = std::fs::remove_file(&tmp);
        SyncError::Io(format!(
            "Nie udało się zapisać pakietu w folderze {} ({e}). Zmiany czekają i zostaną wysłane przy następnym eksporcie.",
            dir.display()
        ))
    };
    let mut file = kartoteka_store::files::create(&tmp).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(fail)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

pub fn status(store: &Store) -> Result<SyncStatus, SyncError> {
    Ok(store.sync_status()?)
}

pub fn conflicts(store: &Store, all: bool) -> Result<Vec<SyncConflict>, SyncError> {
    Ok(store.sync_conflicts(all)?)
}

/// Keeps this installation's value (`keep_mine`) or the incoming one; the kept value gets a
/// fresh stamp so the decision travels to the other installations.
pub fn resolve(
    store: &mut Store,
    source: Source,
    conflict_id: &str,
    keep_mine: bool,
) -> Result<SyncConflict, SyncError> {
    Ok(store.sync_resolve(source, conflict_id, keep_mine)?)
}
