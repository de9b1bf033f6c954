//! The documents an audit asks for, from the command line: a project's eligibility statements
//! and attachments printed on the enrolment form (and named in the declaration), a minor's
//! guardian with their address and phone from the guardian's own record, the office's "data
//! wpływu" box, and the image consent's line for a child aged 13–17.

mod common;

use common::office::*;
use common::*;

#[test]
fn the_enrolment_form_declaration_and_image_consent_carry_what_an_audit_checks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(code(&run(d, &["init"], None)), 0);
    let project = id(&ok(
        d,
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26", "start_date": "2026-01-01", "end_date": "2027-12-31",
                "eligibility_criteria": ["zamieszkuję na terenie Łodzi w rozumieniu Kodeksu cywilnego", " ", "uczę się w szkole podstawowej lub ponadpodstawowej"],
                "attachments": ["zaświadczenie ze szkoły"]}"#,
        ),
    ));
    let shown = ok(d, &["project", "show", &project], None);
    assert_eq!(
        shown["eligibility_criteria"],
        serde_json::json!([
            "zamieszkuję na terenie Łodzi w rozumieniu Kodeksu cywilnego",
            "uczę się w szkole podstawowej lub ponadpodstawowej"
        ])
    );
    let guardian = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Grzegorz", "last_name": "Ćwiek", "sex": "male", "birth_date": "1980-03-03", "phone": "601 234 567",
                 "address": {"street": "Źródlana", "building": "5", "flat": "12", "postcode": "90-001", "town": "Łódź"}}"#,
        ),
    ));
    // Fifteen in December 2026.
    let child = id(&ok(
        d,
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Żaneta", "last_name": "Ćwiek", "sex": "female", "birth_date": "2011-05-05"}"#,
        ),
    ));
    ok(
        d,
        &[
            "participant",
            "relate",
            &child,
            "--related",
            &guardian,
            "--kind",
            "parent",
        ],
        None,
    );
    ok(
        d,
        &[
            "enrolment",
            "add",
            "--participant",
            &child,
            "--project",
            &project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date": "2026-03-02"}"#),
    );

    let enrolment = d.join("formularz.pdf");
    ok(
        d,
        &[
            "form",
            "enrolment",
            "--participant",
            &child,
            "--out",
            enrolment.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&enrolment)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Dane rodzica lub opiekuna prawnego",
        "Grzegorz Ćwiek",
        "601 234 567",
        "Źródlana 5/12, 90-001 Łódź",
        "zamieszkuję na terenie Łodzi w rozumieniu Kodeksu cywilnego",
        "uczę się w szkole podstawowej lub ponadpodstawowej",
        "Załączniki do formularza",
        "zaświadczenie ze szkoły",
        "Data wpływu formularza",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }

    let declaration = d.join("deklaracja.pdf");
    ok(
        d,
        &[
            "form",
            "declaration",
            "--participant",
            &child,
            "--out",
            declaration.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&declaration)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("udziału w projekcie: zamieszkuję na terenie Łodzi"),
        "{text}"
    );

    let image = d.join("wizerunek.pdf");
    ok(
        d,
        &[
            "form",
            "image-consent",
            "--participant",
            &child,
            "--out",
            image.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&image)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("czytelny podpis rodzica lub opiekuna prawnego"),
        "{text}"
    );
    assert!(text.contains("osoby w wieku 13–17 lat"), "{text}");

    // Too many statements for one form: refused, naming the field (exit 2).
    let many: Vec<String> = (1..=16).map(|i| format!("kryterium {i}")).collect();
    let err = fail(
        d,
        &["project", "update", &project, "--json", "-"],
        Some(
            &serde_json::json!({"name": "Razem łatwiej", "start_date": "2026-01-01", "end_date": "2027-12-31", "eligibility_criteria": many})
                .to_string(),
        ),
        2,
    );
    assert!(err.contains("eligibility_criteria"), "{err}");
}
