//! Plan kinds from the command line as the README documents them: a social contract and a
//! family work plan created for a person outside projects (`plan create --participant`), the
//! exit codes of what is refused, the kind in `plan overview --kind`, and each kind printed
//! (`form plan`) and read back with pdftotext.

mod common;

use common::office::*;
use common::*;

fn contract() -> &'static str {
    r#"{"kind": "social_contract", "start_date": "2026-03-01", "end_date": "2026-08-31",
        "diagnosis": {"problem_situation": "Długotrwałe bezrobocie."},
        "goals": [{"title": "Podjęcie zatrudnienia", "services": [{"service": "PRA-DORAD", "quantity": 4}]}],
        "commitments": "Rejestracja w powiatowym urzędzie pracy.",
        "worker_obligations": "Pomoc w przygotowaniu CV, wizyta co dwa tygodnie."}"#
}

fn printed(o: &Office, plan: &str, name: &str) -> String {
    let file = o.dir.path().join(name);
    let out = ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--participant",
            &o.person,
            "--plan",
            plan,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out["document"]["kind"], "plan");
    pdftotext(&file)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_social_contract_outside_projects_is_created_signed_and_printed() {
    let o = office();
    let dir = o.dir.path();
    let id = id_of(&ok(
        dir,
        &["plan", "create", "--participant", &o.person, "--json", "-"],
        Some(contract()),
    ));
    let shown = ok(dir, &["plan", "show", &id], None);
    assert_eq!(shown["kind"], "social_contract");
    assert_eq!(shown["kind_label"], "Kontrakt socjalny");
    assert_eq!(shown["project_id"], serde_json::Value::Null);
    assert_eq!(shown["enrolment_id"], serde_json::Value::Null);

    // A second open contract: a conflict (4); a support plan outside projects: invalid (2),
    // naming the field; no such person: 3; both --enrolment and --participant: usage (2).
    fail(
        dir,
        &["plan", "create", "--participant", &o.person, "--json", "-"],
        Some(contract()),
        4,
    );
    let err = fail(
        dir,
        &["plan", "create", "--participant", &o.person, "--json", "-"],
        Some(r#"{"start_date": "2026-03-01", "end_date": "2026-08-31"}"#),
        2,
    );
    assert!(err.contains("kind:"), "{err}");
    fail(
        dir,
        &[
            "plan",
            "create",
            "--participant",
            "01900000-0000-7000-8000-000000000000",
            "--json",
            "-",
        ],
        Some(contract()),
        3,
    );
    // A usage error is refused before the JSON is read (no input is sent: it would meet a
    // closed pipe).
    fail(dir, &["plan", "create", "--json", "-"], None, 2);

    ok(
        dir,
        &["plan", "sign", &id, "--json", "-"],
        Some(r#"{"participant_signed_on": "2026-03-02", "worker_signed_on": "2026-03-02"}"#),
    );
    let text = printed(&o, &id, "kontrakt.pdf");
    for expected in [
        "Kontrakt socjalny",
        "zawarty na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
        "Imię i nazwisko osoby zawierającej kontrakt",
        "Żółkiewska-Wałęsa",
        "Osoba zobowiązuje się do",
        "Rejestracja w powiatowym urzędzie pracy.",
        "Pracownik socjalny zobowiązuje się do",
        "Pomoc w przygotowaniu CV",
        "art. 11 ust. 2",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // A plan outside projects prints no project on its letterhead.
    assert!(!text.contains("Razem łatwiej"), "{text}");

    let overview = ok(
        dir,
        &["plan", "overview", "--kind", "social_contract"],
        None,
    );
    let rows = overview.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["plan_id"], id.as_str());
    assert_eq!(rows[0]["project_name"], serde_json::Value::Null);
    assert_eq!(rows[0]["kind_label"], "Kontrakt socjalny");
    let none = ok(
        dir,
        &["plan", "overview", "--kind", "family_work_plan"],
        None,
    );
    assert!(none.as_array().unwrap().is_empty());
    fail(dir, &["plan", "overview", "--kind", "umowa"], None, 2);
}

#[test]
fn a_family_work_plan_names_a_relative_and_an_isr_its_team() {
    let o = office();
    let dir = o.dir.path();
    ok(
        dir,
        &[
            "participant",
            "relate",
            &o.child,
            "--related",
            &o.person,
            "--kind",
            "parent",
        ],
        None,
    );
    let family = format!(
        r#"{{"kind": "family_work_plan", "start_date": "2026-03-01", "end_date": "2026-08-31",
            "goals": [{{"title": "Regularne chodzenie Jasia do szkoły"}}],
            "family_members": ["{}"],
            "initial_assessment": "Trudności opiekuńczo-wychowawcze, zaległości szkolne Jasia."}}"#,
        o.child
    );
    let plan = id_of(&ok(
        dir,
        &["plan", "create", "--participant", &o.person, "--json", "-"],
        Some(&family),
    ));
    let text = printed(&o, &plan, "rodzina.pdf");
    for expected in [
        "Plan pracy z rodziną",
        "Wersja robocza (szkic)",
        "o wspieraniu rodziny i systemie pieczy zastępczej",
        "Jaś Źdźbło",
        "dziecko",
        "II. Wstępna ocena sytuacji rodziny",
        "zaległości szkolne Jasia",
        "IV. Zobowiązania rodziny",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    // An IŚR belongs to the enrolment; unsigned without its team.
    let enrolment = id_of(
        &ok(
            dir,
            &["enrolment", "list", "--participant", &o.person],
            None,
        )[0],
    );
    let path = id_of(&ok(
        dir,
        &["plan", "create", "--enrolment", &enrolment, "--json", "-"],
        Some(
            r#"{"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31",
                 "goals": [{"title": "Zatrudnienie socjalne"}]}"#,
        ),
    ));
    let err = fail(dir, &["plan", "sign", &path, "--json", "-"], Some("{}"), 2);
    assert!(err.contains("team"), "{err}");
    ok(
        dir,
        &["plan", "update", &path, "--json", "-"],
        Some(
            r#"{"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31",
                 "goals": [{"title": "Zatrudnienie socjalne"}],
                 "team": [{"name": "Ewa Nowak", "role": "psycholog"}, {"name": "Jan Kowal", "role": "doradca zawodowy"}]}"#,
        ),
    );
    ok(
        dir,
        &["plan", "sign", &path, "--json", "-"],
        Some(r#"{"participant_signed_on": "2026-03-02", "worker_signed_on": "2026-03-02"}"#),
    );
    let text = printed(&o, &path, "isr.pdf");
    for expected in [
        "Indywidualna ścieżka reintegracji",
        "Razem łatwiej",
        "Diagnozę przygotował zespół",
        "Ewa Nowak",
        "doradca zawodowy",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let kinds: Vec<String> = ok(dir, &["plan", "list", "--participant", &o.person], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(
        kinds.contains(&"family_work_plan".into()) && kinds.contains(&"reintegration_path".into())
    );
}
