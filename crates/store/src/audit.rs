//! The audit log: who did what to which record, when, from where, and which fields changed.
//! Each event's hash covers the previous event's hash, so a changed, removed or reordered
//! event breaks the chain and `verify` finds it.

use crate::error::Result;
use crate::Store;
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// Where a write came from; stored in every audit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Ui,
    Cli,
    Import,
    Sync,
    System,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ui => "ui",
            Source::Cli => "cli",
            Source::Import => "import",
            Source::Sync => "sync",
            Source::System => "system",
        }
    }
}

pub(crate) struct NewEvent {
    pub entity: &'static str,
    pub entity_id: String,
    pub action: &'static str,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub source: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub fields: Vec<String>,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of one event: the previous hash, its number, then at, actor, source, entity,
/// entity id, action and fields, each length-prefixed so no two events hash alike.
fn event_hash(prev: &str, seq: i64, parts: [&str; 7]) -> String {
    let mut h = Sha256::new();
    let seq = seq.to_string();
    for part in [prev, seq.as_str()].into_iter().chain(parts) {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

pub(crate) fn append(
    tx: &Transaction,
    actor: &str,
    source: Source,
    at: &str,
    events: Vec<NewEvent>,
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (mut seq, mut prev) = last.unwrap_or((0, GENESIS.to_owned()));
    let mut stmt = tx.prepare_cached(
        "INSERT INTO audit_events(seq, at, actor, source, entity, entity_id, action, fields, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for e in events {
        seq += 1;
        let fields = serde_json::to_string(&e.fields).expect("field names serialise");
        let hash = event_hash(
            &prev,
            seq,
            [
                at,
                actor,
                source.as_str(),
                e.entity,
                &e.entity_id,
                e.action,
                &fields,
            ],
        );
        stmt.execute(rusqlite::params![
            seq,
            at,
            actor,
            source.as_str(),
            e.entity,
            e.entity_id,
            e.action,
            fields,
            prev,
            hash
        ])?;
        prev = hash;
    }
    Ok(())
}

/// The result of checking the chain: how many events, and the first broken one if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Verification {
    pub events: i64,
    pub first_broken: Option<i64>,
}

impl Store {
    /// Events about one record (or all when `entity_id` is `None`), newest first.
    pub fn audit_events(&self, entity_id: Option<&str>, limit: u32) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, at, actor, source, entity, entity_id, action, fields FROM audit_events
             WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY seq DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![entity_id, limit], |r| {
            let fields: String = r.get(7)?;
            Ok(AuditEvent {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                source: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                action: r.get(6)?,
                fields: serde_json::from_str(&fields).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Recomputes the hash chain from the first event.
    pub fn verify_audit(&self) -> Result<Verification> {
        let mut stmt = self.conn().prepare(
            "SELECT seq, at, actor, source, entity, entity_id, action, fields, prev_hash, hash
             FROM audit_events ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 0i64;
        let mut count = 0i64;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let get = |i: usize| r.get::<_, String>(i);
            let hash = event_hash(
                &prev,
                seq,
                [
                    &get(1)?,
                    &get(2)?,
                    &get(3)?,
                    &get(4)?,
                    &get(5)?,
                    &get(6)?,
                    &get(7)?,
                ],
            );
            expected_seq += 1;
            count += 1;
            if seq != expected_seq || get(8)? != prev || get(9)? != hash {
                return Ok(Verification {
                    events: count,
                    first_broken: Some(seq),
                });
            }
            prev = hash;
        }
        Ok(Verification {
            events: count,
            first_broken: None,
        })
    }
}
