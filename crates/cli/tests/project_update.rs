//! `kartoteka project update`: a project's name, number and period are corrected; a period
//! that no longer holds the people already enrolled is refused under its date, nothing saved.

mod common;

use common::office::office;
use common::{fail, ok};

#[test]
fn a_project_is_corrected_but_never_shortened_past_its_enrolments() {
    let o = office();
    let dir = o.dir.path();
    let updated = ok(
        dir,
        &["project", "update", &o.project, "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej — edycja 2", "agreement_number": "FELD.07.05-IZ.00-0002/26",
                 "start_date": "01.01.2026", "end_date": "2027-12-31", "participant_target": 40,
                 "target_groups": ["osoby zagrożone ubóstwem"]}"#,
        ),
    );
    assert_eq!(updated["name"], "Razem łatwiej — edycja 2");
    let shown = ok(dir, &["project", "show", &o.project], None);
    assert_eq!(shown["agreement_number"], "FELD.07.05-IZ.00-0002/26");
    assert_eq!(shown["participant_target"], 40);
    assert_eq!(shown["enrolments"].as_array().unwrap().len(), 2);
    let audit = ok(dir, &["audit", "list", "--record", &o.project], None);
    let event = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "project" && e["action"] == "update")
        .expect("the change is audited");
    let fields: Vec<&str> = event["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "name",
            "agreement_number",
            "participant_target",
            "target_groups"
        ]
    );

    // The enrolments started on 2026-02-01: the project may not start later or end earlier.
    for (start, end, message) in [
        (
            "2026-01-01",
            "2026-01-31",
            "ostatnia osoba przystąpiła do projektu 01.02.2026",
        ),
        (
            "2026-03-01",
            "2027-12-31",
            "pierwsza osoba przystąpiła do projektu 01.02.2026",
        ),
    ] {
        let json =
            format!(r#"{{"name": "Skrócony", "start_date": "{start}", "end_date": "{end}"}}"#);
        let err = fail(
            dir,
            &["project", "update", &o.project, "--json", "-"],
            Some(&json),
            2,
        );
        assert!(err.contains(message), "{err}");
    }
    assert_eq!(
        ok(dir, &["project", "show", &o.project], None)["name"],
        "Razem łatwiej — edycja 2"
    );
    fail(
        dir,
        &["project", "update", "nie-ma-takiego", "--json", "-"],
        Some(r#"{"name": "X", "start_date": "2026-01-01", "end_date": "2026-12-31"}"#),
        3,
    );
}

#[test]
fn a_project_carries_its_call_and_value_and_shows_women_and_men_separately() {
    let o = office();
    let dir = o.dir.path();
    ok(
        dir,
        &["project", "update", &o.project, "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "start_date": "2026-01-01", "end_date": "2027-12-31",
                 "programme": "Fundusze Europejskie dla Łódzkiego 2021–2027", "priority": "FELD.07",
                 "measure": "FELD.07.05 Usługi społeczne", "call_number": "FELD.07.05-IZ.00-001/25",
                 "eu_funds": "1 234 567,89", "state_budget": "100000", "own_contribution": "5 000,5"}"#,
        ),
    );
    let shown = ok(dir, &["project", "show", &o.project], None);
    assert_eq!(shown["call_number"], "FELD.07.05-IZ.00-001/25");
    assert_eq!(shown["measure"], "FELD.07.05 Usługi społeczne");
    assert_eq!(shown["eu_funds"], 123_456_789);
    assert_eq!(shown["state_budget"], 10_000_000);
    assert_eq!(shown["own_contribution"], 500_050);
    let sexes = |shown: &serde_json::Value| -> Vec<(String, u64, u64, u64)> {
        shown["by_sex"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["sex"].as_str().unwrap().to_owned(),
                    r["enrolled"].as_u64().unwrap(),
                    r["active"].as_u64().unwrap(),
                    r["completed"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        sexes(&shown),
        [("female".into(), 1, 1, 0), ("male".into(), 1, 1, 0)]
    );
    let boys_enrolment = shown["enrolments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["participant_id"] == o.child.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        dir,
        &["enrolment", "end", &boys_enrolment, "--json", "-"],
        Some(r#"{"end_date": "2026-06-30", "completed_as_planned": true}"#),
    );
    let shown = ok(dir, &["project", "show", &o.project], None);
    assert_eq!(
        sexes(&shown),
        [("female".into(), 1, 1, 0), ("male".into(), 1, 0, 1)]
    );

    // An amount that is not one is refused under its field; nothing changes.
    let err = fail(
        dir,
        &["project", "update", &o.project, "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "start_date": "2026-01-01", "end_date": "2027-12-31",
                 "eu_funds": "milion"}"#,
        ),
        2,
    );
    assert!(err.contains("Środki UE: podaj kwotę w złotych"), "{err}");
    let shown = ok(dir, &["project", "show", &o.project], None);
    assert_eq!(shown["eu_funds"], 123_456_789);
}

#[test]
fn changing_only_the_call_or_the_value_is_saved_and_audited() {
    let o = office();
    let dir = o.dir.path();
    ok(
        dir,
        &["project", "update", &o.project, "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26",
                 "start_date": "2026-01-01", "end_date": "2027-12-31", "eu_funds": "10 000"}"#,
        ),
    );
    assert_eq!(
        ok(dir, &["project", "show", &o.project], None)["eu_funds"],
        1_000_000
    );
    let audit = ok(dir, &["audit", "list", "--record", &o.project], None);
    let update = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "update")
        .expect("audited");
    assert_eq!(update["fields"], serde_json::json!(["eu_funds"]));
}
