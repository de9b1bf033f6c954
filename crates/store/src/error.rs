//! The store's one error type. Every message is Polish and tells the user what to do; none
//! carries personal data except where the user must see which existing record is meant.

use kartoteka_domain::ValidationErrors;
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// An existing record that a new one collides with, shown so the user can decide.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExistingRecord {
    pub id: String,
    pub name: String,
    /// dd.mm.yyyy
    pub birth_date: String,
    pub town: Option<String>,
}

impl ExistingRecord {
    pub(crate) fn describe(&self) -> String {
        let town = self
            .town
            .as_ref()
            .map(|t| format!(", {t}"))
            .unwrap_or_default();
        // No internal id: the person sees the name, birth date and town; the window and the
        // CLI's JSON carry the id in `existing` to open the record.
        format!("{} (ur. {}{town})", self.name, self.birth_date)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
    // No internal id in the message (people read it); programs get the code and exit 3.
    #[error("Nie ma takiego rekordu ({what}) — mógł zostać usunięty lub zanonimizowany. Odśwież widok i spróbuj ponownie.")]
    NotFound { what: &'static str, id: String },
    #[error("{message}")]
    Duplicate {
        message: String,
        field: Option<&'static str>,
        existing: Vec<ExistingRecord>,
    },
    #[error("Prawdopodobnie ta osoba jest już w kartotece: {}. Sprawdź, a jeśli to inna osoba, potwierdź zapis.", .existing.iter().map(ExistingRecord::describe).collect::<Vec<_>>().join("; "))]
    LikelyDuplicate { existing: Vec<ExistingRecord> },
    #[error("{0}")]
    Conflict(String),
    /// The person stopped long work part-way (a callback asked to stop); nothing was written.
    #[error("{0}")]
    Cancelled(String),
    #[error(
        "Nieprawidłowe hasło. Sprawdź układ klawiatury i Caps Lock, a potem spróbuj ponownie."
    )]
    WrongPassword,
    #[error("Nieprawidłowy klucz odzyskiwania. Przepisz go dokładnie z wydruku (wielkość liter i myślniki nie mają znaczenia).")]
    WrongRecoveryKey,
    #[error("Kartoteka jest zablokowana — odblokuj ją hasłem.")]
    Locked,
    /// A script's session is not (or no longer) valid; the message says what to do.
    #[error("{0}")]
    Session(String),
    #[error("W folderze {} nie ma kartoteki. Utwórz ją poleceniem „kartoteka init” albo w programie.", .0.display())]
    NotInitialized(PathBuf),
    #[error("Brakuje pliku bazy danych {}, choć klucze kartoteki (keys.json) są na miejscu — nic nie utworzono ani nie zmieniono. Przywróć najnowszą kopię zapasową: w oknie programu przyciskiem „Przywróć najnowszą kopię zapasową” na ekranie odblokowania albo poleceniem „kartoteka backup restore PLIK” (kopie są w folderze {}). Jeśli plik przeniesiono, przenieś go z powrotem.", .0.join(crate::DB_FILE).display(), .0.join(crate::BACKUP_DIR).display())]
    DatabaseMissing(PathBuf),
    #[error("W folderze {} jest już kartoteka — nic nie zmieniono.", .0.display())]
    AlreadyInitialized(PathBuf),
    #[error("Ta kartoteka została zapisana nowszą wersją programu (schemat {found}, ta wersja zna {supported}). Zaktualizuj Kartotekę; dane nie zostały zmienione.")]
    NewerSchema { found: u32, supported: u32 },
    #[error("Plik kartoteki jest uszkodzony ({0}). Przywróć najnowszą kopię zapasową.")]
    Corrupt(String),
    #[error("Klucze kartoteki: {0}")]
    Keyring(String),
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("Błąd zapisu lub odczytu pliku: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// SQLite's own errors in Polish where a person can act on them.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "Kartoteka jest zajęta dłuższą pracą (np. importem pakietu synchronizacji albo kopią zapasową) — nic nie zapisano. Poczekaj, aż ta praca się skończy, i spróbuj ponownie.".to_owned()
        }
        Some(rusqlite::ErrorCode::DiskFull) => {
            "Brak miejsca na dysku — nic nie zapisano. Zwolnij miejsce i spróbuj ponownie.".to_owned()
        }
        _ => format!("Błąd bazy danych: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_database_is_explained_in_polish() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        let message = StoreError::from(busy).to_string();
        assert!(message.contains("Kartoteka jest zajęta"), "{message}");
        assert!(!message.contains("locked"), "{message}");
    }
}
