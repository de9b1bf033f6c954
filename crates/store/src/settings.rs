//! Settings kept in the encrypted store: how soon the app locks itself, how many automatic
//! backups to keep. Each is validated here so the UI and the CLI cannot store nonsense.

use crate::error::Result;
use crate::write::Source;
use crate::Store;
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_lock_minutes: 10,
            backups_to_keep: 10,
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
}

const ORGANISATION: &str = "organisation";

impl OrganisationSettings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.name.trim().is_empty() {
            errors.push("name", "Nazwa organizacji: pole jest wymagane");
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
        organisation.validate()?;
        self.write(source, |tx| {
            tx.tx.execute(
                "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![ORGANISATION, serde_json::to_string(organisation).expect("settings serialise"), tx.now_text()],
            )?;
            tx.audit("settings", ORGANISATION, "update", vec!["organisation".into()]);
            Ok(())
        })
    }
}
