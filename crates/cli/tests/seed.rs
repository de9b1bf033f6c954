//! `kartoteka seed`: synthetic data that is deterministic, valid, audited and searchable.
//! (Speed is measured by `kartoteka bench`, never asserted here.)

mod common;

use kartoteka_domain::fold::fold;
use kartoteka_domain::pesel::Pesel;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run(dir, args, None)
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    common::ok(dir, args, None)
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
    // Another project than the main one has an open supplementary round with a list.
    let other = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] != "Aktywni razem")
        .unwrap();
    let rounds = ok(
        &store,
        &[
            "recruitment",
            "list",
            "--project",
            other["id"].as_str().unwrap(),
        ],
    );
    assert_eq!(rounds.as_array().unwrap().len(), 1);
    assert!(rounds[0]["candidates"].as_u64().unwrap() > 0);
    let ranking = ok(
        &store,
        &["recruitment", "rank", rounds[0]["id"].as_str().unwrap()],
    );
    assert!(
        !ranking["qualified"].as_array().unwrap().is_empty(),
        "{ranking}"
    );
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

#[test]
fn enrolled_people_have_signed_plans_with_deliveries_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dane");
    let summary = ok(&store, &["seed", "--participants", "120", "--seed", "11"]);
    let counts = &summary;
    for key in ["plans", "planned_services", "deliveries", "notes"] {
        assert!(counts[key].as_u64().unwrap() > 0, "no {key}: {counts}");
    }
    let mut with_plan = 0;
    let mut delivered = 0;
    for person in all_people(dir.path()) {
        let id = person["id"].as_str().unwrap();
        let plans = ok(&store, &["plan", "list", "--participant", id]);
        let Some(first) = plans.as_array().unwrap().first() else {
            continue;
        };
        with_plan += 1;
        let plan = ok(&store, &["plan", "show", first["id"].as_str().unwrap()]);
        assert_eq!(plan["status"], "signed", "{plan}");
        assert_eq!(plan["diagnosis"]["areas"].as_array().unwrap().len(), 7);
        let (start, end) = (
            plan["start_date"].as_str().unwrap().to_owned(),
            plan["end_date"].as_str().unwrap().to_owned(),
        );
        for goal in plan["goals"].as_array().unwrap() {
            assert!(!goal["services"].as_array().unwrap().is_empty());
            for service in goal["services"].as_array().unwrap() {
                if service["progress"]["delivered"].as_f64().unwrap() > 0.0 {
                    delivered += 1;
                }
            }
        }
        let timeline = ok(&store, &["timeline", "--participant", id]);
        let entries = timeline.as_array().unwrap();
        assert!(entries.iter().any(|e| e["kind"] == "note"), "{timeline}");
        for e in entries.iter().filter(|e| e["kind"] == "delivery") {
            let date = e["date"].as_str().or(e["at"].as_str()).unwrap();
            assert!(
                date[..10] >= start[..] && date[..10] <= end[..],
                "{date} outside {start}–{end}"
            );
        }
    }
    assert!(with_plan >= 30, "only {with_plan} people have a plan");
    assert!(delivered > 0, "no planned service has any delivery");
    let verify = ok(&store, &["audit", "verify"]);
    assert_eq!(verify["first_broken"], Value::Null);
}

#[test]
fn most_people_of_a_seeded_project_can_be_reported_to_the_eu_monitoring_system() {
    let dir = seeded("400", "5");
    let store = dir.path().join("dane");
    let projects = ok(&store, &["project", "list"]);
    let mut rows = 0;
    let mut complete = 0;
    for project in projects.as_array().unwrap() {
        let check = ok(
            &store,
            &[
                "report",
                "cst2021",
                "--project",
                project["id"].as_str().unwrap(),
                "--check",
            ],
        );
        rows += check["rows"].as_u64().unwrap();
        complete += check["complete"].as_u64().unwrap();
    }
    assert!(rows > 0, "{projects}");
    // Demo data shows both: mostly complete people, and a few with gaps to fill in.
    assert!(
        complete * 10 >= rows * 7,
        "only {complete} of {rows} complete"
    );
}

#[test]
fn a_seeded_registry_has_a_group_with_sessions_and_community_events() {
    let dir = seeded("400", "5");
    let store = dir.path().join("dane");
    let projects = ok(&store, &["project", "list"]);
    let (mut groups, mut events) = (Vec::new(), 0);
    for project in projects.as_array().unwrap() {
        let id = project["id"].as_str().unwrap();
        groups.extend(
            ok(&store, &["group", "list", "--project", id])
                .as_array()
                .unwrap()
                .clone(),
        );
        events += ok(&store, &["event", "list", "--project", id])
            .as_array()
            .unwrap()
            .len();
    }
    assert_eq!(events, 2);
    assert_eq!(groups.len(), 1);
    let group = groups[0]["id"].as_str().unwrap();
    let sessions = ok(&store, &["session", "list", "--group", group]);
    assert_eq!(sessions.as_array().unwrap().len(), 4);
    // Members have the group's service in their plans: the sessions logged deliveries.
    let delivered = sessions
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["attendance"].as_array().unwrap().iter())
        .filter(|a| a["delivery_id"].is_string())
        .count();
    assert!(delivered > 20, "{delivered}");
}
