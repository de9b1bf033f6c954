//! Settings kept in the encrypted store: how soon the app locks itself, how many automatic
//! backups to keep. Each is validated here so the UI and the CLI cannot store nonsense.

use crate::error::Result;
use crate::write::Source;
use crate::Store;
use kartoteka_domain::text::{short_text, LINE_MAX};
use kartoteka_domain::ValidationErrors;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    /// Minutes without activity after which the app locks itself (1–240).
    pub idle_lock_minutes: u32,
    /// How many automatic backups of each kind (daily, on close) to keep (1–100).
    pub backups_to_keep: u32,
    /// Printed documents, reports and exports in the print folder older than this many days
    /// are deleted when the store is unlocked (1–365): they are personal data in the clear.
    pub print_files_keep_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_lock_minutes: 10,
            backups_to_keep: 10,
            print_files_keep_days: 30,
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if !(1..=240).contains(&self.idle_lock_minutes) {
            errors.push(
                "idle_lock_minutes",
                "Blokada po bezczynności: podaj od 1 do 240 minut",
            );
        }
        if !(1..=100).contains(&self.backups_to_keep) {
            errors.push(
                "backups_to_keep",
                "Liczba kopii zapasowych: podaj od 1 do 100",
            );
        }
        if !(1..=365).contains(&self.print_files_keep_days) {
            errors.push(
                "print_files_keep_days",
                "Przechowywanie wydruków: podaj od 1 do 365 dni",
            );
        }
        errors.into_result(|| ())
    }
}

const KEY: &str = "general";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    pub fn save_settings(&mut self, source: Source, settings: &Settings) -> Result<()> {
        settings.validate()?;
        let before = self.settings()?;
        self.write(source, |tx| {
            tx.tx.execute(
                "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![KEY, serde_json::to_string(settings).expect("settings serialise"), tx.now_text()],
            )?;
            let mut fields = Vec::new();
            if before.idle_lock_minutes != settings.idle_lock_minutes {
                fields.push("idle_lock_minutes".to_owned());
            }
            if before.backups_to_keep != settings.backups_to_keep {
                fields.push("backups_to_keep".to_owned());
            }
            if before.print_files_keep_days != settings.print_files_keep_days {
                fields.push("print_files_keep_days".to_owned());
            }
            tx.audit("settings", KEY, "update", fields);
            Ok(())
        })
    }
}

/// The organisation printed at the top of every document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct OrganisationSettings {
    pub name: String,
    /// Address and contact lines as printed.
    pub address_lines: Vec<String>,
    /// The town printed before "miejscowość, data" on signature lines.
    pub place: String,
    /// The logo strip (PNG or JPEG) as base64, printed atop EU-project documents.
    pub logo_strip_base64: Option<String>,
    /// The personal data controller (administrator danych) as named in the RODO clause:
    /// usually the centre itself, or the commune it belongs to ("" = the organisation above).
    pub controller_name: String,
    /// The controller's address, one line ("" = the organisation's address lines).
    pub controller_address: String,
    /// How to reach the data protection officer (inspektor ochrony danych): name, e-mail,
    /// telephone or address, as printed.
    pub dpo_contact: String,
}

const ORGANISATION: &str = "organisation";

impl OrganisationSettings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.name.trim().is_empty() {
            errors.push("name", "Nazwa organizacji: pole jest wymagane");
        }
        for (field, label, value) in [
            ("name", "Nazwa organizacji", &self.name),
            ("place", "Miejscowość", &self.place),
            (
                "controller_name",
                "Administrator danych",
                &self.controller_name,
            ),
            (
                "controller_address",
                "Adres administratora",
                &self.controller_address,
            ),
            ("dpo_contact", "Inspektor ochrony danych", &self.dpo_contact),
        ] {
            short_text(&mut errors, field, label, &Some(value.clone()), LINE_MAX);
        }
        for line in &self.address_lines {
            short_text(
                &mut errors,
                "address_lines",
                "Adres",
                &Some(line.clone()),
                LINE_MAX,
            );
        }
        if let Some(logo) = &self.logo_strip_base64 {
            if logo.len() > 4_000_000 {
                errors.push(
                    "logo_strip_base64",
                    "Pasek logotypów: plik jest za duży (najwyżej ok. 3 MB)",
                );
            }
        }
        errors.into_result(|| ())
    }
}

impl Store {
    pub fn organisation(&self) -> Result<OrganisationSettings> {
        let json: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [ORGANISATION],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    pub fn save_organisation(
        &mut self,
        source: Source,
        organisation: &OrganisationSettings,
    ) -> Result<()> {
        self.save_organisation_with(source, organisation, &[])
    }

    /// Saves the organisation and other settings (`key`, JSON text) in one transaction.
    pub fn save_organisation_with(
        &mut self,
        source: Source,
        organisation: &OrganisationSettings,
        values: &[(&str, String)],
    ) -> Result<()> {
        organisation.validate()?;
        let json = serde_json::to_string(organisation).expect("settings serialise");
        self.write(source, |tx| {
            put(tx, ORGANISATION, Some(&json))?;
            for (key, value) in values {
                put(tx, key, Some(value))?;
            }
            Ok(())
        })
    }

    /// A setting the api keeps as JSON text under its own key (see `save_setting_value`).
    pub fn setting_value(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets (or with `None` removes) one setting, audited by its key.
    pub fn save_setting_value(
        &mut self,
        source: Source,
        key: &str,
        value: Option<&str>,
    ) -> Result<()> {
        self.write(source, |tx| put(tx, key, value))
    }
}

fn put(tx: &mut crate::Tx, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(value) => tx.tx.execute(
            "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![key, value, tx.now_text()],
        )?,
        None => tx.tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    tx.audit("settings", key, "update", vec![key.to_owned()]);
    Ok(())
}

/// The periodic export of sync bundles: the folder they go to and how often. Kept only on this
/// computer (the settings table does not travel in bundles: each installation has its own
/// folder). The folder's existence is checked by the caller (`kartoteka_api::sync_settings`),
/// since a USB stick may be out when the settings are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SyncExportSettings {
    /// Full path of the export folder ("" = not chosen yet).
    pub folder: String,
    /// Minutes between automatic exports (0 = off, at most 1440 = once a day).
    pub interval_minutes: u32,
}

impl Default for SyncExportSettings {
    fn default() -> Self {
        SyncExportSettings {
            folder: String::new(),
            interval_minutes: 15,
        }
    }
}

impl SyncExportSettings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.interval_minutes > 1440 {
            errors.push(
                "interval_minutes",
                "Eksport co: podaj od 0 (wyłączony) do 1440 minut",
            );
        }
        if self.interval_minutes > 0 && self.folder.trim().is_empty() {
            errors.push(
                "folder",
                "Folder eksportu: podaj pełną ścieżkę folderu albo wyłącz eksport automatyczny (0 minut)",
            );
        }
        errors.into_result(|| ())
    }
}

const SYNC_EXPORT: &str = "sync_export";

impl Store {
    pub fn sync_export_settings(&self) -> Result<SyncExportSettings> {
        let json: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [SYNC_EXPORT],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    pub fn save_sync_export_settings(
        &mut self,
        source: Source,
        settings: &SyncExportSettings,
    ) -> Result<()> {
        settings.validate()?;
        let before = self.sync_export_settings()?;
        self.write(source, |tx| {
            tx.tx.execute(
                "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![SYNC_EXPORT, serde_json::to_string(settings).expect("settings serialise"), tx.now_text()],
            )?;
            let mut fields = Vec::new();
            if before.folder != settings.folder {
                fields.push("folder".to_owned());
            }
            if before.interval_minutes != settings.interval_minutes {
                fields.push("interval_minutes".to_owned());
            }
            tx.audit("settings", SYNC_EXPORT, "update", fields);
            Ok(())
        })
    }
}
