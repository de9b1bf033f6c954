//! Enrolments: a participant in a project. A person may be in several projects, but in one
//! project only once at a time.

use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::enrolment::{
    Enrolment, EnrolmentEnd, EnrolmentEndInput, EnrolmentInput, EnrolmentStart, ExitStatementInput,
};
use kartoteka_domain::Id;
use rusqlite::{params, OptionalExtension, Row};

const ENROLMENT_COLUMNS: &str = "e.id, e.participant_id, e.project_id, pr.name,
    p.first_name || ' ' || p.last_name, e.start_data, e.end_data";

fn enrolment_from_row(r: &Row) -> rusqlite::Result<Result<Enrolment>> {
    let parse_id = |s: String| {
        s.parse::<Id>()
            .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))
    };
    let start: String = r.get(5)?;
    let end: Option<String> = r.get(6)?;
    let build = || -> Result<Enrolment> {
        Ok(Enrolment {
            id: parse_id(r.get(0)?)?,
            participant_id: parse_id(r.get(1)?)?,
            project_id: parse_id(r.get(2)?)?,
            project_name: r.get(3)?,
            participant_name: r.get(4)?,
            start: serde_json::from_str(&start)
                .map_err(|e| StoreError::Corrupt(format!("zapis udziału nieczytelny: {e}")))?,
            end: end
                .map(|e| serde_json::from_str(&e))
                .transpose()
                .map_err(|e| StoreError::Corrupt(format!("zapis udziału nieczytelny: {e}")))?,
        })
    };
    Ok(build())
}

impl Tx<'_> {
    /// Writes a new, already checked enrolment and its audit event (shared with the bulk path).
    pub(crate) fn insert_enrolment(
        &mut self,
        id: Id,
        participant_id: &str,
        project_id: &str,
        start: &EnrolmentStart,
    ) -> Result<()> {
        let now = self.now_text();
        self.tx.prepare_cached(
            "INSERT INTO enrolments(id, participant_id, project_id, start_data, end_data, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?5)",
        )?
        .execute(params![id.to_string(), participant_id, project_id, serde_json::to_string(start).expect("serialises"), now])?;
        self.audit(
            "enrolment",
            &id.to_string(),
            "create",
            vec![
                "start_date".into(),
                "target_group".into(),
                "status_at_start".into(),
                "substatus_at_start".into(),
            ],
        );
        Ok(())
    }
}

impl Store {
    pub fn add_enrolment(
        &mut self,
        source: Source,
        participant_id: &str,
        project_id: &str,
        input: &EnrolmentInput,
    ) -> Result<Id> {
        let participant_id = participant_id.trim();
        let project_id = project_id.trim();
        let project = Store::project_data(self.conn(), project_id)?;
        self.participant(participant_id)?;
        let start = input.parse(&project)?;
        self.write(source, |tx| {
            let open: Option<String> = tx
                .tx
                .query_row(
                    "SELECT id FROM enrolments WHERE participant_id = ?1 AND project_id = ?2 AND end_data IS NULL",
                    [participant_id, project_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = open {
                return Err(StoreError::Conflict(format!(
                    "Ta osoba już uczestniczy w projekcie „{}” (udział {existing}). Zakończ tamten udział, zanim dodasz nowy.",
                    project.name
                )));
            }
            let id = Id::new_v7();
            tx.insert_enrolment(id, participant_id, project_id, &start)?;
            Ok(id)
        })
    }

    pub fn end_enrolment(
        &mut self,
        source: Source,
        id: &str,
        input: &EnrolmentEndInput,
    ) -> Result<EnrolmentEnd> {
        let enrolment = self.enrolment(id)?;
        if enrolment.end.is_some() {
            return Err(StoreError::Conflict(
                "Ten udział został już zakończony — nic nie zmieniono.".into(),
            ));
        }
        let end = input.parse(&enrolment.start)?;
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE enrolments SET end_data = ?2, updated_at = ?3 WHERE id = ?1 AND end_data IS NULL",
                params![enrolment.id.to_string(), serde_json::to_string(&end).expect("serialises"), tx.now_text()],
            )?;
            tx.audit("enrolment", &enrolment.id.to_string(), "end", vec!["end_date".into(), "exit_situation".into(), "completed_as_planned".into()]);
            Ok(end)
        })
    }

    /// Corrects the data of joining (start, target group, status and its "w tym", planned end
    /// of education) of a participation, ended or not; checked against the project as a new
    /// one is. An ended participation keeps its end, which may not come before the new start.
    pub fn update_enrolment(
        &mut self,
        source: Source,
        id: &str,
        input: &EnrolmentInput,
    ) -> Result<EnrolmentStart> {
        let enrolment = self.enrolment(id)?;
        let project = Store::project_data(self.conn(), &enrolment.project_id.to_string())?;
        let start = input.parse(&project)?;
        if let Some(end) = enrolment
            .end
            .as_ref()
            .filter(|e| e.end_date < start.start_date)
        {
            return Err(kartoteka_domain::ValidationErrors::single(
                "start_date",
                format!(
                    "Data rozpoczęcia udziału nie może być późniejsza niż jego zakończenie ({})",
                    end.end_date.format("%d.%m.%Y")
                ),
            )
            .into());
        }
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE enrolments SET start_data = ?2, updated_at = ?3 WHERE id = ?1",
                params![
                    enrolment.id.to_string(),
                    serde_json::to_string(&start).expect("serialises"),
                    tx.now_text()
                ],
            )?;
            tx.audit(
                "enrolment",
                &enrolment.id.to_string(),
                "update",
                vec![
                    "start_date".into(),
                    "target_group".into(),
                    "status_at_start".into(),
                    "substatus_at_start".into(),
                    "education_end".into(),
                ],
            );
            Ok(start)
        })
    }

    /// Records the person's exit statement on an ended participation: the situation within
    /// 4 weeks of leaving (which the monitoring file reports) and the statement's day.
    pub fn record_exit_statement(
        &mut self,
        source: Source,
        id: &str,
        input: &ExitStatementInput,
    ) -> Result<EnrolmentEnd> {
        let enrolment = self.enrolment(id)?;
        let Some(end) = enrolment.end.as_ref() else {
            return Err(StoreError::Conflict(
                "Ten udział jeszcze trwa — oświadczenie o sytuacji po zakończeniu udziału zapisuje się po jego zakończeniu.".into(),
            ));
        };
        let end = input.apply(end)?;
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE enrolments SET end_data = ?2, updated_at = ?3 WHERE id = ?1 AND end_data IS NOT NULL",
                params![enrolment.id.to_string(), serde_json::to_string(&end).expect("serialises"), tx.now_text()],
            )?;
            tx.audit(
                "enrolment",
                &enrolment.id.to_string(),
                "exit_statement",
                vec!["exit_situation".into(), "exit_statement_date".into()],
            );
            Ok(end)
        })
    }

    pub fn enrolment(&self, id: &str) -> Result<Enrolment> {
        let sql = format!(
            "SELECT {ENROLMENT_COLUMNS} FROM enrolments e JOIN projects pr ON pr.id = e.project_id
             JOIN participants p ON p.id = e.participant_id WHERE e.id = ?1"
        );
        self.conn()
            .query_row(&sql, [id.trim()], enrolment_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "udział w projekcie",
                id: id.to_owned(),
            })?
    }

    fn enrolments_where(&self, condition: &str, value: &str) -> Result<Vec<Enrolment>> {
        let sql = format!(
            "SELECT {ENROLMENT_COLUMNS} FROM enrolments e JOIN projects pr ON pr.id = e.project_id
             JOIN participants p ON p.id = e.participant_id WHERE {condition}
             ORDER BY e.end_data IS NOT NULL, p.sort_key, e.created_at"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<Result<Enrolment>> = stmt
            .query_map([value], enrolment_from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().collect()
    }

    pub fn enrolments_of_participant(&self, participant_id: &str) -> Result<Vec<Enrolment>> {
        self.enrolments_where("e.participant_id = ?1", participant_id.trim())
    }

    pub fn enrolments_in_project(&self, project_id: &str) -> Result<Vec<Enrolment>> {
        self.enrolments_where("e.project_id = ?1", project_id.trim())
    }
}
