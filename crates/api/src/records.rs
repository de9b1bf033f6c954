//! What the registry says about itself and about one person: the audit log and its check,
//! the store's integrity, a person's full record (art. 15 RODO) and anonymisation after the
//! retention date.

use crate::app::App;
use crate::error::{ApiError, ErrorCode};
use crate::printing::{self, PrintRequest};
use kartoteka_domain::Id;
use kartoteka_forms::DocumentKind;
pub use kartoteka_store::AnonymisationCandidate;
pub use kartoteka_store::{AuditEvent, Verification};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The most audit events one call returns.
pub const AUDIT_LIMIT: u32 = 2000;

/// `kartoteka check`: the database's integrity and the audit chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    /// `ok` (a damaged database is an error, not a report).
    pub integrity: String,
    #[ts(type = "number")]
    pub audit_events: i64,
    #[ts(type = "number | null")]
    pub audit_first_broken: Option<i64>,
}

/// The files of a person's export: the JSON record and its PDF.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportedFiles {
    pub files: Vec<String>,
}

/// What `anonymise` did, or (not applied) who it would anonymise.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Anonymisation {
    pub applied: bool,
    /// The preview (empty once applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<AnonymisationCandidate>>,
    /// The ids anonymised (when applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymised: Option<Vec<String>>,
}

/// The export's files are named by the record's id, never by the person's name.
pub fn export_file(dir: &Path, id: &Id, extension: &str) -> PathBuf {
    dir.join(format!("dane-osoby-{id}.{extension}"))
}

fn participant_id(text: &str) -> Result<Id, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::invalid("participant_id", "Nieprawidłowy identyfikator osoby"))
}

impl App {
    /// Newest first; `record` (any record's id) narrows the list to it. 1 to `AUDIT_LIMIT`
    /// events; anything else is refused.
    pub fn audit_events(
        &self,
        record: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, ApiError> {
        if !(1..=AUDIT_LIMIT).contains(&limit) {
            return Err(ApiError::invalid(
                "limit",
                format!("Liczba zdarzeń musi wynosić od 1 do {AUDIT_LIMIT} (podano {limit})."),
            ));
        }
        let record = record.map(str::trim).filter(|r| !r.is_empty());
        Ok(self.store.audit_events(record, limit)?)
    }

    /// Recomputes the audit log's hash chain.
    pub fn audit_verify(&self) -> Result<Verification, ApiError> {
        Ok(self.store.verify_audit()?)
    }

    /// SQLite's integrity check, then the audit chain.
    pub fn check(&self) -> Result<CheckReport, ApiError> {
        self.store.integrity_check()?;
        let audit = self.store.verify_audit()?;
        Ok(CheckReport {
            integrity: "ok".into(),
            audit_events: audit.events,
            audit_first_broken: audit.first_broken,
        })
    }

    /// A person's full record (an access request, art. 15 RODO) as JSON and as the printed
    /// record, into `out` (made if missing); both files are the user's alone.
    pub fn gdpr_export(
        &mut self,
        participant: &str,
        out: &Path,
    ) -> Result<ExportedFiles, ApiError> {
        let id = participant_id(participant)?;
        let record = self.store.personal_record(&id.to_string())?;
        let request = PrintRequest {
            kind: Some(DocumentKind::Record),
            participant_id: Some(id.to_string()),
            ..Default::default()
        };
        let source = self.source();
        let printed = printing::print(
            &mut self.store,
            source,
            &request,
            chrono::Local::now().fixed_offset(),
        )?;
        let json = export_file(out, &id, "json");
        let text = serde_json::to_string_pretty(&record).expect("record serialises");
        crate::print_folder::write_private(&json, text.as_bytes())?;
        let pdf = export_file(out, &id, "pdf");
        crate::print_folder::write_private(&pdf, &printed.bytes)?;
        Ok(ExportedFiles {
            files: vec![json.display().to_string(), pdf.display().to_string()],
        })
    }

    /// People whose every project has passed its retention date today (the preview).
    pub fn anonymisation_candidates(&self) -> Result<Vec<AnonymisationCandidate>, ApiError> {
        Ok(self
            .store
            .anonymisation_candidates(self.store.clock().today())?)
    }

    /// Anonymises today's candidates. With `expected` (the ids of the preview the person
    /// saw), nothing is done when the list has changed since.
    pub fn anonymise_expired(
        &mut self,
        expected: Option<&[String]>,
    ) -> Result<Vec<String>, ApiError> {
        if let Some(expected) = expected {
            let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
            let candidates = self.anonymisation_candidates()?;
            let now: BTreeSet<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
            if now != expected {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Lista osób do anonimizacji zmieniła się — sprawdź podgląd jeszcze raz.",
                ));
            }
        }
        let source = self.source();
        Ok(self.store.anonymise_expired(source)?)
    }
}
