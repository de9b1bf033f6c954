//! The periodic export of sync bundles, shared by the desktop shell: its settings (folder and
//! interval, checked here against the disk), what the status bar shows, and the one decision
//! "is there something to export now, and where".
//!
//! Invariants: an export that cannot happen (folder missing, USB stick out) loses nothing —
//! the changes stay pending in the store and go out with the next export; nothing here writes
//! a bundle except through `App::sync_export`.

use crate::error::ApiError;
use crate::sync::{ExportReport, ExportWatch, SyncExportSettings, SyncStatus};
use crate::App;
use kartoteka_domain::ValidationErrors;
use kartoteka_store::StoreError;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What the Synchronizacja view and the status bar show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncOverview {
    pub status: SyncStatus,
    pub settings: SyncExportSettings,
    /// Whether the export folder is set and can be reached now.
    pub folder_available: bool,
    /// Whether automatic export is on (an interval and a folder are set, sync is configured).
    pub automatic: bool,
    /// Why the last export attempt failed (cleared by the next successful one).
    pub export_error: Option<String>,
}

impl App {
    /// Where and how often the window exports bundles by itself.
    pub fn sync_export_settings(&self) -> Result<SyncExportSettings, ApiError> {
        Ok(self.store.sync_export_settings()?)
    }

    /// Checks the folder on disk (exists, is a folder, a file can be written there) and the
    /// interval, then stores the settings. Every problem comes back at once, per field.
    pub fn sync_export_settings_save(
        &mut self,
        settings: &SyncExportSettings,
    ) -> Result<SyncExportSettings, ApiError> {
        let settings = SyncExportSettings {
            folder: settings.folder.trim().to_owned(),
            interval_minutes: settings.interval_minutes,
        };
        let mut errors = match settings.validate() {
            Ok(()) => ValidationErrors::default(),
            Err(e) => e,
        };
        if !settings.folder.is_empty() && !errors.0.iter().any(|e| e.field == "folder") {
            if let Err(message) = check_folder(Path::new(&settings.folder)) {
                errors.push("folder", message);
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors).into());
        }
        let source = self.source();
        self.store.save_sync_export_settings(source, &settings)?;
        Ok(self.store.sync_export_settings()?)
    }

    /// What the status bar needs (read without touching the disk).
    pub fn sync_state(&self) -> Result<(SyncStatus, SyncExportSettings), ApiError> {
        Ok((self.sync_status()?, self.store.sync_export_settings()?))
    }

    /// Exports to the chosen folder what is pending, if automatic export is on and something
    /// is pending; `Ok(None)` when there is nothing to do. A missing folder is an error
    /// (`not_found`) and the changes stay pending.
    pub fn sync_export_pending(&mut self) -> Result<Option<ExportReport>, ApiError> {
        let settings = self.store.sync_export_settings()?;
        if settings.interval_minutes == 0 || settings.folder.is_empty() {
            return Ok(None);
        }
        let status = self.sync_status()?;
        if !status.configured || status.pending_changes == 0 {
            return Ok(None);
        }
        ExportWatch::none(|watch| self.sync_export(Path::new(&settings.folder), false, watch))
            .map(Some)
    }

    /// "Eksportuj teraz": to the chosen folder, whatever the interval, with progress and a
    /// way to stop it.
    pub fn sync_export_now(
        &mut self,
        watch: &mut ExportWatch<'_>,
    ) -> Result<ExportReport, ApiError> {
        let settings = self.store.sync_export_settings()?;
        if settings.folder.is_empty() {
            return Err(ApiError::invalid(
                "folder",
                "Folder eksportu: najpierw podaj folder i zapisz ustawienia",
            ));
        }
        self.sync_export(Path::new(&settings.folder), false, watch)
    }

    /// The minutes between automatic exports, or `None` when automatic export is off.
    pub fn sync_interval(&self) -> Option<u32> {
        self.store
            .sync_export_settings()
            .ok()
            .filter(|s| s.interval_minutes > 0 && !s.folder.is_empty())
            .map(|s| s.interval_minutes)
    }
}

/// Whether a bundle could be written into `dir` now; the Polish reason when not.
pub fn check_folder(dir: &Path) -> Result<(), String> {
    if !dir.is_absolute() {
        return Err(
            "Folder eksportu: podaj pełną ścieżkę (np. /media/pendrive/kartoteka albo E:\\kartoteka)"
                .into(),
        );
    }
    if !dir.exists() {
        return Err(
            "Folder eksportu: taki folder nie istnieje — utwórz go albo podłącz nośnik".into(),
        );
    }
    if !dir.is_dir() {
        return Err("Folder eksportu: ta ścieżka wskazuje plik, a nie folder".into());
    }
    // The only sure test of "writable" is writing: a hidden probe file, removed at once.
    let probe = dir.join(format!(".kartoteka-probe-{}", uuid_like()));
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(_) => Err(
            "Folder eksportu: nie można w nim zapisywać plików — wybierz inny folder albo sprawdź uprawnienia"
                .into(),
        ),
    }
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    )
}

/// The sync status with the export settings and whether the folder is reachable. Looks at the
/// disk, so call it without holding the store (a slow network share must not block the app).
pub fn overview(
    status: SyncStatus,
    settings: SyncExportSettings,
    export_error: Option<String>,
) -> SyncOverview {
    let folder_available = !settings.folder.is_empty() && Path::new(&settings.folder).is_dir();
    let automatic =
        status.configured && settings.interval_minutes > 0 && !settings.folder.is_empty();
    SyncOverview {
        status,
        settings,
        folder_available,
        automatic,
        export_error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_must_be_a_full_path_to_a_writable_folder() {
        let dir = std::env::temp_dir().join(format!("kartoteka-sync-settings-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(check_folder(Path::new("kartoteka"))
            .unwrap_err()
            .contains("pełną ścieżkę"));
        assert!(check_folder(&dir.join("brak"))
            .unwrap_err()
            .contains("nie istnieje"));
        let file = dir.join("plik.txt");
        std::fs::write(&file, b"x").unwrap();
        assert!(check_folder(&file).unwrap_err().contains("plik"));
        check_folder(&dir).unwrap();
        // The probe is gone: only the file made here is left.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
