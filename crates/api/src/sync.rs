//! Sync for both front ends: set the passphrase, export now, import a file or a folder, status,
//! conflicts and their resolution. The desktop shell calls these from its commands (and its
//! periodic export task); the CLI from `kartoteka sync …`.

use crate::error::{ApiError, ErrorCode};
use kartoteka_store::sync::{SyncConflict, SyncStatus};
use kartoteka_store::{Source, Store};
use kartoteka_sync::SyncError;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

pub use kartoteka_sync::{
    ExportProgress, ExportReport, ExportWatch, FolderImportReport, ImportProgress, ImportReport,
    ImportWatch, SetupReport,
};

/// The environment variable scripts use to give the sync passphrase.
pub const PASSPHRASE_ENV: &str = "KARTOTEKA_SYNC_PASSPHRASE";

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> ApiError {
        let message = e.to_string();
        match e {
            SyncError::Store(e) => e.into(),
            SyncError::Invalid { field, .. } => ApiError::invalid(field, message),
            SyncError::NotConfigured => ApiError::new(ErrorCode::NotConfigured, message),
            SyncError::NotFound(_) => ApiError::new(ErrorCode::NotFound, message),
            // A bundle that cannot be used is bad input: nothing was written.
            SyncError::Bundle(_)
            | SyncError::WrongPassphrase
            | SyncError::WrongOrganisation
            | SyncError::NewerFormat { .. }
            | SyncError::NewerSchema { .. } => ApiError::new(ErrorCode::InvalidInput, message),
            SyncError::Io(_) => ApiError::new(ErrorCode::Internal, message),
            SyncError::Cancelled(_) => ApiError::new(ErrorCode::Cancelled, message),
        }
    }
}

/// What an import of a file or a folder did; `applied`, `unchanged` and `conflicts` are totals.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(untagged)]
pub enum ImportOutcome {
    File(ImportReport),
    Folder(FolderImportReport),
}

pub fn setup(
    store: &mut Store,
    source: Source,
    passphrase: &str,
    organisation: Option<&str>,
) -> Result<SetupReport, ApiError> {
    Ok(kartoteka_sync::setup(
        store,
        source,
        passphrase,
        organisation,
    )?)
}

pub fn export(store: &mut Store, dir: &Path, full: bool) -> Result<ExportReport, ApiError> {
    Ok(kartoteka_sync::export(store, dir, full)?)
}

/// `export` with progress and a way to stop it (a stop writes nothing: `ErrorCode::Cancelled`).
pub fn export_watched(
    store: &mut Store,
    dir: &Path,
    full: bool,
    watch: &mut ExportWatch<'_>,
) -> Result<ExportReport, ApiError> {
    Ok(kartoteka_sync::export_watched(store, dir, full, watch)?)
}

/// Imports one bundle file, or every new bundle in a folder.
pub fn import(store: &mut Store, path: &Path) -> Result<ImportOutcome, ApiError> {
    ImportWatch::none(|watch| import_watched(store, path, watch))
}

/// `import` with progress reports and a way to stop it (the window's progress bar).
pub fn import_watched(
    store: &mut Store,
    path: &Path,
    watch: &mut ImportWatch<'_>,
) -> Result<ImportOutcome, ApiError> {
    if path.is_dir() {
        Ok(ImportOutcome::Folder(kartoteka_sync::import_dir_watched(
            store, path, watch,
        )?))
    } else {
        Ok(ImportOutcome::File(kartoteka_sync::import_file_watched(
            store, path, watch,
        )?))
    }
}

pub fn status(store: &Store) -> Result<SyncStatus, ApiError> {
    Ok(kartoteka_sync::status(store)?)
}

pub fn conflicts(store: &Store, all: bool) -> Result<Vec<SyncConflict>, ApiError> {
    Ok(kartoteka_sync::conflicts(store, all)?)
}

pub fn resolve(
    store: &mut Store,
    source: Source,
    conflict_id: &str,
    keep_mine: bool,
) -> Result<SyncConflict, ApiError> {
    Ok(kartoteka_sync::resolve(
        store,
        source,
        conflict_id,
        keep_mine,
    )?)
}
