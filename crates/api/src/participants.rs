//! The participant registry as both front ends use it: the record, its family, listing and
//! searching in pages, archiving.

use crate::app::App;
use crate::dto::Family;
use crate::error::ApiError;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::{Participant, ParticipantInput};
use kartoteka_domain::relation::RelationKind;
use kartoteka_domain::FieldError;
use kartoteka_store::participants::DuplicateCheck;
pub use kartoteka_store::participants::{ParticipantPage, ParticipantSummary};
use kartoteka_store::AuditEvent;
use serde::Serialize;
use ts_rs::TS;

/// The most rows one list or search page returns, in the window and the CLI alike.
pub const PAGE_LIMIT: u32 = 1000;

/// The most audit events a person's "Historia" shows.
pub const HISTORY_LIMIT: u32 = 200;

/// A page size as asked for: 1 to `PAGE_LIMIT`; anything else is refused (never silently cut).
pub fn page_limit(limit: u32) -> Result<u32, ApiError> {
    if (1..=PAGE_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid(
            "limit",
            format!(
                "Liczba wierszy na stronie musi wynosić od 1 do {PAGE_LIMIT} (podano {limit}); dalsze wiersze czytaj z przesunięciem (--offset)."
            ),
        ))
    }
}

pub(crate) fn duplicate_check(confirmed: bool) -> DuplicateCheck {
    if confirmed {
        DuplicateCheck::Confirmed
    } else {
        DuplicateCheck::Refuse
    }
}

/// A record that was created.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Created {
    pub id: String,
}

/// A participant whose fields were changed: which ones (empty: nothing was different).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Updated {
    pub id: String,
    pub changed: Vec<String>,
}

/// A participant archived or brought back; `changed` is false when it already was so.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StatusChanged {
    pub id: String,
    /// `archived` or `active`.
    pub status: String,
    pub changed: bool,
}

impl App {
    /// The form's field errors as the worker types, without saving anything.
    pub fn participant_validate(&self, input: &ParticipantInput) -> Vec<FieldError> {
        match input.parse(self.store.clock().today()) {
            Ok(_) => vec![],
            Err(errors) => errors.0,
        }
    }

    /// A new participant; a PESEL or a likely person already in the registry is refused
    /// unless `confirmed_duplicate`.
    pub fn participant_add(
        &mut self,
        input: &ParticipantInput,
        confirmed_duplicate: bool,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self
            .store
            .add_participant(source, input, duplicate_check(confirmed_duplicate))?;
        Ok(Created { id: id.to_string() })
    }

    /// Changes the fields present in `patch` (JSON object of `ParticipantInput` keys).
    pub fn participant_update(
        &mut self,
        id: &str,
        patch: &serde_json::Value,
        confirmed_duplicate: bool,
    ) -> Result<Updated, ApiError> {
        let source = self.source();
        let changed = self.store.update_participant(
            source,
            id,
            patch,
            duplicate_check(confirmed_duplicate),
        )?;
        Ok(Updated {
            id: id.trim().to_owned(),
            changed,
        })
    }

    pub fn participant(&self, id: &str) -> Result<Participant, ApiError> {
        Ok(self.store.participant(id)?)
    }

    /// One page of the registry in surname order.
    pub fn participant_page(
        &self,
        offset: u32,
        limit: u32,
        include_archived: bool,
    ) -> Result<ParticipantPage, ApiError> {
        Ok(self
            .store
            .participant_page(offset, page_limit(limit)?, include_archived)?)
    }

    /// As-you-type search, best match first.
    pub fn participant_search(
        &self,
        query: &str,
        limit: u32,
        include_archived: bool,
    ) -> Result<Vec<ParticipantSummary>, ApiError> {
        Ok(self
            .store
            .search_participants(query, page_limit(limit)?, include_archived)?)
    }

    pub fn participant_archive(&mut self, id: &str) -> Result<StatusChanged, ApiError> {
        let source = self.source();
        let changed = self.store.archive_participant(source, id)?;
        Ok(StatusChanged {
            id: id.trim().to_owned(),
            status: "archived".into(),
            changed,
        })
    }

    pub fn participant_restore(&mut self, id: &str) -> Result<StatusChanged, ApiError> {
        let source = self.source();
        let changed = self.store.restore_participant(source, id)?;
        Ok(StatusChanged {
            id: id.trim().to_owned(),
            status: "active".into(),
            changed,
        })
    }

    /// The person's relatives in the registry, and whether a minor lacks anyone to sign.
    pub fn participant_family(&self, id: &str) -> Result<Family, ApiError> {
        Ok(Family {
            related: self.store.related_people(id)?,
            needs_guardian: self.store.needs_guardian(id)?,
        })
    }

    /// A participant's enrolments (an unknown participant is "not found", not an empty list).
    pub fn participant_enrolments(&self, id: &str) -> Result<Vec<Enrolment>, ApiError> {
        self.store.participant(id)?;
        Ok(self.store.enrolments_of_participant(id)?)
    }

    /// The person's history ("Historia"): the newest `HISTORY_LIMIT` events.
    pub fn participant_history(&self, id: &str) -> Result<Vec<AuditEvent>, ApiError> {
        Ok(self.store.audit_events(Some(id), HISTORY_LIMIT)?)
    }

    /// Links two people (`kind` as seen from `participant_id`).
    pub fn relation_add(
        &mut self,
        participant_id: &str,
        related_id: &str,
        kind: RelationKind,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self
            .store
            .add_relation(source, participant_id, related_id, kind)?;
        Ok(Created { id: id.to_string() })
    }

    pub fn relation_remove(&mut self, id: &str) -> Result<(), ApiError> {
        let source = self.source();
        Ok(self.store.remove_relation(source, id)?)
    }
}
