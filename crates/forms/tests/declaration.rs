//! The participation declaration, filled and blank.

mod common;

use common::*;
use kartoteka_forms::{participation_declaration, DeclarationSheet, DocumentKind};

#[test]
fn a_filled_declaration_names_the_participant_and_the_commitments() {
    let d = DeclarationSheet {
        person: person(),
        min_attendance_percent: 90,
    };
    let bytes = participation_declaration(&context(), Some(&d)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "declaration.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        FULL_NAME,
        PESEL,
        "biorę udział w projekcie dobrowolnie",
        "co najmniej 90 %",
        "„Razem łatwiej — aktywizacja społeczna",
        "rezygnacji",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_well_formed(&pdf, DocumentKind::Declaration.title());
    assert_nothing_below_the_margin(&pdf);
    assert_eq!(
        bytes,
        participation_declaration(&context(), Some(&d)).unwrap()
    );
}

#[test]
fn a_blank_declaration_asks_for_eighty_percent_and_names_nobody() {
    let bytes = participation_declaration(&context(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("co najmniej 80 %"));
    assert!(text.contains("Imię i nazwisko rodzica lub opiekuna prawnego"));
    assert!(!text.contains(FULL_NAME));
    assert_well_formed(&pdf, DocumentKind::Declaration.title());
}
