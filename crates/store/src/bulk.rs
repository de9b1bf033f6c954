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
use kartoteka_domain::plan::{
    CaseNoteData, DeliveryData, PlanContent, PlanSigning, PlannedServiceData,
};
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
    /// Version 1 of an enrolment's plan with its planned services; signed when `signing`
    /// is given, else a draft.
    Plan {
        id: Id,
        enrolment: Id,
        content: Box<PlanContent>,
        services: Vec<BulkPlannedService>,
        signing: Option<Box<PlanSigning>>,
    },
    /// A delivery logged against a planned service of a signed plan.
    Delivery {
        id: Id,
        planned_service: Id,
        data: Box<DeliveryData>,
    },
    /// A case note about a participant.
    Note {
        id: Id,
        participant: Id,
        data: Box<CaseNoteData>,
    },
}

/// `n` adults without a PESEL ("Zofia Kowalczyk0000", "…0001", …), for tests that need a
/// registry large enough for progress to move.
#[cfg(feature = "test-support")]
pub fn test_people(n: usize, today: chrono::NaiveDate) -> Vec<BulkRecord> {
    (0..n)
        .map(|i| {
            let input: kartoteka_domain::participant::ParticipantInput =
                serde_json::from_value(serde_json::json!({
                    "first_name": "Zofia", "last_name": format!("Kowalczyk{i:04}"),
                    "sex": "female", "birth_date": "1980-05-05"}))
                .expect("a participant's input");
            BulkRecord::Participant {
                id: Id::new_v7(),
                data: Box::new(input.parse(today).expect("a valid participant")),
            }
        })
        .collect()
}

/// A planned service of a bulk plan: the goal it serves (an id in the plan's content) and a
/// catalogue service by id.
pub struct BulkPlannedService {
    pub id: Id,
    pub goal: Id,
    pub service: Id,
    pub data: PlannedServiceData,
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
            BulkRecord::Plan {
                id,
                enrolment,
                content,
                services,
                signing,
            } => self.insert_bulk_plan(*id, *enrolment, content, services, signing.as_deref()),
            BulkRecord::Delivery {
                id,
                planned_service,
                data,
            } => self.insert_delivery(&id.to_string(), &planned_service.to_string(), data),
            BulkRecord::Note {
                id,
                participant,
                data,
            } => self.insert_note(&id.to_string(), &participant.to_string(), data),
        }
    }

    /// The rows and audit events `create_plan` and `sign_plan` write.
    fn insert_bulk_plan(
        &mut self,
        id: Id,
        enrolment: Id,
        content: &PlanContent,
        services: &[BulkPlannedService],
        signing: Option<&PlanSigning>,
    ) -> Result<()> {
        let id = id.to_string();
        self.insert_plan(
            &id,
            crate::plans::PlanOwner::Enrolment(&enrolment.to_string()),
            content,
            signing,
        )?;
        for (position, s) in services.iter().enumerate() {
            self.insert_planned_service(
                &s.id.to_string(),
                &id,
                &s.goal.to_string(),
                &s.service.to_string(),
                position,
                &s.data,
            )?;
        }
        self.audit("plan", &id, "create", crate::plans::plan_fields());
        if signing.is_some() {
            self.audit("plan", &id, "sign", crate::plans::sign_fields());
        }
        Ok(())
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
