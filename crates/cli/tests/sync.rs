//! `kartoteka sync …` as a user runs it: two data folders, bundles through a shared folder,
//! JSON on stdout, Polish errors on stderr and the documented exit codes.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run(dir, args, None)
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    common::ok(dir, args, None)
}

fn ok_stdin(dir: &Path, args: &[&str], stdin: &str) -> Value {
    common::ok(dir, args, Some(stdin))
}

const PASSPHRASE: &str = "wspólne hasło ośrodka 2026";

/// A fresh data folder with sync set up for the organisation.
fn installation(passphrase: &str, organisation: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let args = ["sync", "setup", "--organisation", organisation];
    let out = run_env(
        dir.path(),
        &args,
        None,
        &[("KARTOTEKA_SYNC_PASSPHRASE", passphrase)],
    );
    let setup = json_of(&args, &out);
    assert_eq!(setup["configured"], json!(true));
    dir
}

fn add_person(dir: &Path, last: &str) -> String {
    let person = format!(
        r#"{{"first_name": "Anna", "last_name": "{last}", "sex": "female", "birth_date": "1980-05-01", "phone": "601 000 000"}}"#
    );
    ok_stdin(dir, &["participant", "add", "--json", "-"], &person)["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn audit_events(dir: &Path) -> i64 {
    ok(dir, &["check"])["audit_events"].as_i64().unwrap()
}

#[test]
fn two_installations_exchange_bundles_through_a_folder() {
    let a = installation(PASSPHRASE, "MOPS Jastrzębie-Zdrój");
    let b = installation(PASSPHRASE, "mops  jastrzębie-zdrój");
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap();

    let status = ok(a.path(), &["sync", "status"]);
    assert_eq!(status["configured"], json!(true));
    assert!(status["device_id"].is_string());
    assert_eq!(status["pending_changes"], json!(0));
    let id = add_person(a.path(), "Wałęsa");
    assert_eq!(
        ok(a.path(), &["sync", "status"])["pending_changes"],
        json!(1)
    );

    let exported = ok(a.path(), &["sync", "export", "--to", folder]);
    assert_eq!(exported["records"], json!(1));
    let file = exported["file"].as_str().unwrap().to_owned();
    let name = Path::new(&file).file_name().unwrap().to_string_lossy();
    assert!(name.starts_with("kartoteka-") && name.ends_with(".kbundle"));
    let bytes = std::fs::read(&file).unwrap();
    for needle in ["Wałęsa", "Walesa", "601 000 000"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()));
    }
    let status = ok(a.path(), &["sync", "status"]);
    assert_eq!(status["pending_changes"], json!(0));
    assert!(status["last_export_at"].is_string());
    // Nothing new: no file.
    let nothing = ok(a.path(), &["sync", "export", "--to", folder]);
    assert_eq!(
        (nothing["file"].clone(), nothing["records"].clone()),
        (Value::Null, json!(0))
    );

    let imported = ok(b.path(), &["sync", "import", folder]);
    assert_eq!(imported["applied"], json!(1));
    assert_eq!(imported["conflicts"], json!(0));
    let shown = ok(b.path(), &["participant", "show", &id]);
    assert_eq!(shown["last_name"], json!("Wałęsa"));
    assert_eq!(
        ok(b.path(), &["participant", "search", "walesa"])[0]["id"],
        json!(id)
    );
    // The same folder again, and the same file again: nothing changes.
    let events = audit_events(b.path());
    let again = ok(b.path(), &["sync", "import", folder]);
    assert_eq!(
        (again["applied"].clone(), again["skipped"].clone()),
        (json!(0), json!(1))
    );
    let again = ok(b.path(), &["sync", "import", &file]);
    assert_eq!(
        (again["applied"].clone(), again["unchanged"].clone()),
        (json!(0), json!(1))
    );
    assert_eq!(audit_events(b.path()), events);
}

#[test]
fn a_conflict_is_listed_and_resolved_and_the_decision_travels() {
    let a = installation(PASSPHRASE, "MOPS Rybnik");
    let b = installation(PASSPHRASE, "MOPS Rybnik");
    let (fa, fb) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (fa, fb) = (fa.path().to_str().unwrap(), fb.path().to_str().unwrap());
    let id = add_person(a.path(), "Nowak");
    ok(a.path(), &["sync", "export", "--to", fa]);
    ok(b.path(), &["sync", "import", fa]);
    ok_stdin(
        a.path(),
        &["participant", "update", &id, "--json", "-"],
        r#"{"phone": "602 111 111"}"#,
    );
    ok_stdin(
        b.path(),
        &["participant", "update", &id, "--json", "-"],
        r#"{"phone": "603 222 222"}"#,
    );
    ok(a.path(), &["sync", "export", "--to", fa]);
    ok(b.path(), &["sync", "export", "--to", fb]);
    assert_eq!(ok(a.path(), &["sync", "import", fb])["conflicts"], json!(1));
    assert_eq!(ok(b.path(), &["sync", "import", fa])["conflicts"], json!(1));
    let on_a = ok(a.path(), &["sync", "conflicts"]);
    let on_b = ok(b.path(), &["sync", "conflicts"]);
    assert_eq!(on_a.as_array().unwrap().len(), 1);
    assert_eq!(on_a[0]["field"], json!("data.phone"));
    assert_eq!(on_a[0]["record_id"], json!(id));
    // Both ended with the same number.
    let phone = |dir: &Path| ok(dir, &["participant", "show", &id])["phone"].clone();
    assert_eq!(phone(a.path()), phone(b.path()));

    // On B a person keeps the number B lost (or kept): "theirs" on B is A's number.
    let conflict = on_b[0]["id"].as_str().unwrap().to_owned();
    let resolved = ok(
        b.path(),
        &["sync", "resolve", &conflict, "--keep", "theirs"],
    );
    assert_eq!(resolved["resolution"], json!("theirs"));
    assert_eq!(phone(b.path()), json!("602 111 111"));
    assert_eq!(ok(b.path(), &["sync", "conflicts"]), json!([]));
    let twice = run(b.path(), &["sync", "resolve", &conflict, "--keep", "mine"]);
    assert_eq!(code(&twice), 4, "{}", stderr(&twice));
    let unknown = run(
        b.path(),
        &["sync", "resolve", "nie-ma-takiego", "--keep", "mine"],
    );
    assert_eq!(code(&unknown), 3, "{}", stderr(&unknown));
    ok(b.path(), &["sync", "export", "--to", fb]);
    assert_eq!(ok(a.path(), &["sync", "import", fb])["conflicts"], json!(0));
    assert_eq!(phone(a.path()), json!("602 111 111"));
}

#[test]
fn unusable_bundles_exit_2_with_a_polish_message_and_write_nothing() {
    let a = installation(PASSPHRASE, "MOPS Żory");
    let b = installation(PASSPHRASE, "MOPS Żory");
    let other_passphrase = installation("zupełnie inne hasło 99", "MOPS Żory");
    let other_org = installation(PASSPHRASE, "MOPS Wodzisław");
    let folder = tempfile::tempdir().unwrap();
    add_person(a.path(), "Kowalska");
    let file = ok(
        a.path(),
        &["sync", "export", "--to", folder.path().to_str().unwrap()],
    )["file"]
        .as_str()
        .unwrap()
        .to_owned();
    let bytes = std::fs::read(&file).unwrap();
    let cut = folder.path().join("cut.kbundle");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    let mut flipped_bytes = bytes.clone();
    let middle = flipped_bytes.len() / 2;
    flipped_bytes[middle] ^= 0x40;
    let flipped = folder.path().join("flipped.kbundle");
    std::fs::write(&flipped, flipped_bytes).unwrap();
    let newer = folder.path().join("newer.kbundle");
    let text = String::from_utf8_lossy(&bytes[..100]).replacen("\"format\":1", "\"format\":7", 1);
    let mut newer_bytes = text.into_bytes();
    newer_bytes.extend_from_slice(&bytes[100..]);
    std::fs::write(&newer, newer_bytes).unwrap();

    let cases: [(&Path, &Path, &str); 5] = [
        (b.path(), &cut, "uszkodzony"),
        (b.path(), &flipped, "uszkodzony"),
        (b.path(), &newer, "nowsza wersja"),
        (other_passphrase.path(), Path::new(&file), "innym hasłem"),
        (other_org.path(), Path::new(&file), "innej organizacji"),
    ];
    for (dir, bundle, message) in cases {
        let events = audit_events(dir);
        let out = run(dir, &["sync", "import", bundle.to_str().unwrap()]);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert_eq!(audit_events(dir), events);
        let list = ok(dir, &["participant", "list"]);
        assert_eq!(list["total"], json!(0));
    }
    let missing = run(b.path(), &["sync", "import", "/nie/ma/takiego.kbundle"]);
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
}

#[test]
fn sync_before_setup_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["init"]).status.success());
    let status = ok(dir.path(), &["sync", "status"]);
    assert_eq!(status["configured"], json!(false));
    let out = run(
        dir.path(),
        &["sync", "export", "--to", dir.path().to_str().unwrap()],
    );
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("sync setup"));
    // No passphrase and no terminal: invalid input, nothing stored.
    let out = run(dir.path(), &["sync", "setup", "--organisation", "MOPS"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("KARTOTEKA_SYNC_PASSPHRASE"));
    let out = run_env(
        dir.path(),
        &["sync", "setup", "--organisation", "MOPS"],
        None,
        &[("KARTOTEKA_SYNC_PASSPHRASE", "krótkie")],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(
        ok(dir.path(), &["sync", "status"])["configured"],
        json!(false)
    );
}
