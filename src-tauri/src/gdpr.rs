//! The audit log view and the GDPR operations from the window: recent audit events (all, or
//! about one record), the hash-chain check, the full record of one person as JSON and PDF for
//! an access request, and anonymisation after the retention date (preview first).

use crate::printing::{now, output_dir, write};
use crate::state::AppState;
use kartoteka_api::printing::{self, PrintRequest};
use kartoteka_api::{ApiError, ErrorCode};
use kartoteka_domain::Id;
use kartoteka_forms::DocumentKind;
use kartoteka_store::audit::{AuditEvent, Verification};
use kartoteka_store::gdpr::AnonymisationCandidate;
use kartoteka_store::Source;
use std::collections::BTreeSet;
use std::path::PathBuf;
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

/// The most events one call returns.
const MAX_EVENTS: u32 = 2000;

/// Newest first; `record` (any record's id, e.g. a participant's) narrows the list to it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_list(
    state: State<'_, AppState>,
    record: Option<String>,
    limit: u32,
) -> Result<Vec<AuditEvent>> {
    let record = record
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    state.with_store(|s| s.audit_events(record.as_deref(), limit.clamp(1, MAX_EVENTS)))
}

/// Recomputes the hash chain: how many events, and the first broken one if any.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_verify(state: State<'_, AppState>) -> Result<Verification> {
    state.with_store(|s| s.verify_audit())
}

fn participant_id(text: &str) -> Result<Id> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::invalid("participant_id", "Nieprawidłowy identyfikator osoby"))
}

/// The export's files, named by the record's id, never by the person's name.
fn export_file(id: &Id, extension: &str) -> PathBuf {
    output_dir().join(format!("dane-osoby-{id}.{extension}"))
}

/// The full record of one person (as `kartoteka gdpr export` writes it): JSON and the PDF,
/// into the print folder. Returns the two paths.
#[tauri::command(async, rename_all = "snake_case")]
pub fn gdpr_export(state: State<'_, AppState>, participant_id: String) -> Result<Vec<String>> {
    let id = self::participant_id(&participant_id)?;
    let request = PrintRequest {
        kind: Some(DocumentKind::Record),
        participant_id: Some(id.to_string()),
        ..Default::default()
    };
    let (record, printed) = state.with_store_api(|s| {
        let record = s.personal_record(&id.to_string())?;
        Ok((record, printing::print(s, Source::Ui, &request, now())?))
    })?;
    let json = export_file(&id, "json");
    let text = serde_json::to_string_pretty(&record).expect("record serialises");
    write(&json, text.as_bytes())?;
    let pdf = export_file(&id, "pdf");
    write(&pdf, &printed.bytes)?;
    Ok(vec![json.display().to_string(), pdf.display().to_string()])
}

/// Opens one file of a person's export in the system's viewer (`format`: "json" or "pdf").
/// Only the export's own files can be opened, never an arbitrary path from the window.
#[tauri::command(async, rename_all = "snake_case")]
pub fn gdpr_open(participant_id: String, format: String) -> Result<String> {
    let id = self::participant_id(&participant_id)?;
    let extension = match format.as_str() {
        "json" | "pdf" => format.as_str(),
        _ => return Err(ApiError::invalid("format", "Nieznany rodzaj pliku")),
    };
    let file = export_file(&id, extension);
    if !file.exists() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "Nie ma już tego pliku — wykonaj eksport ponownie.",
        ));
    }
    opener::open(&file).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("Nie można otworzyć {}: {e}", file.display()),
        )
    })?;
    Ok(file.display().to_string())
}

/// People whose every project has passed its retention date today (the preview).
#[tauri::command(async, rename_all = "snake_case")]
pub fn anonymisation_candidates(state: State<'_, AppState>) -> Result<Vec<AnonymisationCandidate>> {
    state.with_store(|s| s.anonymisation_candidates(s.clock().today()))
}

/// Anonymises the people of the preview the user saw (`expected`: their ids); when the list
/// has changed since, nothing is done and the window is asked to show the preview again.
/// Returns the ids anonymised.
#[tauri::command(async, rename_all = "snake_case")]
pub fn anonymise_expired(state: State<'_, AppState>, expected: Vec<String>) -> Result<Vec<String>> {
    let expected: BTreeSet<String> = expected.into_iter().collect();
    state.with_store_api(|s| {
        let now: BTreeSet<String> = s
            .anonymisation_candidates(s.clock().today())?
            .into_iter()
            .map(|c| c.id)
            .collect();
        if now != expected {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Lista osób do anonimizacji zmieniła się — sprawdź podgląd jeszcze raz.",
            ));
        }
        Ok(s.anonymise_expired(Source::Ui)?)
    })
}
