//! Unsaved forms (drafts): what a worker typed and has not saved, kept so that the idle lock,
//! "Zablokuj" or a closed window lose nothing.
//!
//! Invariants: drafts live only in the encrypted database of this computer (never in a bundle,
//! never in the audit log — they are not records and their text is personal data); the window
//! owns their keys and the shape of their JSON; a person's drafts go when the person is
//! anonymised or removed as demo data.

use crate::error::{Result, StoreError};
use crate::{Source, Store};
use kartoteka_domain::ValidationErrors;
use rusqlite::{params, OptionalExtension};

/// At most this much text per draft (a long note is 20,000 characters).
pub const DRAFT_MAX_BYTES: usize = 256 * 1024;

/// One unsaved form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub key: String,
    pub route: String,
    pub data: String,
    pub saved_at: String,
}

fn check(key: &str, route: &str, data: &str) -> Result<()> {
    let mut errors = ValidationErrors::default();
    if key.trim().is_empty() || key.len() > 200 {
        errors.push("key", "Szkic: nieprawidłowy klucz formularza");
    }
    if route.len() > 2_000 || serde_json::from_str::<serde_json::Value>(route).is_err() {
        errors.push("route", "Szkic: nieprawidłowy widok");
    }
    if data.len() > DRAFT_MAX_BYTES || serde_json::from_str::<serde_json::Value>(data).is_err() {
        errors.push(
            "data",
            "Szkic: treść formularza jest za duża albo uszkodzona",
        );
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

fn draft(r: &rusqlite::Row) -> rusqlite::Result<Draft> {
    Ok(Draft {
        key: r.get(0)?,
        route: r.get(1)?,
        data: r.get(2)?,
        saved_at: r.get(3)?,
    })
}

impl Store {
    /// Keeps (or replaces) the draft of one form.
    pub fn draft_save(&mut self, source: Source, key: &str, route: &str, data: &str) -> Result<()> {
        check(key, route, data)?;
        self.write(source, |tx| {
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO drafts(key, route, data, saved_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(key) DO UPDATE SET route = excluded.route, data = excluded.data,
                     saved_at = excluded.saved_at",
                params![key, route, data, now],
            )?;
            Ok(())
        })
    }

    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT key, route, data, saved_at FROM drafts WHERE key = ?1",
                [key],
                draft,
            )
            .optional()?)
    }

    /// The draft saved last (the window returns to its view after the unlock).
    pub fn draft_latest(&self) -> Result<Option<Draft>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT key, route, data, saved_at FROM drafts ORDER BY saved_at DESC, key LIMIT 1",
                [],
                draft,
            )
            .optional()?)
    }

    /// Forgets a draft (the form was saved or discarded). Returns whether there was one.
    pub fn draft_delete(&mut self, source: Source, key: &str) -> Result<bool> {
        self.write(source, |tx| {
            Ok(tx.tx.execute("DELETE FROM drafts WHERE key = ?1", [key])? > 0)
        })
    }
}

/// Drops the drafts of forms about this person (their key names the person's id).
pub(crate) fn forget_person(tx: &mut crate::write::Tx, participant_id: &str) -> Result<()> {
    tx.tx.execute(
        "DELETE FROM drafts WHERE instr(key, ?1) > 0",
        [participant_id],
    )?;
    Ok(())
}
