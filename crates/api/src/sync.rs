//! Sync for both front ends: set the passphrase, export now, import a file or a folder, status,
//! conflicts and their resolution. The desktop shell calls these from its commands (and its
//! periodic export task); the CLI from `kartoteka sync …`.

use crate::error::{ApiError, ErrorCode};
use crate::App;
use kartoteka_sync::SyncError;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

pub use kartoteka_store::settings::SyncExportSettings;
pub use kartoteka_store::sync::{SyncConflict, SyncStatus};
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

impl App {
    /// Sets the organisation's sync passphrase (and name) on this computer.
    pub fn sync_setup(
        &mut self,
        passphrase: &str,
        organisation: Option<&str>,
    ) -> Result<SetupReport, ApiError> {
        self.refuse_while_demo()?;
        let source = self.source();
        Ok(kartoteka_sync::setup(
            &mut self.store,
            source,
            passphrase,
            organisation,
        )?)
    }

    /// Writes a bundle into `dir` (the changes since the last export, or everything), with
    /// progress and a way to stop it (a stop writes nothing: `ErrorCode::Cancelled`).
    pub fn sync_export(
        &mut self,
        dir: &Path,
        full: bool,
        watch: &mut ExportWatch<'_>,
    ) -> Result<ExportReport, ApiError> {
        self.refuse_while_demo()?;
        Ok(kartoteka_sync::export_watched(
            &mut self.store,
            dir,
            full,
            watch,
        )?)
    }

    /// Imports one bundle file, or every new bundle in a folder, with progress reports and a
    /// way to stop it.
    pub fn sync_import(
        &mut self,
        path: &Path,
        watch: &mut ImportWatch<'_>,
    ) -> Result<ImportOutcome, ApiError> {
        self.refuse_while_demo()?;
        if path.is_dir() {
            Ok(ImportOutcome::Folder(kartoteka_sync::import_dir_watched(
                &mut self.store,
                path,
                watch,
            )?))
        } else {
            Ok(ImportOutcome::File(kartoteka_sync::import_file_watched(
                &mut self.store,
                path,
                watch,
            )?))
        }
    }

    /// This computer's sync state: device, last export, changes waiting to go out.
    pub fn sync_status(&self) -> Result<SyncStatus, ApiError> {
        Ok(kartoteka_sync::status(&self.store)?)
    }

    /// The conflicts to decide (with `all`, also the decided ones).
    pub fn sync_conflicts(&self, all: bool) -> Result<Vec<SyncConflict>, ApiError> {
        Ok(kartoteka_sync::conflicts(&self.store, all)?)
    }

    /// Decides a conflict: keeps this computer's value (`keep_mine`) or the incoming one.
    pub fn sync_resolve(
        &mut self,
        conflict_id: &str,
        keep_mine: bool,
    ) -> Result<SyncConflict, ApiError> {
        let source = self.source();
        Ok(kartoteka_sync::resolve(
            &mut self.store,
            source,
            conflict_id,
            keep_mine,
        )?)
    }
}
