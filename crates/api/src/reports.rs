//! Reports for both front ends: CST2021 participant data (check, export) and CSV tables for
//! Excel, written to the path the user chose (or, from the window, a dated file in the print
//! folder), summed up in a small DTO and recorded in the audit log.
//!
//! The files are plaintext by the user's choice (like printed PDFs). People with missing
//! required data are written too and listed in `incomplete`, never silently dropped.

use crate::{print_folder, ApiError, App, ErrorCode};
use kartoteka_domain::fold::fold;
use kartoteka_reports::{ExportWatch, ReportError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use kartoteka_reports::compare::{ComparedPerson, FieldDifference, PersonDifference};
pub use kartoteka_reports::{
    Cst2021Comparison, CsvKind, FileFormat, IncompleteParticipant, Layout, MissingField,
};

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
    /// The CST2021 file's layout (absent for the CSV tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub layout: Option<Layout>,
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

impl App {
    /// Lists the people of a project whose data the monitoring system requires but the
    /// registry lacks, field by field. Writes nothing.
    pub fn cst2021_check(
        &self,
        project_id: &str,
        layout: Layout,
    ) -> Result<Cst2021Check, ApiError> {
        let report = kartoteka_reports::check_cst2021(&self.store, project_id, layout)?;
        Ok(Cst2021Check {
            rows: report.table.rows.len(),
            complete: report.table.rows.len() - report.incomplete.len(),
            project_id: report.project_id,
            project_name: report.project_name,
            incomplete: report.incomplete,
        })
    }

    /// Compares the project's CST2021 data with a participant export downloaded from SM EFS
    /// (`.csv` or `.xlsx`): who is only here, who only there, and each column that differs.
    /// Writes nothing.
    pub fn cst2021_compare(
        &self,
        project_id: &str,
        export: &Path,
    ) -> Result<Cst2021Comparison, ApiError> {
        Ok(kartoteka_reports::compare_cst2021(
            &self.store,
            project_id,
            export,
        )?)
    }

    /// Writes the CST2021 participant data of a project to `out` (`.xlsx` or `.csv`) and
    /// records the export in the audit log.
    pub fn cst2021_export(
        &mut self,
        project_id: &str,
        layout: Layout,
        out: &Path,
    ) -> Result<ReportSummary, ApiError> {
        let (report, format) =
            kartoteka_reports::export_cst2021(&self.store, project_id, layout, out)?;
        let summary = ReportSummary {
            report: "cst2021",
            file: out.display().to_string(),
            format,
            rows: report.table.rows.len(),
            incomplete: report.incomplete,
            layout: Some(layout),
        };
        self.record_export(&summary, Some(project_id))?;
        Ok(summary)
    }

    /// Writes one CSV table for Excel to `out` row by row (with `project_id`, only that
    /// project's records), reporting progress; `cancelled` is asked every
    /// `kartoteka_reports::PROGRESS_EVERY` rows (a stop writes no file: `ErrorCode::Cancelled`).
    /// The export is recorded in the audit log.
    pub fn csv_export(
        &mut self,
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
        let rows =
            kartoteka_reports::export_csv_watched(&self.store, kind, project_id, out, watch)?;
        let summary = ReportSummary {
            report: kind.as_str(),
            file: out.display().to_string(),
            format: FileFormat::Csv,
            rows,
            incomplete: vec![],
            layout: None,
        };
        self.record_export(&summary, project_id)?;
        Ok(summary)
    }

    /// Records in the audit log that personal data left the registry in a file: which report,
    /// for which project, how many rows, in which format (never a value, never the file's
    /// path).
    fn record_export(
        &mut self,
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
        let source = self.source();
        self.store.write(source, |tx| {
            tx.audit("report", summary.report, "report_export", fields);
            Ok(())
        })?;
        Ok(())
    }

    /// A new file in the print folder for a report the window writes:
    /// `{what}-{project or cala-kartoteka}-{date and time}.{extension}`, a name that carries no
    /// personal data (`what` is `cst2021` or a CSV kind). The folder is made if missing.
    pub fn report_file(
        &self,
        report: ReportName,
        project_id: Option<&str>,
        extension: &str,
    ) -> Result<PathBuf, ApiError> {
        let scope = match project_id {
            Some(id) => slug(&self.store.project(id)?.data.name),
            None => "cala-kartoteka".to_owned(),
        };
        let what = match report {
            ReportName::Cst2021(Layout::Export) => "cst2021",
            ReportName::Cst2021(Layout::Import) => "cst2021-import",
            ReportName::Csv(CsvKind::Participants) => "uczestnicy",
            ReportName::Csv(CsvKind::Enrolments) => "udzialy-w-projektach",
            ReportName::Csv(CsvKind::Deliveries) => "zrealizowane-uslugi",
        };
        let dir = print_folder::ensure()?;
        let stamp = crate::printing::now().format("%Y-%m-%d-%H%M%S");
        Ok(dir.join(format!("{what}-{scope}-{stamp}.{extension}")))
    }
}

/// Which report a file in the print folder holds (it names the file).
#[derive(Debug, Clone, Copy)]
pub enum ReportName {
    Cst2021(Layout),
    Csv(CsvKind),
}

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

/// A report this program wrote: a `.csv` or `.xlsx` file directly in the print folder. The
/// window opens nothing else.
pub fn written_report(file: &str) -> Result<PathBuf, ApiError> {
    let refused = || {
        ApiError::invalid(
            "file",
            "Można otworzyć tylko raport zapisany przez program w folderze Kartoteka.",
        )
    };
    let path = Path::new(file).canonicalize().map_err(|_| refused())?;
    let dir = print_folder::dir().canonicalize().map_err(|_| refused())?;
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

/// Checks a file to compare with before the store is opened: it must exist (`not_found`) and be
/// a `.csv` or `.xlsx` (`invalid_input`).
pub fn check_compare_file(file: &Path) -> Result<(), ApiError> {
    if !file.is_file() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!(
                "Nie ma pliku {} — podaj ścieżkę do eksportu uczestników pobranego z SM EFS.",
                file.display()
            ),
        ));
    }
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("csv" | "xlsx" | "txt")) {
        return Err(ApiError::invalid(
            "compare",
            "Plik z SM EFS: podaj plik .csv albo .xlsx",
        ));
    }
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
