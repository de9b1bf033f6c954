//! The delivery log read for an attendance / delivery sheet: who in a project has a service
//! in their support plan for a month, and what was delivered to them that month.
//!
//! Invariant: read only. A participant is listed when the version of their plan in force
//! (the newest signed, closed or superseded version of an enrolment in the project) holds the
//! service for a period that meets the month, or when anything was delivered to them in the
//! month on any version; drafts plan nothing yet.

use crate::error::{Result, StoreError};
use crate::plans::corrupt;
use crate::Store;
use chrono::{Datelike, NaiveDate};
use kartoteka_domain::plan::{Attendance, PlanContent, PlannedServiceData, Service};
use serde::Serialize;
use std::collections::BTreeMap;

/// One month of one service in one project.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceMonth {
    pub service: Service,
    /// Participants by surname and first name (folded, so "Łukasz" sorts with "L").
    pub participants: Vec<ParticipantMonth>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantMonth {
    pub participant_id: String,
    pub first_name: String,
    pub last_name: String,
    /// The planned amount of the service in the plan version in force, in hundredths of
    /// the unit (0 when the plan in force no longer holds it).
    pub planned_centi: i64,
    /// Specialists named for the service in the plan, without repeats.
    pub specialists: Vec<String>,
    /// Deliveries in the month, oldest first.
    pub deliveries: Vec<MonthDelivery>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthDelivery {
    pub date: NaiveDate,
    pub quantity_centi: i64,
    pub attendance: Attendance,
    pub delivered_by: String,
}

struct PlannedRow {
    participant_id: String,
    first_name: String,
    last_name: String,
    enrolment_id: String,
    version: u32,
    status: String,
    plan: PlanContent,
    closed_on: Option<NaiveDate>,
    service: PlannedServiceData,
}

impl Store {
    /// The attendance of `service` (id or code) in `project_id` in the month of `month`
    /// (any day of it).
    pub fn service_month(
        &self,
        project_id: &str,
        service: &str,
        month: NaiveDate,
    ) -> Result<ServiceMonth> {
        let project_id = project_id.trim();
        Store::project_data(self.conn(), project_id)?;
        let service = self.service(service)?;
        let service_id = service.id.to_string();
        let first = month.with_day(1).expect("day 1 exists");
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .ok_or_else(|| StoreError::Corrupt("miesiąc poza zakresem".into()))?;
        let last = next.pred_opt().expect("a month has a last day");

        let planned = self.planned_rows(project_id, &service_id)?;
        // The newest non-draft version of each enrolment is the one in force.
        let mut newest: BTreeMap<&str, u32> = BTreeMap::new();
        for r in &planned {
            let v = newest.entry(r.enrolment_id.as_str()).or_insert(r.version);
            *v = (*v).max(r.version);
        }
        let mut people: BTreeMap<String, ParticipantMonth> = BTreeMap::new();
        let person = |r: &PlannedRow| -> ParticipantMonth {
            ParticipantMonth {
                participant_id: r.participant_id.clone(),
                first_name: r.first_name.clone(),
                last_name: r.last_name.clone(),
                planned_centi: 0,
                specialists: Vec::new(),
                deliveries: Vec::new(),
            }
        };
        for r in &planned {
            let in_force = newest.get(r.enrolment_id.as_str()) == Some(&r.version);
            if !in_force {
                continue;
            }
            let from = r.service.start_date.unwrap_or(r.plan.start_date);
            let mut to = r.service.end_date.unwrap_or(r.plan.end_date);
            if r.status == "closed" {
                if let Some(closed) = r.closed_on {
                    to = to.min(closed);
                }
            }
            if from > last || to < first {
                continue;
            }
            let p = people
                .entry(r.participant_id.clone())
                .or_insert_with(|| person(r));
            p.planned_centi += r.service.quantity_centi;
            if let Some(s) = r.service.specialist.as_ref().filter(|s| !s.is_empty()) {
                if !p.specialists.contains(s) {
                    p.specialists.push(s.clone());
                }
            }
        }

        let mut stmt = self.conn().prepare_cached(
            "SELECT e.participant_id, d.delivery_date, d.quantity_centi, d.attendance, d.data
               FROM deliveries d JOIN planned_services ps ON ps.id = d.planned_service_id
               JOIN plans p ON p.id = ps.plan_id JOIN enrolments e ON e.id = p.enrolment_id
              WHERE e.project_id = ?1 AND ps.service_id = ?2
                AND d.delivery_date >= ?3 AND d.delivery_date <= ?4
              ORDER BY d.delivery_date, d.created_at, d.id",
        )?;
        let rows = stmt.query_map(
            (project_id, &service_id, first.to_string(), last.to_string()),
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (participant_id, date, centi, attendance, data) = row?;
            let extra: serde_json::Value =
                serde_json::from_str(&data).map_err(corrupt("realizacja"))?;
            let delivery = MonthDelivery {
                date: date
                    .parse()
                    .map_err(|_| StoreError::Corrupt("data realizacji nieczytelna".into()))?,
                quantity_centi: centi,
                attendance: Attendance::parse(&attendance)
                    .ok_or_else(|| StoreError::Corrupt("obecność nieczytelna".into()))?,
                delivered_by: extra["delivered_by"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            };
            if !people.contains_key(&participant_id) {
                // Delivered on a version no longer in force (or outside its period).
                let Some(r) = planned.iter().find(|r| r.participant_id == participant_id) else {
                    continue;
                };
                people.insert(participant_id.clone(), person(r));
            }
            if let Some(p) = people.get_mut(&participant_id) {
                p.deliveries.push(delivery);
            }
        }

        let mut participants: Vec<ParticipantMonth> = people.into_values().collect();
        participants.sort_by_cached_key(|p| {
            (
                kartoteka_domain::fold::fold(&p.last_name),
                kartoteka_domain::fold::fold(&p.first_name),
                p.participant_id.clone(),
            )
        });
        Ok(ServiceMonth {
            service,
            participants,
        })
    }

    /// Every planned row of the service in non-draft plan versions of the project.
    fn planned_rows(&self, project_id: &str, service_id: &str) -> Result<Vec<PlannedRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.participant_id, pa.first_name, pa.last_name, e.id, p.version, p.status,
                    p.data, p.closing, ps.data
               FROM planned_services ps JOIN plans p ON p.id = ps.plan_id
               JOIN enrolments e ON e.id = p.enrolment_id
               JOIN participants pa ON pa.id = e.participant_id
              WHERE e.project_id = ?1 AND ps.service_id = ?2 AND p.status <> 'draft'
              ORDER BY ps.position",
        )?;
        let rows = stmt.query_map((project_id, service_id), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                participant_id,
                first_name,
                last_name,
                enrolment_id,
                version,
                status,
                plan,
                closing,
                service,
            ) = row?;
            let closed_on = match closing {
                Some(c) => {
                    let v: serde_json::Value =
                        serde_json::from_str(&c).map_err(corrupt("zamknięcie planu"))?;
                    v["closed_on"].as_str().and_then(|d| d.parse().ok())
                }
                None => None,
            };
            out.push(PlannedRow {
                participant_id,
                first_name,
                last_name,
                enrolment_id,
                version,
                status,
                plan: serde_json::from_str(&plan).map_err(corrupt("plan"))?,
                closed_on,
                service: serde_json::from_str(&service).map_err(corrupt("usługa w planie"))?,
            });
        }
        Ok(out)
    }
}
