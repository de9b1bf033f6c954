//! `kartoteka`: the command line over the same core as the desktop app.
//!
//! Contract (documented in README.md, keep it stable): data commands print JSON on stdout;
//! errors go to stderr in Polish; exit codes are 0 ok, 2 invalid input (nothing saved),
//! 3 not found, 4 conflict or duplicate, 5 locked or wrong password, 1 anything else.

mod args;
mod commands;
mod form;
mod group_cmd;
mod io;
mod plan_cmd;
mod recruitment_cmd;
mod report_cmd;
mod seed;
mod sync_cmd;

use clap::Parser;
use kartoteka_api::ApiError;

fn main() {
    kartoteka_api::process::protect_process();
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => {}
        Err(e) => {
            report(&e);
            std::process::exit(e.code.exit_code());
        }
    }
}

fn report(e: &ApiError) {
    if e.fields.is_empty() {
        eprintln!("Błąd: {}", e.message);
        return;
    }
    eprintln!("Błąd: dane są niepoprawne — nic nie zapisano. Popraw pola:");
    for f in &e.fields {
        eprintln!("  - {}: {}", f.field, f.message);
    }
}
