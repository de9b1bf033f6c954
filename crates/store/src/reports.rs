//! Read-only queries for reports (CST2021 participant data, CSV tables for Excel).
//!
//! Each query reads a whole table in one statement and returns plain rows (or hands them one
//! at a time to a callback, so a large registry is never held in memory whole); the reports
//! crate turns them into files. Nothing here writes, and no value reaches a log.

use crate::error::{Result, StoreError};
use crate::Store;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::{age_on, Participant, ParticipantData, ParticipantStatus};
use kartoteka_domain::Id;
use rusqlite::{params, Row};

/// A participant with the worker who added them (from the audit log).
#[derive(Debug, Clone)]
pub struct ReportParticipant {
    pub participant: Participant,
    /// The worker recorded as the actor of the participant's creation, if found.
    pub added_by: Option<String>,
}

/// The first day a participant was present at one service within one enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportStart {
    pub enrolment_id: String,
    pub service_code: String,
    pub service_name: String,
    pub service_category: String,
    /// The office's own SM EFS naming of the service (`ServiceData::own_sm_efs_form`).
    pub sm_efs_scope: Option<String>,
    pub sm_efs_kind: Option<String>,
    pub sm_efs_detail: Option<String>,
    /// YYYY-MM-DD
    pub first_date: String,
}

/// An enrolment with the names and PESEL of its person, for a table.
#[derive(Debug, Clone)]
pub struct EnrolmentRow {
    pub enrolment: Enrolment,
    pub first_name: String,
    pub last_name: String,
    pub pesel: Option<String>,
}

/// One delivery of a planned service, with what a spreadsheet needs to show it.
#[derive(Debug, Clone)]
pub struct DeliveryRow {
    pub id: String,
    /// YYYY-MM-DD
    pub delivery_date: String,
    /// Hundredths of the service's unit (1.5 h = 150).
    pub quantity_centi: i64,
    /// `present`, `absent_excused` or `absent_unexcused`.
    pub attendance: String,
    pub delivered_by: Option<String>,
    pub note: Option<String>,
    pub service_code: String,
    pub service_name: String,
    pub service_category: String,
    /// `hour`, `session`, `visit`, `trip`, `day`, `ticket`, `event`, `course`.
    pub unit: String,
    pub plan_version: i64,
    /// Empty for a plan kept outside any project (as are the project's id and name).
    pub enrolment_id: String,
    pub participant_id: String,
    pub first_name: String,
    pub last_name: String,
    pub pesel: Option<String>,
    pub project_id: String,
    pub project_name: String,
}

/// Participant id → the worker who created the record; a handful of distinct workers, so
/// each name is kept once.
#[derive(Default)]
struct Creators {
    workers: Vec<String>,
    by_participant: std::collections::HashMap<Id, u32>,
}

impl Creators {
    fn add(&mut self, id: Id, actor: &str) {
        if self.by_participant.contains_key(&id) {
            return;
        }
        let index = match self.workers.iter().position(|w| w == actor) {
            Some(i) => i,
            None => {
                self.workers.push(actor.to_owned());
                self.workers.len() - 1
            }
        };
        self.by_participant.insert(id, index as u32);
    }

    fn of(&self, id: &Id) -> Option<String> {
        self.by_participant
            .get(id)
            .map(|&i| self.workers[i as usize].clone())
    }
}

fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("zapis {what} nieczytelny: {e}"))
}

fn parse_id(text: &str) -> Result<Id> {
    text.parse()
        .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))
}

impl Store {
    /// Every participant (archived and anonymised too), or only those ever enrolled in
    /// `project_id`, in surname order. A project's report reads only its people (through the
    /// enrolments index), whatever the size of the registry.
    pub fn report_participants(&self, project_id: Option<&str>) -> Result<Vec<ReportParticipant>> {
        let mut all = Vec::new();
        self.report_participants_each(project_id, &mut |p| {
            all.push(p);
            Ok(())
        })?;
        Ok(all)
    }

    /// How many people `report_participants` gives (for a progress bar).
    pub fn report_participant_count(&self, project_id: Option<&str>) -> Result<u64> {
        let n: i64 = match project_id {
            Some(id) => self.conn().query_row(
                "SELECT count(DISTINCT participant_id) FROM enrolments WHERE project_id = ?1",
                [id.trim()],
                |r| r.get(0),
            )?,
            None => self.conn().query_row(
                "SELECT coalesce(sum(n), 0) FROM participant_counts",
                [],
                |r| r.get(0),
            )?,
        };
        Ok(n.max(0) as u64)
    }

    /// Who created each participant, from one pass over the audit log (in order, so the
    /// first `create` event of a record is the one kept).
    fn participant_creators(&self) -> Result<Creators> {
        let mut creators = Creators::default();
        let mut stmt = self.conn().prepare(
            "SELECT entity_id, actor FROM audit_events
             WHERE entity = 'participant' AND action = 'create' ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Ok(id) = r
                .get_ref(0)?
                .as_str()
                .map_err(rusqlite::Error::from)?
                .parse::<Id>()
            else {
                continue;
            };
            let actor = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            creators.add(id, actor);
        }
        Ok(creators)
    }

    /// `report_participants` one person at a time, in the same order, without holding the
    /// whole registry in memory; an error from `each` stops the reading and is returned.
    pub fn report_participants_each(
        &self,
        project_id: Option<&str>,
        each: &mut dyn FnMut(ReportParticipant) -> Result<()>,
    ) -> Result<()> {
        let today = self.clock().today();
        // Who added each person: the actor of the first `create` event on their record. A
        // project's few hundred people are looked up one by one; for the whole registry one
        // pass over the audit log is much faster than a random read of it per person.
        let creators = match project_id {
            Some(_) => None,
            None => Some(self.participant_creators()?),
        };
        let (filter, added_by) = match project_id {
            Some(_) => (
                "p.id IN (SELECT participant_id FROM enrolments WHERE project_id = ?1)",
                "(SELECT a.actor FROM audit_events a
                  WHERE a.entity_id = p.id AND a.entity = 'participant' AND a.action = 'create'
                  ORDER BY a.seq LIMIT 1)",
            ),
            None => ("?1 IS NULL", "NULL"),
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT p.id, p.status, p.data, p.created_at, p.updated_at, {added_by}
             FROM participants p
             WHERE {filter}
             ORDER BY p.sort_key, p.seq"
        ))?;
        let mut rows = stmt.query(params![project_id.map(str::trim)])?;
        while let Some(r) = rows.next()? {
            let id = parse_id(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)?;
            let status: String = r.get(1)?;
            let json = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let data: ParticipantData =
                serde_json::from_str(json).map_err(corrupt("uczestnika"))?;
            let added_by = match &creators {
                Some(c) => c.of(&id),
                None => r.get(5)?,
            };
            each(ReportParticipant {
                added_by,
                participant: Participant {
                    id,
                    status: ParticipantStatus::from_db(&status),
                    age: age_on(data.birth_date, today),
                    data,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                },
            })?;
        }
        Ok(())
    }

    /// Every enrolment, or those of one project, in surname order then by start.
    pub fn report_enrolments(&self, project_id: Option<&str>) -> Result<Vec<Enrolment>> {
        let mut all = Vec::new();
        self.report_enrolments_each(project_id, &mut |row| {
            all.push(row.enrolment);
            Ok(())
        })?;
        Ok(all)
    }

    /// How many enrolments `report_enrolments` gives (for a progress bar).
    pub fn report_enrolment_count(&self, project_id: Option<&str>) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            &format!(
                "SELECT count(*) FROM enrolments e WHERE {}",
                project_filter(project_id)
            ),
            params![project_id.map(str::trim)],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }

    /// `report_enrolments` one at a time with the person's names and PESEL, without holding
    /// them all in memory; an error from `each` stops the reading and is returned.
    pub fn report_enrolments_each(
        &self,
        project_id: Option<&str>,
        each: &mut dyn FnMut(EnrolmentRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT e.id, e.participant_id, e.project_id, pr.name,
                    p.first_name || ' ' || p.last_name, e.start_data, e.end_data,
                    p.first_name, p.last_name, p.pesel
             FROM enrolments e JOIN projects pr ON pr.id = e.project_id
             JOIN participants p ON p.id = e.participant_id
             WHERE {}
             ORDER BY pr.name COLLATE NOCASE, pr.id, p.sort_key, p.seq,
                      json_extract(e.start_data, '$.start_date'), e.created_at",
            project_filter(project_id)
        ))?;
        let mut rows = stmt.query(params![project_id.map(str::trim)])?;
        while let Some(r) = rows.next()? {
            let (id, participant_id, project_id, project_name, participant_name, start, end) =
                enrolment_columns(r)?;
            each(EnrolmentRow {
                enrolment: Enrolment {
                    id: parse_id(&id)?,
                    participant_id: parse_id(&participant_id)?,
                    project_id: parse_id(&project_id)?,
                    project_name,
                    participant_name,
                    start: serde_json::from_str(&start).map_err(corrupt("udziału"))?,
                    end: end
                        .map(|e| serde_json::from_str(&e))
                        .transpose()
                        .map_err(corrupt("udziału"))?,
                },
                first_name: r.get(7)?,
                last_name: r.get(8)?,
                pesel: r.get(9)?,
            })?;
        }
        Ok(())
    }

    /// For each enrolment in the project and each service it received: the first day the
    /// person was present. Ordered by enrolment, then that day.
    pub fn report_support_starts(&self, project_id: &str) -> Result<Vec<SupportStart>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, s.name, s.category, min(d.delivery_date) AS first_date,
                    s.code, s.sm_efs_scope, s.sm_efs_kind, s.sm_efs_detail
             FROM deliveries d
             JOIN planned_services ps ON ps.id = d.planned_service_id
             JOIN services s ON s.id = ps.service_id
             JOIN plans pl ON pl.id = ps.plan_id
             JOIN enrolments e ON e.id = pl.enrolment_id
             WHERE e.project_id = ?1 AND d.attendance = 'present'
             GROUP BY e.id, s.id
             ORDER BY e.id, first_date, s.name",
        )?;
        let rows = stmt
            .query_map([project_id.trim()], |r| {
                Ok(SupportStart {
                    enrolment_id: r.get(0)?,
                    service_name: r.get(1)?,
                    service_category: r.get(2)?,
                    first_date: r.get(3)?,
                    service_code: r.get(4)?,
                    sm_efs_scope: r.get(5)?,
                    sm_efs_kind: r.get(6)?,
                    sm_efs_detail: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many deliveries `report_deliveries_each` gives (for a progress bar).
    pub fn report_delivery_count(&self, project_id: Option<&str>) -> Result<u64> {
        let sql = match project_id {
            Some(_) => {
                "SELECT count(*) FROM deliveries d
                 JOIN planned_services ps ON ps.id = d.planned_service_id
                 JOIN plans pl ON pl.id = ps.plan_id
                 JOIN enrolments e ON e.id = pl.enrolment_id
                 WHERE e.project_id = ?1"
            }
            None => "SELECT count(*) FROM deliveries WHERE ?1 IS NULL",
        };
        let n: i64 = self
            .conn()
            .query_row(sql, params![project_id.map(str::trim)], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Every delivery (or those of one project), by date, one at a time without holding them
    /// all in memory; an error from `each` stops the reading and is returned.
    pub fn report_deliveries_each(
        &self,
        project_id: Option<&str>,
        each: &mut dyn FnMut(DeliveryRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.id, d.delivery_date, d.quantity_centi, d.attendance, d.data,
                    s.code, s.name, s.category, s.unit, pl.version,
                    coalesce(e.id, ''), p.id, p.first_name, p.last_name, p.pesel,
                    coalesce(pr.id, ''), coalesce(pr.name, '')
             FROM deliveries d
             JOIN planned_services ps ON ps.id = d.planned_service_id
             JOIN services s ON s.id = ps.service_id
             JOIN plans pl ON pl.id = ps.plan_id
             JOIN plan_owners o ON o.plan_id = pl.id
             JOIN participants p ON p.id = o.participant_id
             LEFT JOIN enrolments e ON e.id = pl.enrolment_id
             LEFT JOIN projects pr ON pr.id = e.project_id
             WHERE {}
             ORDER BY d.delivery_date, p.sort_key, p.seq, s.name, d.created_at, d.id",
            project_filter(project_id)
        ))?;
        let mut rows = stmt.query(params![project_id.map(str::trim)])?;
        while let Some(r) = rows.next()? {
            each(delivery_from_row(r)?)?;
        }
        Ok(())
    }
}

/// The condition on enrolments `e` for one project (?1) or for all (?1 is then NULL). Two
/// texts rather than `?1 IS NULL OR …`, which keeps SQLite from using the project index.
fn project_filter(project_id: Option<&str>) -> &'static str {
    match project_id {
        Some(_) => "e.project_id = ?1",
        None => "?1 IS NULL",
    }
}

type EnrolmentColumns = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

fn enrolment_columns(r: &Row) -> rusqlite::Result<EnrolmentColumns> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn delivery_from_row(r: &Row) -> rusqlite::Result<DeliveryRow> {
    let data: String = r.get(4)?;
    // `data` is the plans module's JSON ({delivered_by, note}); read only what a table shows.
    let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
    let text = |key: &str| {
        data.get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Ok(DeliveryRow {
        id: r.get(0)?,
        delivery_date: r.get(1)?,
        quantity_centi: r.get(2)?,
        attendance: r.get(3)?,
        delivered_by: text("delivered_by"),
        note: text("note"),
        service_code: r.get(5)?,
        service_name: r.get(6)?,
        service_category: r.get(7)?,
        unit: r.get(8)?,
        plan_version: r.get(9)?,
        enrolment_id: r.get(10)?,
        participant_id: r.get(11)?,
        first_name: r.get(12)?,
        last_name: r.get(13)?,
        pesel: r.get(14)?,
        project_id: r.get(15)?,
        project_name: r.get(16)?,
    })
}
