//! The list of all plans ("Plany wsparcia", `kartoteka plan overview`): every person's current
//! plan with filters by project, status and a review due soon.

use crate::app::App;
use crate::error::ApiError;
use kartoteka_domain::plan::{PlanKind, PlanStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which plans to list (all when empty).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlanFilter {
    pub project_id: Option<String>,
    /// A plan kind's code ("family_work_plan", …).
    pub kind: Option<String>,
    /// "draft", "signed" or "closed".
    pub status: Option<String>,
    /// Only signed plans whose review is due within this many days (overdue ones included).
    pub review_within_days: Option<u32>,
}

/// One plan in the list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanListItem {
    pub plan_id: String,
    pub participant_id: String,
    /// "Surname First name".
    pub participant_name: String,
    /// None for a plan kept outside any project (a social contract, a family work plan).
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub kind: PlanKind,
    /// "Indywidualny plan wsparcia", "Kontrakt socjalny", …
    pub kind_label: String,
    pub status: String,
    pub status_label: String,
    pub start_date: String,
    pub end_date: String,
    /// For a signed plan still running: when its next review is due (every 3 months from the
    /// signing or the last review, at the latest on the plan's end). A plan whose period is
    /// over has none: it waits to be closed (its status label says so).
    pub next_review: Option<String>,
    /// The review's day has passed.
    pub review_overdue: bool,
}

impl App {
    pub fn plan_list(&self, filter: &PlanFilter) -> Result<Vec<PlanListItem>, ApiError> {
        let status = match filter.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match PlanStatus::from_db(s) {
                Some(st) if st != PlanStatus::Superseded => Some(st),
                _ => {
                    return Err(ApiError::invalid(
                        "status",
                        "Status planu: wybierz szkic, podpisany albo zamknięty",
                    ))
                }
            },
        };
        if filter.review_within_days.is_some_and(|d| d > 366) {
            return Err(ApiError::invalid(
                "review_within_days",
                "Przegląd w ciągu: najwyżej 366 dni",
            ));
        }
        let kind =
            match filter.kind.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(k) => Some(PlanKind::parse(k).ok_or_else(|| {
                    ApiError::invalid("kind", "Rodzaj planu: wybierz jeden z listy")
                })?),
            };
        let project = filter
            .project_id
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let today = self.today();
        let due_by = filter
            .review_within_days
            .map(|d| today + chrono::Days::new(u64::from(d)));
        let mut items: Vec<PlanListItem> = self
            .store
            .plans_overview()?
            .into_iter()
            .filter(|r| project.is_none_or(|p| r.project_id.as_deref() == Some(p)))
            .filter(|r| kind.is_none_or(|k| r.kind == k))
            .filter(|r| status.is_none_or(|s| r.status == s))
            // A signed plan whose period is over waits to be closed, not reviewed.
            .map(|mut r| {
                if r.end_date < today {
                    r.next_review = None;
                }
                r
            })
            .filter(|r| due_by.is_none_or(|by| r.next_review.is_some_and(|n| n <= by)))
            .map(|r| PlanListItem {
                plan_id: r.plan_id,
                participant_id: r.participant_id,
                participant_name: r.participant_name,
                project_id: r.project_id,
                project_name: r.project_name,
                kind: r.kind,
                kind_label: r.kind.polish().to_owned(),
                status: r.status.as_str().to_owned(),
                status_label: if r.status == PlanStatus::Signed && r.end_date < today {
                    "podpisany, okres minął — do zamknięcia".to_owned()
                } else {
                    r.status.polish().to_owned()
                },
                start_date: r.start_date.to_string(),
                end_date: r.end_date.to_string(),
                next_review: r.next_review.map(|d| d.to_string()),
                review_overdue: r.next_review.is_some_and(|n| n < today),
            })
            .collect();
        if due_by.is_some() {
            items.sort_by(|a, b| a.next_review.cmp(&b.next_review));
        }
        Ok(items)
    }
}
