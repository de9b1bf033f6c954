//! The delivery log: what was actually given on a planned service, when, by whom, and whether
//! the participant came. Refused on a plan that is not in force or outside its period.

use crate::error::{Result, StoreError};
use crate::plans::corrupt;
use crate::write::{Source, Tx};
use crate::Store;
use chrono::NaiveDate;
use kartoteka_domain::plan::{
    centi_to_f64, Attendance, DeliveryData, DeliveryInput, PlanContent, PlanStatus,
    PlannedServiceData, Progress, Unit,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeliveryView {
    pub id: String,
    pub planned_service_id: String,
    pub plan_id: String,
    pub participant_id: String,
    pub service_name: String,
    pub unit: Unit,
    pub unit_label: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub quantity: f64,
    pub delivered_by: String,
    pub attendance: Attendance,
    pub attendance_label: String,
    pub note: Option<String>,
}

/// A planned service a delivery can be logged on now (the quick "Zapisz realizację" form).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeliverableService {
    pub planned_service_id: String,
    pub plan_id: String,
    pub plan_version: u32,
    /// The project the plan belongs to; for a plan outside projects, its title
    /// ("Kontrakt socjalny", "Plan pracy z rodziną").
    pub project_name: String,
    pub goal_title: String,
    pub service_name: String,
    pub unit: Unit,
    pub unit_label: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub progress: Progress,
}

/// The result of logging a delivery: its id and the service's progress afterwards.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeliveryAdded {
    pub id: String,
    pub progress: Progress,
}

struct Target {
    plan_id: String,
    status: PlanStatus,
    version: u32,
    content: PlanContent,
    data: PlannedServiceData,
    replaced_by: Option<(String, u32)>,
}

impl Tx<'_> {
    /// Writes a delivery already checked against its plan, with its audit event.
    pub(crate) fn insert_delivery(
        &mut self,
        id: &str,
        planned_service_id: &str,
        data: &DeliveryData,
    ) -> Result<()> {
        let extra = serde_json::json!({ "delivered_by": data.delivered_by, "note": data.note });
        let now = self.now_text();
        self.tx
            .prepare_cached(
                "INSERT INTO deliveries(id, planned_service_id, delivery_date, quantity_centi, attendance, data, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                id,
                planned_service_id,
                data.date.to_string(),
                data.quantity_centi,
                data.attendance.as_str(),
                extra.to_string(),
                now
            ])?;
        self.audit(
            "delivery",
            id,
            "create",
            vec![
                "date".into(),
                "quantity".into(),
                "attendance".into(),
                "delivered_by".into(),
            ],
        );
        Ok(())
    }
}

impl Store {
    fn delivery_target(&self, planned_service_id: &str) -> Result<Target> {
        let raw = self
            .conn()
            .query_row(
                "SELECT p.id, p.status, p.version, p.data, ps.data,
                        (SELECT n.id || ' ' || n.version FROM plans n WHERE n.replaces_id = p.id ORDER BY n.version DESC LIMIT 1)
                   FROM planned_services ps JOIN plans p ON p.id = ps.plan_id WHERE ps.id = ?1",
                [planned_service_id.trim()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "usługa w planie",
                id: planned_service_id.trim().to_owned(),
            })?;
        Ok(Target {
            plan_id: raw.0,
            status: PlanStatus::from_db(&raw.1)
                .ok_or_else(|| StoreError::Corrupt("stan planu nieczytelny".into()))?,
            version: raw.2,
            content: serde_json::from_str(&raw.3).map_err(corrupt("plan"))?,
            data: serde_json::from_str(&raw.4).map_err(corrupt("usługa w planie"))?,
            replaced_by: raw.5.and_then(|s| {
                let (id, v) = s.split_once(' ')?;
                Some((id.to_owned(), v.parse().ok()?))
            }),
        })
    }

    /// Logs a delivery on a planned service of a signed plan, within the plan's (and the
    /// service's) period.
    pub fn add_delivery(
        &mut self,
        source: Source,
        planned_service_id: &str,
        input: &DeliveryInput,
    ) -> Result<DeliveryAdded> {
        let target = self.delivery_target(planned_service_id)?;
        match target.status {
            PlanStatus::Signed => {}
            PlanStatus::Draft => {
                return Err(StoreError::Conflict(format!(
                    "Plan w wersji {} nie jest jeszcze podpisany — podpisz go, zanim zapiszesz realizację.",
                    target.version
                )))
            }
            PlanStatus::Closed => {
                return Err(StoreError::Conflict(
                    "Plan jest zamknięty — nie można już zapisywać realizacji.".into(),
                ))
            }
            PlanStatus::Superseded => {
                return Err(StoreError::Conflict(format!(
                    "Ta wersja planu została zastąpiona aneksem{} — zapisz realizację w aktualnej wersji.",
                    target
                        .replaced_by
                        .as_ref()
                        .map(|(_, v)| format!(" (wersja {v})"))
                        .unwrap_or_default()
                )))
            }
        }
        let data: DeliveryData = input.parse(self.clock().today(), self.worker())?;
        let (from, to) = (
            target.data.start_date.unwrap_or(target.content.start_date),
            target.data.end_date.unwrap_or(target.content.end_date),
        );
        if data.date < target.content.start_date || data.date > target.content.end_date {
            return Err(ValidationErrors::single(
                "date",
                format!(
                    "Data realizacji {} jest poza okresem planu ({} – {})",
                    data.date.format("%d.%m.%Y"),
                    target.content.start_date.format("%d.%m.%Y"),
                    target.content.end_date.format("%d.%m.%Y")
                ),
            )
            .into());
        }
        if data.date < from || data.date > to {
            return Err(ValidationErrors::single(
                "date",
                format!(
                    "Data realizacji {} jest poza okresem tej usługi w planie ({} – {})",
                    data.date.format("%d.%m.%Y"),
                    from.format("%d.%m.%Y"),
                    to.format("%d.%m.%Y")
                ),
            )
            .into());
        }
        let ps_id = planned_service_id.trim().to_owned();
        let id = self.write(source, |tx| {
            let id = Id::new_v7().to_string();
            tx.insert_delivery(&id, &ps_id, &data)?;
            Ok(id)
        })?;
        let plan = self.plan(&target.plan_id)?;
        let progress = plan
            .goals
            .iter()
            .flat_map(|g| g.services.iter())
            .find(|s| s.id == ps_id)
            .map(|s| s.progress)
            .unwrap_or(Progress::of(target.data.quantity_centi, 0));
        Ok(DeliveryAdded { id, progress })
    }

    /// Deliveries logged on a plan version and on the versions it amends, newest first.
    pub fn deliveries_of_plan(&self, plan_id: &str) -> Result<Vec<DeliveryView>> {
        self.plan(plan_id)?;
        self.deliveries_where(
            "ps.plan_id IN (WITH RECURSIVE chain(id, replaces) AS (
                 SELECT id, replaces_id FROM plans WHERE id = ?1
                 UNION ALL SELECT p.id, p.replaces_id FROM chain JOIN plans p ON p.id = chain.replaces)
              SELECT id FROM chain)",
            plan_id.trim(),
        )
    }

    pub fn deliveries_of_participant(&self, participant_id: &str) -> Result<Vec<DeliveryView>> {
        self.deliveries_where("o.participant_id = ?1", participant_id.trim())
    }

    fn deliveries_where(&self, condition: &str, value: &str) -> Result<Vec<DeliveryView>> {
        let sql = format!(
            "SELECT d.id, d.planned_service_id, p.id, o.participant_id, s.name, s.unit, d.delivery_date,
                    d.quantity_centi, d.attendance, d.data
               FROM deliveries d JOIN planned_services ps ON ps.id = d.planned_service_id
               JOIN plans p ON p.id = ps.plan_id JOIN plan_owners o ON o.plan_id = p.id
               JOIN services s ON s.id = ps.service_id
              WHERE {condition} ORDER BY d.delivery_date DESC, d.created_at DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([value], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, ps, plan, participant, name, unit, date, centi, attendance, data) = row?;
            let unit = Unit::parse(&unit).unwrap_or(Unit::Hour);
            let attendance = Attendance::parse(&attendance).unwrap_or(Attendance::Present);
            let extra: serde_json::Value =
                serde_json::from_str(&data).map_err(corrupt("realizacja"))?;
            out.push(DeliveryView {
                id,
                planned_service_id: ps,
                plan_id: plan,
                participant_id: participant,
                service_name: name,
                unit,
                unit_label: unit.after_number().to_owned(),
                date: date
                    .parse()
                    .map_err(|_| StoreError::Corrupt("data realizacji nieczytelna".into()))?,
                quantity: centi_to_f64(centi),
                delivered_by: extra["delivered_by"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                attendance,
                attendance_label: attendance.polish().to_owned(),
                note: extra["note"].as_str().map(str::to_owned),
            });
        }
        Ok(out)
    }

    /// Planned services of a participant's signed plans, for logging a delivery quickly.
    pub fn deliverable_services(&self, participant_id: &str) -> Result<Vec<DeliverableService>> {
        self.participant(participant_id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id FROM plans p JOIN plan_owners o ON o.plan_id = p.id
              WHERE o.participant_id = ?1 AND p.status = 'signed' ORDER BY p.created_at DESC",
        )?;
        let ids = stmt
            .query_map([participant_id.trim()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for id in ids {
            let plan = self.plan(&id)?;
            for g in &plan.goals {
                for s in &g.services {
                    out.push(DeliverableService {
                        planned_service_id: s.id.clone(),
                        plan_id: plan.id.clone(),
                        plan_version: plan.version,
                        project_name: plan
                            .project_name
                            .clone()
                            .unwrap_or_else(|| plan.kind_label.clone()),
                        goal_title: g.title.clone(),
                        service_name: s.service_name.clone(),
                        unit: s.unit,
                        unit_label: s.unit_label.clone(),
                        start_date: s.start_date.unwrap_or(plan.start_date),
                        end_date: s.end_date.unwrap_or(plan.end_date),
                        progress: s.progress,
                    });
                }
            }
        }
        Ok(out)
    }
}
