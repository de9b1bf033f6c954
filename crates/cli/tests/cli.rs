//! The `kartoteka` command run as a user runs it: a real binary, a fresh data folder, JSON in
//! and out, and the documented exit codes.

mod common;

use common::*;
use serde_json::{json, Value};
use std::process::Command;

fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn version_prints_the_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn init_creates_an_encrypted_store_and_shows_the_recovery_key_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("KLUCZ ODZYSKIWANIA"));
    let db = std::fs::read(dir.path().join("kartoteka.db")).unwrap();
    assert!(!db.starts_with(b"SQLite format 3"));
    let again = run(dir.path(), &["init"], None);
    assert_eq!(code(&again), 4);
}

#[test]
fn add_show_search_update_and_archive_a_participant() {
    let dir = initialised();
    let added = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Lech", "last_name": "Wałęsa", "pesel": "44051401359",
                 "address": {"street": "Długa", "building": "5", "flat": "3", "postcode": "80-001",
                 "town": "Gdańsk", "commune": "Gdańsk", "county": "Gdańsk", "voivodeship": "pomorskie"},
                 "phone": "601 234 567", "email": "lech@example.pl"}"#,
        ),
    );
    let id = added["id"].as_str().unwrap().to_owned();
    let shown = ok(dir.path(), &["participant", "show", &id], None);
    assert_eq!(shown["id"], json!(id));
    assert_eq!(shown["birth_date"], json!("1944-05-14"));
    assert_eq!(shown["sex"], json!("male"));
    assert_eq!(shown["pesel"], json!("44051401359"));
    assert_eq!(shown["address"]["town"], json!("Gdańsk"));
    assert_eq!(shown["address"]["postcode"], json!("80-001"));
    let found = ok(dir.path(), &["participant", "search", "walesa"], None);
    assert_eq!(found[0]["id"], json!(id));
    assert_eq!(found[0]["last_name"], json!("Wałęsa"));
    let file = dir.path().join("zmiana.json");
    std::fs::write(&file, r#"{"phone": "602 000 000"}"#).unwrap();
    let updated = ok(
        dir.path(),
        &[
            "participant",
            "update",
            &id,
            "--json",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(updated["changed"], json!(["phone"]));
    assert_eq!(
        ok(dir.path(), &["participant", "show", &id], None)["address"]["street"],
        json!("Długa")
    );
    ok(dir.path(), &["participant", "archive", &id], None);
    assert_eq!(
        ok(dir.path(), &["participant", "show", &id], None)["status"],
        json!("archived")
    );
    assert_eq!(
        ok(dir.path(), &["participant", "search", "walesa"], None),
        json!([])
    );
}

#[test]
fn invalid_input_exits_2_naming_each_field_and_saves_nothing() {
    let dir = initialised();
    let out = run(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Jan", "last_name": "Kowalski", "pesel": "44051401358", "email": "zly", "address": {"postcode": "1234"}}"#,
        ),
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    for field in ["pesel", "email", "address.postcode"] {
        assert!(err.contains(field), "{field} not named in: {err}");
    }
    assert!(err.contains("PESEL ma błędną cyfrę kontrolną"));
    assert_eq!(
        ok(dir.path(), &["participant", "list"], None)["total"],
        json!(0)
    );
    let typo = run(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"frist_name": "Jan"}"#),
    );
    assert_eq!(code(&typo), 2);
    assert!(stderr(&typo).contains("frist_name"));
    let broken = run(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some("{nie json"),
    );
    assert_eq!(code(&broken), 2);
}

#[test]
fn duplicates_exit_4_unless_confirmed() {
    let dir = initialised();
    let person = r#"{"first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624"}"#;
    ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(person),
    );
    let same_pesel = run(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(person),
    );
    assert_eq!(code(&same_pesel), 4);
    assert!(stderr(&same_pesel).contains("Łucja Wałęsa"));
    let similar = r#"{"first_name": "LUCJA", "last_name": "Walesa", "sex": "female", "birth_date": "2002-07-08"}"#;
    let likely = run(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(similar),
    );
    assert_eq!(code(&likely), 4);
    assert!(
        stderr(&likely).contains("Łucja Wałęsa"),
        "{}",
        stderr(&likely)
    );
    ok(
        dir.path(),
        &["participant", "add", "--confirm-duplicate", "--json", "-"],
        Some(similar),
    );
    assert_eq!(
        ok(dir.path(), &["participant", "list"], None)["total"],
        json!(2)
    );
}

/// `participant list` with a password that is not the worker's.
fn list_with_a_wrong_password(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .args(["--data-dir", dir.to_str().unwrap(), "participant", "list"])
        .env("KARTOTEKA_PASSWORD", "zupelnie-inne")
        .output()
        .unwrap()
}

#[test]
fn not_found_exits_3_and_a_wrong_password_exits_5() {
    let dir = initialised();
    assert_eq!(
        code(&run(
            dir.path(),
            &[
                "participant",
                "show",
                "0190a3b2-0000-7000-8000-000000000000"
            ],
            None
        )),
        3
    );
    let out = list_with_a_wrong_password(dir.path());
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("Nieprawidłowe hasło"));
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(empty.path(), &["participant", "list"], None)), 1);
}

#[test]
fn after_repeated_wrong_passwords_the_refusal_says_when_the_next_try_is_checked() {
    let dir = initialised();
    let wrong = || list_with_a_wrong_password(dir.path());
    for _ in 0..2 {
        let out = wrong();
        assert_eq!(code(&out), 5);
        assert!(!stderr(&out).contains("następna próba"), "{}", stderr(&out));
    }
    // The third wrong password makes the next check wait 1 s; the fourth, 2 s.
    assert!(stderr(&wrong()).contains("następna próba zostanie sprawdzona po 1 s"));
    let fourth = wrong();
    assert_eq!(code(&fourth), 5);
    assert!(
        stderr(&fourth).contains("następna próba zostanie sprawdzona po 2 s"),
        "{}",
        stderr(&fourth)
    );
    assert!(stderr(&fourth).contains("Nie pamiętam hasła"));
}

#[test]
fn projects_and_enrolments_from_the_command_line() {
    let dir = initialised();
    let project = ok(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Miasto Rodziny", "agreement_number": "UDA-1/22", "start_date": "2022-01-01",
                 "end_date": "2023-06-30", "participant_target": 350, "target_groups": ["rodziny"]}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let person = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Anna", "last_name": "Nowak", "pesel": "02270803624"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let enrolment = ok(
        dir.path(),
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
        Some(r#"{"start_date": "2022-02-01", "target_group": "rodziny"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = ok(dir.path(), &["project", "list"], None);
    assert_eq!(list[0]["enrolled"], json!(1));
    assert_eq!(list[0]["name"], json!("Miasto Rodziny"));
    let ended = ok(
        dir.path(),
        &["enrolment", "end", &enrolment, "--json", "-"],
        Some(
            r#"{"end_date": "2022-12-31", "exit_situation": "in_education", "completed_as_planned": true}"#,
        ),
    );
    assert_eq!(ended["end"]["completed_as_planned"], json!(true));
    let bad = run(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "", "start_date": "2022-13-01"}"#),
    );
    assert_eq!(code(&bad), 2);
    let e = stderr(&bad);
    assert!(
        e.contains("name") && e.contains("start_date") && e.contains("end_date"),
        "{e}"
    );
    assert_eq!(
        ok(dir.path(), &["audit", "verify"], None)["first_broken"],
        Value::Null
    );
}

#[test]
fn passwd_backup_and_restore_from_the_command_line() {
    let dir = initialised();
    ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401359"}"#),
    );
    let backup = ok(dir.path(), &["backup", "create"], None)["file"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!backup.contains("Nowak"));
    let listed = ok(dir.path(), &["backup", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Anna", "last_name": "Nowak", "pesel": "02270803624"}"#),
    );

    let changed = run_env(
        dir.path(),
        &["passwd"],
        None,
        &[("KARTOTEKA_NEW_PASSWORD", "zupelnie-nowe-haslo")],
    );
    assert_eq!(code(&changed), 0, "{}", stderr(&changed));
    assert_eq!(
        code(&run(dir.path(), &["participant", "list"], None)),
        5,
        "the old password no longer opens"
    );
    let new = [("KARTOTEKA_PASSWORD", "zupelnie-nowe-haslo")];
    let restored = run_env(dir.path(), &["backup", "restore", &backup], None, &new);
    assert_eq!(code(&restored), 0, "{}", stderr(&restored));
    let list = run_env(dir.path(), &["participant", "list"], None, &new);
    let page: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(page["total"], json!(1), "the backup had one person");
    let check = run_env(dir.path(), &["check"], None, &new);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
}

#[test]
fn a_forgotten_password_is_reset_with_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--worker", "Anna"], None);
    let key = recovery_key_printed(&out);
    let wrong = run_env(
        dir.path(),
        &["passwd", "--recovery-key", "ABCDE-FGHIJ"],
        None,
        &[("KARTOTEKA_NEW_PASSWORD", "haslo-po-resecie")],
    );
    assert_eq!(code(&wrong), 5);
    let reset = run_env(
        dir.path(),
        &["passwd", "--recovery-key", &key],
        None,
        &[("KARTOTEKA_NEW_PASSWORD", "haslo-po-resecie")],
    );
    assert_eq!(code(&reset), 0, "{}", stderr(&reset));
    let list = run_env(
        dir.path(),
        &["participant", "list"],
        None,
        &[("KARTOTEKA_PASSWORD", "haslo-po-resecie")],
    );
    assert_eq!(code(&list), 0);
}
