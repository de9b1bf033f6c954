//! Anonymisation reaches every copy of a person's data: the printed documents' snapshots, a
//! relative's record that names them, the values sync conflicts kept — here and, through a
//! bundle, on the other computer (including what only that computer printed).

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

const PASSPHRASE: &str = "wspólne hasło ośrodka 2026";
const ORGANISATION: &str = "MOPS Kutno";

fn ok_in(dir: &Path, args: &[&str], stdin: &str) -> Value {
    common::ok(dir, args, Some(stdin))
}

fn installation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let args = ["sync", "setup", "--organisation", ORGANISATION];
    let out = run_env(
        dir.path(),
        &args,
        None,
        &[("KARTOTEKA_SYNC_PASSPHRASE", PASSPHRASE)],
    );
    json_of(&args, &out);
    dir
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// Prints a document into the data folder; returns its id in the register.
fn print(dir: &Path, kind: &str, participant: &str) -> String {
    let file = dir.join(format!("{kind}-{participant}.pdf"));
    let printed = common::ok(
        dir,
        &[
            "form",
            kind,
            "--participant",
            participant,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    printed["document"]["id"].as_str().unwrap().to_owned()
}

fn regenerate(dir: &Path, document: &str) -> std::process::Output {
    let out = dir.join("again.pdf");
    run(
        dir,
        &[
            "form",
            "regenerate",
            document,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    )
}

fn exchange(from: &Path, to: &Path, folder: &Path) {
    common::ok(
        from,
        &["sync", "export", "--to", folder.to_str().unwrap()],
        None,
    );
    common::ok(to, &["sync", "import", folder.to_str().unwrap()], None);
}

/// Everything a data folder's CLI shows about documents and conflicts, as one text.
fn visible(dir: &Path) -> String {
    let docs = common::ok(dir, &["form", "list"], None);
    let conflicts = common::ok(dir, &["sync", "conflicts", "--all"], None);
    format!("{docs}\n{conflicts}")
}

#[test]
fn anonymisation_clears_documents_and_conflicts_on_every_computer() {
    let a = installation();
    let b = installation();
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path();

    let project = id(&ok_in(
        a.path(),
        &["project", "add", "--json", "-"],
        r#"{"name": "Aktywni 2018", "start_date": "2018-01-01", "end_date": "2019-12-31", "retention_until": "2024-12-31"}"#,
    ));
    let person = id(&ok_in(
        a.path(),
        &["participant", "add", "--json", "-"],
        r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624", "phone": "601 111 222"}"#,
    ));
    let son = id(&ok_in(
        a.path(),
        &["participant", "add", "--json", "-"],
        r#"{"first_name": "Jaś", "last_name": "Kmicic", "sex": "male", "birth_date": "2015-04-04"}"#,
    ));
    common::ok(
        a.path(),
        &[
            "participant",
            "relate",
            &son,
            "--related",
            &person,
            "--kind",
            "parent",
        ],
        None,
    );
    ok_in(
        a.path(),
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
        r#"{"start_date": "2018-03-01"}"#,
    );
    let enrolment_form = print(a.path(), "enrolment", &person);
    let statement = print(a.path(), "data-statement", &person);
    let sons_record = print(a.path(), "record", &son);
    // Before anonymisation the snapshot prints the person again.
    assert!(regenerate(a.path(), &enrolment_form).status.success());

    exchange(a.path(), b.path(), folder);
    // Both computers change the phone: a conflict on each, keeping the other's number.
    let phone = |dir: &Path, number: &str| {
        ok_in(
            dir,
            &["participant", "update", &person, "--json", "-"],
            &format!(r#"{{"phone": "{number}"}}"#),
        );
    };
    phone(a.path(), "602 333 444");
    phone(b.path(), "603 555 666");
    exchange(a.path(), b.path(), folder);
    exchange(b.path(), a.path(), folder);
    for dir in [a.path(), b.path()] {
        let conflicts = common::ok(dir, &["sync", "conflicts"], None);
        assert!(
            !conflicts.as_array().unwrap().is_empty(),
            "a conflict on each computer"
        );
        assert!(visible(dir).contains("603 555 666") || visible(dir).contains("602 333 444"));
    }
    // Printed only on the second computer, not yet sent anywhere.
    let printed_on_b = print(b.path(), "record", &person);

    let done = common::ok(a.path(), &["gdpr", "anonymise", "--apply"], None);
    assert_eq!(done["anonymised"], json!([person.clone()]));

    let check = |dir: &Path, documents: &[&str]| {
        for doc in documents {
            let out = regenerate(dir, doc);
            assert_eq!(
                code(&out),
                4,
                "document {doc} printed again: {}",
                stderr(&out)
            );
            assert!(stderr(&out).contains("zanonimizowano"), "{}", stderr(&out));
        }
        let shown = visible(dir);
        for needle in [
            "Łucja",
            "Żółkiewska",
            "02270803624",
            "601 111 222",
            "602 333 444",
            "603 555 666",
        ] {
            assert!(!shown.contains(needle), "{needle} still shown: {shown}");
        }
        let register = common::ok(dir, &["form", "list"], None);
        assert!(
            register
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["id"] == json!(enrolment_form) && d["sha256"].is_string()),
            "the register keeps that the document was printed, and its checksum"
        );
        assert!(common::ok(dir, &["sync", "conflicts"], None)
            .as_array()
            .unwrap()
            .is_empty());
    };
    check(a.path(), &[&enrolment_form, &statement, &sons_record]);

    exchange(a.path(), b.path(), folder);
    let there = common::ok(b.path(), &["participant", "show", &person], None);
    assert_eq!(there["status"], json!("anonymised"));
    check(
        b.path(),
        &[&enrolment_form, &statement, &sons_record, &printed_on_b],
    );

    // What only the second computer held travels back, already anonymised.
    exchange(b.path(), a.path(), folder);
    check(a.path(), &[&printed_on_b]);
}
