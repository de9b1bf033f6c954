//! The one path for writes: a transaction that carries who writes, from where and when, and
//! collects audit events that are appended before it commits.

use crate::audit;
use crate::error::Result;
use crate::Store;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

pub use crate::audit::Source;

/// A write in progress. Dropped without commit, it rolls back and nothing is saved.
pub struct Tx<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) now: DateTime<Utc>,
    pub(crate) today: NaiveDate,
    events: Vec<audit::NewEvent>,
    worker: String,
    source: Source,
}

impl Tx<'_> {
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub(crate) fn now_text(&self) -> String {
        self.now
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    /// Records that `action` happened to a record; `fields` names what changed (never values).
    pub fn audit(
        &mut self,
        entity: &'static str,
        entity_id: &str,
        action: &'static str,
        fields: Vec<String>,
    ) {
        self.events.push(audit::NewEvent {
            entity,
            entity_id: entity_id.to_owned(),
            action,
            fields,
        });
    }

    /// Appends events to the audit log now, before those given to `audit` (which wait for
    /// the commit): for writes so long that holding every event until the end would not do.
    pub(crate) fn audit_now(&self, events: Vec<audit::NewEvent>) -> Result<()> {
        audit::append(
            &self.tx,
            &self.worker,
            self.source,
            &self.now_text(),
            events,
        )
    }
}

impl Store {
    /// Runs `f` as one transaction. Its audit events are appended in the same transaction;
    /// an error anywhere rolls everything back.
    pub fn write<T>(&mut self, source: Source, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let today = self.clock.today();
        let worker = self.worker.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut w = Tx {
            tx,
            now,
            today,
            events: Vec::new(),
            worker,
            source,
        };
        let value = f(&mut w)?;
        // Every changed syncable row gets its per-field stamps in this same transaction.
        (crate::STAMP_CHANGED_ROWS)(&w.tx, w.now)?;
        let events = std::mem::take(&mut w.events);
        w.audit_now(events)?;
        w.tx.commit()?;
        Ok(value)
    }
}
