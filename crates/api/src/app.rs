//! The application as both front ends hold it: an unlocked store and who is using it.
//!
//! Invariant: every operation a person can start (in the window or the CLI) is a method of
//! `App` in the feature module it belongs to (`access`, `participants`, …), or a function of
//! that module for what happens before an unlock. The front ends parse their input, call one
//! of them and show the result; they never reach the store themselves.

use kartoteka_store::{Source, Store};

/// Which front end an operation comes from: recorded as the source of every audit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frontend {
    Window,
    Cli,
}

impl Frontend {
    pub(crate) fn source(self) -> Source {
        match self {
            Frontend::Window => Source::Ui,
            Frontend::Cli => Source::Cli,
        }
    }
}

/// An unlocked store. Dropping it forgets the key.
pub struct App {
    pub(crate) store: Store,
    pub(crate) frontend: Frontend,
}

impl App {
    pub(crate) fn new(store: Store, frontend: Frontend) -> App {
        App { store, frontend }
    }

    /// Today by the store's clock (fixed in tests, seeding and the benchmark).
    pub fn today(&self) -> chrono::NaiveDate {
        self.store.clock().today()
    }

    pub(crate) fn source(&self) -> Source {
        self.frontend.source()
    }

    /// A second connection to the same store, as the same worker: long reads (a CSV export,
    /// a backup) run on it while the window keeps working and saving on the first.
    pub fn reader(&self) -> Result<App, crate::ApiError> {
        Ok(App::new(self.store.second_connection()?, self.frontend))
    }

    /// The worker who unlocked the store (the actor of every audit event).
    pub fn worker(&self) -> &str {
        self.store.worker()
    }
}
