//! The first run's demo data (`kartoteka demo add|remove`) and the organisation's RODO
//! controller: demo people are marked, never synced, and removed in one step with whatever
//! was attached to them; real work beside them stays.

mod common;

use common::office::pdftotext;
use common::{fail, id, json_of, ok, run, run_env, stderr};
use serde_json::Value;
use std::path::Path;

const PASSPHRASE: &str = "wspólne hasło synchronizacji 2026";
const REAL_PERSON: &str =
    r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624"}"#;

fn init() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn sync_setup(dir: &Path) -> std::process::Output {
    run_env(
        dir,
        &["sync", "setup", "--organisation", "MOPS Łódź"],
        None,
        &[("KARTOTEKA_SYNC_PASSPHRASE", PASSPHRASE)],
    )
}

/// How many records a full bundle of `dir` carries (sync set up first).
fn full_bundle_records(dir: &Path) -> u64 {
    let args = ["sync", "setup", "--organisation", "MOPS Łódź"];
    json_of(&args, &sync_setup(dir));
    let folder = tempfile::tempdir().unwrap();
    let report = ok(
        dir,
        &[
            "sync",
            "export",
            "--full",
            "--to",
            folder.path().to_str().unwrap(),
        ],
        None,
    );
    report["records"].as_u64().unwrap()
}

#[test]
fn demo_data_is_marked_kept_from_sync_and_removed_with_what_was_attached() {
    let d = init();
    let dir = d.path();
    let added = ok(dir, &["demo", "add"], None);
    assert_eq!(added["participants"], 50);
    let projects = ok(dir, &["project", "list"], None);
    let projects = projects.as_array().unwrap();
    assert!(!projects.is_empty());
    assert!(projects
        .iter()
        .all(|p| p["name"].as_str().unwrap().starts_with("DEMO – ")));
    let demo_project = id(&projects[0]);
    let people = ok(dir, &["participant", "list", "--limit", "1000"], None);
    assert_eq!(people["total"], 50);
    let demo_person = id(&people["rows"][0]);
    let demo_surname = people["rows"][0]["last_name"].as_str().unwrap().to_owned();
    assert_ne!(
        ok(dir, &["participant", "search", &demo_surname], None),
        Value::Array(vec![])
    );

    // The documents kept outside projects are shown too: a family work plan and a contract.
    for kind in ["family_work_plan", "social_contract"] {
        let plans = ok(dir, &["plan", "overview", "--kind", kind], None);
        let plans = plans.as_array().unwrap();
        assert_eq!(plans.len(), 1, "{kind}: {plans:?}");
        assert_eq!(plans[0]["status"], "signed");
        assert_eq!(plans[0]["project_id"], Value::Null);
    }

    // Only once, and never with sync.
    fail(dir, &["demo", "add"], None, 4);
    let out = sync_setup(dir);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dane demonstracyjne"),
        "{}",
        stderr(&out)
    );

    // Real work beside the demo: a real person enrolled in a demo project, a note on a demo person.
    let real = id(&ok(
        dir,
        &["participant", "add", "--json", "-"],
        Some(REAL_PERSON),
    ));
    ok(
        dir,
        &[
            "enrolment",
            "add",
            "--participant",
            &real,
            "--project",
            &demo_project,
            "--json",
            "-",
        ],
        Some(
            r#"{"start_date": "2026-11-02", "target_group": "osoby zagrożone ubóstwem lub wykluczeniem społecznym"}"#,
        ),
    );
    ok(
        dir,
        &["note", "add", "--participant", &demo_person, "--json", "-"],
        Some(r#"{"at":"2026-11-20T10:15","kind":"home_visit","text":"Wizyta próbna"}"#),
    );

    let removed = ok(dir, &["demo", "remove"], None);
    assert_eq!(removed["participants"], 50);
    assert_eq!(removed["projects"], projects.len());
    let people = ok(dir, &["participant", "list"], None);
    assert_eq!(people["total"], 1);
    assert_eq!(people["rows"][0]["id"], Value::String(real.clone()));
    assert_eq!(ok(dir, &["project", "list"], None), Value::Array(vec![]));
    assert_eq!(
        ok(dir, &["participant", "search", &demo_surname], None),
        Value::Array(vec![])
    );
    assert_eq!(ok(dir, &["check"], None)["integrity"], "ok");
    assert_eq!(
        ok(dir, &["audit", "verify"], None)["first_broken"],
        Value::Null
    );
    fail(dir, &["demo", "remove"], None, 3);

    // Nothing of the demo travels: the first full bundle carries what a registry with only the
    // real person carries (no demo rows, no tombstones of them).
    let control = init();
    ok(
        control.path(),
        &["participant", "add", "--json", "-"],
        Some(REAL_PERSON),
    );
    assert_eq!(
        full_bundle_records(dir),
        full_bundle_records(control.path())
    );
}

#[test]
fn demo_data_is_refused_once_sync_is_set_up_or_people_are_here() {
    let d = init();
    let args = ["sync", "setup", "--organisation", "MOPS Łódź"];
    json_of(&args, &sync_setup(d.path()));
    let err = fail(d.path(), &["demo", "add"], None, 4);
    assert!(err.contains("Synchronizacja jest włączona"), "{err}");

    let e = init();
    ok(
        e.path(),
        &["participant", "add", "--json", "-"],
        Some(REAL_PERSON),
    );
    let err = fail(e.path(), &["demo", "add"], None, 4);
    assert!(err.contains("pustej kartoteki"), "{err}");
}

#[test]
fn the_data_statement_names_the_controller_and_its_data_protection_officer() {
    let d = init();
    let dir = d.path();
    let org = ok(
        dir,
        &["organisation", "--json", "-"],
        Some(
            r#"{"name": "Ośrodek Pomocy Społecznej w Żółkiewce", "address_lines": ["ul. Lubelska 1, 22-335 Żółkiewka"],
                "controller_name": "Gmina Żółkiewka", "controller_address": "ul. Lubelska 4, 22-335 Żółkiewka",
                "dpo_contact": "Jan Kowalski, iod@zolkiewka.example.pl"}"#,
        ),
    );
    assert_eq!(org["controller_name"], "Gmina Żółkiewka");
    let person = id(&ok(
        dir,
        &["participant", "add", "--json", "-"],
        Some(REAL_PERSON),
    ));
    let out = dir.join("rodo.pdf");
    ok(
        dir,
        &[
            "form",
            "data-statement",
            "--participant",
            &person,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "Administrator danych osobowych: Gmina Żółkiewka, ul. Lubelska 4, 22-335 Żółkiewka."
        ),
        "{text}"
    );
    assert!(
        text.contains("Inspektor ochrony danych (IOD): Jan Kowalski, iod@zolkiewka.example.pl."),
        "{text}"
    );

    // Invisible characters are refused, naming the field.
    let err = fail(
        dir,
        &["organisation", "--json", "-"],
        Some("{\"dpo_contact\": \"iod@\u{202E}example.pl\"}"),
        2,
    );
    assert!(err.contains("Inspektor ochrony danych"), "{err}");
}
