//! Who may open the registry: setting it up, unlocking (password or session), workers,
//! passwords, the recovery key, sessions for scripts.

use crate::app::{App, Frontend};
use crate::error::ApiError;
use kartoteka_store::{OpenOptions, Store, StoreError};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

pub use kartoteka_store::WorkerRemoved;

/// Whether `dir` holds a registry yet (if not, the window offers to create one).
pub fn exists(dir: &Path) -> bool {
    Store::exists(dir)
}

/// A new registry, with its recovery key to write down now (it is not shown again).
pub struct Created {
    pub app: App,
    pub recovery_key: zeroize::Zeroizing<String>,
}

/// Creates an empty encrypted registry in `dir` with one worker.
pub fn setup(
    dir: &Path,
    worker: &str,
    password: &str,
    frontend: Frontend,
) -> Result<Created, ApiError> {
    require_new(dir)?;
    let created = Store::init(dir, worker, password, OpenOptions::default())?;
    Ok(Created {
        app: App::new(created.store, frontend),
        recovery_key: created.recovery_key,
    })
}

/// Refuses a folder that already holds a registry (before asking for a new password).
pub fn require_new(dir: &Path) -> Result<(), ApiError> {
    if Store::exists(dir) {
        Err(StoreError::AlreadyInitialized(dir.to_path_buf()).into())
    } else {
        Ok(())
    }
}

/// Refuses a folder without a registry (before asking for a password).
pub fn require_store(dir: &Path) -> Result<(), ApiError> {
    if Store::exists(dir) {
        Ok(())
    } else {
        Err(StoreError::NotInitialized(dir.to_path_buf()).into())
    }
}

/// Unlocks the registry with a worker's password.
pub fn unlock(dir: &Path, password: &str, frontend: Frontend) -> Result<App, ApiError> {
    require_store(dir)?;
    match Store::open(dir, password, OpenOptions::default()) {
        Ok(store) => Ok(App::new(store, frontend)),
        Err(kartoteka_store::StoreError::WrongPassword) => Err(wrong_password(dir)),
        Err(other) => Err(other.into()),
    }
}

/// A refused password, saying when the next try will be checked (after three wrong passwords
/// each further one waits 1, 2, 4 … up to 30 seconds).
fn wrong_password(dir: &Path) -> ApiError {
    let wait = kartoteka_store::unlock_wait(dir).as_secs();
    let mut err = ApiError::from(kartoteka_store::StoreError::WrongPassword);
    if wait > 0 {
        err.message = format!(
            "{} Po kilku błędnych próbach hasło jest sprawdzane z opóźnieniem: następna próba zostanie sprawdzona po {wait} s. Jeśli nie pamiętasz hasła, użyj klucza odzyskiwania („Nie pamiętam hasła”).",
            err.message
        );
    }
    err
}

/// Unlocks the registry with a session token (`kartoteka unlock`): no key derivation.
pub fn unlock_session(dir: &Path, token: &str, frontend: Frontend) -> Result<App, ApiError> {
    require_store(dir)?;
    Ok(App::new(
        Store::open_session(dir, token, OpenOptions::default())?,
        frontend,
    ))
}

/// The workers who can unlock the registry in `dir`.
pub fn workers(dir: &Path) -> Result<Vec<String>, ApiError> {
    Ok(Store::workers(dir)?)
}

/// A forgotten password: the recovery key sets a new one for `worker` (when the registry has
/// one worker, `None` picks them), and unlocks.
pub fn reset_password(
    dir: &Path,
    recovery_key: &str,
    worker: Option<&str>,
    new_password: &str,
    frontend: Frontend,
) -> Result<App, ApiError> {
    require_store(dir)?;
    let workers = Store::workers(dir)?;
    let worker = match worker {
        Some(w) => w.to_owned(),
        None if workers.len() == 1 => workers[0].clone(),
        None => {
            return Err(ApiError::invalid(
                "worker",
                format!(
                    "Pracownik: wskaż, czyje hasło ustawić (w wierszu poleceń: --worker): {}",
                    workers.join(", ")
                ),
            ))
        }
    };
    let store = Store::reset_password_with_recovery_key(
        dir,
        recovery_key,
        &worker,
        new_password,
        OpenOptions::default(),
    )?;
    Ok(App::new(store, frontend))
}

/// Sessions ended by `kartoteka lock`.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SessionsEnded {
    pub ended: u32,
}

/// Ends every session of the registry in `dir` (`kartoteka lock`).
pub fn end_sessions(dir: &Path) -> Result<SessionsEnded, ApiError> {
    let ended = kartoteka_store::end_sessions(dir)?;
    Ok(SessionsEnded {
        ended: u32::try_from(ended).unwrap_or(u32::MAX),
    })
}

/// A worker's password set: `changed` (by the worker) or `reset` (with the recovery key).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PasswordSet {
    pub worker: String,
    pub password: String,
}

impl PasswordSet {
    pub fn reset(app: &App) -> PasswordSet {
        PasswordSet {
            worker: app.worker().to_owned(),
            password: "reset".into(),
        }
    }
}

/// A worker who can now unlock the registry.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct WorkerAdded {
    pub worker: String,
}

/// A session for scripts: give `session` to later commands in `KARTOTEKA_SESSION`.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SessionStarted {
    pub session: String,
    /// RFC 3339, UTC, whole seconds.
    pub expires_at: String,
}

impl App {
    /// Starts a session of `minutes` for scripts.
    pub fn start_session(&mut self, minutes: u32) -> Result<SessionStarted, ApiError> {
        let session = self.store.start_session(minutes)?;
        Ok(SessionStarted {
            session: session.token.as_str().to_owned(),
            expires_at: session
                .expires_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
    }

    /// Gives the signed-in worker a new password, after checking their current one.
    pub fn change_password(
        &mut self,
        current: &str,
        new_password: &str,
    ) -> Result<PasswordSet, ApiError> {
        self.store
            .change_password(current, new_password, Default::default())?;
        Ok(PasswordSet {
            worker: self.worker().to_owned(),
            password: "changed".into(),
        })
    }

    /// Another worker with their own password.
    pub fn add_worker(&mut self, name: &str, password: &str) -> Result<WorkerAdded, ApiError> {
        self.store.add_worker(name, password, Default::default())?;
        Ok(WorkerAdded {
            worker: name.trim().to_owned(),
        })
    }

    /// Takes a worker's access away and gives the database a new key.
    pub fn remove_worker(&mut self, name: &str) -> Result<WorkerRemoved, ApiError> {
        Ok(self.store.remove_worker(name)?)
    }

    /// A new recovery key on paper: the sheet is made and handed to `write` first, and only
    /// once it is written does the new key replace the old one, so a failed write (a full
    /// disk, a wrong folder) leaves the old key working. `undo` runs when the replacement
    /// itself fails (the sheet would name a key that does not work).
    pub fn recovery_key_print(
        &mut self,
        write: impl FnOnce(&[u8]) -> Result<String, ApiError>,
        undo: impl FnOnce(&str),
    ) -> Result<RecoveryKeyPrinted, ApiError> {
        let key = new_recovery_key()?;
        let bytes = self.recovery_key_sheet(&key)?;
        let file = write(&bytes)?;
        if let Err(e) = self.replace_recovery_key(&key) {
            undo(&file);
            return Err(e);
        }
        Ok(RecoveryKeyPrinted::new(file))
    }

    /// A new recovery key (the old one stops working, the database gets a new key). Call it
    /// only once `recovery` is safely on paper.
    pub fn replace_recovery_key(&mut self, recovery: &str) -> Result<(), ApiError> {
        Ok(self
            .store
            .replace_recovery_key(recovery, Default::default())?)
    }
}

/// A fresh recovery key to print before it replaces the current one.
pub fn new_recovery_key() -> Result<zeroize::Zeroizing<String>, ApiError> {
    Ok(kartoteka_store::keyring::new_recovery_key()?)
}

/// What `kartoteka recovery-key print` (and Ustawienia's "Nowy klucz odzyskiwania") wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecoveryKeyPrinted {
    pub file: String,
    pub note: &'static str,
}

impl RecoveryKeyPrinted {
    pub fn new(file: String) -> RecoveryKeyPrinted {
        RecoveryKeyPrinted {
            file,
            note: "Poprzedni klucz odzyskiwania przestał działać.",
        }
    }
}
