//! Drafts of the window's forms: kept as the worker types, restored after an unlock.

use crate::state::AppState;
use kartoteka_api::drafts::Draft;
use kartoteka_api::ApiError;
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn draft_save(
    state: State<'_, AppState>,
    key: String,
    route: String,
    data: String,
) -> Result<()> {
    state.with_app(|a| a.draft_save(&key, &route, &data))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn draft_get(state: State<'_, AppState>, key: String) -> Result<Option<Draft>> {
    state.with_app(|a| a.draft(&key))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn draft_latest(state: State<'_, AppState>) -> Result<Option<Draft>> {
    state.with_app(|a| a.draft_latest())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn draft_delete(state: State<'_, AppState>, key: String) -> Result<bool> {
    state.with_app(|a| a.draft_delete(&key))
}
