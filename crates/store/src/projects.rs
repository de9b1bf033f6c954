//! Projects and their counts of enrolled participants.

use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::project::{Project, ProjectData, ProjectInput, SexProgress};
use kartoteka_domain::Id;
use rusqlite::{params, OptionalExtension, Row};

const PROJECT_COLUMNS: &str = "pr.id, pr.data,
    (SELECT count(DISTINCT e.participant_id) FROM enrolments e WHERE e.project_id = pr.id),
    (SELECT count(DISTINCT e.participant_id) FROM enrolments e WHERE e.project_id = pr.id AND e.end_data IS NULL)";

fn project_from_row(r: &Row) -> rusqlite::Result<(String, String, u32, u32)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn to_project((id, json, enrolled, active): (String, String, u32, u32)) -> Result<Project> {
    Ok(Project {
        id: id
            .parse()
            .map_err(|_| StoreError::Corrupt("identyfikator projektu nieczytelny".into()))?,
        data: serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("zapis projektu nieczytelny: {e}")))?,
        enrolled,
        active,
    })
}

impl Tx<'_> {
    /// Writes a new project and its audit event (shared with the bulk path).
    pub(crate) fn insert_project(&mut self, id: Id, data: &ProjectData) -> Result<()> {
        let now = self.now_text();
        self.tx.prepare_cached(
            "INSERT INTO projects(id, name, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        )?
        .execute(params![id.to_string(), data.name, serde_json::to_string(data).expect("project serialises"), now])?;
        self.audit(
            "project",
            &id.to_string(),
            "create",
            vec!["name".into(), "period".into()],
        );
        Ok(())
    }
}

impl Store {
    pub fn add_project(&mut self, source: Source, input: &ProjectInput) -> Result<Id> {
        let data = input.parse()?;
        self.write(source, |tx| {
            let id = Id::new_v7();
            tx.insert_project(id, &data)?;
            Ok(id)
        })
    }

    /// Changes a project. The period must still hold every enrolment's start: a project is
    /// never shortened past the people already in it.
    pub fn update_project(
        &mut self,
        source: Source,
        id: &str,
        input: &ProjectInput,
    ) -> Result<Project> {
        let data = input.parse()?;
        let old = self.project(id)?;
        let id = old.id.to_string();
        let starts: Vec<String> = {
            let mut stmt = self.conn().prepare_cached(
                "SELECT json_extract(start_data, '$.start_date') FROM enrolments WHERE project_id = ?1",
            )?;
            let rows = stmt.query_map([&id], |r| r.get::<_, String>(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut errors = kartoteka_domain::ValidationErrors::default();
        let (earliest, latest) = (starts.iter().min(), starts.iter().max());
        if let Some(first) = earliest.and_then(|d| d.parse::<chrono::NaiveDate>().ok()) {
            if first < data.start_date {
                errors.push(
                    "start_date",
                    format!(
                        "Data rozpoczęcia: pierwsza osoba przystąpiła do projektu {} — projekt nie może zaczynać się później",
                        first.format("%d.%m.%Y")
                    ),
                );
            }
        }
        if let Some(last) = latest.and_then(|d| d.parse::<chrono::NaiveDate>().ok()) {
            if last > data.end_date {
                errors.push(
                    "end_date",
                    format!(
                        "Data zakończenia: ostatnia osoba przystąpiła do projektu {} — projekt nie może kończyć się wcześniej",
                        last.format("%d.%m.%Y")
                    ),
                );
            }
        }
        if !errors.0.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let o = &old.data;
        let changed: Vec<String> = [
            ("name", o.name != data.name),
            (
                "agreement_number",
                o.agreement_number != data.agreement_number,
            ),
            ("programme", o.programme != data.programme),
            (
                "period",
                o.start_date != data.start_date || o.end_date != data.end_date,
            ),
            (
                "participant_target",
                o.participant_target != data.participant_target,
            ),
            ("target_groups", o.target_groups != data.target_groups),
            ("retention_until", o.retention_until != data.retention_until),
            ("priority", o.priority != data.priority),
            ("measure", o.measure != data.measure),
            ("call_number", o.call_number != data.call_number),
            ("eu_funds", o.eu_funds != data.eu_funds),
            ("state_budget", o.state_budget != data.state_budget),
            (
                "own_contribution",
                o.own_contribution != data.own_contribution,
            ),
            (
                "eligibility_criteria",
                o.eligibility_criteria != data.eligibility_criteria,
            ),
            ("attachments", o.attachments != data.attachments),
        ]
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(f, _)| f.to_owned())
        .collect();
        if !changed.is_empty() {
            self.write(source, |tx| {
                let now = tx.now_text();
                tx.tx
                    .prepare_cached(
                        "UPDATE projects SET name = ?2, data = ?3, updated_at = ?4 WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        data.name,
                        serde_json::to_string(&data).expect("project serialises"),
                        now
                    ])?;
                tx.audit("project", &id, "update", changed);
                Ok(())
            })?;
        }
        self.project(&id)
    }

    pub fn projects(&self) -> Result<Vec<Project>> {
        let sql =
            format!("SELECT {PROJECT_COLUMNS} FROM projects pr ORDER BY pr.name COLLATE NOCASE");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<_> = stmt
            .query_map([], project_from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(to_project).collect()
    }

    /// Enrolled, active and completed (ended as planned) participants of a project by sex,
    /// women first — for equal-opportunity reporting. A sex with nobody is listed with zeros.
    pub fn project_progress_by_sex(&self, id: &str) -> Result<Vec<SexProgress>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.sex, count(DISTINCT e.participant_id),
                    count(DISTINCT CASE WHEN e.end_data IS NULL THEN e.participant_id END),
                    count(DISTINCT CASE WHEN e.end_data IS NOT NULL
                        AND json_extract(e.end_data, '$.completed_as_planned') = 1
                        THEN e.participant_id END)
             FROM enrolments e JOIN participants p ON p.id = e.participant_id
             WHERE e.project_id = ?1 GROUP BY p.sex",
        )?;
        let found: Vec<SexProgress> = stmt
            .query_map([id.trim()], |r| {
                Ok(SexProgress {
                    sex: r.get(0)?,
                    enrolled: r.get(1)?,
                    active: r.get(2)?,
                    completed: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(["female", "male"]
            .into_iter()
            .map(|sex| {
                found
                    .iter()
                    .find(|f| f.sex == sex)
                    .cloned()
                    .unwrap_or(SexProgress {
                        sex: sex.to_owned(),
                        ..SexProgress::default()
                    })
            })
            .collect())
    }

    pub fn project(&self, id: &str) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects pr WHERE pr.id = ?1");
        let row = self
            .conn()
            .query_row(&sql, [id.trim()], project_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "projekt",
                id: id.to_owned(),
            })?;
        to_project(row)
    }

    pub(crate) fn project_data(conn: &rusqlite::Connection, id: &str) -> Result<ProjectData> {
        let json: String = conn
            .query_row("SELECT data FROM projects WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "projekt",
                id: id.to_owned(),
            })?;
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("zapis projektu nieczytelny: {e}")))
    }
}
