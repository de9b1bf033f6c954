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

    pub(crate) fn source(&self) -> Source {
        self.frontend.source()
    }

    /// The worker who unlocked the store (the actor of every audit event).
    pub fn worker(&self) -> &str {
        self.store.worker()
    }

    /// The store, for the front-end code that has not moved into this crate yet (issue 16
    /// moves it feature by feature; new code must not use this).
    #[doc(hidden)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// See `store`.
    #[doc(hidden)]
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// An `App` over a store opened elsewhere: for the benchmark and the demo seed, which
    /// build their store below the boundary (see `store`).
    #[doc(hidden)]
    pub fn from_store(store: Store, frontend: Frontend) -> App {
        App::new(store, frontend)
    }

    /// See `store`.
    #[doc(hidden)]
    pub fn into_store(self) -> Store {
        self.store
    }
}
