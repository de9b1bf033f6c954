//! The Kartoteka desktop shell: one window, the UI in it, and thin commands.
//!
//! Architecture invariant: every command parses its input, calls one core function and maps
//! the result; no business rule lives here. The store is opened only through
//! `kartoteka_store::Store` and held in `state::AppState` while unlocked.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

fn main() {
    let data_dir = kartoteka_api::resolve_data_dir(data_dir_flag());
    tauri::Builder::default()
        .manage(state::AppState::new(data_dir))
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::setup,
            commands::unlock,
            commands::lock,
            commands::form_options,
            commands::participant_validate,
            commands::participant_add,
            commands::participant_update,
            commands::participant_get,
            commands::participant_search,
            commands::participant_page,
            commands::participant_archive,
            commands::participant_restore,
            commands::participant_family,
            commands::participant_enrolments,
            commands::participant_audit,
            commands::relation_add,
            commands::relation_remove,
            commands::project_add,
            commands::project_list,
            commands::project_get,
            commands::enrolment_add,
            commands::enrolment_end,
        ])
        .run(tauri::generate_context!())
        .expect("Kartoteka could not start its window");
}

/// `--data-dir DIR` or `--data-dir=DIR` on the app's command line.
fn data_dir_flag() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(value.into());
        }
    }
    None
}
