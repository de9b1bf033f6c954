//! GDPR operations: the full record of one person (for an access request) and anonymisation
//! after the retention date.
//!
//! Invariant: nobody is anonymised before every project they took part in has passed its
//! retention date; a project without a retention date keeps its people. Anonymisation
//! removes names, identifiers, contact details and free text in one transaction with an audit
//! event, and leaves what reports count (sex, birth year, area, statuses, enrolments).

use crate::error::Result;
use crate::participants::anonymised_is_final;
use crate::write::Source;
use crate::Store;
use chrono::NaiveDate;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::{Participant, ParticipantData, ParticipantStatus};
use kartoteka_domain::relation::RelatedPerson;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// Everything stored about one person, as handed over on an access request.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalRecord {
    pub participant: Participant,
    pub family: Vec<RelatedPerson>,
    pub enrolments: Vec<Enrolment>,
    pub history: Vec<crate::audit::AuditEvent>,
}

/// A person who may be anonymised, shown in the preview.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AnonymisationCandidate {
    pub id: String,
    pub name: String,
    /// The latest retention date among the person's projects (all have passed).
    pub retention_until: String,
    pub projects: u32,
}

impl Store {
    pub fn personal_record(&self, id: &str) -> Result<PersonalRecord> {
        Ok(PersonalRecord {
            participant: self.participant(id)?,
            family: self.related_people(id)?,
            enrolments: self.enrolments_of_participant(id)?,
            history: self.audit_events(Some(id.trim()), 10_000)?,
        })
    }

    /// People whose every project has passed its retention date on `today`.
    pub fn anonymisation_candidates(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<AnonymisationCandidate>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.id, p.first_name || ' ' || p.last_name,
                    max(json_extract(pr.data, '$.retention_until')),
                    count(DISTINCT pr.id),
                    sum(json_extract(pr.data, '$.retention_until') IS NULL
                        OR json_extract(pr.data, '$.retention_until') >= ?1)
             FROM participants p
             JOIN enrolments e ON e.participant_id = p.id
             JOIN projects pr ON pr.id = e.project_id
             WHERE p.status <> 'anonymised'
             GROUP BY p.id
             HAVING sum(json_extract(pr.data, '$.retention_until') IS NULL
                        OR json_extract(pr.data, '$.retention_until') >= ?1) = 0
             ORDER BY p.sort_key",
        )?;
        let rows = stmt.query_map([today.to_string()], |r| {
            Ok(AnonymisationCandidate {
                id: r.get(0)?,
                name: r.get(1)?,
                retention_until: r.get(2)?,
                projects: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Anonymises every candidate in one transaction; returns their ids.
    pub fn anonymise_expired(&mut self, source: Source) -> Result<Vec<String>> {
        let today = self.clock().today();
        let candidates = self.anonymisation_candidates(today)?;
        self.write(source, |tx| {
            let mut done = Vec::new();
            for c in &candidates {
                let (seq, data, status) = tx.load_participant_data(&c.id)?;
                if status == ParticipantStatus::Anonymised {
                    return Err(anonymised_is_final());
                }
                let anonymous: ParticipantData = data.anonymised();
                tx.tx.execute(
                    "UPDATE participants SET status = 'anonymised', first_name = '', last_name = '',
                         sort_key = '~', name_key = '', pesel = NULL, birth_date = ?2, data = ?3,
                         updated_at = ?4
                     WHERE id = ?1",
                    params![
                        c.id,
                        anonymous.birth_date.to_string(),
                        serde_json::to_string(&anonymous).expect("participant serialises"),
                        tx.now_text()
                    ],
                )?;
                tx.tx
                    .execute("DELETE FROM participant_search WHERE rowid = ?1", [seq])?;
                let mut fields: Vec<String> = [
                    "first_name",
                    "last_name",
                    "pesel",
                    "phone",
                    "email",
                    "address",
                    "correspondence_address",
                    "notes",
                    "accessibility_needs",
                    "birth_date",
                ]
                .iter()
                .map(|f| f.to_string())
                .collect();
                fields.sort();
                tx.audit("participant", &c.id, "anonymise", fields);
                done.push(c.id.clone());
            }
            Ok(done)
        })
    }
}
