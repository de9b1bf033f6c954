//! Printing from the window: documents go to a folder the user sees (Documents/Kartoteka by
//! default) and open in the system's PDF viewer; a batch reports progress and can be stopped.

use crate::state::AppState;
use kartoteka_api::dto::{BatchResult, PrintProgress, PrintedFile};
use kartoteka_api::printing::{self, PrintRequest};
use kartoteka_api::{ApiError, ErrorCode};
use kartoteka_forms::DocumentKind;
use kartoteka_store::documents::DocumentRecord;
use kartoteka_store::Source;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Emitter, State};

/// Set by `print_batch_cancel`; the running batch stops after the current document.
pub static BATCH_CANCELLED: AtomicBool = AtomicBool::new(false);

fn kind(text: &str) -> Result<DocumentKind, ApiError> {
    DocumentKind::parse(text).ok_or_else(|| ApiError::invalid("kind", "Nieznany rodzaj dokumentu"))
}

/// Where printed documents go: `KARTOTEKA_PRINT_DIR`, else the user's Documents folder, in
/// a Kartoteka subfolder.
fn output_dir() -> PathBuf {
    std::env::var_os("KARTOTEKA_PRINT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_else(std::env::temp_dir)
                .join("Kartoteka")
        })
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), ApiError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie można utworzyć folderu {}: {e}", parent.display()),
            )
        })?;
    }
    std::fs::write(path, bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("Nie można zapisać {}: {e}", path.display()),
        )
    })
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Prints one document (blank when `participant_id` is empty) and opens it in the viewer.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_document(
    state: State<'_, AppState>,
    kind: String,
    participant_id: Option<String>,
    project_id: Option<String>,
    open: bool,
) -> Result<PrintedFile, ApiError> {
    let kind = kind_of(&kind)?;
    let req = PrintRequest {
        kind: Some(kind),
        participant_id: participant_id.filter(|p| !p.is_empty()),
        project_id: project_id.filter(|p| !p.is_empty()),
        attendance: None,
    };
    let printed = state.with_store_api(|s| printing::print(s, Source::Ui, &req, now()))?;
    let file = output_dir().join(format!("{}-{}.pdf", kind.as_str(), printed.record.id));
    write(&file, &printed.bytes)?;
    if open {
        let _ = opener::open(&file);
    }
    Ok(PrintedFile {
        file: file.display().to_string(),
        document: printed.record,
    })
}

fn kind_of(text: &str) -> Result<DocumentKind, ApiError> {
    kind(text)
}

/// Prints one kind of document for every participant of a project, one file each, telling
/// the window how far it got ("kartoteka://print-progress").
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_batch(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: String,
    project_id: String,
) -> Result<BatchResult, ApiError> {
    let kind = kind_of(&kind)?;
    BATCH_CANCELLED.store(false, Ordering::SeqCst);
    let enrolments = state.with_store(|s| s.enrolments_in_project(&project_id))?;
    let total = enrolments.len();
    let folder = output_dir().join(format!(
        "partia-{}-{}",
        kind.as_str(),
        now().format("%Y%m%d-%H%M%S")
    ));
    let mut files = Vec::new();
    let _ = app.emit(
        "kartoteka://print-progress",
        PrintProgress {
            done: 0,
            total: total as u32,
        },
    );
    for (i, e) in enrolments.iter().enumerate() {
        if BATCH_CANCELLED.load(Ordering::SeqCst) {
            return Ok(BatchResult {
                files,
                cancelled: true,
                folder: folder.display().to_string(),
            });
        }
        let req = PrintRequest {
            kind: Some(kind),
            participant_id: Some(e.participant_id.to_string()),
            project_id: Some(project_id.clone()),
            attendance: None,
        };
        let printed = state.with_store_api(|s| printing::print(s, Source::Ui, &req, now()))?;
        let file = folder.join(format!(
            "{:04}-{}-{}.pdf",
            i + 1,
            kind.as_str(),
            e.participant_id
        ));
        write(&file, &printed.bytes)?;
        files.push(file.display().to_string());
        let _ = app.emit(
            "kartoteka://print-progress",
            PrintProgress {
                done: (i + 1) as u32,
                total: total as u32,
            },
        );
    }
    Ok(BatchResult {
        files,
        cancelled: false,
        folder: folder.display().to_string(),
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn print_batch_cancel() {
    BATCH_CANCELLED.store(true, Ordering::SeqCst);
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn document_list(
    state: State<'_, AppState>,
    participant_id: Option<String>,
) -> Result<Vec<DocumentRecord>, ApiError> {
    state.with_store(|s| s.documents(participant_id.as_deref().filter(|p| !p.is_empty()), 500))
}

/// Renders a recorded document again (byte for byte) and opens it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn document_open(state: State<'_, AppState>, id: String) -> Result<String, ApiError> {
    let bytes = state.with_store_api(|s| printing::regenerate(s, &id))?;
    let file = output_dir().join(format!("dokument-{id}.pdf"));
    write(&file, &bytes)?;
    let _ = opener::open(&file);
    Ok(file.display().to_string())
}
