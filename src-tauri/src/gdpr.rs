//! The audit log view and the GDPR operations from the window: recent audit events (all, or
//! about one record), the hash-chain check, the full record of one person as JSON and PDF for
//! an access request, and anonymisation after the retention date (preview first).

use crate::state::AppState;
use kartoteka_api::records::export_file;
use kartoteka_api::records::{AnonymisationCandidate, AuditEvent, Verification};
use kartoteka_api::{print_folder, ApiError, ErrorCode};
use kartoteka_domain::Id;
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

/// Newest first; `record` (any record's id, e.g. a participant's) narrows the list to it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_list(
    state: State<'_, AppState>,
    record: Option<String>,
    limit: u32,
) -> Result<Vec<AuditEvent>> {
    state.with_app(|a| a.audit_events(record.as_deref(), limit))
}

/// Recomputes the hash chain: how many events, and the first broken one if any.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_verify(state: State<'_, AppState>) -> Result<Verification> {
    state.with_app(|a| a.audit_verify())
}

/// The full record of one person (as `kartoteka gdpr export` writes it): JSON and the PDF,
/// into the print folder. Returns the two paths.
#[tauri::command(async, rename_all = "snake_case")]
pub fn gdpr_export(state: State<'_, AppState>, participant_id: String) -> Result<Vec<String>> {
    let folder = print_folder::ensure()?;
    Ok(state
        .with_app(|a| a.gdpr_export(&participant_id, &folder))?
        .files)
}

/// Opens one file of a person's export in the system's viewer (`format`: "json" or "pdf").
/// Only the export's own files can be opened, never an arbitrary path from the window.
#[tauri::command(async, rename_all = "snake_case")]
pub fn gdpr_open(participant_id: String, format: String) -> Result<String> {
    let id: Id = participant_id
        .trim()
        .parse()
        .map_err(|_| ApiError::invalid("participant_id", "Nieprawidłowy identyfikator osoby"))?;
    let extension = match format.as_str() {
        "json" | "pdf" => format.as_str(),
        _ => return Err(ApiError::invalid("format", "Nieznany rodzaj pliku")),
    };
    let file = export_file(&print_folder::dir(), &id, extension);
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
    state.with_app(|a| a.anonymisation_candidates())
}

/// Anonymises the people of the preview the user saw (`expected`: their ids); when the list
/// has changed since, nothing is done and the window is asked to show the preview again.
/// Returns the ids anonymised.
#[tauri::command(async, rename_all = "snake_case")]
pub fn anonymise_expired(state: State<'_, AppState>, expected: Vec<String>) -> Result<Vec<String>> {
    state.with_app(|a| a.anonymise_expired(Some(&expected)))
}
