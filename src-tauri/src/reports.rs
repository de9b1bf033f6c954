//! Reports from the window: the CST2021 check and export of one project, CSV tables for Excel
//! (read on a second connection, with progress and a stop, so the window stays usable), and
//! opening what was written. Files go to the print folder (Documents/Kartoteka) under dated
//! names that carry no personal data; each export is recorded in the audit log.

use crate::printing::{now, output_dir};
use crate::state::AppState;
use kartoteka_api::reports::{
    self, Cst2021Check, CsvKind, FileFormat, ReportProgress, ReportSummary,
};
use kartoteka_api::{ApiError, ErrorCode};
use kartoteka_domain::fold::fold;
use kartoteka_store::Source;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Emitter, State};

type Result<T> = std::result::Result<T, ApiError>;

/// Set by `report_cancel`; the running CSV export stops at its next thousand rows.
static REPORT_CANCELLED: AtomicBool = AtomicBool::new(false);

/// "Łączy nas sąsiedztwo 2" → "laczy-nas-sasiedztwo-2": a project's name fit for a file name.
fn slug(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let words: Vec<&str> = folded.split('-').filter(|w| !w.is_empty()).collect();
    let mut slug = words.join("-");
    slug.truncate(40);
    slug.trim_end_matches('-').to_owned()
}

/// The print folder, made if it is not there yet (the user's alone).
fn report_dir() -> Result<PathBuf> {
    kartoteka_api::print_folder::ensure()
}

/// A new file in the print folder: `{name}-{date and time}.{extension}`.
fn report_file(name: &str, extension: &str) -> Result<PathBuf> {
    let dir = report_dir()?;
    let stamp = now().format("%Y-%m-%d-%H%M%S");
    Ok(dir.join(format!("{name}-{stamp}.{extension}")))
}

fn project_name(state: &AppState, project_id: &str) -> Result<String> {
    state.with_store(|s| Ok(s.project(project_id)?.data.name))
}

/// Who in the project would be reported with missing required data; writes nothing.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_cst2021_check(
    state: State<'_, AppState>,
    project_id: String,
) -> Result<Cst2021Check> {
    state.with_store_api(|s| reports::cst2021_check(s, &project_id))
}

/// The CST2021 participant data of a project as XLSX or CSV, in the print folder.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_cst2021(
    state: State<'_, AppState>,
    project_id: String,
    format: FileFormat,
) -> Result<ReportSummary> {
    let name = project_name(&state, &project_id)?;
    let file = report_file(&format!("cst2021-{}", slug(&name)), format.as_str())?;
    state.with_store_api(|s| {
        let summary = reports::export_cst2021(s, &project_id, &file)?;
        reports::record_export(s, Source::Ui, &summary, Some(&project_id))?;
        Ok(summary)
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
    let scope = match &project_id {
        Some(id) => slug(&project_name(&state, id)?),
        None => "cala-kartoteka".to_owned(),
    };
    let what = match kind {
        CsvKind::Participants => "uczestnicy",
        CsvKind::Enrolments => "udzialy-w-projektach",
        CsvKind::Deliveries => "zrealizowane-uslugi",
    };
    let file = report_file(&format!("{what}-{scope}"), "csv")?;
    // A second connection reads one snapshot while the window keeps working (and saving).
    let mut second = state.with_store(|s| s.second_connection())?;
    let mut progress = |p: ReportProgress| {
        let _ = app.emit("kartoteka://report-progress", p);
    };
    let cancelled = || REPORT_CANCELLED.load(Ordering::SeqCst);
    let summary = reports::export_csv_watched(
        &second,
        kind,
        project_id.as_deref(),
        &file,
        &mut progress,
        &cancelled,
    )?;
    reports::record_export(&mut second, Source::Ui, &summary, project_id.as_deref())?;
    Ok(summary)
}

#[tauri::command]
pub fn report_cancel() {
    REPORT_CANCELLED.store(true, Ordering::SeqCst);
}

/// A report this program wrote: a `.csv` or `.xlsx` file directly in the print folder. The
/// window can open nothing else through this command.
fn written_report(file: &str) -> Result<PathBuf> {
    let refused = || {
        ApiError::invalid(
            "file",
            "Można otworzyć tylko raport zapisany przez program w folderze Kartoteka.",
        )
    };
    let path = Path::new(file).canonicalize().map_err(|_| refused())?;
    let dir = output_dir().canonicalize().map_err(|_| refused())?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if path.parent() != Some(dir.as_path())
        || !matches!(extension.as_deref(), Some("csv" | "xlsx"))
        || !path.is_file()
    {
        return Err(refused());
    }
    Ok(path)
}

/// Opens a written report in the system's spreadsheet program.
#[tauri::command(async, rename_all = "snake_case")]
pub fn report_open(file: String) -> Result<()> {
    let path = written_report(&file)?;
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
    let _ = opener::open(&dir);
    Ok(dir.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn a_project_name_becomes_a_plain_file_name() {
        assert_eq!(slug("Łączy nas sąsiedztwo 2"), "laczy-nas-sasiedztwo-2");
        assert_eq!(slug("  „Krok do pracy” / 2026 "), "krok-do-pracy-2026");
        assert_eq!(slug("???"), "");
        assert!(slug(&"bardzo długa nazwa ".repeat(10)).len() <= 40);
    }
}
