//! `kartoteka recruitment …`, `candidate …` and the round's documents, as a coordinator runs a
//! round: criteria, candidates (new and existing people), the list, closing, a resignation.

mod common;

use common::office::{pdftotext, run_parts};
use common::{fail, id, ok};
use serde_json::{json, Value};
use std::path::Path;

fn numbers(list: &Value) -> Vec<u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["number"].as_u64().unwrap())
        .collect()
}

fn candidate(dir: &Path, round: &str, body: Value) -> Value {
    ok(
        dir,
        &["candidate", "add", "--recruitment", round, "--json", "-"],
        Some(&body.to_string()),
    )
}

fn person(first: &str, last: &str, birth: &str) -> Value {
    json!({"first_name": first, "last_name": last, "sex": "female", "birth_date": birth})
}

#[test]
fn a_round_from_criteria_to_a_frozen_list_its_documents_and_a_resignation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, err) = run_parts(d, &["init"], None);
    assert_eq!(code, 0, "{err}");
    let project = id(&ok(
        d,
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Seniorzy w Żółkiewce", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#,
        ),
    ));
    let round_json = json!({
    "name": "Nabór I", "opens": "2026-11-01", "closes": "2026-12-15",
    "places": 2, "reserve_places": 1,
    "criteria": [
        {"code": "wiek60", "label": "Wiek 60 lat lub więcej", "required": true},
        {"code": "niepelnosprawnosc", "label": "Orzeczenie o niepełnosprawności", "points": 5},
        {"code": "samotna", "label": "Mieszka samotnie", "points": 3}
    ]});
    let round = id(&ok(
        d,
        &["recruitment", "add", "--project", &project, "--json", "-"],
        Some(&round_json.to_string()),
    ));
    let listed = ok(d, &["recruitment", "list", "--project", &project], None);
    assert_eq!(listed[0]["name"], "Nabór I");
    assert_eq!(listed[0]["closing"], Value::Null);

    // An existing person, and new ones typed with the candidate.
    let existing = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(&person("Łucja", "Żak", "1950-01-02").to_string()),
    ));
    let first = candidate(
        d,
        &round,
        json!({"participant_id": existing, "submitted_at": "2026-11-02 09:00",
               "criteria": {"wiek60": true, "samotna": true},
               "attachments": ["formularz zgłoszeniowy", "oświadczenie o zamieszkaniu"]}),
    );
    assert_eq!(first["number"], 1);
    assert_eq!(first["points"], 3);
    assert_eq!(first["initials"], "Ł.Ż.");
    let rows = [
        (
            "Zofia",
            "Ćwik",
            "2026-11-03 09:00",
            json!({"wiek60": true, "niepelnosprawnosc": true}),
        ),
        (
            "Jadwiga",
            "Ślusarz",
            "2026-11-01 08:00",
            json!({"niepelnosprawnosc": true, "samotna": true}),
        ),
        // The same points as Łucja, handed in at the same minute: Łucja registered first.
        (
            "Ewa",
            "Nowak",
            "2026-11-02 09:00",
            json!({"wiek60": true, "samotna": true}),
        ),
        (
            "Irena",
            "Kąkol",
            "2026-11-10 12:00",
            json!({"wiek60": true}),
        ),
    ];
    for (i, (first, last, at, criteria)) in rows.iter().enumerate() {
        let c = candidate(
            d,
            &round,
            json!({"participant": person(first, last, &format!("1951-0{}-03", i + 1)),
                   "submitted_at": at, "criteria": criteria}),
        );
        assert_eq!(c["number"], i as u64 + 2);
    }

    let ranking = ok(d, &["recruitment", "rank", &round], None);
    assert_eq!(numbers(&ranking["qualified"]), vec![2, 1]);
    assert_eq!(numbers(&ranking["reserve"]), vec![4]);
    assert_eq!(numbers(&ranking["rejected"]), vec![5, 3]);
    for key in ["candidate_id", "participant_id", "points", "rank"] {
        assert!(ranking["qualified"][0].get(key).is_some(), "{key}");
    }
    assert_eq!(ranking["qualified"][0]["points"], 5);
    assert_eq!(ranking["rejected"][0]["rank"], 4);
    assert_eq!(
        ranking["rejected"][1]["reason"],
        "Niespełnione kryterium obowiązkowe: Wiek 60 lat lub więcej"
    );

    // Errors: the same person twice (4), an unknown round (3), a bad application (2).
    let twice = fail(
        d,
        &["candidate", "add", "--recruitment", &round, "--json", "-"],
        Some(&json!({"participant_id": existing, "submitted_at": "2026-11-05 10:00"}).to_string()),
        4,
    );
    assert!(twice.contains("już jest kandydatem"), "{twice}");
    fail(d, &["recruitment", "rank", "nie-ma-takiego"], None, 3);
    let bad = fail(
        d,
        &["candidate", "add", "--recruitment", &round, "--json", "-"],
        Some(&json!({"participant": person("Anna", "Lis", "1950-05-05"), "submitted_at": "2027-01-10 10:00",
                     "criteria": {"dochod": true}}).to_string()),
        2,
    );
    assert!(
        bad.contains("submitted_at") && bad.contains("criteria.dochod"),
        "{bad}"
    );

    // The provisional protocol says so; then the round closes and its people are enrolled.
    let protocol = d.join("protokół.pdf");
    ok(
        d,
        &[
            "form",
            "recruitment-protocol",
            "--recruitment",
            &round,
            "--out",
            protocol.to_str().unwrap(),
        ],
        None,
    );
    assert!(pdftotext(&protocol).contains("wstępna"));
    let closed = ok(
        d,
        &["recruitment", "close", &round, "--start-date", "2026-12-07"],
        None,
    );
    assert_eq!(closed["enrolled"].as_array().unwrap().len(), 2);
    assert_eq!(closed["closing"]["closed_by"], "administrator");
    let enrolled = ok(d, &["project", "show", &project], None);
    assert_eq!(enrolled["enrolments"].as_array().unwrap().len(), 2);
    assert_eq!(enrolled["enrolments"][0]["start_date"], "2026-12-07");
    let late = fail(
        d,
        &["candidate", "add", "--recruitment", &round, "--json", "-"],
        Some(&json!({"participant": person("Anna", "Lis", "1950-05-05"), "submitted_at": "2026-12-01 10:00"}).to_string()),
        4,
    );
    assert!(late.contains("zamknięty"), "{late}");
    fail(d, &["recruitment", "close", &round], None, 4);

    let protocol_text = {
        ok(
            d,
            &[
                "form",
                "recruitment-protocol",
                "--recruitment",
                &round,
                "--out",
                protocol.to_str().unwrap(),
            ],
            None,
        );
        pdftotext(&protocol)
    };
    for expected in [
        "Protokół z rekrutacji",
        "Z.Ć.",
        "Ł.Ż.",
        "zakwalifikowany",
        "lista rezerwowa",
        "zamknięta",
    ] {
        assert!(
            protocol_text.contains(expected),
            "{expected}:\n{protocol_text}"
        );
    }
    for name in ["Łucja", "Ćwik", "Ślusarz"] {
        assert!(
            !protocol_text.contains(name),
            "no names in the protocol: {name}"
        );
    }
    let results = d.join("wyniki.pdf");
    ok(
        d,
        &[
            "form",
            "recruitment-results",
            "--recruitment",
            &round,
            "--out",
            results.to_str().unwrap(),
        ],
        None,
    );
    let results_text = pdftotext(&results);
    assert!(results_text.contains("Lista rankingowa"));
    for private in ["Ł.Ż.", "Z.Ć.", "Łucja", "Wiek 60", "Niespełnione"] {
        assert!(
            !results_text.contains(private),
            "public list shows {private}"
        );
    }

    // Zofia (qualified) resigns: Ewa, the reserve, is offered the place and enrolled.
    let zofia = ranking["qualified"][0]["candidate_id"].as_str().unwrap();
    let ewa = ranking["reserve"][0]["candidate_id"].as_str().unwrap();
    let resigned = ok(
        d,
        &["candidate", "resign", zofia, "--date", "2026-12-10"],
        None,
    );
    assert_eq!(resigned["offered_to"]["candidate_id"], ewa);
    assert!(resigned["ended_enrolment_id"].is_string());
    let after = ok(d, &["recruitment", "rank", &round], None);
    assert_eq!(numbers(&after["qualified"]), vec![1, 4]);
    assert!(after["reserve"].as_array().unwrap().is_empty());
    fail(d, &["candidate", "resign", zofia], None, 4);
    fail(
        d,
        &["candidate", "resign", ewa, "--date", "10 grudnia"],
        None,
        2,
    );

    let letter = d.join("list.pdf");
    ok(
        d,
        &[
            "form",
            "recruitment-letter",
            "--candidate",
            ewa,
            "--out",
            letter.to_str().unwrap(),
        ],
        None,
    );
    let letter_text = pdftotext(&letter);
    assert!(letter_text.contains("Ewa Nowak"), "{letter_text}");
    assert!(letter_text.contains("zgłoszenie nr 4"), "{letter_text}");
    assert!(
        letter_text.contains("Miejsce po rezygnacji kandydata nr 2"),
        "{letter_text}"
    );
}
