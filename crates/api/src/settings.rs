//! The office's settings, the organisation printed on documents, backups and what starts in
//! the background after an unlock.

use crate::app::App;
use crate::app::Frontend;
use crate::error::{ApiError, ErrorCode};
pub use kartoteka_store::backup::BackupInfo;
use kartoteka_store::backup::BACKUP_DIR;
pub use kartoteka_store::settings::{OrganisationSettings, Settings};
use kartoteka_store::{OpenOptions, Store};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A store replaced by a backup: the file it came from and where the replaced one was kept.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    pub restored_from: String,
    pub previous_kept_as: Option<String>,
}

/// Where a store's own backups go.
pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// The backups in `dir`, newest first.
pub fn backups(dir: &Path) -> Result<Vec<BackupInfo>, ApiError> {
    Ok(kartoteka_store::backup::list(dir)?)
}

/// Replaces the store in `data_dir` with the backup `file`, after checking that the password
/// opens it and that it is whole and not from a newer program.
pub fn restore(data_dir: &Path, file: &Path, password: &str) -> Result<Restored, ApiError> {
    let kept = Store::restore(data_dir, file, password, OpenOptions::default())?;
    Ok(Restored {
        restored_from: file.display().to_string(),
        previous_kept_as: kept.map(|k| k.display().to_string()),
    })
}

/// The way back when the database file is missing or damaged: the newest backup of the
/// store's own folder replaces it (the damaged file is kept beside it), and the store opens.
pub fn restore_latest(
    data_dir: &Path,
    password: &str,
    frontend: Frontend,
) -> Result<App, ApiError> {
    let latest = backups(&backup_dir(data_dir))?
        .into_iter()
        .next()
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "Nie ma żadnej kopii zapasowej w folderze danych.",
            )
        })?;
    restore(data_dir, Path::new(&latest.file), password)?;
    crate::access::unlock(data_dir, password, frontend)
}

/// The fields of the organisation to change (`kartoteka organisation --json`); absent ones
/// stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub address_lines: Option<Vec<String>>,
    pub place: Option<String>,
    /// A PNG or JPEG file with the strip of logos printed atop EU-project documents.
    pub logo_strip_file: Option<String>,
    /// The data controller the RODO clause names ("" = the organisation itself).
    pub controller_name: Option<String>,
    pub controller_address: Option<String>,
    /// The data protection officer's contact (IOD).
    pub dpo_contact: Option<String>,
}

/// The organisation as `kartoteka organisation` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct OrganisationSummary {
    pub name: String,
    pub address_lines: Vec<String>,
    pub place: String,
    pub logo_strip: bool,
    pub controller_name: String,
    pub controller_address: String,
    pub dpo_contact: String,
}

impl App {
    pub fn settings(&self) -> Result<Settings, ApiError> {
        Ok(self.store.settings()?)
    }

    /// Saves the settings; returns them as stored.
    pub fn settings_save(&mut self, settings: &Settings) -> Result<Settings, ApiError> {
        let source = self.source();
        self.store.save_settings(source, settings)?;
        self.settings()
    }

    pub fn organisation(&self) -> Result<OrganisationSettings, ApiError> {
        Ok(self.store.organisation()?)
    }

    /// Saves the organisation printed on documents; returns it as stored.
    pub fn organisation_save(
        &mut self,
        organisation: &OrganisationSettings,
    ) -> Result<OrganisationSettings, ApiError> {
        let source = self.source();
        self.store.save_organisation(source, organisation)?;
        self.organisation()
    }

    /// Changes the fields of the organisation that `patch` gives (a logo strip is read from
    /// its file and must be PNG or JPEG); returns what `kartoteka organisation` shows.
    pub fn organisation_update(
        &mut self,
        patch: &OrganisationPatch,
    ) -> Result<OrganisationSummary, ApiError> {
        let mut settings = self.organisation()?;
        if let Some(name) = &patch.name {
            settings.name = name.trim().to_owned();
        }
        if let Some(lines) = &patch.address_lines {
            settings.address_lines = lines.clone();
        }
        for (value, field) in [
            (&patch.place, &mut settings.place),
            (&patch.controller_name, &mut settings.controller_name),
            (&patch.controller_address, &mut settings.controller_address),
            (&patch.dpo_contact, &mut settings.dpo_contact),
        ] {
            if let Some(value) = value {
                *field = value.trim().to_owned();
            }
        }
        if let Some(file) = &patch.logo_strip_file {
            settings.logo_strip_base64 = Some(read_logo_file(
                std::path::Path::new(file),
                "logo_strip_file",
            )?);
        }
        self.organisation_save(&settings)?;
        self.organisation_summary()
    }

    /// The organisation as `kartoteka organisation` shows it (whether a logo strip is set,
    /// not its bytes).
    pub fn organisation_summary(&self) -> Result<OrganisationSummary, ApiError> {
        let settings = self.organisation()?;
        Ok(OrganisationSummary {
            name: settings.name,
            address_lines: settings.address_lines,
            place: settings.place,
            logo_strip: settings.logo_strip_base64.is_some(),
            controller_name: settings.controller_name,
            controller_address: settings.controller_address,
            dpo_contact: settings.dpo_contact,
        })
    }

    /// A backup made by hand: into `to` (default: the store's `backups/`); for another
    /// computer with its key slots beside it.
    pub fn backup_create(
        &self,
        to: Option<&Path>,
        for_another_computer: bool,
    ) -> Result<BackupInfo, ApiError> {
        let path = if for_another_computer {
            self.store.backup_for_another_computer(to)?
        } else {
            self.store.backup(to, "reczna")?
        };
        backups(path.parent().unwrap_or(Path::new(".")))?
            .into_iter()
            .find(|b| Path::new(&b.file) == path)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Internal,
                    format!(
                        "Kopia zapisana w {}, ale nie widać jej na liście.",
                        path.display()
                    ),
                )
            })
    }

    /// What an unlock starts in the background: the day's automatic backup (on a second
    /// connection, so the list does not wait for it) and emptying the print folder of files
    /// older than the office's setting.
    pub fn start_housekeeping(&self, print_folder: PathBuf) {
        let settings = self.store.settings().ok();
        let keep_days = settings.as_ref().map_or(30, |s| s.print_files_keep_days);
        std::thread::spawn(move || {
            let _ =
                crate::print_folder::clean(&print_folder, keep_days, std::time::SystemTime::now());
        });
        if self.store.backed_up_today().unwrap_or(true) {
            return;
        }
        let keep = settings.map_or(10, |s| s.backups_to_keep as usize);
        let Ok(second) = self.store.second_connection() else {
            return;
        };
        std::thread::spawn(move || {
            let _ = second.automatic_backup("dzienna", keep);
        });
    }

    /// A copy on every close of the window, so a lost or broken laptop loses at most one
    /// session (the oldest automatic copies beyond the setting are removed).
    pub fn backup_on_close(&self) -> Result<(), ApiError> {
        let keep = self
            .store
            .settings()
            .map(|s| s.backups_to_keep as usize)
            .unwrap_or(10);
        self.store.automatic_backup("zamkniecie", keep)?;
        Ok(())
    }

    /// Copies the store's write-ahead log into its file, so that work is never waited for
    /// by a click (the window calls it in the worker's pauses).
    pub fn checkpoint(&self) -> Result<(), ApiError> {
        self.store.checkpoint()?;
        Ok(())
    }

    /// How long the window may stay idle before it locks itself (from the settings).
    pub fn idle_lock_minutes(&self) -> Option<u32> {
        self.store.settings().ok().map(|s| s.idle_lock_minutes)
    }
}

/// Reads a strip of logos for the documents' header from `file` (the CLI's
/// `logo_strip_file`, the window's picker) as base64: it must be a PNG or JPEG of at most
/// 5 MB. `field` names the field in the error.
pub fn read_logo_file(file: &std::path::Path, field: &str) -> Result<String, ApiError> {
    use base64::Engine;
    const MAX: u64 = 5 * 1024 * 1024;
    let size = std::fs::metadata(file)
        .map_err(|e| {
            ApiError::invalid(field, format!("Nie można odczytać pliku z logotypami: {e}"))
        })?
        .len();
    if size > MAX {
        return Err(ApiError::invalid(
            field,
            "Plik z logotypami jest większy niż 5 MB — zapisz go w mniejszym rozmiarze (wystarczy szerokość ok. 2000 pikseli).",
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        ApiError::invalid(field, format!("Nie można odczytać pliku z logotypami: {e}"))
    })?;
    if !(bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8])) {
        return Err(ApiError::invalid(
            field,
            "Pasek logotypów musi być plikiem PNG albo JPEG",
        ));
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_strip_is_read_as_base64_only_when_it_is_a_png_or_jpeg_of_at_most_5_mb() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("pasek.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
        assert_eq!(read_logo_file(&png, "org_logo").unwrap(), "iVBORw0KGgo=");
        let jpeg = dir.path().join("pasek.jpg");
        std::fs::write(&jpeg, [0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
        assert!(read_logo_file(&jpeg, "org_logo")
            .unwrap()
            .starts_with("/9j/"));

        let gif = dir.path().join("pasek.gif");
        std::fs::write(&gif, b"GIF89a").unwrap();
        let err = read_logo_file(&gif, "org_logo").unwrap_err();
        assert_eq!(err.fields[0].field, "org_logo");
        assert!(err.fields[0].message.contains("PNG albo JPEG"));

        let big = dir.path().join("duzy.png");
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(5 * 1024 * 1024 + 1, 0);
        std::fs::write(&big, bytes).unwrap();
        assert!(
            read_logo_file(&big, "logo_strip_file").unwrap_err().fields[0]
                .message
                .contains("5 MB")
        );
        let gone = read_logo_file(&dir.path().join("nie-ma.png"), "org_logo").unwrap_err();
        assert!(gone.fields[0].message.contains("Nie można odczytać"));
    }
}
