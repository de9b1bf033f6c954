//! Reports an office must deliver, written to files the user chooses.
//!
//! - CST2021 (SM EFS) participant data of one project, as XLSX or semicolon CSV
//!   (`cst2021.rs`; the columns are data in `columns/cst2021.toml`), with the list of people
//!   whose required data is missing; each service is a form of support as SM EFS names it
//!   (`support.rs`, defaults in `columns/cst2021-services.toml`);
//! - CSV tables for Excel: participants, enrolments, deliveries (`excel.rs`).
//!
//! Architecture invariant: reports only read the store (through its public API), and a file
//! is written all or nothing (`output::write_atomically`). People with missing required data
//! are always in the file and in the `incomplete` list — never silently left out. The files
//! are plaintext by the user's choice, like printed PDFs; nothing here logs their content.

pub mod compare;
pub mod cst2021;
pub mod excel;
pub mod labels;
pub mod output;
pub mod support;
pub mod table;
pub mod template;
pub mod values;

pub use compare::{compare_cst2021, Cst2021Comparison};
pub use cst2021::{ColumnMap, Cst2021Report, IncompleteParticipant, Layout, MissingField};
pub use excel::CsvKind;
pub use output::FileFormat;
pub use support::{ServiceForms, SupportEntry};
pub use table::{Cell, Table};
pub use values::{ValueList, ValueMap};

use kartoteka_store::{Store, StoreError};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A wrong request (file name, folder, report kind); `field` names the argument.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The file could not be prepared or written.
    #[error("{0}")]
    Write(String),
    /// The column template is broken.
    #[error("Szablon kolumn raportu CST2021 jest niepoprawny: {0}")]
    Template(String),
    /// The person stopped the export; no file was written.
    #[error("Eksport przerwany — nie zapisano żadnego pliku.")]
    Cancelled,
}

/// What a running CSV export reports to and asks of whoever started it (the window).
pub struct ExportWatch<'a> {
    /// Rows written of how many: at the start, every `PROGRESS_EVERY` rows and at the end.
    pub progress: &'a mut dyn FnMut(u64, u64),
    /// Asked every `PROGRESS_EVERY` rows: `true` stops the export and writes no file.
    pub cancelled: &'a dyn Fn() -> bool,
}

/// Rows between two progress reports (and cancellation checks) of a CSV export.
pub const PROGRESS_EVERY: u64 = 1_000;

/// Builds the CST2021 report of a project in a layout and writes it to `out` (XLSX or CSV by
/// the extension). Incomplete people are written too; the report lists them.
pub fn export_cst2021(
    store: &Store,
    project_id: &str,
    layout: Layout,
    out: &Path,
) -> Result<(Cst2021Report, FileFormat), ReportError> {
    let format = FileFormat::from_path(out)?;
    output::check_target(out)?;
    let report = check_cst2021(store, project_id, layout)?;
    let bytes = match format {
        FileFormat::Xlsx => report.table.to_xlsx("Uczestnicy")?,
        FileFormat::Csv => report.table.to_csv(),
    };
    output::write_atomically(out, &bytes)?;
    Ok((report, format))
}

/// The CST2021 report of a project in a layout without writing it: who is incomplete, and why.
pub fn check_cst2021(
    store: &Store,
    project_id: &str,
    layout: Layout,
) -> Result<Cst2021Report, ReportError> {
    cst2021::build(
        store,
        project_id,
        &ColumnMap::of_layout(layout)?,
        &ValueMap::embedded()?,
        &ServiceForms::embedded()?,
    )
}

/// Writes one CSV table for Excel to `out`; returns the number of data rows.
pub fn export_csv(
    store: &Store,
    kind: CsvKind,
    project_id: Option<&str>,
    out: &Path,
) -> Result<usize, ReportError> {
    let watch = ExportWatch {
        progress: &mut |_, _| {},
        cancelled: &|| false,
    };
    export_csv_watched(store, kind, project_id, out, watch)
}

/// `export_csv` row by row into the file as the rows are read, with progress and a way to
/// stop (then no file is written and `out` is left as it was).
pub fn export_csv_watched(
    store: &Store,
    kind: CsvKind,
    project_id: Option<&str>,
    out: &Path,
    watch: ExportWatch<'_>,
) -> Result<usize, ReportError> {
    output::check_target(out)?;
    let project = excel::resolve_project(store, project_id)?;
    let total = excel::count(store, kind, project.as_deref())?;
    let mut done: u64 = 0;
    (watch.progress)(0, total);
    output::write_streamed(out, &mut |w| {
        let failed = |e: std::io::Error| {
            ReportError::Write(format!(
                "Nie udało się zapisać pliku {}: {e}. Sprawdź, czy jest miejsce na dysku.",
                out.display()
            ))
        };
        let mut csv = table::CsvWriter::new(w, &excel::headers(kind)).map_err(failed)?;
        excel::each_row(store, kind, project.as_deref(), &mut |cells| {
            csv.row(&cells).map_err(failed)?;
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                if (watch.cancelled)() {
                    return Err(ReportError::Cancelled);
                }
                (watch.progress)(done, total.max(done));
            }
            Ok(())
        })?;
        // The last chance to stop before the file takes its name.
        if (watch.cancelled)() {
            return Err(ReportError::Cancelled);
        }
        Ok(())
    })?;
    (watch.progress)(done, done);
    Ok(done as usize)
}
