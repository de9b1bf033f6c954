//! Another consent (a text of kind `other`), printed under the text's own title: filled for a
//! minor with the guardian signing, and blank.

mod common;

use common::*;
use kartoteka_forms::{consent_form, ConsentTemplate, ImageConsentSheet};

fn phone() -> ConsentTemplate {
    ConsentTemplate {
        title: "Zgoda na kontakt telefoniczny i SMS".into(),
        version: "v1".into(),
        text: "Wyrażam zgodę na kontakt telefoniczny i wiadomości SMS w sprawach zajęć projektu \
na podany numer telefonu.\n\nZgoda jest dobrowolna i można ją w każdej chwili wycofać."
            .into(),
    }
}

#[test]
fn another_consent_prints_under_its_own_title_with_both_answers() {
    let sheet = ImageConsentSheet {
        person: minor(),
        consent: None,
        child_co_signs: false,
    };
    let bytes = consent_form(&context(), &phone(), Some(&sheet)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "zgoda.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Zgoda na kontakt telefoniczny i SMS",
        "Wersja treści: v1",
        "na podany numer telefonu",
        "Żaneta Ćwiek",
        "Grzegorz Ćwiek",
        "wyrażam zgodę",
        "nie wyrażam zgody",
        "czytelny podpis rodzica lub opiekuna prawnego",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("wizerunku"), "not the image consent: {text}");
    // The file's title is the text's.
    assert_well_formed(&pdf, "Zgoda na kontakt telefoniczny i SMS");
    assert_nothing_below_the_margin(&pdf);

    let blank = consent_form(&context(), &phone(), None).unwrap();
    let pdf = write(dir.path(), "pusta.pdf", &blank);
    let text = text_of(&pdf);
    assert!(text.contains("Zgoda na kontakt telefoniczny i SMS"));
    assert!(!text.contains("Żaneta"));
}
