//! The Kartoteka desktop shell: one window, the UI in it, and thin commands.
//!
//! Architecture invariant: every command parses its input, calls one method of
//! `kartoteka_api::App` (or a function of its modules before an unlock) and maps the result; no
//! business rule lives here, and no crate below the api is imported. The unlocked `App` is held
//! in `state::AppState`. Background work
//! here is limited to the idle lock, the automatic backups and the periodic sync export
//! (`sync.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod drafts;
mod files;
mod first_run;
mod gdpr;
mod groups;
mod pickers;
mod plans;
mod printing;
mod recruitment;
mod reports;
mod state;
mod sync;
mod window;

use std::time::Duration;
use tauri::{Emitter, Manager};

fn main() {
    kartoteka_api::process::protect_process();
    lean_webview();
    let data_dir = kartoteka_api::resolve_data_dir(data_dir_flag());
    let app = tauri::Builder::default()
        // The system's file choosers, used from Rust only (`pickers.rs`): the window is
        // granted no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(data_dir))
        .setup(|app| {
            if let Some(main) = app.get_webview_window("main") {
                let dir = app.state::<state::AppState>().data_dir.clone();
                window::restore(&main, &dir);
            }
            let handle = app.handle().clone();
            std::thread::spawn(move || idle_lock_loop(handle));
            let handle = app.handle().clone();
            std::thread::spawn(move || sync::periodic_export_loop(handle));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::language_set,
            first_run::setup,
            drafts::draft_save,
            drafts::draft_get,
            drafts::draft_latest,
            drafts::draft_delete,
            first_run::first_run_continue,
            first_run::first_run_recovery_key,
            first_run::recovery_key_sheet,
            first_run::recovery_key_replace,
            first_run::demo_add,
            first_run::demo_remove,
            commands::unlock,
            commands::lock,
            commands::touch,
            commands::restore_latest_backup,
            commands::workers,
            commands::password_reset,
            commands::form_options,
            commands::settings_get,
            commands::settings_save,
            commands::password_change,
            commands::backup_create,
            commands::backup_list,
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
            commands::project_update,
            commands::project_list,
            commands::project_get,
            commands::enrolment_add,
            commands::enrolment_end,
            commands::enrolment_update,
            commands::enrolment_exit_statement,
            recruitment::recruitment_add,
            recruitment::recruitment_list,
            recruitment::recruitment_get,
            recruitment::candidate_add,
            recruitment::recruitment_close,
            recruitment::candidate_resign,
            recruitment::recruitment_print,
            groups::group_add,
            groups::group_list,
            groups::group_get,
            groups::group_join,
            groups::group_leave,
            groups::session_add,
            groups::session_list,
            groups::event_add,
            groups::event_list,
            groups::group_attendance_print,
            groups::group_check,
            commands::consent_texts,
            commands::consent_text_add,
            commands::consent_give,
            commands::consent_withdraw,
            commands::consent_list,
            commands::organisation_get,
            commands::organisation_save,
            printing::print_document,
            files::show_in_folder,
            pickers::pick_folder,
            pickers::pick_file,
            pickers::pick_logo,
            printing::print_batch,
            printing::print_batch_cancel,
            printing::document_list,
            printing::document_open,
            gdpr::audit_list,
            gdpr::audit_verify,
            gdpr::gdpr_export,
            gdpr::gdpr_open,
            gdpr::anonymisation_candidates,
            gdpr::anonymise_expired,
            plans::service_list,
            plans::service_add,
            plans::service_update,
            plans::plan_create,
            plans::plan_create_for_person,
            plans::plan_overview,
            plans::plan_get,
            plans::plan_list,
            plans::plan_update,
            plans::plan_sign,
            plans::plan_amend,
            plans::plan_review,
            plans::plan_close,
            plans::delivery_add,
            plans::delivery_list,
            plans::deliverable_services,
            plans::note_add,
            plans::note_list,
            plans::timeline,
            sync::sync_setup,
            sync::sync_status,
            sync::sync_settings_get,
            sync::sync_settings_save,
            sync::sync_export_now,
            sync::sync_import,
            sync::sync_import_cancel,
            sync::sync_export_cancel,
            sync::sync_conflicts,
            sync::sync_resolve,
            reports::report_cst2021_check,
            reports::report_cst2021_compare,
            reports::report_cst2021,
            reports::report_csv,
            reports::report_cancel,
            reports::report_open,
            reports::report_open_folder,
        ])
        .build(tauri::generate_context!())
        .expect("Kartoteka could not start its window");
    app.run(|handle, event| {
        if let tauri::RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::CloseRequested { .. },
            ..
        } = &event
        {
            if let Some(main) = handle.get_webview_window(label) {
                window::remember(&main, &handle.state::<state::AppState>().data_dir);
            }
        }
        if let tauri::RunEvent::Exit = event {
            // What changed this session goes to the export folder (if automatic export is on).
            sync::export_on_close(handle);
            // A copy on every close, so a lost or broken laptop loses at most one session.
            handle.state::<state::AppState>().if_unlocked(|app| {
                let _ = app.backup_on_close();
            });
        }
    });
}

/// Locks the store after the idle time and tells the window, which shows the unlock screen;
/// in the worker's pauses, copies the store's log into its file (nobody waits for that).
fn idle_lock_loop(handle: tauri::AppHandle) {
    loop {
        std::thread::sleep(Duration::from_secs(2));
        let state = handle.state::<state::AppState>();
        if state.lock_if_idle() {
            let _ = handle.emit("kartoteka://locked", "idle");
        }
        state.checkpoint_when_quiet(Duration::from_secs(2));
    }
}

/// `--data-dir DIR` or `--data-dir=DIR` on the app's command line.
/// WebKitGTK's accelerated compositing keeps layer buffers for every page; on office laptops
/// without a capable GPU (and under Xvfb) it runs in software anyway. Turned off, the web
/// process holds about 95 MB less (207 → 112 MB PSS with 100k people and the list open,
/// scripts/bench-app.sh) and draws these plain, paged screens the same. A value set by the
/// user (or a support technician) is kept.
fn lean_webview() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // Called first in `main`, before any thread exists, so changing the environment
        // cannot race with a reader.
        std::env::set_var(VAR, "1");
    }
}

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
