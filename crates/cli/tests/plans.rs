//! `kartoteka service|plan|delivery|note|timeline` as a user runs them: JSON in and out,
//! Polish errors, the documented exit codes, and nothing saved on a refusal.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn a_plan_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["init"], None).status.success());

    let services = ok(d, &["service", "list"], None);
    let codes: Vec<&str> = services
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"TER-PSY") && codes.contains(&"SEN-TAXI"));
    let added = ok(
        d,
        &["service", "add", "--json", "-"],
        Some(
            r#"{"code":"KUL-TEATR","name":"Bilet do teatru","category":"Seniorzy","unit":"ticket"}"#,
        ),
    );
    assert_eq!(added["unit"], "ticket");
    let taken = fail(
        d,
        &["service", "add", "--json", "-"],
        Some(r#"{"code":"KUL-TEATR","name":"X","category":"Y","unit":"hour"}"#),
        4,
    );
    assert!(taken.contains("KUL-TEATR"), "{taken}");
    let bad = fail(
        d,
        &["service", "add", "--json", "-"],
        Some(r#"{"code":"A B","unit":"kg"}"#),
        2,
    );
    assert!(bad.contains("unit:") && bad.contains("name:"), "{bad}");

    let person = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name":"Łucja","last_name":"Żółkiewska","sex":"female","birth_date":"1979-08-14"}"#,
        ),
    ));
    let project = id(&ok(
        d,
        &["project", "add", "--json", "-"],
        Some(r#"{"name":"Aktywna rodzina","start_date":"2026-01-01","end_date":"2027-12-31"}"#),
    ));
    let enrolment = id(&ok(
        d,
        &[
            "enrolment",
            "add",
            "--participant",
            &person,
            "--project",
            &project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date":"2026-06-01"}"#),
    ));
    let plan_json = json!({
        "start_date": "2026-06-01", "end_date": "2027-05-31",
        "diagnosis": {"problem_situation": "Długi", "areas": [{"area": "finances", "score": 2}]},
        "goals": [
            {"title": "Wyjście z długów", "services": [
                {"service": "TER-PSY", "quantity": 10},
                {"service": "ROD-ASYST", "quantity": 6}]},
            {"title": "Praca", "services": [{"service": "PRA-DORAD", "quantity": 4}]}
        ],
        "commitments": "Spotkania co tydzień"
    })
    .to_string();
    // Bad input: exit 2, every field named, nothing saved.
    let bad = fail(
        d,
        &["plan", "create", "--enrolment", &enrolment, "--json", "-"],
        Some(
            r#"{"start_date":"2026-06-01","goals":[{"title":"X","services":[{"service":"TER-PSY","quantity":-3}]}]}"#,
        ),
        2,
    );
    assert!(
        bad.contains("end_date:") && bad.contains("goals.0.services.0.quantity:"),
        "{bad}"
    );
    let missing = fail(
        d,
        &["plan", "create", "--enrolment", "nie-ma", "--json", "-"],
        Some(&plan_json),
        3,
    );
    assert!(
        missing.contains("Nie ma takiego rekordu (udział w projekcie)"),
        "{missing}"
    );

    let plan = id(&ok(
        d,
        &["plan", "create", "--enrolment", &enrolment, "--json", "-"],
        Some(&plan_json),
    ));
    let shown = ok(d, &["plan", "show", &plan], None);
    assert_eq!(shown["status"], "draft");
    assert_eq!(shown["goals"].as_array().unwrap().len(), 2);
    let psy = shown["goals"][0]["services"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(shown["goals"][0]["services"][0]["progress"]["percent"], 0);

    // A delivery before signing is refused (conflict).
    fail(
        d,
        &["delivery", "add", "--planned-service", &psy, "--json", "-"],
        Some(r#"{"date":"2026-11-02","quantity":1}"#),
        4,
    );

    let signed = ok(
        d,
        &["plan", "sign", &plan, "--json", "-"],
        Some(r#"{"participant_signed_on":"2026-06-02","worker_signed_on":"2026-06-02"}"#),
    );
    assert_eq!(signed["status"], "signed");
    let frozen = fail(
        d,
        &["plan", "update", &plan, "--json", "-"],
        Some(&plan_json),
        4,
    );
    assert!(frozen.contains("aneks"), "{frozen}");

    let added = ok(
        d,
        &["delivery", "add", "--planned-service", &psy, "--json", "-"],
        Some(r#"{"date":"2026-11-02","quantity":1.5,"note":"Pierwsza sesja"}"#),
    );
    assert_eq!(added["progress"]["delivered"], 1.5);
    assert_eq!(added["progress"]["percent"], 15);
    let outside = fail(
        d,
        &["delivery", "add", "--planned-service", &psy, "--json", "-"],
        Some(r#"{"date":"2026-05-20","quantity":1}"#),
        2,
    );
    assert!(outside.contains("poza okresem planu"), "{outside}");
    fail(
        d,
        &["delivery", "add", "--planned-service", &psy, "--json", "-"],
        Some(r#"{"quantity":-1}"#),
        2,
    );
    let progress = ok(d, &["plan", "show", &plan], None);
    assert_eq!(
        progress["goals"][0]["services"][0]["progress"]["delivered"],
        1.5
    );
    assert_eq!(progress["goals"][0]["progress"]["percent"], 7);
    assert_eq!(
        ok(d, &["delivery", "list", "--plan", &plan], None)
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let reviewed = ok(
        d,
        &["plan", "review", &plan, "--json", "-"],
        Some(
            &json!({"review_date": "2026-11-15", "changes": "Ugoda ze spółdzielnią",
                     "goals": [{"goal_id": shown["goals"][0]["id"], "status": "in_progress"}]})
            .to_string(),
        ),
    );
    assert_eq!(reviewed["goals"][0]["status"], "in_progress");

    let amendment = id(&ok(d, &["plan", "amend", &plan], None));
    let v2 = ok(d, &["plan", "show", &amendment], None);
    assert_eq!(
        (v2["version"].as_u64(), v2["status"].as_str()),
        (Some(2), Some("draft"))
    );
    assert_eq!(v2["replaces_id"], plan.as_str());
    assert_eq!(v2["goals"][0]["services"][0]["progress"]["delivered"], 1.5);
    ok(d, &["plan", "sign", &amendment, "--json", "-"], Some("{}"));
    assert_eq!(
        ok(d, &["plan", "show", &plan], None)["status"],
        "superseded"
    );
    assert_eq!(
        ok(d, &["plan", "list", "--participant", &person], None)
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let note = ok(
        d,
        &["note", "add", "--participant", &person, "--json", "-"],
        Some(
            r#"{"at":"2026-11-20T10:15","kind":"home_visit","text":"Wizyta: rozmowa o budżecie"}"#,
        ),
    );
    assert!(note["id"].is_string());
    let empty = fail(
        d,
        &["note", "add", "--participant", &person, "--json", "-"],
        Some("{}"),
        2,
    );
    assert!(
        empty.contains("kind:") && empty.contains("text:"),
        "{empty}"
    );
    let timeline = ok(d, &["timeline", "--participant", &person], None);
    let kinds: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["note", "review", "delivery"]);
    assert_eq!(
        ok(d, &["audit", "verify"], None)["first_broken"],
        Value::Null
    );
}
