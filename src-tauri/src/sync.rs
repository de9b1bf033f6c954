//! Sync from the window: the organisation's passphrase, the export folder and interval, export
//! now, import a bundle or a folder, conflicts — and the periodic export task.
//!
//! Architecture invariants: each command passes its input to one `kartoteka_api` function and
//! maps the result. The periodic task only decides *when* (every N minutes, on close, again
//! 30 s after a failure); *whether and where* is `App::sync_export_pending`.
//! A failed export loses nothing: the changes stay pending in the store. After every export,
//! import, resolution, settings change or failed attempt the window gets the
//! `kartoteka://sync-status` event with the new `SyncOverview`, so the status bar follows.

use crate::state::AppState;
use kartoteka_api::sync::{
    ExportProgress, ExportReport, ExportWatch, ImportOutcome, ImportProgress, ImportWatch,
    SetupReport, SyncConflict, SyncExportSettings,
};
use kartoteka_api::sync_settings::{self, SyncOverview};
use kartoteka_api::{ApiError, App};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, State};

type Result<T> = std::result::Result<T, ApiError>;

/// The event the status bar listens to; its payload is a `SyncOverview`.
pub const STATUS_EVENT: &str = "kartoteka://sync-status";

/// How far a running import is; its payload is an `ImportProgress`.
pub const IMPORT_PROGRESS_EVENT: &str = "kartoteka://sync-import-progress";

/// Set by `sync_import_cancel`; the running import abandons its bundle at the next check.
static IMPORT_CANCELLED: AtomicBool = AtomicBool::new(false);

/// How far "Eksportuj teraz" is; its payload is an `ExportProgress`.
pub const EXPORT_PROGRESS_EVENT: &str = "kartoteka://sync-export-progress";

/// Set by `sync_export_cancel`; the running "Eksportuj teraz" stops and writes nothing.
static EXPORT_CANCELLED: AtomicBool = AtomicBool::new(false);

/// How often the task wakes up: to see whether an export is due and whether the status changed.
const TICK: Duration = Duration::from_secs(5);
/// After a failed attempt (folder missing, disk full) the next one comes this soon, so a USB
/// stick put back is used without waiting a whole interval.
const RETRY: Duration = Duration::from_secs(30);

/// Why the last export failed; `None` after a successful one.
static LAST_ERROR: Mutex<Option<String>> = Mutex::new(None);
/// Set when the settings change: the interval counts again from now.
static RESTART_TIMER: AtomicBool = AtomicBool::new(false);

fn last_error() -> Option<String> {
    LAST_ERROR.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

fn set_last_error(error: Option<String>) {
    *LAST_ERROR.lock().unwrap_or_else(|p| p.into_inner()) = error;
}

/// The overview, read without counting as activity; `None` while locked.
fn current(state: &AppState) -> Option<Result<SyncOverview>> {
    let read = state.in_background(|app| app.sync_state())?;
    Some(read.map(|(status, settings)| sync_settings::overview(status, settings, last_error())))
}

/// Tells the window the new sync state.
fn notify(app: &AppHandle) {
    if let Some(Ok(overview)) = current(&app.state::<AppState>()) {
        let _ = app.emit(STATUS_EVENT, overview);
    }
}

/// Records how an export went (for the status bar) and passes the result on.
fn remember<T>(result: Result<T>) -> Result<T> {
    match &result {
        Ok(_) => set_last_error(None),
        // Locked, or stopped by the person: nothing went wrong with the folder.
        Err(e)
            if !matches!(
                e.code,
                kartoteka_api::ErrorCode::Locked | kartoteka_api::ErrorCode::Cancelled
            ) =>
        {
            set_last_error(Some(e.message.clone()))
        }
        Err(_) => {}
    }
    result
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_setup(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
    organisation: Option<String>,
) -> Result<SetupReport> {
    let report = state.with_app(|app| app.sync_setup(&passphrase, organisation.as_deref()))?;
    notify(&app);
    Ok(report)
}

/// The sync state for the view and the status bar. Reading it is not activity: the status bar
/// asks on every event, and that must not keep the idle lock away.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_status(state: State<'_, AppState>) -> Result<SyncOverview> {
    current(&state).unwrap_or_else(|| Err(ApiError::locked()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_settings_get(state: State<'_, AppState>) -> Result<SyncExportSettings> {
    state.with_app(|app| app.sync_export_settings())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_settings_save(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: SyncExportSettings,
) -> Result<SyncExportSettings> {
    let saved = state.with_app(|app| app.sync_export_settings_save(&settings))?;
    RESTART_TIMER.store(true, Ordering::SeqCst);
    // An error about the old folder no longer applies.
    set_last_error(None);
    notify(&app);
    Ok(saved)
}

/// "Eksportuj teraz": what changed since the last export, into the chosen folder.
/// Emits `kartoteka://sync-export-progress`; `sync_export_cancel` stops it (nothing written).
#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_export_now(app: AppHandle, state: State<'_, AppState>) -> Result<ExportReport> {
    EXPORT_CANCELLED.store(false, Ordering::SeqCst);
    let mut progress = |p: ExportProgress| {
        let _ = app.emit(EXPORT_PROGRESS_EVENT, p);
    };
    let cancelled = || EXPORT_CANCELLED.load(Ordering::SeqCst);
    let mut watch = ExportWatch {
        progress: &mut progress,
        cancelled: &cancelled,
    };
    let result = remember(state.with_app(|app| app.sync_export_now(&mut watch)));
    notify(&app);
    result
}

/// "Przerwij eksport": the running "Eksportuj teraz" stops; the changes wait for the next one.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_export_cancel() {
    EXPORT_CANCELLED.store(true, Ordering::SeqCst);
}

/// Imports one bundle file, or every new bundle in a folder.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_import(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<ImportOutcome> {
    let path = path.trim();
    if path.is_empty() {
        return Err(ApiError::invalid(
            "import_path",
            "Podaj folder albo plik pakietu do zaimportowania",
        ));
    }
    IMPORT_CANCELLED.store(false, Ordering::SeqCst);
    let mut progress = |p: ImportProgress| {
        let _ = app.emit(IMPORT_PROGRESS_EVENT, p);
    };
    let cancelled = || IMPORT_CANCELLED.load(Ordering::SeqCst);
    let mut watch = ImportWatch {
        progress: &mut progress,
        cancelled: &cancelled,
    };
    let result = state.with_app(|app| app.sync_import(Path::new(path), &mut watch));
    notify(&app);
    result
}

/// "Przerwij" during an import: the bundle being applied is abandoned (nothing of it is
/// written); bundles of a folder applied before it stay.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_import_cancel() {
    IMPORT_CANCELLED.store(true, Ordering::SeqCst);
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_conflicts(state: State<'_, AppState>, all: bool) -> Result<Vec<SyncConflict>> {
    state.with_app(|app| app.sync_conflicts(all))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_resolve(
    app: AppHandle,
    state: State<'_, AppState>,
    conflict_id: String,
    keep_mine: bool,
) -> Result<SyncConflict> {
    let resolved = state.with_app(|app| app.sync_resolve(&conflict_id, keep_mine))?;
    notify(&app);
    Ok(resolved)
}

/// The periodic export: every N minutes (the store's setting) while the store is unlocked and
/// something is pending; 30 s after a failure; and the status bar kept current in between.
pub fn periodic_export_loop(app: AppHandle) {
    let mut last_run = Instant::now();
    let mut retry_at: Option<Instant> = None;
    let mut last_sent: Option<serde_json::Value> = None;
    loop {
        std::thread::sleep(TICK);
        let state = app.state::<AppState>();
        if RESTART_TIMER.swap(false, Ordering::SeqCst) {
            last_run = Instant::now();
            retry_at = None;
        }
        let interval = state.in_background(|app| app.sync_interval()).flatten();
        if let Some(minutes) = interval {
            let now = Instant::now();
            let due = match retry_at {
                Some(at) => now >= at,
                None => {
                    now.duration_since(last_run) >= Duration::from_secs(u64::from(minutes) * 60)
                }
            };
            if due {
                if let Some(result) = state.in_background(App::sync_export_pending) {
                    last_run = now;
                    retry_at = remember(result).is_err().then(|| now + RETRY);
                    // Each attempt is reported, even when the state looks the same.
                    last_sent = None;
                }
            }
        } else {
            retry_at = None;
        }
        match current(&state) {
            Some(Ok(overview)) => {
                let value = serde_json::to_value(&overview).ok();
                if value != last_sent {
                    let _ = app.emit(STATUS_EVENT, overview);
                    last_sent = value;
                }
            }
            // Locked: send again after the next unlock.
            _ => last_sent = None,
        }
    }
}

/// On close: what is pending goes out, if automatic export is on (a missing folder is fine —
/// the changes wait in the store for the next session).
pub fn export_on_close(app: &AppHandle) {
    if let Some(result) = app
        .state::<AppState>()
        .in_background(App::sync_export_pending)
    {
        let _ = remember(result);
    }
}
