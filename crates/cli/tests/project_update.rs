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
