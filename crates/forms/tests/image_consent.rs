//! The image-use consent, filled (a minor with a guardian) and blank.

mod common;

use common::*;
use kartoteka_forms::{image_consent, DocumentKind, ImageConsentSheet};

#[test]
fn a_minor_s_image_consent_is_signed_by_the_named_guardian() {
    let sheet = ImageConsentSheet {
        person: minor(),
        consent: Some(true),
        child_co_signs: false,
    };
    let bytes = image_consent(&context(), &image_template(), Some(&sheet)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "image.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Żaneta Ćwiek",
        "15272305688",
        "Grzegorz Ćwiek",
        "Wersja treści: v2",
        "wyrażam zgodę",
        "nie wyrażam zgody",
        "czytelny podpis rodzica lub opiekuna prawnego",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_well_formed(&pdf, DocumentKind::ImageConsent.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_blank_image_consent_names_nobody() {
    let bytes = image_consent(&context(), &image_template(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("Wersja treści: v2"));
    assert!(!text.contains("Żaneta"));
    assert_well_formed(&pdf, DocumentKind::ImageConsent.title());
}

#[test]
fn ticking_consent_or_refusal_changes_the_document() {
    let sheet = |consent| ImageConsentSheet {
        person: person(),
        consent,
        child_co_signs: false,
    };
    let ctx = context();
    let t = image_template();
    let yes = image_consent(&ctx, &t, Some(&sheet(Some(true)))).unwrap();
    let no = image_consent(&ctx, &t, Some(&sheet(Some(false)))).unwrap();
    let none = image_consent(&ctx, &t, Some(&sheet(None))).unwrap();
    assert_ne!(yes, no);
    assert_ne!(yes, none);
    assert_ne!(no, none);
}
