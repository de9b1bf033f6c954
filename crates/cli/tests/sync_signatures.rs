//! `kartoteka sync import` and per-device signatures, as a user meets them: a data folder
//! copied to a second computer keeps the first one's device id but signs with a key of its
//! own, so once the first computer's key is known here, the copy's bundles are refused with
//! the reason on stderr (one file) or in `refused` (a folder), and nothing is written.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

const PASSPHRASE: &str = "wspólne hasło ośrodka 2026";
const ORGANISATION: &str = "MOPS Rybnik";

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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn add_person(dir: &Path, last: &str) {
    let person = format!(
        r#"{{"first_name": "Anna", "last_name": "{last}", "sex": "female", "birth_date": "1980-05-01"}}"#
    );
    ok(dir, &["participant", "add", "--json", "-"], Some(&person));
}

fn export(dir: &Path, to: &Path) -> String {
    let out = ok(dir, &["sync", "export", "--to", to.to_str().unwrap()], None);
    out["file"].as_str().unwrap().to_owned()
}

fn found(dir: &Path, word: &str) -> usize {
    ok(dir, &["participant", "search", word], None)
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_bundle_signed_with_another_key_for_a_known_device_is_refused_by_the_cli() {
    let a = installation();
    let b = installation();
    // The same installation copied before its first export: same device id, no key yet.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(a.path(), copy.path());
    let (out_a, out_copy) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());

    add_person(a.path(), "Wałęsa");
    let first = export(a.path(), out_a.path());
    let imported = ok(b.path(), &["sync", "import", &first], None);
    let device = ok(a.path(), &["sync", "status"], None)["device_id"].clone();
    assert_eq!(imported["device"], device);
    assert_eq!(imported["applied"], json!(1));
    assert_eq!(imported["signature"], json!("first_signed"));
    assert_eq!(imported["device_key"].as_str().map(str::len), Some(64));
    assert!(imported["note"].as_str().unwrap().contains("zapamiętano"));

    add_person(copy.path(), "Podrobiony");
    let other = export(copy.path(), out_copy.path());
    // One file: exit 2, the reason on stderr, nothing written.
    let events = ok(b.path(), &["check"], None)["audit_events"].clone();
    let message = fail(b.path(), &["sync", "import", &other], None, 2);
    assert!(message.contains("innym kluczem"), "{message}");
    assert!(message.contains(device.as_str().unwrap()), "{message}");
    // A folder: the JSON lists it under `refused` with the reason (exit 2); it is not marked
    // as seen, so the next import reads it again.
    let folder = out_copy.path().to_str().unwrap();
    for _ in 0..2 {
        let out = run(b.path(), &["sync", "import", folder], None);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            (report["applied"].clone(), report["skipped"].clone()),
            (json!(0), json!(0))
        );
        let refused = report["refused"].as_array().unwrap();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0]["file"], json!(other));
        let error = refused[0]["error"].as_str().unwrap();
        assert!(error.contains("innym kluczem") && error.contains("nie zastosowano"));
    }
    assert_eq!(found(b.path(), "podrobiony"), 0);
    assert_eq!(ok(b.path(), &["check"], None)["audit_events"], events);

    // The honest computer's next bundle still imports.
    add_person(a.path(), "Nowak");
    let second = export(a.path(), out_a.path());
    let imported = ok(b.path(), &["sync", "import", &second], None);
    assert_eq!(
        (imported["applied"].clone(), imported["signature"].clone()),
        (json!(1), json!("signed"))
    );
    assert_eq!(imported["note"], Value::Null);
    assert_eq!(found(b.path(), "nowak"), 1);
}
