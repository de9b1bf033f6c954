//! Printing from the window: documents go to a folder the user sees (Documents/Kartoteka by
//! default, a subfolder per project, Polish names: api `file_names`) and are printed or opened
//! (`crate::files`); a batch reports progress and can be stopped.

use crate::state::AppState;
use kartoteka_api::dto::{BatchResult, PrintProgress, PrintedFile};
use kartoteka_api::printing::{self, BatchHooks, BatchOutput, PrintRequest};
use kartoteka_api::printing::{DocumentKind, DocumentRecord};
use kartoteka_api::ApiError;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Emitter, State};

/// Set by `print_batch_cancel`; the running batch stops after the current document.
pub static BATCH_CANCELLED: AtomicBool = AtomicBool::new(false);

fn kind(text: &str) -> Result<DocumentKind, ApiError> {
    DocumentKind::parse(text).ok_or_else(|| ApiError::invalid("kind", "Nieznany rodzaj dokumentu"))
}

/// The print folder (made 0700 if missing), where every document of the window goes.
pub(crate) fn output_dir() -> PathBuf {
    kartoteka_api::print_folder::dir()
}

/// Writes a PDF for the user alone (0600), making its folder (0700) first.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    kartoteka_api::print_folder::ensure()?;
    kartoteka_api::print_folder::write_private(path, bytes)
}

pub(crate) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    printing::now()
}

/// Prints one document (blank when `participant_id` is empty) and opens it in the viewer.
/// For a support plan, `plan_id` picks a version (else the person's current plan); another
/// consent needs `text_id` (the text to print).
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_document(
    state: State<'_, AppState>,
    kind: String,
    participant_id: Option<String>,
    project_id: Option<String>,
    open: bool,
    plan_id: Option<String>,
    text_id: Option<String>,
) -> Result<PrintedFile, ApiError> {
    let kind = kind_of(&kind)?;
    let req = PrintRequest {
        kind: Some(kind),
        participant_id: participant_id.filter(|p| !p.is_empty()),
        project_id: project_id.filter(|p| !p.is_empty()),
        attendance: None,
        plan_id: plan_id.filter(|p| !p.is_empty()),
        text_id: text_id.filter(|t| !t.is_empty()),
    };
    let (printed, file) = state.with_app(|a| {
        let printed = a.print(&req)?;
        let file = a.document_path(&output_dir(), &printed.record)?;
        Ok((printed, file))
    })?;
    write(&file, &printed.bytes)?;
    let open_error = if open {
        crate::files::print(&file).err().map(|e| e.message)
    } else {
        None
    };
    Ok(PrintedFile {
        file: file.display().to_string(),
        document: printed.record,
        open_error,
    })
}

fn kind_of(text: &str) -> Result<DocumentKind, ApiError> {
    kind(text)
}

/// Prints one kind of document for every participant of a project — one file each, or all
/// in one PDF with `one_file` — telling the window how far it got
/// ("kartoteka://print-progress"). The store is locked per document, so the window can ask
/// to cancel in between.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_batch(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: String,
    project_id: String,
    one_file: Option<bool>,
) -> Result<BatchResult, ApiError> {
    let kind = kind_of(&kind)?;
    BATCH_CANCELLED.store(false, Ordering::SeqCst);
    let stamp = now().format("%Y%m%d-%H%M%S");
    let one_file = one_file.unwrap_or(false);
    let folder = if one_file {
        output_dir()
    } else {
        output_dir().join(format!("partia-{}-{stamp}", kind.as_str()))
    };
    let mut files = Vec::new();
    let mut write_each = |i: usize, participant: &str, bytes: &[u8]| {
        // File names carry the record's id, never the person's name.
        let file = folder.join(format!("{:04}-{}-{participant}.pdf", i + 1, kind.as_str()));
        write(&file, bytes)?;
        files.push(file.display().to_string());
        Ok(())
    };
    let output = if one_file {
        BatchOutput::OneFile
    } else {
        BatchOutput::EachFile(&mut write_each)
    };
    let mut progress = |done: usize, total: usize| {
        let _ = app.emit(
            "kartoteka://print-progress",
            PrintProgress {
                done: done as u32,
                total: total as u32,
            },
        );
    };
    let cancelled = || BATCH_CANCELLED.load(Ordering::SeqCst);
    let outcome = printing::print_batch(
        &mut |f| state.with_app(|a| f(a)),
        kind,
        &project_id,
        &now,
        output,
        BatchHooks {
            progress: &mut progress,
            cancelled: &cancelled,
        },
    )?;
    if let Some(bytes) = &outcome.combined {
        let file = folder.join(format!("partia-{}-{stamp}.pdf", kind.as_str()));
        write(&file, bytes)?;
        files.push(file.display().to_string());
    }
    Ok(BatchResult {
        files,
        cancelled: outcome.cancelled,
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
    state.with_app(|a| a.documents(participant_id.as_deref(), 500))
}

/// Renders a recorded document again (byte for byte) and opens it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn document_open(state: State<'_, AppState>, id: String) -> Result<String, ApiError> {
    let (bytes, file) = state.with_app(|a| {
        let record = a.document(&id)?;
        Ok((a.regenerate(&id)?, a.document_path(&output_dir(), &record)?))
    })?;
    write(&file, &bytes)?;
    crate::files::open(&file)?;
    Ok(file.display().to_string())
}
