//! The other kinds of plan on paper: an IŚR with its diagnosis team signing, a social contract
//! citing art. 108 with both parties' obligations, a family work plan citing the family support
//! act with its members and the initial assessment — each read back as text.

mod common;

use common::*;
use kartoteka_domain::plan::PlanKind;
use kartoteka_forms::{support_plan, DocumentKind, PlanSheet};

fn printed(sheet: &PlanSheet, name: &str) -> String {
    let bytes = support_plan(&context(), Some(sheet)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), name, &bytes);
    assert_well_formed(&pdf, sheet.kind.polish());
    assert_nothing_below_the_margin(&pdf);
    // Same model, same bytes.
    assert_eq!(bytes, support_plan(&context(), Some(sheet)).unwrap());
    text_of(&pdf)
}

/// Each expected phrase is in the text (a phrase may wrap onto the next line).
fn assert_has(text: &str, expected: &[&str]) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for e in expected {
        assert!(flat.contains(e), "{e:?} missing from:\n{text}");
    }
}

#[test]
fn a_social_contract_cites_art_108_and_binds_both_parties() {
    let mut sheet = plan();
    sheet.kind = PlanKind::SocialContract;
    sheet.commitments = "Rejestracja w powiatowym urzędzie pracy.".into();
    sheet.worker_obligations = "Pomoc w przygotowaniu CV, wizyta co dwa tygodnie.".into();
    let text = printed(&sheet, "kontrakt.pdf");
    assert_has(
        &text,
        &[
            "Kontrakt socjalny",
            "Aneks nr 1 do kontraktu z dnia 05.02.2026; zawarty na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
            "I. Strony kontraktu",
            "IV. Zobowiązania stron",
            "Osoba zobowiązuje się do",
            "Rejestracja w powiatowym urzędzie pracy.",
            "Pracownik socjalny zobowiązuje się do",
            "Pomoc w przygotowaniu CV",
            "art. 11 ust. 2",
        ],
    );
    assert!(!text.contains("Indywidualny plan wsparcia"), "{text}");
}

#[test]
fn a_family_work_plan_names_the_family_and_opens_with_the_assessment() {
    let mut sheet = plan();
    sheet.kind = PlanKind::FamilyWorkPlan;
    sheet.family = vec![
        ("Staś Źrebięta".into(), "dziecko".into()),
        ("Jan Źrebięta".into(), "małżonek / małżonka".into()),
    ];
    sheet.initial_assessment = "Rodzina niewydolna wychowawczo, zaległości szkolne Stasia.".into();
    let text = printed(&sheet, "rodzina.pdf");
    assert_has(
        &text,
        &[
            "Plan pracy z rodziną",
            "opracowany na podstawie art. 15 ust. 1 pkt 1",
            "o wspieraniu rodziny i systemie pieczy",
            "I. Dane rodziny i planu",
            "Staś Źrebięta",
            "małżonek / małżonka",
            "Asystent rodziny",
            "II. Wstępna ocena sytuacji rodziny",
            "zaległości szkolne Stasia",
            "IV. Zobowiązania rodziny",
            "VI. Końcowa ocena sytuacji rodziny",
        ],
    );
    // The assessment comes before the problem situation.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("zaległości szkolne Stasia") < at("Sytuacja problemowa"));
}

#[test]
fn a_reintegration_path_lists_its_team_with_room_to_sign() {
    let mut sheet = plan();
    sheet.kind = PlanKind::ReintegrationPath;
    sheet.team = vec![
        ("Ewa Nowak".into(), "psycholog".into()),
        ("Jan Kowal".into(), "doradca zawodowy".into()),
    ];
    let text = printed(&sheet, "isr.pdf");
    assert_has(
        &text,
        &[
            "Indywidualna ścieżka reintegracji",
            "Aneks nr 1 do ścieżki z dnia 05.02.2026",
            "Diagnozę przygotował zespół",
            "Ewa Nowak",
            "doradca zawodowy",
            "Podpis",
            "Poprawa samopoczucia psychicznego",
        ],
    );
    let at = |s: &str| text.find(s).unwrap();
    assert!(
        at("Ewa Nowak") < at("III. Cele"),
        "the team signs the diagnosis"
    );
    assert_ne!(sheet.kind.polish(), DocumentKind::Plan.title());
}
