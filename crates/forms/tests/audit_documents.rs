//! What an audit asks of the paper (rendering revision 4): the enrolment form's guardian
//! details, the project's eligibility statements, the attachments and the "data wpływu" box;
//! the declaration naming the criteria; the image consent's line for a child aged 13–17; the
//! exit statement with the recorded situation ticked.

mod common;

use common::*;
use kartoteka_forms::{
    enrolment_form, exit_statement, image_consent, participation_declaration, DeclarationSheet,
    DocumentKind, ExitStatementSheet, GuardianSheet, ImageConsentSheet, ParticipantSheet,
};

fn text(bytes: &[u8], name: &str) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), name, bytes);
    assert_nothing_below_the_margin(&pdf);
    (
        text_of(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        dir,
    )
}

fn minor_sheet() -> ParticipantSheet {
    ParticipantSheet {
        first_names: "Żaneta".into(),
        surname: "Ćwiek".into(),
        signatory: Some("Grzegorz Ćwiek".into()),
        guardian: Some(GuardianSheet {
            name: "Grzegorz Ćwiek".into(),
            address: "Źródlana 5/12, 90-001 Łódź".into(),
            phone: "601 234 567".into(),
        }),
        ..participant()
    }
}

#[test]
fn the_enrolment_form_carries_the_guardian_the_criteria_the_attachments_and_the_received_box() {
    let (t, _dir) = text(
        &enrolment_form(&context(), Some(&minor_sheet())).unwrap(),
        "minor.pdf",
    );
    for expected in [
        "VII. Dane rodzica lub opiekuna prawnego",
        "Grzegorz Ćwiek",
        "Źródlana 5/12, 90-001 Łódź",
        "601 234 567",
        "VIII. Oświadczenia o spełnieniu kryteriów udziału w projekcie",
        "zamieszkuję na terenie Łodzi w rozumieniu Kodeksu cywilnego",
        "jestem osobą zagrożoną ubóstwem lub wykluczeniem społecznym",
        "IX. Załączniki do formularza",
        "zaświadczenie z ośrodka pomocy społecznej",
        "Data wpływu formularza",
        "Podpis osoby przyjmującej formularz",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from:\n{t}");
    }

    // An adult: no guardian section, and the numbering has no gap.
    let (t, _dir) = text(
        &enrolment_form(&context(), Some(&participant())).unwrap(),
        "adult.pdf",
    );
    assert!(!t.contains("Dane rodzica lub opiekuna prawnego"), "{t}");
    assert!(
        t.contains("VII. Oświadczenia o spełnieniu kryteriów"),
        "{t}"
    );
    assert!(t.contains("VIII. Załączniki do formularza"), "{t}");

    // A project naming no attachments: the usual list to tick.
    let mut ctx = context();
    ctx.project.as_mut().unwrap().attachments.clear();
    let (t, _dir) = text(&enrolment_form(&ctx, None).unwrap(), "blank.pdf");
    assert!(
        t.contains("orzeczenie o niepełnosprawności lub dokument równoważny"),
        "{t}"
    );
    assert!(
        t.contains("Dane rodzica lub opiekuna prawnego"),
        "a blank form asks too: {t}"
    );
}

#[test]
fn the_declaration_names_the_project_s_criteria() {
    let sheet = DeclarationSheet {
        person: person(),
        min_attendance_percent: 80,
    };
    let (t, _dir) = text(
        &participation_declaration(&context(), Some(&sheet)).unwrap(),
        "declaration.pdf",
    );
    assert!(
        t.contains("spełniam kryteria kwalifikowalności uprawniające do udziału w projekcie: zamieszkuję na terenie Łodzi"),
        "{t}"
    );
}

#[test]
fn a_child_aged_13_to_17_signs_the_image_consent_beside_the_guardian() {
    let sheet = |child_co_signs| ImageConsentSheet {
        person: minor(),
        consent: Some(true),
        child_co_signs,
    };
    let (t, _dir) = text(
        &image_consent(&context(), &image_template(), Some(&sheet(true))).unwrap(),
        "teen.pdf",
    );
    assert!(
        t.contains("czytelny podpis rodzica lub opiekuna prawnego"),
        "{t}"
    );
    assert!(
        t.contains("czytelny podpis uczestnika (osoby w wieku 13–17 lat) — także wyrażam zgodę"),
        "{t}"
    );
    let (t, _dir) = text(
        &image_consent(&context(), &image_template(), Some(&sheet(false))).unwrap(),
        "child.pdf",
    );
    assert!(!t.contains("13–17"), "a younger child does not sign: {t}");
    let (t, _dir) = text(
        &image_consent(&context(), &image_template(), None).unwrap(),
        "blank.pdf",
    );
    assert!(t.contains("w wieku 13–17 lat (jeśli dotyczy)"), "{t}");
}

#[test]
fn the_exit_statement_ticks_the_recorded_situation_and_is_blank_without_one() {
    let sheet = ExitStatementSheet {
        person: person(),
        start_date: chrono::NaiveDate::from_ymd_opt(2026, 2, 2),
        end_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        situation: Some("job_searching".into()),
    };
    let filled = exit_statement(&context(), Some(&sheet)).unwrap();
    let (t, _dir) = text(&filled, "exit.pdf");
    for expected in [
        DocumentKind::ExitStatement.title(),
        FULL_NAME,
        "02.02.2026",
        "30.11.2026",
        "poszukuję pracy",
        "inna sytuacja",
        "Data wpływu",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from:\n{t}");
    }
    let blank = exit_statement(&context(), None).unwrap();
    assert_ne!(filled, blank);
    let unticked = exit_statement(
        &context(),
        Some(&ExitStatementSheet {
            situation: None,
            ..sheet.clone()
        }),
    )
    .unwrap();
    assert_ne!(filled, unticked, "the tick is drawn");
}
