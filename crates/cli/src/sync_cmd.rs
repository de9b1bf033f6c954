//! `kartoteka sync …`: set the passphrase, export and import bundles, status, conflicts.
//!
//! Contract: JSON on stdout; errors in Polish on stderr; exit 2 for a bundle that cannot be
//! used (damaged, cut off, other passphrase or organisation, newer format) or a bad
//! passphrase, 3 for a missing file or conflict id, 4 when sync is not set up or the bundle
//! collides with a record here, 5 for a wrong password.

use crate::io::{open_app, print_json};
use clap::{Subcommand, ValueEnum};
use kartoteka_api::sync::{ExportWatch, ImportOutcome, ImportWatch, PASSPHRASE_ENV};
use kartoteka_api::{ApiError, ErrorCode};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Ustawia hasło synchronizacji organizacji (z KARTOTEKA_SYNC_PASSPHRASE albo z pytania):
    /// to samo hasło i ta sama nazwa organizacji na każdym komputerze.
    Setup {
        /// Nazwa organizacji (domyślnie nazwa z danych organizacji); wielkość liter i
        /// dodatkowe spacje nie mają znaczenia.
        #[arg(long)]
        organisation: Option<String>,
    },
    /// Zapisuje w folderze DIR pakiet ze zmianami od ostatniego eksportu (albo wszystkim).
    Export {
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// Wszystkie rekordy, nie tylko zmiany.
        #[arg(long)]
        full: bool,
    },
    /// Wczytuje pakiet (albo wszystkie nowe pakiety z folderu): całość albo nic.
    Import {
        #[arg(value_name = "FILE|DIR")]
        path: PathBuf,
    },
    /// Stan synchronizacji: urządzenie, ostatni eksport, zmiany czekające na wysłanie.
    Status,
    /// Konflikty do rozstrzygnięcia (pola zmienione na dwóch komputerach).
    Conflicts {
        /// Także rozstrzygnięte.
        #[arg(long)]
        all: bool,
    },
    /// Rozstrzyga konflikt: zostawia wartość z tego komputera (mine) albo przychodzącą (theirs).
    Resolve {
        id: String,
        #[arg(long, value_enum)]
        keep: Keep,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Keep {
    Mine,
    Theirs,
}

pub fn run(dir: &Path, command: SyncCommand) -> Result<(), ApiError> {
    match command {
        SyncCommand::Setup { organisation } => {
            let mut app = open_app(dir)?;
            let passphrase = passphrase()?;
            print_json(&app.sync_setup(&passphrase, organisation.as_deref())?);
        }
        SyncCommand::Export { to, full } => {
            let mut app = open_app(dir)?;
            // On a terminal, how far it is (stderr: stdout stays the JSON answer).
            let terminal = std::io::stderr().is_terminal();
            let mut progress = |p: kartoteka_api::sync::ExportProgress| {
                if terminal && p.total > 0 {
                    let end = if p.done == p.total { "\n" } else { "" };
                    eprint!("\rEksport: {}/{} rekordów{end}", p.done, p.total);
                }
            };
            let report = app.sync_export(
                &to,
                full,
                &mut ExportWatch {
                    progress: &mut progress,
                    cancelled: &|| false,
                },
            )?;
            print_json(&report);
        }
        SyncCommand::Import { path } => {
            let mut app = open_app(dir)?;
            // On a terminal, how far it is (stderr: stdout stays the JSON answer).
            let terminal = std::io::stderr().is_terminal();
            let mut progress = |p: kartoteka_api::sync::ImportProgress| {
                if terminal {
                    eprint!(
                        "\rPakiet {}/{}: {}/{} rekordów{}",
                        p.bundle,
                        p.bundles,
                        p.done,
                        p.total,
                        if p.done == p.total { "\n" } else { "" }
                    );
                }
            };
            let outcome = app.sync_import(
                &path,
                &mut ImportWatch {
                    progress: &mut progress,
                    cancelled: &|| false,
                },
            )?;
            print_json(&outcome);
            if let ImportOutcome::Folder(f) = &outcome {
                if !f.refused.is_empty() {
                    let files: Vec<&str> = f.refused.iter().map(|r| r.file.as_str()).collect();
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        format!(
                            "Nie zaimportowano {} pakietów (pozostałe wczytano): {}. Szczegóły w polu „refused”.",
                            files.len(),
                            files.join(", ")
                        ),
                    ));
                }
            }
        }
        SyncCommand::Status => {
            print_json(&open_app(dir)?.sync_status()?);
        }
        SyncCommand::Conflicts { all } => {
            print_json(&open_app(dir)?.sync_conflicts(all)?);
        }
        SyncCommand::Resolve { id, keep } => {
            let keep_mine = matches!(keep, Keep::Mine);
            print_json(&open_app(dir)?.sync_resolve(&id, keep_mine)?);
        }
    }
    Ok(())
}

/// The passphrase from KARTOTEKA_SYNC_PASSPHRASE, else asked twice at the terminal.
fn passphrase() -> Result<String, ApiError> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(ApiError::invalid(
            "passphrase",
            format!("Podaj hasło synchronizacji w zmiennej {PASSPHRASE_ENV} albo uruchom polecenie w terminalu."),
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie udało się odczytać hasła: {e}"),
            )
        })
    };
    let first = ask("Hasło synchronizacji organizacji (to samo na każdym komputerze): ")?;
    let second = ask("Powtórz hasło synchronizacji: ")?;
    if first != second {
        return Err(ApiError::invalid(
            "passphrase",
            "Hasła się różnią — nic nie zmieniono",
        ));
    }
    Ok(first)
}
