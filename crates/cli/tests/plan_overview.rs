//! `kartoteka plan overview`: every person's current plan (amended versions left out) with its
//! project, status and next review (every 3 months from the signing or the last review), and
//! the filters the "Plany wsparcia" view uses.

mod common;

use common::office::{office, signed_plan};
use common::{fail, ok};

#[test]
fn every_current_plan_is_listed_with_its_next_review_and_filters() {
    let o = office();
    let dir = o.dir.path();
    // The adult: signed, reviewed, amended and signed again on 2026-06-10 (so the review was
    // due on 2026-09-10 and is overdue by now); the child: a draft only.
    let (v1, v2) = signed_plan(&o, &o.person, false);
    let enrolments = ok(dir, &["enrolment", "list", "--participant", &o.child], None);
    let enrolment = enrolments[0]["id"].as_str().unwrap().to_owned();
    let draft = ok(
        dir,
        &["plan", "create", "--enrolment", &enrolment, "--json", "-"],
        Some(
            r#"{"worker": "Agnieszka Wójcik", "start_date": "2026-03-01", "end_date": "2026-12-31",
                 "diagnosis": {"problem_situation": "Trudności w nauce."},
                 "goals": [{"title": "Poprawa ocen"}]}"#,
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let all = ok(dir, &["plan", "overview"], None);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.iter().all(|p| p["plan_id"] != v1.as_str()),
        "a superseded version is listed"
    );
    let adult = all.iter().find(|p| p["plan_id"] == v2.as_str()).unwrap();
    assert_eq!(adult["participant_name"], "Żółkiewska-Wałęsa Łucja");
    assert_eq!(adult["project_name"], "Razem łatwiej");
    assert_eq!(adult["status"], "signed");
    assert_eq!(adult["status_label"], "podpisany");
    assert_eq!(adult["next_review"], "2026-09-10");
    let child = all.iter().find(|p| p["plan_id"] == draft.as_str()).unwrap();
    assert_eq!(child["next_review"], serde_json::Value::Null);

    let drafts = ok(dir, &["plan", "overview", "--status", "draft"], None);
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    assert_eq!(drafts[0]["plan_id"], draft.as_str());
    let other = ok(
        dir,
        &["plan", "overview", "--project", "nie-ma-takiego"],
        None,
    );
    assert_eq!(other, serde_json::json!([]));
    let due = ok(dir, &["plan", "overview", "--review-due", "14"], None);
    assert_eq!(due.as_array().unwrap().len(), 1);
    assert_eq!(due[0]["plan_id"], v2.as_str());
    assert_eq!(due[0]["review_overdue"], true);

    // A review moves the next one three months on.
    ok(
        dir,
        &["plan", "review", &v2, "--json", "-"],
        Some(r#"{"review_date": "2026-12-01", "changes": "Bez zmian."}"#),
    );
    let after = ok(dir, &["plan", "overview", "--status", "signed"], None);
    assert_eq!(
        after[0]["next_review"], "2026-12-31",
        "capped at the plan's end"
    );

    let err = fail(
        dir,
        &["plan", "overview", "--status", "superseded"],
        None,
        2,
    );
    assert!(err.contains("Status planu"), "{err}");
}
