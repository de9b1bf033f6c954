//! The first-run wizard's commands: creating the store with the organisation and the first
//! worker, the wizard's steps, the recovery key's sheet, and the demo data.

use crate::printing::{now, output_dir, write};
use crate::state::AppState;
use kartoteka_api::access::RecoveryKeyPrinted;
use kartoteka_api::dto::AppStatus;
use kartoteka_api::dto::SetupResult;
use kartoteka_api::first_run::{self, DemoAdded, DemoRemoved, FirstRunStep, SetupRequest};
use kartoteka_api::{ApiError, Frontend};
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

/// Creates the store from the wizard's first two steps; the recovery key comes back once.
#[tauri::command(async, rename_all = "snake_case")]
pub fn setup(state: State<'_, AppState>, request: SetupRequest) -> Result<SetupResult> {
    let created = first_run::setup_office(&state.data_dir, &request, Frontend::Window)?;
    let recovery_key = created.recovery_key.to_string();
    state.set(Some(created.app));
    Ok(SetupResult {
        recovery_key,
        status: state.status(),
    })
}

/// Records the wizard's next step (none: finished).
#[tauri::command(async, rename_all = "snake_case")]
pub fn first_run_continue(
    state: State<'_, AppState>,
    next: Option<FirstRunStep>,
) -> Result<AppStatus> {
    state.with_app(|a| a.first_run_continue(next))?;
    Ok(state.status())
}

/// A resumed wizard's new recovery key (the first one was never confirmed as written down).
#[tauri::command(async, rename_all = "snake_case")]
pub fn first_run_recovery_key(state: State<'_, AppState>) -> Result<String> {
    Ok(state.with_app(|a| a.first_run_recovery_key())?.to_string())
}

/// The recovery key's sheet as a PDF in the print folder, opened in the viewer ("Drukuj").
#[tauri::command(async, rename_all = "snake_case")]
pub fn recovery_key_sheet(state: State<'_, AppState>, recovery_key: String) -> Result<String> {
    let bytes = state.with_app(|a| a.recovery_key_sheet(&recovery_key))?;
    let file = output_dir().join(format!(
        "Klucz odzyskiwania – {}.pdf",
        now().format("%Y-%m-%d")
    ));
    write(&file, &bytes)?;
    crate::files::print(&file)?;
    Ok(file.display().to_string())
}

/// Ustawienia → "Nowy klucz odzyskiwania": a new key's sheet written into the print folder
/// and opened; only then does the key replace the old one.
#[tauri::command(async, rename_all = "snake_case")]
pub fn recovery_key_replace(state: State<'_, AppState>) -> Result<RecoveryKeyPrinted> {
    let file = output_dir().join(format!(
        "Klucz odzyskiwania – {}.pdf",
        now().format("%Y-%m-%d")
    ));
    state
        .with_app(|a| {
            a.recovery_key_print(
                |bytes| {
                    write(&file, bytes)?;
                    Ok(file.display().to_string())
                },
                |written| {
                    let _ = std::fs::remove_file(written);
                },
            )
        })
        .inspect(|_| {
            // The new key is in force and its sheet saved: a viewer that fails to start
            // leaves the sheet in the print folder, where the message sends her.
            let _ = crate::files::print(&file);
        })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn demo_add(state: State<'_, AppState>) -> Result<DemoAdded> {
    state.with_app(|a| a.demo_add())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn demo_remove(state: State<'_, AppState>) -> Result<DemoRemoved> {
    state.with_app(|a| a.demo_remove())
}
