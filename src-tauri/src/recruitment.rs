//! Recruitment from the window: rounds of a project, candidates, the list, closing,
//! resignations, and the round's documents (saved in the print folder and opened).

use crate::printing::{output_dir, write};
use crate::state::AppState;
use kartoteka_api::recruitment::{RecruitmentDetail, RoundDocument};
use kartoteka_api::ApiError;
use kartoteka_domain::recruitment::{
    Candidate, CandidateInput, Recruitment, RecruitmentInput, Resignation, RoundClosed,
};
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn recruitment_add(
    state: State<'_, AppState>,
    project_id: String,
    input: RecruitmentInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.recruitment_add(&project_id, &input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn recruitment_list(
    state: State<'_, AppState>,
    project_id: String,
) -> Result<Vec<Recruitment>> {
    state.with_app(|a| a.recruitments(&project_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn recruitment_get(state: State<'_, AppState>, id: String) -> Result<RecruitmentDetail> {
    state.with_app(|a| a.recruitment_detail(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn candidate_add(
    state: State<'_, AppState>,
    recruitment_id: String,
    input: CandidateInput,
    confirm_duplicate: bool,
) -> Result<Candidate> {
    state.with_app(|a| a.candidate_add(&recruitment_id, &input, confirm_duplicate))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn recruitment_close(
    state: State<'_, AppState>,
    id: String,
    start_date: Option<String>,
) -> Result<RoundClosed> {
    state.with_app(|a| a.recruitment_close(&id, start_date.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn candidate_resign(
    state: State<'_, AppState>,
    id: String,
    date: Option<String>,
) -> Result<Resignation> {
    state.with_app(|a| a.candidate_resign(&id, date.as_deref()))
}

/// Saves the round's protocol, public list ("protocol" / "results") or a candidate's letter
/// ("letter", `candidate_id`) in the print folder and opens it; resolves to the file.
#[tauri::command(async, rename_all = "snake_case")]
pub fn recruitment_print(
    state: State<'_, AppState>,
    id: String,
    which: String,
    candidate_id: Option<String>,
) -> Result<String> {
    let (bytes, name) = match (which.as_str(), candidate_id.filter(|c| !c.is_empty())) {
        ("protocol", _) => (
            state.with_app(|a| a.recruitment_document(&id, RoundDocument::Protocol))?,
            format!("protokol-rekrutacji-{id}.pdf"),
        ),
        ("results", _) => (
            state.with_app(|a| a.recruitment_document(&id, RoundDocument::Results))?,
            format!("lista-rankingowa-{id}.pdf"),
        ),
        ("letter", Some(candidate)) => (
            state.with_app(|a| a.recruitment_letter(&candidate))?,
            format!("wynik-rekrutacji-{candidate}.pdf"),
        ),
        _ => return Err(ApiError::invalid("which", "Nieznany dokument naboru")),
    };
    let file = output_dir().join(name);
    write(&file, &bytes)?;
    crate::files::print(&file)?;
    Ok(file.display().to_string())
}
