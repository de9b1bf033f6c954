//! Reports from the window: the CST2021 check and export of one project, CSV tables for Excel
//! (read on a second connection, with progress and a stop, so the window stays usable), and
//! opening what was written. Files go to the print folder (Documents/Kartoteka) under dated
//! names that carry no personal data; each export is recorded in the audit log.

use crate::state::AppState;
use kartoteka_api::reports::{
    self, Cst2021Check, Cst2021Comparison, CsvKind, FileFormat, Layout, ReportName, ReportProgress,
    ReportSummary,
};
use kartoteka_api::{ApiError, ErrorCode};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Emitter, State};

type Result<T> = std::result::Result<T, ApiError>;

/// Set by `report_cancel`; the running CSV export stops at its next thousand rows.
static REPORT_CANCELLED: AtomicBool = AtomicBool::new(false);

/// The print folder, made if it is not there yet (the user's alone).
fn report_dir() -> Result<PathBuf> {
    kartoteka_api::print_folder::ensure()
}

/// Who in the project would be reported with missing required data; writes nothing.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_cst2021_check(
    state: State<'_, AppState>,
    project_id: String,
    layout: Option<Layout>,
) -> Result<Cst2021Check> {
    state.with_app(|app| app.cst2021_check(&project_id, layout.unwrap_or_default()))
}

/// The project compared with a participant export downloaded from SM EFS; writes nothing.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_cst2021_compare(
    state: State<'_, AppState>,
    project_id: String,
    file: String,
) -> Result<Cst2021Comparison> {
    let file = PathBuf::from(file.trim());
    reports::check_compare_file(&file)?;
    state.with_app(|app| app.cst2021_compare(&project_id, &file))
}

/// The CST2021 participant data of a project as XLSX or CSV, in the print folder.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_cst2021(
    state: State<'_, AppState>,
    project_id: String,
    format: FileFormat,
    layout: Option<Layout>,
) -> Result<ReportSummary> {
    let layout = layout.unwrap_or_default();
    state.with_app(|app| {
        let file = app.report_file(
            ReportName::Cst2021(layout),
            Some(&project_id),
            format.as_str(),
        )?;
        app.cst2021_export(&project_id, layout, &file)
    })
}

/// One CSV table for Excel (of one project, or of the whole registry), in the print folder.
/// Emits `kartoteka://report-progress`; `report_cancel` stops it and no file is written.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_csv(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: CsvKind,
    project_id: Option<String>,
) -> Result<ReportSummary> {
    REPORT_CANCELLED.store(false, Ordering::SeqCst);
    let project_id = project_id
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    // A second connection reads one snapshot while the window keeps working (and saving).
    let (file, mut second) = state.with_app(|app| {
        let file = app.report_file(ReportName::Csv(kind), project_id.as_deref(), "csv")?;
        Ok((file, app.reader()?))
    })?;
    let mut progress = |p: ReportProgress| {
        let _ = app.emit("kartoteka://report-progress", p);
    };
    let cancelled = || REPORT_CANCELLED.load(Ordering::SeqCst);
    second.csv_export(
        kind,
        project_id.as_deref(),
        &file,
        &mut progress,
        &cancelled,
    )
}

#[tauri::command]
pub fn report_cancel() {
    REPORT_CANCELLED.store(true, Ordering::SeqCst);
}

/// Opens a written report in the system's spreadsheet program.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_open(file: String) -> Result<()> {
    let path = reports::written_report(&file)?;
    opener::open(&path).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!(
                "Nie udało się otworzyć pliku {} ({e}). Otwórz go z folderu ręcznie.",
                path.display()
            ),
        )
    })
}

/// Opens the folder with the reports (and printed documents); returns its path.
#[tauri::command(async)]
pub fn report_open_folder() -> Result<String> {
    let dir = report_dir()?;
    crate::files::open(&dir)?;
    Ok(dir.display().to_string())
}
