//! `kartoteka seed`: fills an empty registry with synthetic people (`kartoteka_api::seed`).
//!
//! Without a store in the data folder, seed creates one (worker "administrator", password from
//! KARTOTEKA_PASSWORD) and prints its recovery key on stderr, as `init` does. Seeding refuses a
//! registry that already has participants: synthetic PESELs could clash with real ones.

use crate::io::{self, print_json};
use kartoteka_api::{access, ApiError};
use std::path::Path;
use std::time::Instant;

pub fn run(dir: &Path, participants: usize, seed: u64) -> Result<(), ApiError> {
    let password = if access::exists(dir) {
        io::password("Hasło: ")?
    } else {
        io::new_password_from(io::PASSWORD_ENV)?
    };
    let mut created = |recovery_key: &str| {
        eprintln!(
            "Utworzono zaszyfrowaną kartotekę w folderze {} (pracownik: administrator).",
            dir.display()
        );
        eprintln!("KLUCZ ODZYSKIWANIA (zapisz go): {recovery_key}");
    };
    let mut last_report = Instant::now();
    let summary = kartoteka_api::seed::seed(
        dir,
        &password,
        participants,
        seed,
        &mut created,
        |done, total| {
            if last_report.elapsed().as_secs() >= 2 || done == total {
                eprintln!("Dane syntetyczne: {done}/{total} uczestników");
                last_report = Instant::now();
            }
        },
    )?;
    print_json(&summary);
    Ok(())
}
