//! Every person's plan at a glance (the "Plany wsparcia" view): the newest version of each
//! chain of plan versions (an enrolment's plan, a plan kept outside a project) that is not superseded, with the person, the project, the status and when
//! a signed plan's next review is due.

use crate::error::Result;
use crate::Store;
use chrono::NaiveDate;
use kartoteka_domain::plan::{next_review, PlanContent, PlanKind, PlanSigning, PlanStatus};

use super::view::corrupt;

/// One plan in the list of all plans.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOverviewRow {
    pub plan_id: String,
    pub participant_id: String,
    pub participant_name: String,
    /// None for a plan kept outside any project.
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// For a signed plan: when its next review is due.
    pub next_review: Option<NaiveDate>,
}

impl Store {
    /// The current version of every plan (anonymised people left out), by surname.
    pub fn plans_overview(&self) -> Result<Vec<PlanOverviewRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.status, p.data, p.signing, pa.id, pa.last_name || ' ' || pa.first_name,
                    pr.id, pr.name,
                    (SELECT max(r.review_date) FROM plan_reviews r WHERE r.plan_id = p.id)
               FROM plans p
               JOIN plan_owners o ON o.plan_id = p.id
               JOIN participants pa ON pa.id = o.participant_id
               LEFT JOIN projects pr ON pr.id = o.project_id
              WHERE p.status <> 'superseded' AND pa.status <> 'anonymised'
                AND NOT EXISTS (SELECT 1 FROM plans n WHERE n.replaces_id = p.id)
              ORDER BY pa.sort_key, pr.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (plan_id, status, data, signing, participant_id, name, project_id, project, last) =
                row?;
            let content: PlanContent = serde_json::from_str(&data).map_err(corrupt("plan"))?;
            let status = PlanStatus::from_db(&status).unwrap_or(PlanStatus::Draft);
            let signing: Option<PlanSigning> = signing
                .map(|s| serde_json::from_str(&s).map_err(corrupt("podpis planu")))
                .transpose()?;
            let last_review = last.and_then(|d| d.parse::<NaiveDate>().ok());
            let next = match (status, &signing) {
                (PlanStatus::Signed, Some(s)) => Some(next_review(
                    s.participant_signed_on.max(s.worker_signed_on),
                    last_review,
                    content.end_date,
                )),
                _ => None,
            };
            out.push(PlanOverviewRow {
                plan_id,
                participant_id,
                participant_name: name,
                project_id,
                project_name: project,
                kind: content.kind,
                status,
                start_date: content.start_date,
                end_date: content.end_date,
                next_review: next,
            });
        }
        Ok(out)
    }
}
