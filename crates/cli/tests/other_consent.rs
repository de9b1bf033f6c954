//! Another consent from the command line: a text of kind `other` is added, printed for a person
//! (`form consent --text`) under its own title and read back; a new version is printed by the
//! text's id; the wrong text or none is refused with the documented exit codes.

mod common;

use common::office::*;
use common::*;

#[test]
fn another_consent_is_printed_by_its_text_in_the_newest_version() {
    let o = office();
    let dir = o.dir.path();
    let v1 = ok(
        dir,
        &["consent", "text", "--json", "-"],
        Some(
            r#"{"kind": "other", "title": "Zgoda na kontakt telefoniczny", "text": "Wyrażam zgodę na kontakt telefoniczny w sprawach zajęć."}"#,
        ),
    );
    let template = v1["template_id"].as_str().unwrap().to_owned();
    let file = dir.join("zgoda.pdf");
    let printed = ok(
        dir,
        &[
            "form",
            "consent",
            "--participant",
            &o.person,
            "--text",
            v1["id"].as_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(printed["document"]["kind"], "consent");
    assert_eq!(printed["document"]["template_version_id"], v1["id"]);
    let text = pdftotext(&file);
    for expected in [
        "Zgoda na kontakt telefoniczny",
        "Wersja treści: v1",
        "w sprawach zajęć",
        "Żółkiewska-Wałęsa",
        "wyrażam zgodę",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    // A new version; the text's id prints the newest.
    ok(
        dir,
        &["consent", "text", "--template", &template, "--json", "-"],
        Some(
            r#"{"kind": "other", "title": "Zgoda na kontakt telefoniczny i SMS", "text": "Wyrażam zgodę na kontakt telefoniczny i SMS."}"#,
        ),
    );
    let blank = dir.join("pusta.pdf");
    ok(
        dir,
        &[
            "form",
            "consent",
            "--blank",
            "--text",
            &template,
            "--out",
            blank.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&blank);
    assert!(
        text.contains("Zgoda na kontakt telefoniczny i SMS") && text.contains("Wersja treści: v2"),
        "{text}"
    );

    // The data statement is not "another consent" (2); an unknown text (3); none at all (2).
    let statement = ok(
        dir,
        &["consent", "text", "--json", "-"],
        Some(
            r#"{"kind": "data-statement", "title": "Klauzula RODO", "text": "Administratorem danych jest ośrodek."}"#,
        ),
    );
    let err = fail(
        dir,
        &[
            "form",
            "consent",
            "--participant",
            &o.person,
            "--text",
            statement["id"].as_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
        ],
        None,
        2,
    );
    assert!(err.contains("text"), "{err}");
    fail(
        dir,
        &[
            "form",
            "consent",
            "--participant",
            &o.person,
            "--text",
            "01900000-0000-7000-8000-000000000000",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
        3,
    );
    fail(
        dir,
        &[
            "form",
            "consent",
            "--participant",
            &o.person,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
        2,
    );
    // A batch of it is refused: the text is chosen person by person.
    fail(
        dir,
        &[
            "form",
            "batch",
            "consent",
            "--project",
            &o.project,
            "--out",
            dir.join("b").to_str().unwrap(),
        ],
        None,
        2,
    );
}
