//! Unsaved forms of the window (drafts), kept in the encrypted store so that a lock or a
//! closed window loses nothing a worker typed; the window restores the form and its view.

use crate::app::App;
use crate::error::ApiError;
use serde::Serialize;
use ts_rs::TS;

/// One unsaved form: which (`key`), in which view (`route`, the window's JSON), what was typed
/// (`data`, JSON of the fields) and when it was kept.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Draft {
    pub key: String,
    pub route: String,
    pub data: String,
    pub saved_at: String,
}

impl From<kartoteka_store::Draft> for Draft {
    fn from(d: kartoteka_store::Draft) -> Draft {
        Draft {
            key: d.key,
            route: d.route,
            data: d.data,
            saved_at: d.saved_at,
        }
    }
}

impl App {
    pub fn draft_save(&mut self, key: &str, route: &str, data: &str) -> Result<(), ApiError> {
        let source = self.source();
        Ok(self.store.draft_save(source, key, route, data)?)
    }

    pub fn draft(&self, key: &str) -> Result<Option<Draft>, ApiError> {
        Ok(self.store.draft(key)?.map(Draft::from))
    }

    /// The draft kept last: the view the window returns to after the unlock.
    pub fn draft_latest(&self) -> Result<Option<Draft>, ApiError> {
        Ok(self.store.draft_latest()?.map(Draft::from))
    }

    /// Forgets a draft (its form was saved or discarded).
    pub fn draft_delete(&mut self, key: &str) -> Result<bool, ApiError> {
        let source = self.source();
        Ok(self.store.draft_delete(source, key)?)
    }
}
