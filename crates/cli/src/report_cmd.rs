//! `kartoteka report …`: CST2021 participant data (check or export) and CSV tables for Excel.
//!
//! Contract: stdout gets one JSON object —
//! export: `{"report", "file", "format", "rows", "incomplete": [...]}`;
//! check:  `{"project_id", "project_name", "rows", "complete", "incomplete": [...]}`;
//! compare: `{"project_id", "project_name", "same", "only_here": [{key, name, row}],
//! "only_there": [{key, name, row}], "different": [{key, name, differences: [{column, here,
//! there}]}], "columns": [...]}`;
//! each `incomplete` entry is `{participant_id, enrolment_id, name, row, missing: [{field, column}]}`.
//! An export with incomplete people still writes the file (exit 0) and says on stderr how many
//! people need their data completed (a count only, no names). The file name and folder are
//! checked before the password is asked.

use crate::io::{open_app, print_json};
use clap::{Subcommand, ValueEnum};
use kartoteka_api::reports::{self, CsvKind};
use kartoteka_api::ApiError;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Dane uczestników projektu do SM EFS (CST2021): plik XLSX albo CSV (z rozszerzenia);
    /// z --check tylko lista osób z brakami w wymaganych danych.
    Cst2021 {
        #[arg(long)]
        project: String,
        /// Plik do zapisania: .xlsx albo .csv (średniki, daty dd.mm.rrrr).
        #[arg(
            long,
            value_name = "FILE.xlsx|FILE.csv",
            required_unless_present_any = ["check", "compare"]
        )]
        out: Option<PathBuf>,
        /// Tylko sprawdź, komu brakuje wymaganych danych (nic nie zapisuje).
        #[arg(long, conflicts_with_all = ["out", "compare"])]
        check: bool,
        /// Porównaj z eksportem uczestników pobranym z SM EFS (CSV albo XLSX): kto jest tylko
        /// tutaj, kto tylko w systemie i które kolumny się różnią (nic nie zapisuje).
        #[arg(long, value_name = "EXPORT.csv|EXPORT.xlsx", conflicts_with = "out")]
        compare: Option<PathBuf>,
        /// export: kolumny i słowniki eksportu uczestników z SM EFS (domyślnie); import: plik
        /// importu (43 kolumny od „Numer projektu”, daty rrrr-mm-dd).
        #[arg(long, value_enum, default_value = "export", conflicts_with = "compare")]
        layout: LayoutArg,
    },
    /// Zestawienie CSV dla Excela (UTF-8 z BOM, średniki, daty dd.mm.rrrr).
    Csv {
        /// participants (uczestnicy), enrolments (udziały w projektach), deliveries (realizacja usług)
        #[arg(value_enum)]
        kind: CsvKindArg,
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
        /// Tylko dane tego projektu.
        #[arg(long)]
        project: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LayoutArg {
    Export,
    Import,
}

impl From<LayoutArg> for reports::Layout {
    fn from(l: LayoutArg) -> reports::Layout {
        match l {
            LayoutArg::Export => reports::Layout::Export,
            LayoutArg::Import => reports::Layout::Import,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CsvKindArg {
    Participants,
    Enrolments,
    Deliveries,
}

impl From<CsvKindArg> for CsvKind {
    fn from(k: CsvKindArg) -> CsvKind {
        match k {
            CsvKindArg::Participants => CsvKind::Participants,
            CsvKindArg::Enrolments => CsvKind::Enrolments,
            CsvKindArg::Deliveries => CsvKind::Deliveries,
        }
    }
}

/// The path as the summary shows it: absolute, so a script knows where the file went.
fn absolute(out: &Path) -> PathBuf {
    std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf())
}

pub fn run(dir: &Path, command: ReportCommand) -> Result<(), ApiError> {
    match command {
        ReportCommand::Cst2021 {
            project,
            out: None,
            check: _,
            compare: Some(export),
            layout: _,
        } => {
            reports::check_compare_file(&export)?;
            let comparison = open_app(dir)?.cst2021_compare(&project, &export)?;
            eprintln!(
                "Zgodnych osób: {}; tylko tutaj: {}; tylko w SM EFS: {}; z różnicami: {}.",
                comparison.same,
                comparison.only_here.len(),
                comparison.only_there.len(),
                comparison.different.len()
            );
            print_json(&comparison);
        }
        ReportCommand::Cst2021 {
            project,
            out: None,
            check: _,
            compare: None,
            layout,
        } => {
            print_json(&open_app(dir)?.cst2021_check(&project, layout.into())?);
        }
        ReportCommand::Cst2021 {
            project,
            out: Some(out),
            check: _,
            compare: _,
            layout,
        } => {
            let out = absolute(&out);
            reports::check_output(&out, true)?;
            let summary = open_app(dir)?.cst2021_export(&project, layout.into(), &out)?;
            if !summary.incomplete.is_empty() {
                eprintln!(
                    "Uwaga: {} z {} osób ma braki w danych wymaganych przez SM EFS (lista w polu „incomplete”). \
                     Plik zapisano z tymi osobami; uzupełnij ich dane i wygeneruj raport ponownie przed wysłaniem.",
                    summary.incomplete.len(),
                    summary.rows
                );
            }
            print_json(&summary);
        }
        ReportCommand::Csv { kind, out, project } => {
            let out = absolute(&out);
            reports::check_output(&out, false)?;
            let mut app = open_app(dir)?;
            // On a terminal, how far it is (stderr: stdout stays the JSON answer).
            let terminal = std::io::stderr().is_terminal();
            let mut progress = |p: reports::ReportProgress| {
                if terminal {
                    let end = if p.done == p.total { "\n" } else { "" };
                    eprint!("\rZapisano {}/{} wierszy{end}", p.done, p.total);
                }
            };
            let summary = app.csv_export(
                kind.into(),
                project.as_deref(),
                &out,
                &mut progress,
                &|| false,
            )?;
            print_json(&summary);
        }
    }
    Ok(())
}
