//! The app's state: the data folder and, while unlocked, the open store.

use kartoteka_api::ApiError;
use kartoteka_store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            store: Mutex::new(None),
        }
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic in one command must not lock the user out for the rest of the session.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with the unlocked store; `Locked` when there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let mut guard = self.guard();
        let store = guard.as_mut().ok_or(StoreError::Locked)?;
        Ok(f(store)?)
    }

    pub fn set(&self, store: Option<Store>) {
        *self.guard() = store;
    }

    pub fn worker(&self) -> Option<String> {
        self.guard().as_ref().map(|s| s.worker().to_owned())
    }
}
