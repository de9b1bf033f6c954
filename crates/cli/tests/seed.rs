//! `kartoteka seed`: synthetic data that is deterministic, valid, audited and searchable.
//! (Speed is measured by `kartoteka bench`, never asserted here.)

use kartoteka_domain::fold::fold;
use kartoteka_domain::pesel::Pesel;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const PASSWORD: &str = "tajne-haslo-2026";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env_remove("KARTOTEKA_DATA_DIR")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn seeded(participants: &str, seed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dane");
    ok(
        &store,
        &["seed", "--participants", participants, "--seed", seed],
    );
    dir
}

fn all_people(dir: &Path) -> Vec<Value> {
    let page = ok(
        &dir.join("dane"),
        &["participant", "list", "--limit", "1000"],
    );
    page["rows"].as_array().unwrap().clone()
}

#[test]
fn two_hundred_people_are_seeded_with_a_valid_audit_chain() {
    let dir = seeded("200", "7");
    let store = dir.path().join("dane");
    let people = all_people(dir.path());
    assert_eq!(people.len(), 200);
    let verify = ok(&store, &["audit", "verify"]);
    assert_eq!(verify["first_broken"], Value::Null);
    assert!(verify["events"].as_i64().unwrap() > 200);
    let projects = ok(&store, &["project", "list"]);
    assert!(!projects.as_array().unwrap().is_empty());
    // Seeding a registry that already has people is refused (conflict), nothing added.
    let again = run(&store, &["seed", "--participants", "10"]);
    assert_eq!(again.status.code(), Some(4));
    assert_eq!(all_people(dir.path()).len(), 200);
}

#[test]
fn the_same_seed_gives_the_same_people_and_another_seed_others() {
    let a = all_people(seeded("60", "42").path());
    let b = all_people(seeded("60", "42").path());
    let c = all_people(seeded("60", "43").path());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn pesels_are_valid_unique_and_agree_with_birth_date_and_sex() {
    let dir = seeded("300", "3");
    let store = dir.path().join("dane");
    let people = all_people(dir.path());
    let mut seen = std::collections::HashSet::new();
    let mut with_pesel = 0;
    for p in &people {
        let Some(text) = p["pesel"].as_str() else {
            continue;
        };
        with_pesel += 1;
        let pesel = Pesel::parse(text).expect("a valid PESEL");
        assert!(seen.insert(text.to_owned()), "PESEL twice");
        assert_eq!(
            pesel.birth_date().to_string(),
            p["birth_date"].as_str().unwrap()
        );
        let shown = ok(&store, &["participant", "show", p["id"].as_str().unwrap()]);
        assert_eq!(shown["sex"].as_str().unwrap(), pesel.sex().as_str());
    }
    assert!(with_pesel > 250);
}

#[test]
fn seeded_people_are_found_without_polish_letters() {
    let dir = seeded("200", "11");
    let store = dir.path().join("dane");
    let people = all_people(dir.path());
    let with_diacritics: Vec<&Value> = people
        .iter()
        .filter(|p| !p["last_name"].as_str().unwrap().is_ascii())
        .take(5)
        .collect();
    assert!(!with_diacritics.is_empty());
    for p in with_diacritics {
        let query = fold(&format!(
            "{} {}",
            p["first_name"].as_str().unwrap(),
            p["last_name"].as_str().unwrap()
        ));
        assert!(query.is_ascii());
        let found = ok(&store, &["participant", "search", &query, "--limit", "100"]);
        assert!(
            found.as_array().unwrap().iter().any(|f| f["id"] == p["id"]),
            "not found by its folded name"
        );
    }
}
