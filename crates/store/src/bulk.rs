//! The bulk path: many already-valid records in one transaction, for synthetic data, imports
//! and benchmarks.
//!
//! It writes exactly the rows the one-by-one path writes (the record, its search entry, its
//! audit events in the hash chain) through the same helpers and through `Store::write`, so
//! whatever `write` adds to every transaction applies here too. What it skips is only the
//! per-record work that a caller of the bulk path has already done: parsing and validation
//! (the domain types are valid by construction) and the likely-duplicate check (the caller
//! vouches that the people are distinct). A repeated PESEL is still refused by the database's
//! UNIQUE constraint, and then nothing of that batch is saved.

use crate::error::Result;
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::enrolment::EnrolmentStart;
use kartoteka_domain::participant::ParticipantData;
use kartoteka_domain::project::ProjectData;
use kartoteka_domain::relation::RelationKind;
use kartoteka_domain::Id;

/// One record to write in bulk, with its id chosen by the caller (deterministic data).
pub enum BulkRecord {
    Participant {
        id: Id,
        data: Box<ParticipantData>,
    },
    Project {
        id: Id,
        data: Box<ProjectData>,
    },
    /// "`related` is the `kind` of `participant`", as in `Store::add_relation`.
    Relation {
        id: Id,
        participant: Id,
        related: Id,
        kind: RelationKind,
    },
    Enrolment {
        id: Id,
        participant: Id,
        project: Id,
        start: Box<EnrolmentStart>,
    },
}

/// Page cache while loading (the default 2 MB makes every index insert of a large table a
/// read and decryption of a page); KiB, as `PRAGMA cache_size` takes negative values.
const BULK_CACHE_KIB: i64 = 256 * 1024;

impl Tx<'_> {
    fn insert_record(&mut self, record: &BulkRecord) -> Result<()> {
        match record {
            BulkRecord::Participant { id, data } => self.insert_participant(*id, data),
            BulkRecord::Project { id, data } => self.insert_project(*id, data),
            BulkRecord::Relation {
                id,
                participant,
                related,
                kind,
            } => self.insert_relation(*id, &participant.to_string(), &related.to_string(), *kind),
            BulkRecord::Enrolment {
                id,
                participant,
                project,
                start,
            } => self.insert_enrolment(*id, &participant.to_string(), &project.to_string(), start),
        }
    }
}

impl Store {
    /// Writes `records` in order, in one transaction (callers batch: ~10,000 a call keeps
    /// memory flat and the write-ahead log small). Records may refer to earlier ones of the
    /// same call or to stored ones.
    pub fn write_bulk(&mut self, source: Source, records: &[BulkRecord]) -> Result<usize> {
        // The larger cache stays for the rest of this connection (shrinking it between
        // batches would drop the pages the next batch needs): bulk loads are short sessions.
        self.conn()
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB};"))?;
        self.write(source, |tx| {
            for r in records {
                tx.insert_record(r)?;
            }
            Ok(records.len())
        })
    }

    /// Merges the search index's segments into one (FTS5 `optimize`), so queries read one
    /// b-tree instead of many after a large load. Changes no record and no audit event.
    pub fn optimize_search(&mut self) -> Result<()> {
        self.write(Source::System, |tx| {
            tx.tx.execute_batch(
                "INSERT INTO participant_search(participant_search) VALUES ('optimize');",
            )?;
            Ok(())
        })
    }
}
