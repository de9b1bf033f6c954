//! What a review of the release CLI found, each tried as a user would hit it: a missing
//! database, a closed pipe, a page larger than allowed, JSON of the wrong shape.

mod common;

use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn office() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn add(dir: &Path, json: &str) -> std::process::Output {
    run(dir, &["participant", "add", "--json", "-"], Some(json))
}

#[test]
fn a_missing_database_is_refused_with_where_it_was_and_how_to_restore() {
    let dir = office();
    let out = add(
        dir.path(),
        r#"{"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401359"}"#,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    ok(dir.path(), &["backup", "create"], None);
    let db = dir.path().join("kartoteka.db");
    std::fs::remove_file(&db).unwrap();

    for args in [
        &["participant", "list"][..],
        &["participant", "search", "Nowak"],
        &["backup", "create"],
    ] {
        let message = fail(dir.path(), args, None, 1);
        assert!(message.contains(&db.display().to_string()), "{message}");
        assert!(message.contains("kartoteka backup restore"), "{message}");
    }
    assert!(!db.exists(), "no empty registry took its place");
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".kbak")
        })
        .count();
    assert_eq!(backups, 1, "no backup of an empty registry was made");

    let list = ok(dir.path(), &["backup", "list"], None);
    let file = list[0]["file"].as_str().unwrap().to_owned();
    ok(dir.path(), &["backup", "restore", &file], None);
    let page = ok(dir.path(), &["participant", "list"], None);
    assert_eq!(page["total"], 1);
}

#[test]
fn a_reader_that_stops_reading_ends_the_process_quietly() {
    let dir = office();
    for i in 0..40 {
        let out = add(
            dir.path(),
            &format!(
                r#"{{"first_name": "Anna", "last_name": "Zając{i:02}", "sex": "female", "birth_date": "1980-01-01"}}"#
            ),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["participant", "list"])
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env_remove("KARTOTEKA_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -c 10`: read ten bytes, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "{err}");
}

#[test]
fn a_page_larger_than_allowed_is_refused_not_cut() {
    let dir = office();
    let message = fail(
        dir.path(),
        &["participant", "list", "--limit", "100000"],
        None,
        2,
    );
    assert!(message.contains("1000"), "{message}");
    assert!(message.contains("limit"), "{message}");
    let message = fail(
        dir.path(),
        &["participant", "search", "Nowak", "--limit", "5000"],
        None,
        2,
    );
    assert!(message.contains("1000"), "{message}");
    ok(
        dir.path(),
        &["participant", "list", "--limit", "1000"],
        None,
    );
}

#[test]
fn json_of_the_wrong_type_names_the_field_in_polish_and_a_repeated_key_is_refused() {
    let dir = office();
    let message = fail(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Jan", "last_name": "Nowak", "pesel": 80031513418}"#),
        2,
    );
    assert!(message.contains("pesel"), "{message}");
    assert!(message.contains("podano liczbę"), "{message}");
    assert!(!message.contains("invalid type"), "{message}");

    let message = fail(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Jan", "last_name": "Nowak", "last_name": "Kowalski", "sex": "male", "birth_date": "1980-01-01"}"#,
        ),
        2,
    );
    assert!(message.contains("last_name"), "{message}");
    assert!(message.contains("dwa razy"), "{message}");
    let page = ok(dir.path(), &["participant", "list"], None);
    assert_eq!(page["total"], 0, "nothing was saved");
}

#[cfg(unix)]
#[test]
fn files_that_hold_personal_data_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = office();
    let person = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401359"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("karta.pdf");
    ok(
        dir.path(),
        &[
            "form",
            "record",
            "--participant",
            &person,
            "--out",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    let backups = out.path().join("kopie");
    let backup = ok(
        dir.path(),
        &["backup", "create", "--to", backups.to_str().unwrap()],
        None,
    )["file"]
        .as_str()
        .unwrap()
        .to_owned();
    let gdpr = out.path().join("rodo");
    std::fs::create_dir(&gdpr).unwrap();
    ok(
        dir.path(),
        &[
            "gdpr",
            "export",
            "--participant",
            &person,
            "--out",
            gdpr.to_str().unwrap(),
        ],
        None,
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&pdf), 0o600, "the printed document");
    assert_eq!(mode(Path::new(&backup)), 0o600, "the backup");
    assert_eq!(mode(&backups), 0o700, "the folder made for backups");
    for file in std::fs::read_dir(&gdpr).unwrap() {
        let file = file.unwrap().path();
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn a_recovery_key_sheet_that_cannot_be_written_leaves_the_old_key_working() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--worker", "Anna"], None);
    let key = recovery_key_printed(&out);
    // A folder that cannot be made: its parent is a file.
    let bad = dir.path().join("keys.json").join("klucz.pdf");
    let message = fail(
        dir.path(),
        &["recovery-key", "print", "--out", bad.to_str().unwrap()],
        None,
        1,
    );
    assert!(message.contains("Nie można"), "{message}");
    let reset = run_env(
        dir.path(),
        &["passwd", "--recovery-key", &key],
        None,
        &[("KARTOTEKA_NEW_PASSWORD", "haslo-po-resecie-1")],
    );
    assert_eq!(
        code(&reset),
        0,
        "the old key still works: {}",
        stderr(&reset)
    );
}
