//! Draft → signed → closed (or superseded by an amendment); signing, reviews, closing.

use super::*;

/// Draft → signed → closed; a signed plan replaced by a signed amendment is superseded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    Draft,
    Signed,
    Closed,
    Superseded,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Signed => "signed",
            PlanStatus::Closed => "closed",
            PlanStatus::Superseded => "superseded",
        }
    }

    pub fn from_db(text: &str) -> Option<PlanStatus> {
        match text {
            "draft" => Some(PlanStatus::Draft),
            "signed" => Some(PlanStatus::Signed),
            "closed" => Some(PlanStatus::Closed),
            "superseded" => Some(PlanStatus::Superseded),
            _ => None,
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            PlanStatus::Draft => "szkic",
            PlanStatus::Signed => "podpisany",
            PlanStatus::Closed => "zamknięty",
            PlanStatus::Superseded => "zastąpiony aneksem",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlanSignInput {
    /// When the participant (or guardian) signed, "YYYY-MM-DD" (today when left out).
    pub participant_signed_on: Option<String>,
    /// For a minor: the parent or legal guardian who signs (a related participant's id).
    pub guardian_id: Option<String>,
    /// When the worker signed (today when left out).
    pub worker_signed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanSigning {
    #[ts(type = "string")]
    pub participant_signed_on: NaiveDate,
    /// "self" or the guardian's name.
    pub signed_by: String,
    #[ts(type = "string | null")]
    pub guardian_id: Option<Id>,
    #[ts(type = "string")]
    pub worker_signed_on: NaiveDate,
    pub worker: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlanReviewInput {
    /// "YYYY-MM-DD" (today when left out).
    pub review_date: Option<String>,
    /// What changed since the plan or the last review.
    pub changes: Option<String>,
    pub goals: Option<Vec<GoalReviewInput>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct GoalReviewInput {
    pub goal_id: Option<String>,
    pub status: Option<String>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GoalReview {
    #[ts(type = "string")]
    pub goal_id: Id,
    pub status: GoalStatus,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanReview {
    #[ts(type = "string")]
    pub review_date: NaiveDate,
    pub changes: String,
    pub goals: Vec<GoalReview>,
    pub worker: String,
}

impl PlanReviewInput {
    pub fn parse(
        &self,
        content: &PlanContent,
        today: NaiveDate,
        worker: &str,
    ) -> Result<PlanReview, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date = crate::consent::consent_date(
            &mut errors,
            "review_date",
            "Data przeglądu",
            &self.review_date,
            today,
        );
        if date.is_some_and(|d| d < content.start_date) {
            errors.push(
                "review_date",
                "Data przeglądu nie może być wcześniejsza niż początek planu",
            );
        }
        let changes = required(&mut errors, "changes", "Co się zmieniło", &self.changes);
        let mut goals = Vec::new();
        for (i, g) in self.goals.clone().unwrap_or_default().iter().enumerate() {
            let field = |n: &str| format!("goals.{i}.{n}");
            let goal = clean(&g.goal_id).and_then(|text| {
                content
                    .goals
                    .iter()
                    .find(|goal| goal.id.to_string() == text)
            });
            let Some(goal) = goal else {
                errors.push(field("goal_id"), "Cel: nie ma takiego celu w tym planie");
                continue;
            };
            if goals.iter().any(|r: &GoalReview| r.goal_id == goal.id) {
                errors.push(field("goal_id"), "Ten cel oceniono dwa razy");
                continue;
            }
            let status = match clean(&g.status) {
                Some(s) => match GoalStatus::parse(&s) {
                    Some(s) => s,
                    None => {
                        errors.push(field("status"), "Stan celu: nieznana wartość (open, in_progress, achieved, partly_achieved, not_achieved, dropped)");
                        continue;
                    }
                },
                None => {
                    errors.push(field("status"), "Stan celu: pole jest wymagane");
                    continue;
                }
            };
            goals.push(GoalReview {
                goal_id: goal.id,
                status,
                comment: clean(&g.comment),
            });
        }
        errors.into_result(|| PlanReview {
            review_date: date.expect("checked"),
            changes: changes.expect("checked"),
            goals,
            worker: worker.to_owned(),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlanCloseInput {
    /// "YYYY-MM-DD" (today when left out).
    pub closed_on: Option<String>,
    pub final_evaluation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanClosing {
    #[ts(type = "string")]
    pub closed_on: NaiveDate,
    pub final_evaluation: String,
    pub worker: String,
}

impl PlanCloseInput {
    pub fn parse(
        &self,
        content: &PlanContent,
        today: NaiveDate,
        worker: &str,
    ) -> Result<PlanClosing, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date = crate::consent::consent_date(
            &mut errors,
            "closed_on",
            "Data zamknięcia planu",
            &self.closed_on,
            today,
        );
        if date.is_some_and(|d| d < content.start_date) {
            errors.push(
                "closed_on",
                "Data zamknięcia nie może być wcześniejsza niż początek planu",
            );
        }
        let evaluation = required(
            &mut errors,
            "final_evaluation",
            "Ocena końcowa",
            &self.final_evaluation,
        );
        errors.into_result(|| PlanClosing {
            closed_on: date.expect("checked"),
            final_evaluation: evaluation.expect("checked"),
            worker: worker.to_owned(),
        })
    }
}

/// How often a signed plan is reviewed with the person: every three months (the reviews the
/// seeds' projects describe), counted from the signing or the last review.
pub const REVIEW_EVERY_MONTHS: u32 = 3;

/// When a signed plan's next review is due: three months after the last review (or the
/// signing), but no later than the plan's end.
pub fn next_review(
    signed_on: NaiveDate,
    last_review: Option<NaiveDate>,
    end_date: NaiveDate,
) -> NaiveDate {
    let from = last_review.map_or(signed_on, |r| r.max(signed_on));
    let due = from
        .checked_add_months(chrono::Months::new(REVIEW_EVERY_MONTHS))
        .unwrap_or(end_date);
    due.min(end_date)
}

#[cfg(test)]
mod review_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_review_is_due_three_months_after_the_signing_or_the_last_review_within_the_plan() {
        assert_eq!(
            next_review(d("2026-01-31"), None, d("2026-12-31")),
            d("2026-04-30")
        );
        assert_eq!(
            next_review(d("2026-01-15"), Some(d("2026-05-02")), d("2026-12-31")),
            d("2026-08-02")
        );
        assert_eq!(
            next_review(d("2026-10-01"), None, d("2026-11-30")),
            d("2026-11-30")
        );
        // A review dated before the signing (a typo) does not move the date back.
        assert_eq!(
            next_review(d("2026-03-01"), Some(d("2025-03-01")), d("2027-03-01")),
            d("2026-06-01")
        );
    }
}
