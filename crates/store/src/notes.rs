//! Case notes (home visits, calls, office meetings) and the participant's timeline, which mixes
//! notes, deliveries, plan reviews and consents, newest first.

use crate::error::{Result, StoreError};
use crate::plans::corrupt;
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::plan::{format_quantity, CaseNoteData, CaseNoteInput, NoteKind, PlanReview};
use kartoteka_domain::Id;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseNote {
    pub id: String,
    pub participant_id: String,
    /// "YYYY-MM-DDTHH:MM"
    pub at: String,
    pub kind: NoteKind,
    pub kind_label: String,
    pub text: String,
    pub author: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineKind {
    Note,
    Delivery,
    Review,
    Consent,
    ConsentWithdrawn,
}

/// One entry of a participant's timeline.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TimelineEntry {
    /// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": sortable.
    pub at: String,
    pub kind: TimelineKind,
    /// A short Polish title ("Wizyta domowa", "Terapia psychologiczna: 1,5 godz.").
    pub title: String,
    pub detail: Option<String>,
    pub author: Option<String>,
    /// The record the entry comes from.
    pub record_id: String,
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Tx<'_> {
    /// Writes a case note about an existing participant, with its audit event.
    pub(crate) fn insert_note(
        &mut self,
        id: &str,
        participant_id: &str,
        data: &CaseNoteData,
    ) -> Result<()> {
        let extra = serde_json::json!({ "text": data.text, "author": data.author });
        let now = self.now_text();
        self.tx
            .prepare_cached(
                "INSERT INTO case_notes(id, participant_id, noted_at, kind, data, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id,
                participant_id,
                data.at.format("%Y-%m-%dT%H:%M").to_string(),
                data.kind.as_str(),
                extra.to_string(),
                now
            ])?;
        self.audit(
            "case_note",
            id,
            "create",
            vec!["at".into(), "kind".into(), "text".into()],
        );
        Ok(())
    }
}

impl Store {
    pub fn add_note(
        &mut self,
        source: Source,
        participant_id: &str,
        input: &CaseNoteInput,
    ) -> Result<CaseNote> {
        let participant = self.participant(participant_id)?;
        let now = self
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .naive_local();
        let data: CaseNoteData = input.parse(now, self.worker())?;
        let pid = participant.id.to_string();
        let id = self.write(source, |tx| {
            let id = Id::new_v7().to_string();
            tx.insert_note(&id, &pid, &data)?;
            Ok(id)
        })?;
        Ok(CaseNote {
            id,
            participant_id: pid,
            at: data.at.format("%Y-%m-%dT%H:%M").to_string(),
            kind: data.kind,
            kind_label: data.kind.polish().to_owned(),
            text: data.text,
            author: data.author,
        })
    }

    pub fn notes_of(&self, participant_id: &str) -> Result<Vec<CaseNote>> {
        self.participant(participant_id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, participant_id, noted_at, kind, data FROM case_notes
              WHERE participant_id = ?1 ORDER BY noted_at DESC, created_at DESC",
        )?;
        let rows = stmt.query_map([participant_id.trim()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, pid, at, kind, data) = row?;
            let kind = NoteKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt("rodzaj notatki nieczytelny".into()))?;
            let extra: serde_json::Value =
                serde_json::from_str(&data).map_err(corrupt("notatka"))?;
            out.push(CaseNote {
                id,
                participant_id: pid,
                at,
                kind,
                kind_label: kind.polish().to_owned(),
                text: extra["text"].as_str().unwrap_or_default().to_owned(),
                author: extra["author"].as_str().unwrap_or_default().to_owned(),
            });
        }
        Ok(out)
    }

    /// Notes, deliveries, plan reviews and consents of one person, newest first.
    pub fn timeline(&self, participant_id: &str) -> Result<Vec<TimelineEntry>> {
        let mut out: Vec<TimelineEntry> = self
            .notes_of(participant_id)?
            .into_iter()
            .map(|n| TimelineEntry {
                at: n.at,
                kind: TimelineKind::Note,
                title: capitalised(&n.kind_label),
                detail: Some(n.text),
                author: Some(n.author),
                record_id: n.id,
            })
            .collect();
        for d in self.deliveries_of_participant(participant_id)? {
            let qty = format_quantity((d.quantity * 100.0).round() as i64);
            out.push(TimelineEntry {
                at: d.date.to_string(),
                kind: TimelineKind::Delivery,
                title: format!(
                    "{}: {qty} {} ({})",
                    d.service_name, d.unit_label, d.attendance_label
                ),
                detail: d.note,
                author: Some(d.delivered_by),
                record_id: d.id,
            });
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, r.data, p.version FROM plan_reviews r JOIN plans p ON p.id = r.plan_id
               JOIN plan_owners o ON o.plan_id = p.id WHERE o.participant_id = ?1",
        )?;
        let rows = stmt.query_map([participant_id.trim()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for row in rows {
            let (id, data, version) = row?;
            let review: PlanReview = serde_json::from_str(&data).map_err(corrupt("przegląd"))?;
            out.push(TimelineEntry {
                at: review.review_date.to_string(),
                kind: TimelineKind::Review,
                title: format!("Przegląd planu wsparcia (wersja {version})"),
                detail: Some(review.changes),
                author: Some(review.worker),
                record_id: id,
            });
        }
        drop(stmt);
        for c in self.consents_of(participant_id)? {
            let by = if c.given_by == "self" {
                String::new()
            } else {
                format!(" — podpisał(a) {}", c.given_by)
            };
            out.push(TimelineEntry {
                at: c.given_on.to_string(),
                kind: TimelineKind::Consent,
                title: format!("Zgoda: {} (wersja {}){by}", c.title, c.version),
                detail: None,
                author: None,
                record_id: c.id.to_string(),
            });
            if let Some(w) = c.withdrawn_on {
                out.push(TimelineEntry {
                    at: w.to_string(),
                    kind: TimelineKind::ConsentWithdrawn,
                    title: format!("Wycofanie zgody: {}", c.title),
                    detail: None,
                    author: None,
                    record_id: c.id.to_string(),
                });
            }
        }
        out.sort_by(|a, b| b.at.cmp(&a.at));
        Ok(out)
    }
}
