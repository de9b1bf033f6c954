//! Reading a plan version with its planned services, reviews and progress.

use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use kartoteka_domain::plan::{
    Diagnosis, Goal, GoalStatus, PlanClosing, PlanContent, PlanKind, PlanReview, PlanSigning,
    PlanStatus, PlannedServiceData, Progress, TeamMember, Unit,
};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// A plan version as the editor and `plan show` present it, with progress.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanView {
    pub id: String,
    pub kind: PlanKind,
    /// The document's title: "Indywidualny plan wsparcia", "Kontrakt socjalny", …
    pub kind_label: String,
    /// The act the document cites (a social contract, a family work plan).
    pub legal_basis: Option<String>,
    /// The enrolment the plan belongs to; none for a plan kept outside any project.
    pub enrolment_id: Option<String>,
    pub participant_id: String,
    pub participant_name: String,
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub version: u32,
    /// The version this one amends.
    pub replaces_id: Option<String>,
    /// The amendment that replaces (or is drafted to replace) this version.
    pub replaced_by_id: Option<String>,
    pub status: PlanStatus,
    pub status_label: String,
    /// Only a draft can be edited; a signed plan is changed by an amendment.
    pub editable: bool,
    pub worker: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub diagnosis: Diagnosis,
    pub goals: Vec<GoalView>,
    pub commitments: Option<String>,
    /// An IŚR: the team that made the diagnosis.
    pub team: Vec<TeamMember>,
    /// A social contract: what the social worker undertakes.
    pub worker_obligations: Option<String>,
    /// A family work plan: the family's members besides the plan's person.
    pub family_members: Vec<FamilyMemberView>,
    /// A family work plan: the assistant's initial assessment.
    pub initial_assessment: Option<String>,
    pub signing: Option<PlanSigning>,
    pub closing: Option<PlanClosing>,
    /// Reviews of this version and of the versions it amends, oldest first.
    pub reviews: Vec<PlanReview>,
    pub progress: Progress,
}

/// A member of the family a family work plan is made with.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FamilyMemberView {
    pub id: String,
    pub name: String,
    /// Who the member is to the plan's person ("dziecko", "małżonek / małżonka"); none when the
    /// tie was removed from the registry after the plan was written.
    pub relation: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GoalView {
    pub id: String,
    pub title: String,
    pub measure: Option<String>,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    /// The status now: from the latest review, else as planned.
    pub status: GoalStatus,
    pub status_label: String,
    pub services: Vec<PlannedServiceView>,
    pub progress: Progress,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlannedServiceView {
    pub id: String,
    pub goal_id: String,
    pub service_id: String,
    pub service_code: String,
    pub service_name: String,
    pub unit: Unit,
    /// The unit after a number: "godz.", "sesji", "wizyt"…
    pub unit_label: String,
    pub quantity: f64,
    pub specialist: Option<String>,
    #[ts(type = "string | null")]
    pub start_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub end_date: Option<NaiveDate>,
    pub frequency: Option<String>,
    /// The planned service of the earlier version this one continues.
    pub carried_from: Option<String>,
    pub deliveries: u32,
    pub progress: Progress,
}

/// A plan in a participant's list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanSummary {
    pub id: String,
    pub kind: PlanKind,
    pub kind_label: String,
    pub enrolment_id: Option<String>,
    /// None for a plan kept outside any project.
    pub project_name: Option<String>,
    pub version: u32,
    pub status: PlanStatus,
    pub status_label: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub goals: u32,
    pub percent: u32,
}

pub(crate) fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what} nieczytelny: {e}"))
}

pub(super) struct PlanRow {
    pub(super) id: String,
    pub(super) enrolment_id: Option<String>,
    pub(super) version: u32,
    pub(super) replaces_id: Option<String>,
    pub(super) status: PlanStatus,
    pub(super) content: PlanContent,
    pub(super) signing: Option<PlanSigning>,
    pub(super) closing: Option<PlanClosing>,
    pub(super) participant_id: String,
    pub(super) project_id: Option<String>,
    pub(super) project_name: Option<String>,
    pub(super) participant_name: String,
    pub(super) replaced_by_id: Option<String>,
}

const PLAN_SELECT: &str =
    "SELECT p.id, p.enrolment_id, p.version, p.replaces_id, p.status, p.data, p.signing, p.closing,
        o.participant_id, o.project_id, pr.name, pa.first_name || ' ' || pa.last_name,
        (SELECT n.id FROM plans n WHERE n.replaces_id = p.id ORDER BY n.version DESC LIMIT 1)
   FROM plans p JOIN plan_owners o ON o.plan_id = p.id
   LEFT JOIN projects pr ON pr.id = o.project_id
   JOIN participants pa ON pa.id = o.participant_id";

pub(super) fn plan_row(conn: &rusqlite::Connection, id: &str) -> Result<PlanRow> {
    let sql = format!("{PLAN_SELECT} WHERE p.id = ?1");
    let raw = conn
        .query_row(&sql, [id.trim()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, Option<String>>(12)?,
            ))
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "plan wsparcia",
            id: id.trim().to_owned(),
        })?;
    Ok(PlanRow {
        id: raw.0,
        enrolment_id: raw.1,
        version: raw.2,
        replaces_id: raw.3,
        status: PlanStatus::from_db(&raw.4)
            .ok_or_else(|| StoreError::Corrupt("stan planu nieczytelny".into()))?,
        content: serde_json::from_str(&raw.5).map_err(corrupt("plan"))?,
        signing: raw
            .6
            .map(|s| serde_json::from_str(&s))
            .transpose()
            .map_err(corrupt("podpis planu"))?,
        closing: raw
            .7
            .map(|s| serde_json::from_str(&s))
            .transpose()
            .map_err(corrupt("zamknięcie planu"))?,
        participant_id: raw.8,
        project_id: raw.9,
        project_name: raw.10,
        participant_name: raw.11,
        replaced_by_id: raw.12,
    })
}

/// A planned service row with its catalogue data and the attended quantity delivered on it
/// and on the services of earlier versions it continues.
pub(super) fn planned_services(
    conn: &rusqlite::Connection,
    plan_id: &str,
) -> Result<Vec<PlannedServiceView>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE chain(root, id) AS (
             SELECT id, id FROM planned_services WHERE plan_id = ?1
             UNION ALL
             SELECT chain.root, ps.carried_from FROM chain JOIN planned_services ps ON ps.id = chain.id
              WHERE ps.carried_from IS NOT NULL
         ),
         delivered AS (
             SELECT chain.root AS id,
                    coalesce(sum(CASE WHEN d.attendance = 'present' THEN d.quantity_centi END), 0) AS centi,
                    count(d.id) AS n
               FROM chain LEFT JOIN deliveries d ON d.planned_service_id = chain.id
              GROUP BY chain.root
         )
         SELECT ps.id, ps.goal_id, ps.service_id, s.code, s.name, s.unit, ps.carried_from, ps.data,
                delivered.centi, delivered.n
           FROM planned_services ps JOIN services s ON s.id = ps.service_id
           JOIN delivered ON delivered.id = ps.id
          WHERE ps.plan_id = ?1 ORDER BY ps.position",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, i64>(8)?,
            r.get::<_, u32>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, goal_id, service_id, code, name, unit, carried_from, data, delivered, n) = row?;
        let unit = Unit::parse(&unit).unwrap_or(Unit::Hour);
        let data: PlannedServiceData =
            serde_json::from_str(&data).map_err(corrupt("usługa w planie"))?;
        out.push(PlannedServiceView {
            id,
            goal_id,
            service_id,
            service_code: code,
            service_name: name,
            unit,
            unit_label: unit.after_number().to_owned(),
            quantity: kartoteka_domain::plan::centi_to_f64(data.quantity_centi),
            specialist: data.specialist,
            start_date: data.start_date,
            end_date: data.end_date,
            frequency: data.frequency,
            carried_from,
            deliveries: n,
            progress: Progress::of(data.quantity_centi, delivered),
        });
    }
    Ok(out)
}

/// This version and the ones it amends, newest first.
fn version_chain(conn: &rusqlite::Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE chain(id, replaces) AS (
             SELECT id, replaces_id FROM plans WHERE id = ?1
             UNION ALL
             SELECT p.id, p.replaces_id FROM chain JOIN plans p ON p.id = chain.replaces
         ) SELECT id FROM chain",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

fn reviews(conn: &rusqlite::Connection, plan_ids: &[String]) -> Result<Vec<PlanReview>> {
    let mut stmt = conn.prepare_cached(
        "SELECT data FROM plan_reviews WHERE plan_id = ?1 ORDER BY review_date, created_at",
    )?;
    let mut out = Vec::new();
    for id in plan_ids {
        for data in stmt.query_map([id], |r| r.get::<_, String>(0))? {
            out.push(serde_json::from_str(&data?).map_err(corrupt("przegląd planu"))?);
        }
    }
    out.sort_by_key(|r: &PlanReview| r.review_date);
    Ok(out)
}

pub(super) fn view(conn: &rusqlite::Connection, row: PlanRow) -> Result<PlanView> {
    let services = planned_services(conn, &row.id)?;
    let chain = version_chain(conn, &row.id)?;
    let reviews = reviews(conn, &chain)?;
    let goals: Vec<GoalView> = row
        .content
        .goals
        .iter()
        .map(|g: &Goal| {
            let gid = g.id.to_string();
            let status = reviews
                .iter()
                .rev()
                .find_map(|r| r.goals.iter().find(|x| x.goal_id == g.id).map(|x| x.status))
                .unwrap_or(g.status);
            let services: Vec<PlannedServiceView> = services
                .iter()
                .filter(|s| s.goal_id == gid)
                .cloned()
                .collect();
            let progress =
                Progress::of_goal(&services.iter().map(|s| s.progress).collect::<Vec<_>>());
            GoalView {
                id: gid,
                title: g.title.clone(),
                measure: g.measure.clone(),
                target_date: g.target_date,
                status,
                status_label: status.polish().to_owned(),
                services,
                progress,
            }
        })
        .collect();
    let all: Vec<Progress> = goals
        .iter()
        .flat_map(|g| g.services.iter().map(|s| s.progress))
        .collect();
    Ok(PlanView {
        progress: Progress::of_goal(&all),
        id: row.id,
        kind: row.content.kind,
        kind_label: row.content.kind.polish().to_owned(),
        legal_basis: row.content.kind.legal_basis().map(str::to_owned),
        enrolment_id: row.enrolment_id,
        participant_id: row.participant_id,
        participant_name: row.participant_name,
        project_id: row.project_id,
        project_name: row.project_name,
        version: row.version,
        replaces_id: row.replaces_id,
        replaced_by_id: row.replaced_by_id,
        status: row.status,
        status_label: row.status.polish().to_owned(),
        editable: row.status == PlanStatus::Draft,
        worker: row.content.worker,
        start_date: row.content.start_date,
        end_date: row.content.end_date,
        diagnosis: row.content.diagnosis,
        goals,
        commitments: row.content.commitments,
        team: row.content.team,
        worker_obligations: row.content.worker_obligations,
        // Named by `Store::plan`, which knows the family's ties.
        family_members: row
            .content
            .family_members
            .iter()
            .map(|id| FamilyMemberView {
                id: id.to_string(),
                name: String::new(),
                relation: None,
            })
            .collect(),
        initial_assessment: row.content.initial_assessment,
        signing: row.signing,
        closing: row.closing,
        reviews,
    })
}
