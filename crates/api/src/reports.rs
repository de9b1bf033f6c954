//! Reports for both front ends: CST2021 participant data (check, export) and CSV tables for
//! Excel, written to the path the user chose and summed up in a small DTO.
//!
//! The files are plaintext by the user's choice (like printed PDFs). People with missing
//! required data are written too and listed in `incomplete`, never silently dropped.

use crate::{ApiError, ErrorCode};
use kartoteka_reports::{ExportWatch, ReportError};
use kartoteka_store::{Source, Store};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

pub use kartoteka_reports::{CsvKind, FileFormat, IncompleteParticipant, MissingField};

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportSummary {
    /// `cst2021`, `participants`, `enrolments` or `deliveries`.
    pub report: &'static str,
    pub file: String,
    pub format: FileFormat,
    /// Data rows in the file (the header not counted).
    pub rows: usize,
    /// People in the file whose required data is missing (CST2021 only; empty otherwise).
    pub incomplete: Vec<IncompleteParticipant>,
}

/// How far a CSV export is: rows written of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
}

/// The check before a CST2021 export: nothing is written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Cst2021Check {
    pub project_id: String,
    pub project_name: String,
    /// People (enrolments) of the project: rows the file would have.
    pub rows: usize,
    pub complete: usize,
    pub incomplete: Vec<IncompleteParticipant>,
}

impl From<ReportError> for ApiError {
    fn from(e: ReportError) -> ApiError {
        match e {
            ReportError::Store(e) => e.into(),
            ReportError::Invalid { field, message } => ApiError::invalid(field, message),
            ReportError::Write(message) => ApiError::new(ErrorCode::Internal, message),
            e @ ReportError::Template(_) => ApiError::new(ErrorCode::Internal, e.to_string()),
            e @ ReportError::Cancelled => ApiError::new(ErrorCode::Cancelled, e.to_string()),
        }
    }
}

/// Lists the people of a project whose data the monitoring system requires but the registry
/// lacks, field by field.
pub fn cst2021_check(store: &Store, project_id: &str) -> Result<Cst2021Check, ApiError> {
    let report = kartoteka_reports::check_cst2021(store, project_id)?;
    Ok(Cst2021Check {
        rows: report.table.rows.len(),
        complete: report.table.rows.len() - report.incomplete.len(),
        project_id: report.project_id,
        project_name: report.project_name,
        incomplete: report.incomplete,
    })
}

/// Writes the CST2021 participant data of a project to `out` (`.xlsx` or `.csv`).
pub fn export_cst2021(
    store: &Store,
    project_id: &str,
    out: &Path,
) -> Result<ReportSummary, ApiError> {
    let (report, format) = kartoteka_reports::export_cst2021(store, project_id, out)?;
    Ok(ReportSummary {
        report: "cst2021",
        file: out.display().to_string(),
        format,
        rows: report.table.rows.len(),
        incomplete: report.incomplete,
    })
}

/// Writes one CSV table for Excel to `out`; with `project_id`, only that project's records.
pub fn export_csv(
    store: &Store,
    kind: CsvKind,
    project_id: Option<&str>,
    out: &Path,
) -> Result<ReportSummary, ApiError> {
    export_csv_watched(store, kind, project_id, out, &mut |_| {}, &|| false)
}

/// `export_csv` row by row into the file, reporting progress; `cancelled` is asked every
/// `kartoteka_reports::PROGRESS_EVERY` rows (a stop writes no file: `ErrorCode::Cancelled`).
pub fn export_csv_watched(
    store: &Store,
    kind: CsvKind,
    project_id: Option<&str>,
    out: &Path,
    progress: &mut dyn FnMut(ReportProgress),
    cancelled: &dyn Fn() -> bool,
) -> Result<ReportSummary, ApiError> {
    let watch = ExportWatch {
        progress: &mut |done, total| {
            progress(ReportProgress {
                done: u32::try_from(done).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            })
        },
        cancelled,
    };
    let rows = kartoteka_reports::export_csv_watched(store, kind, project_id, out, watch)?;
    Ok(ReportSummary {
        report: kind.as_str(),
        file: out.display().to_string(),
        format: FileFormat::Csv,
        rows,
        incomplete: vec![],
    })
}

/// Records in the audit log that personal data left the registry in a file: which report,
/// for which project, how many rows, in which format (never a value, never the file's path).
pub fn record_export(
    store: &mut Store,
    source: Source,
    summary: &ReportSummary,
    project_id: Option<&str>,
) -> Result<(), ApiError> {
    let mut fields = vec![
        format!("format {}", summary.format.as_str()),
        format!("rows {}", summary.rows),
    ];
    if let Some(project) = project_id {
        fields.push(format!("project {}", project.trim()));
    }
    store.write(source, |tx| {
        tx.audit("report", summary.report, "report_export", fields);
        Ok(())
    })?;
    Ok(())
}

/// Checks the requested file before the store is opened (the CLI asks for the password only
/// for a request that can succeed).
pub fn check_output(out: &Path, needs_known_format: bool) -> Result<(), ApiError> {
    if needs_known_format {
        FileFormat::from_path(out)?;
    }
    kartoteka_reports::output::check_target(out)?;
    Ok(())
}
