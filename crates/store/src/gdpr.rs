//! GDPR operations: the full record of one person (for an access request) and anonymisation
//! after the retention date.
//!
//! Invariant: nobody is anonymised before every project they took part in has passed its
//! retention date; a project without a retention date keeps its people. Anonymisation
//! removes names, identifiers, contact details and free text in one transaction with an audit
//! event, and leaves what reports count (sex, birth year, area, statuses, enrolments).
//! It reaches every copy the store keeps (`anonymise_copies`): the free text of the person's
//! casework, the snapshots of printed documents that show them (kind, date and SHA-256 of the
//! original stay), and the values sync conflicts kept. The same runs when an anonymisation
//! arrives in a sync bundle, for what only this computer holds; every change it makes is
//! stamped, so it travels on.

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
    pub consents: Vec<kartoteka_domain::consent::Consent>,
    pub plans: Vec<crate::plans::PlanView>,
    pub deliveries: Vec<crate::deliveries::DeliveryView>,
    pub notes: Vec<crate::notes::CaseNote>,
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
            consents: self.consents_of(id)?,
            plans: self
                .plans_of_participant(id)?
                .iter()
                .map(|p| self.plan(&p.id))
                .collect::<Result<_>>()?,
            deliveries: self.deliveries_of_participant(id)?,
            notes: self.notes_of(id)?,
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
                let identity = Identity::of(&c.id, &data);
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
                anonymise_copies(tx, &identity)?;
                done.push(c.id.clone());
            }
            Ok(done)
        })
    }
}

/// What identifies a person in the copies of their data kept beside their record.
pub(crate) struct Identity {
    pub(crate) id: String,
    /// "Imię Nazwisko", as documents print it.
    pub(crate) full_name: String,
    pub(crate) pesel: Option<String>,
}

impl Identity {
    pub(crate) fn of(id: &str, data: &ParticipantData) -> Identity {
        Identity {
            id: id.to_owned(),
            full_name: format!("{} {}", data.first_name, data.last_name),
            pesel: data.pesel.map(|p| p.as_string()),
        }
    }
}

/// Refuses an anonymisation that arrives by sync when this installation still must keep the
/// person's data: one of their projects here has no retention date, or one still to come
/// (this computer may know of an enrolment the sender did not).
pub(crate) fn check_retention_passed(tx: &crate::write::Tx, who: &Identity) -> Result<()> {
    let today = tx.now.date_naive().to_string();
    let keeping: i64 = tx.tx.query_row(
        "SELECT count(*) FROM enrolments e JOIN projects pr ON pr.id = e.project_id
          WHERE e.participant_id = ?1
            AND (json_extract(pr.data, '$.retention_until') IS NULL
                 OR json_extract(pr.data, '$.retention_until') >= ?2)",
        params![who.id, today],
        |r| r.get(0),
    )?;
    if keeping > 0 {
        return Err(crate::StoreError::Conflict(
            "W pakiecie jest anonimizacja osoby, której dane według tej kartoteki trzeba jeszcze przechowywać (jej projekt na tym komputerze nie ma daty przechowywania albo ta data jeszcze nie minęła). Nic nie zaimportowano. Sprawdźcie daty przechowywania projektów tej osoby na obu komputerach.".into(),
        ));
    }
    Ok(())
}

/// Removes the person's data from every copy the store keeps besides their record: their
/// casework's free text, printed documents' snapshots, sync conflicts' values, unsaved forms. Runs inside
/// the transaction that anonymises the person (here, or when the anonymisation arrives by
/// sync, after the bundle's rows are written).
pub(crate) fn anonymise_copies(tx: &mut crate::write::Tx, who: &Identity) -> Result<()> {
    crate::drafts::forget_person(tx, &who.id)?;
    anonymise_casework(tx, &who.id)?;
    anonymise_documents(tx, who)?;
    clear_conflicts(tx, &who.id)
}

/// The snapshot of every printed document that shows the person — their own documents, and
/// any other (an attendance sheet, a relative's record or form) that holds their PESEL, or
/// their name when it is a many-person document or a relative's — is replaced by what the
/// register must keep: that it was printed, its kind, date and the SHA-256 of the original.
/// Such a document can no longer be printed again.
fn anonymise_documents(tx: &mut crate::write::Tx, who: &Identity) -> Result<()> {
    let ids: Vec<String> = {
        let mut stmt = tx.tx.prepare(
            "SELECT id FROM documents
              WHERE json_extract(model, '$.anonymised') IS NOT 1
                AND (participant_id = ?1
                     OR (?3 IS NOT NULL AND instr(model, ?3) > 0)
                     OR (instr(model, ?2) > 0
                         AND (participant_id IS NULL
                              OR participant_id IN (SELECT related_id FROM relations WHERE participant_id = ?1
                                                    UNION SELECT participant_id FROM relations WHERE related_id = ?1))))",
        )?;
        let rows = stmt.query_map(params![who.id, who.full_name, who.pesel], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in ids {
        tx.tx.execute(
            "UPDATE documents SET model = json_object('anonymised', json('true'), 'kind', kind,
                    'generated_at', generated_at, 'sha256', sha256)
              WHERE id = ?1",
            [&id],
        )?;
        tx.audit("document", &id, "anonymise", vec!["model".into()]);
    }
    Ok(())
}

/// A sync conflict keeps the losing value of a field: for the person's rows (their record,
/// family ties, enrolments, consents, plans and what hangs on them, notes, documents) both
/// values go, and an open conflict is settled with the value that won (now anonymous).
fn clear_conflicts(tx: &mut crate::write::Tx, participant_id: &str) -> Result<()> {
    let now = tx.now_text();
    tx.tx.execute(
        "UPDATE sync_conflicts SET mine = NULL, theirs = NULL,
                resolution = coalesce(resolution, winner), resolved_at = coalesce(resolved_at, ?2)
          WHERE (mine IS NOT NULL OR theirs IS NOT NULL OR resolved_at IS NULL)
            AND row_id IN (
                SELECT ?1
                UNION ALL SELECT id FROM relations WHERE participant_id = ?1 OR related_id = ?1
                UNION ALL SELECT id FROM enrolments WHERE participant_id = ?1
                UNION ALL SELECT id FROM consents WHERE participant_id = ?1
                UNION ALL SELECT id FROM case_notes WHERE participant_id = ?1
                UNION ALL SELECT id FROM documents WHERE participant_id = ?1
                UNION ALL SELECT plan_id FROM plan_owners WHERE participant_id = ?1
                UNION ALL SELECT ps.id FROM planned_services ps JOIN plan_owners o ON o.plan_id = ps.plan_id
                           WHERE o.participant_id = ?1
                UNION ALL SELECT r.id FROM plan_reviews r JOIN plan_owners o ON o.plan_id = r.plan_id
                           WHERE o.participant_id = ?1
                UNION ALL SELECT d.id FROM deliveries d JOIN planned_services ps ON ps.id = d.planned_service_id
                           JOIN plan_owners o ON o.plan_id = ps.plan_id
                           WHERE o.participant_id = ?1)",
        params![participant_id, now],
    )?;
    Ok(())
}

/// Removes the free text written about a person in their plans, reviews, deliveries and case
/// notes; what reports count (services, quantities, dates, statuses, areas' scores) stays.
fn anonymise_casework(tx: &mut crate::write::Tx, participant_id: &str) -> Result<()> {
    use kartoteka_domain::plan::{PlanClosing, PlanContent, PlanReview};
    let plans: Vec<(String, String, Option<String>)> = {
        let mut stmt = tx.tx.prepare(
            "SELECT p.id, p.data, p.closing FROM plans p JOIN plan_owners o ON o.plan_id = p.id
              WHERE o.participant_id = ?1",
        )?;
        let rows = stmt.query_map([participant_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let now = tx.now_text();
    for (id, data, closing) in plans {
        let mut content: PlanContent = serde_json::from_str(&data)
            .map_err(|e| crate::StoreError::Corrupt(format!("plan nieczytelny: {e}")))?;
        content.diagnosis.problem_situation = None;
        content.diagnosis.strengths = None;
        content.diagnosis.needs = None;
        for a in &mut content.diagnosis.areas {
            a.comment = None;
        }
        for (i, g) in content.goals.iter_mut().enumerate() {
            g.title = format!("Cel {}", i + 1);
            g.measure = None;
        }
        content.commitments = None;
        content.worker_obligations = None;
        content.initial_assessment = None;
        // Who else was in the family is itself about the person.
        content.family_members.clear();
        let closing = closing
            .map(|c| -> Result<String> {
                let mut c: PlanClosing = serde_json::from_str(&c)
                    .map_err(|e| crate::StoreError::Corrupt(format!("plan nieczytelny: {e}")))?;
                c.final_evaluation = "—".into();
                Ok(serde_json::to_string(&c).expect("serialises"))
            })
            .transpose()?;
        tx.tx.execute(
            "UPDATE plans SET data = ?2, closing = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(&content).expect("serialises"),
                closing,
                now
            ],
        )?;
        tx.audit(
            "plan",
            &id,
            "anonymise",
            vec![
                "diagnosis".into(),
                "goals".into(),
                "commitments".into(),
                "worker_obligations".into(),
                "initial_assessment".into(),
                "family_members".into(),
            ],
        );
        let reviews: Vec<(String, String)> = {
            let mut stmt = tx
                .tx
                .prepare("SELECT id, data FROM plan_reviews WHERE plan_id = ?1")?;
            let rows = stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (rid, data) in reviews {
            let mut review: PlanReview = serde_json::from_str(&data)
                .map_err(|e| crate::StoreError::Corrupt(format!("przegląd nieczytelny: {e}")))?;
            review.changes = "—".into();
            for g in &mut review.goals {
                g.comment = None;
            }
            tx.tx.execute(
                "UPDATE plan_reviews SET data = ?2 WHERE id = ?1",
                params![rid, serde_json::to_string(&review).expect("serialises")],
            )?;
        }
    }
    tx.tx.execute(
        "UPDATE deliveries SET data = json_set(data, '$.note', NULL)
          WHERE planned_service_id IN (SELECT ps.id FROM planned_services ps JOIN plan_owners o ON o.plan_id = ps.plan_id
                                        WHERE o.participant_id = ?1)",
        [participant_id],
    )?;
    let notes = tx.tx.execute(
        "UPDATE case_notes SET data = json_set(data, '$.text', '—') WHERE participant_id = ?1",
        [participant_id],
    )?;
    if notes > 0 {
        tx.audit(
            "case_note",
            participant_id,
            "anonymise",
            vec!["text".into()],
        );
    }
    Ok(())
}
