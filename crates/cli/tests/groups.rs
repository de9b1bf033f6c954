//! `kartoteka group …`, `session …`, `event …` and the group's attendance list, as a
//! specialist runs a socio-therapy group: members, a session with two absences, the progress
//! it adds to the plans, the lists on paper, and a neighbourhood event.

mod common;

use common::office::{pdftotext, run_parts};
use common::{fail, id, ok};
use serde_json::{json, Value};
use std::path::Path;

fn add_person(d: &Path, first: &str, project: &str, plan: bool) -> String {
    let p = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(&json!({"first_name": first, "last_name": "Wiśniewska", "sex": "female", "birth_date": "1988-04-12"}).to_string()),
    ));
    let e = id(&ok(
        d,
        &[
            "enrolment",
            "add",
            "--participant",
            &p,
            "--project",
            project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date": "2026-09-01"}"#),
    ));
    if plan {
        let plan = id(&ok(
            d,
            &["plan", "create", "--enrolment", &e, "--json", "-"],
            Some(
                &json!({"start_date": "2026-09-01", "end_date": "2026-12-31",
                "diagnosis": {"problem_situation": "Izolacja, trudności w kontaktach."},
                "goals": [{"title": "Wzmocnienie umiejętności społecznych",
                           "services": [{"service": "TER-SOCJO", "quantity": 20}]}]})
                .to_string(),
            ),
        ));
        ok(
            d,
            &["plan", "sign", &plan, "--json", "-"],
            Some(r#"{"participant_signed_on": "2026-09-02", "worker_signed_on": "2026-09-02"}"#),
        );
    }
    p
}

fn progress(d: &Path, person: &str) -> f64 {
    let plans = ok(d, &["plan", "list", "--participant", person], None);
    let plan = ok(d, &["plan", "show", plans[0]["id"].as_str().unwrap()], None);
    plan["goals"][0]["services"][0]["progress"]["delivered"]
        .as_f64()
        .unwrap()
}

#[test]
fn a_group_session_records_presence_and_adds_progress_only_where_the_plan_has_the_service() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, err) = run_parts(d, &["init"], None);
    assert_eq!(code, 0, "{err}");
    let project = id(&ok(
        d,
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Razem w Łaziskach", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#,
        ),
    ));
    let names = [
        "Anna", "Beata", "Celina", "Dorota", "Edyta", "Felicja", "Grażyna", "Halina",
    ];
    // Seven have the group's service in their plan; Halina's plan is elsewhere (none here).
    let people: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| add_person(d, n, &project, i < 7))
        .collect();
    let group = id(&ok(
        d,
        &["group", "add", "--project", &project, "--json", "-"],
        Some(
            r#"{"name": "Grupa wsparcia dla kobiet", "service": "TER-SOCJO", "specialist": "Marta Zielińska",
                 "start_date": "2026-09-01", "end_date": "2026-12-20"}"#,
        ),
    ));
    for p in &people {
        ok(
            d,
            &[
                "group",
                "join",
                &group,
                "--participant",
                p,
                "--date",
                "2026-09-15",
            ],
            None,
        );
    }
    let listed = ok(d, &["group", "list", "--project", &project], None);
    assert_eq!(listed[0]["members"].as_array().unwrap().len(), 8);
    assert_eq!(listed[0]["service_name"], "Grupa socjoterapeutyczna");

    // Six of eight present: Celina and Felicja absent; Halina present without the service.
    let present: Vec<&String> = people
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 2 && *i != 5)
        .map(|(_, p)| p)
        .collect();
    let added = ok(
        d,
        &["session", "add", "--group", &group, "--json", "-"],
        Some(
            &json!({"date": "2026-11-04", "from": "17:00", "to": "19:00",
                     "topic": "Granice w relacjach", "present": present})
            .to_string(),
        ),
    );
    assert_eq!(added["deliveries"], 5);
    assert_eq!(added["not_in_plan"], json!([people[7]]));
    assert!(added["id"].is_string());
    assert_eq!(progress(d, &people[0]), 2.0, "two hours of the session");
    assert_eq!(progress(d, &people[2]), 0.0, "absent: nothing delivered");
    // A second session the same month, everyone present.
    ok(
        d,
        &["session", "add", "--group", &group, "--json", "-"],
        Some(
            &json!({"date": "2026-11-18", "from": "17:00", "to": "18:30",
                     "topic": "Komunikacja bez przemocy", "present": people})
            .to_string(),
        ),
    );
    assert_eq!(progress(d, &people[0]), 3.5);
    assert_eq!(progress(d, &people[2]), 1.5);
    let sessions = ok(d, &["session", "list", "--group", &group], None);
    assert_eq!(sessions.as_array().unwrap().len(), 2);
    assert_eq!(sessions[1]["topic"], "Granice w relacjach");

    // Errors: the same session again (4), a stranger among the present (2), no such group (3).
    fail(
        d,
        &["session", "add", "--group", &group, "--json", "-"],
        Some(&json!({"date": "2026-11-04", "from": "17:00", "to": "19:00", "topic": "x", "present": []}).to_string()),
        4,
    );
    let stranger = fail(
        d,
        &["session", "add", "--group", &group, "--json", "-"],
        Some(
            &json!({"date": "2026-11-25", "from": "17:00", "to": "19:00", "topic": "x",
                     "present": ["00000000-0000-7000-8000-00000000beef"]})
            .to_string(),
        ),
        2,
    );
    assert!(stranger.contains("present.0"), "{stranger}");
    fail(d, &["session", "list", "--group", "nie-ma"], None, 3);

    // The check names Halina: present twice, with no plan that has the group's service.
    let check = ok(d, &["group", "check", "--project", &project], None);
    assert_eq!(check.as_array().unwrap().len(), 1, "{check}");
    assert_eq!(check[0]["participant_id"], Value::String(people[7].clone()));
    assert_eq!(check[0]["sessions"], 2);
    assert_eq!(check[0]["first"], "2026-11-04");

    // Paper: the blank list of the next session, one session filled, and the month.
    let blank = d.join("pusta.pdf");
    ok(
        d,
        &[
            "form",
            "attendance",
            "--group",
            &group,
            "--out",
            blank.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&blank);
    assert!(
        text.contains("Lista obecności na zajęciach grupowych") && text.contains("Anna Wiśniewska")
    );
    assert!(!text.contains("obecny/a"), "a blank list marks nobody");
    let one = d.join("zajecia.pdf");
    let session_id = sessions[1]["id"].as_str().unwrap();
    ok(
        d,
        &[
            "form",
            "attendance",
            "--group",
            &group,
            "--session",
            session_id,
            "--out",
            one.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&one);
    assert!(
        text.contains("Granice w relacjach") && text.contains("17:00–19:00"),
        "{text}"
    );
    assert_eq!(text.matches("nieobecny/a").count(), 2, "{text}");
    assert!(text.contains("Obecnych: 6 z 8."));
    let month = d.join("listopad.pdf");
    ok(
        d,
        &[
            "form",
            "attendance",
            "--group",
            &group,
            "--month",
            "2026-11",
            "--out",
            month.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&month);
    assert!(text.contains("Granice w relacjach") && text.contains("Komunikacja bez przemocy"));
    assert!(
        text.contains("strona 2 z 2"),
        "one page per session: {text}"
    );
    fail(
        d,
        &[
            "form",
            "attendance",
            "--group",
            &group,
            "--month",
            "2026-10",
            "--out",
            month.to_str().unwrap(),
        ],
        None,
        3,
    );

    // Halina leaves; she is not on the next blank list.
    ok(
        d,
        &[
            "group",
            "leave",
            &group,
            "--participant",
            &people[7],
            "--date",
            "2026-11-30",
        ],
        None,
    );
    ok(
        d,
        &[
            "form",
            "attendance",
            "--group",
            &group,
            "--out",
            blank.to_str().unwrap(),
        ],
        None,
    );
    assert!(!pdftotext(&blank).contains("Halina"));
}

#[test]
fn a_community_event_counts_the_public_and_names_the_participants_who_came() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, err) = run_parts(d, &["init"], None);
    assert_eq!(code, 0, "{err}");
    let project = id(&ok(
        d,
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Łączy nas sąsiedztwo", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#,
        ),
    ));
    let p = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Zenon", "last_name": "Kołodziej", "sex": "male", "birth_date": "1950-02-02"}"#,
        ),
    ));
    let event = id(&ok(
        d,
        &["event", "add", "--project", &project, "--json", "-"],
        Some(&json!({"date": "2026-10-10", "title": "Piknik na osiedlu Zielonym", "kind": "integration",
                     "headcount": 120, "participants": [p]}).to_string()),
    ));
    let events = ok(d, &["event", "list", "--project", &project], None);
    assert_eq!(events[0]["id"], Value::String(event));
    assert_eq!(events[0]["headcount"], 120);
    assert_eq!(events[0]["kind_label"], "wydarzenie integracyjne");
    let bad = fail(
        d,
        &["event", "add", "--project", &project, "--json", "-"],
        Some(r#"{"date": "2030-01-01", "title": "", "kind": "festyn", "headcount": 5}"#),
        2,
    );
    for field in ["date", "title", "kind"] {
        assert!(bad.contains(field), "{field}: {bad}");
    }
}
