//! Individual support plans: the service catalogue, plan content (header, diagnosis, goals
//! with planned services, commitments), signing, reviews, closing, deliveries and case notes.
//!
//! Quantities are kept in hundredths of a service's unit (`1.5` hours = 150) so sums are
//! exact; they are shown and typed as decimal numbers.

mod catalogue;
mod content;
mod delivery;
mod kind;
mod lifecycle;
mod note;
mod quantity;

pub use catalogue::*;
pub use content::*;
pub use delivery::*;
pub use kind::*;
pub use lifecycle::*;
pub use note::*;
pub use quantity::*;

use crate::participant::parse_optional_date;
use crate::project::{required, required_date};
use crate::{Id, ValidationErrors};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan_input() -> PlanInput {
        PlanInput {
            start_date: Some("2026-01-01".into()),
            end_date: Some("2026-06-30".into()),
            goals: Some(vec![GoalInput {
                title: Some("Stabilizacja sytuacji mieszkaniowej".into()),
                services: Some(vec![PlannedServiceInput {
                    service: Some("TER-PSY".into()),
                    quantity: Some(10.0),
                    ..Default::default()
                }]),
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn a_plan_parses_with_its_services() {
        let (content, drafts) = plan_input().parse("Anna").unwrap();
        assert_eq!(content.worker, "Anna");
        assert_eq!(content.goals.len(), 1);
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].data.quantity_centi, 1000);
        assert_eq!(drafts[0].field("quantity"), "goals.0.services.0.quantity");
    }

    #[test]
    fn bad_quantities_and_periods_are_named() {
        let mut input = plan_input();
        input.end_date = Some("2025-12-01".into());
        input.goals.as_mut().unwrap()[0].services.as_mut().unwrap()[0].quantity = Some(-1.0);
        let errors = input.parse("Anna").unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"end_date"), "{fields:?}");
        assert!(
            fields.contains(&"goals.0.services.0.quantity"),
            "{fields:?}"
        );
        let mut input = plan_input();
        input.goals.as_mut().unwrap()[0].services.as_mut().unwrap()[0].quantity = Some(1.005);
        assert!(input.parse("Anna").is_err());
    }

    #[test]
    fn area_scores_are_one_to_five() {
        let mut input = plan_input();
        input.diagnosis = Some(DiagnosisInput {
            areas: Some(vec![AreaAssessmentInput {
                area: Some("mieszkanie".into()),
                score: Some(6),
                comment: None,
            }]),
            ..Default::default()
        });
        let errors = input.parse("Anna").unwrap_err();
        assert_eq!(errors.0[0].field, "diagnosis.areas.0.score");
    }

    #[test]
    fn progress_arithmetic_is_exact_and_capped() {
        let p = Progress::of(1000, 350);
        assert_eq!((p.planned, p.delivered, p.percent), (10.0, 3.5, 35));
        assert_eq!(Progress::of(1000, 1500).percent, 100);
        assert_eq!(Progress::of(0, 0).percent, 0);
        let goal = Progress::of_goal(&[Progress::of(1000, 1000), Progress::of(400, 100)]);
        assert_eq!(goal.percent, 62);
        assert_eq!((goal.planned, goal.delivered), (2.0, 1.0));
    }

    #[test]
    fn quantities_format_the_polish_way() {
        assert_eq!(format_quantity(150), "1,5");
        assert_eq!(format_quantity(1000), "10");
        assert_eq!(format_quantity(125), "1,25");
    }

    #[test]
    fn deliveries_default_to_today_and_refuse_the_future() {
        let today = d("2026-03-10");
        let ok = DeliveryInput {
            quantity: Some(1.5),
            ..Default::default()
        }
        .parse(today, "Anna")
        .unwrap();
        assert_eq!(ok.date, today);
        assert_eq!(ok.quantity_centi, 150);
        let future = DeliveryInput {
            date: Some("2026-03-11".into()),
            quantity: Some(1.0),
            ..Default::default()
        }
        .parse(today, "Anna")
        .unwrap_err();
        assert_eq!(future.0[0].field, "date");
        let absent = DeliveryInput {
            quantity: Some(0.0),
            attendance: Some("absent_excused".into()),
            ..Default::default()
        }
        .parse(today, "Anna")
        .unwrap();
        assert_eq!(absent.attendance, Attendance::AbsentExcused);
    }

    #[test]
    fn notes_need_kind_and_text() {
        let now = d("2026-03-10").and_hms_opt(12, 0, 0).unwrap();
        let errors = CaseNoteInput::default().parse(now, "Anna").unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "text"]);
        let note = CaseNoteInput {
            at: Some("2026-03-09T10:30".into()),
            kind: Some("wizyta domowa".into()),
            text: Some("Rozmowa o budżecie domowym".into()),
        }
        .parse(now, "Anna")
        .unwrap();
        assert_eq!(note.kind, NoteKind::HomeVisit);
        // A note is kept as typed (lines too) but without NUL, and has a limit.
        let verbatim = CaseNoteInput {
            kind: Some("phone".into()),
            text: Some("Pierwsza linia\n\n  druga\u{0}".into()),
            ..Default::default()
        }
        .parse(now, "Anna")
        .unwrap();
        assert_eq!(verbatim.text, "Pierwsza linia\n\n  druga");
        let long = CaseNoteInput {
            kind: Some("phone".into()),
            text: Some("x".repeat(20_001)),
            ..Default::default()
        };
        let fields: Vec<_> = long
            .parse(now, "Anna")
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["text"]);
    }

    #[test]
    fn units_parse_from_code_or_polish() {
        assert_eq!(Unit::parse("Sesja"), Some(Unit::Session));
        assert_eq!(Unit::parse("hour"), Some(Unit::Hour));
        assert_eq!(Unit::parse("kg"), None);
    }

    #[test]
    fn a_plan_keeps_only_the_sections_of_its_kind() {
        let mut input = plan_input();
        input.kind = Some("social_contract".into());
        input.worker_obligations = Some("Pomoc w skompletowaniu dokumentów".into());
        input.initial_assessment = Some("nie dotyczy kontraktu".into());
        input.team = Some(vec![TeamMemberInput {
            name: Some("Ewa Nowak".into()),
            role: Some("psycholog".into()),
        }]);
        let (content, _) = input.parse("Anna").unwrap();
        assert_eq!(content.kind, PlanKind::SocialContract);
        assert_eq!(
            content.worker_obligations.as_deref(),
            Some("Pomoc w skompletowaniu dokumentów")
        );
        assert!(content.team.is_empty() && content.initial_assessment.is_none());
        // The person's obligations are still missing: named before signing.
        let missing: Vec<_> = content
            .missing_for_signing()
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(missing, ["commitments"]);
    }

    #[test]
    fn kinds_check_their_own_parts() {
        let mut input = plan_input();
        input.kind = Some("Indywidualna ścieżka reintegracji".into());
        input.team = Some(vec![TeamMemberInput {
            name: Some("Ewa Nowak".into()),
            role: None,
        }]);
        let errors = input.parse("Anna").unwrap_err();
        assert_eq!(errors.0[0].field, "team.0.role");
        input.team = None;
        let (content, _) = input.parse("Anna").unwrap();
        assert_eq!(content.kind, PlanKind::ReintegrationPath);
        assert_eq!(content.missing_for_signing()[0].0, "team");

        let mut input = plan_input();
        input.kind = Some("family_work_plan".into());
        input.family_members = Some(vec!["nie-id".into()]);
        let errors = input.parse("Anna").unwrap_err();
        assert_eq!(errors.0[0].field, "family_members.0");
        input.family_members = None;
        let (content, _) = input.parse("Anna").unwrap();
        assert_eq!(content.missing_for_signing()[0].0, "initial_assessment");
        assert!(!content.kind.needs_project());
        assert!(content
            .kind
            .legal_basis()
            .unwrap()
            .contains("wspieraniu rodziny"));

        let mut input = plan_input();
        input.kind = Some("umowa".into());
        assert_eq!(input.parse("Anna").unwrap_err().0[0].field, "kind");
    }

    #[test]
    fn a_plan_written_before_kinds_reads_as_a_support_plan() {
        let (content, _) = plan_input().parse("Anna").unwrap();
        let mut json: serde_json::Value = serde_json::to_value(&content).unwrap();
        for key in [
            "kind",
            "team",
            "worker_obligations",
            "family_members",
            "initial_assessment",
        ] {
            json.as_object_mut().unwrap().remove(key);
        }
        let old: PlanContent = serde_json::from_value(json).unwrap();
        assert_eq!(old.kind, PlanKind::SupportPlan);
        assert_eq!(old, content);
    }
}
