//! The enrolment form, filled and blank.

mod common;

use common::*;
use kartoteka_domain::values::Answer;
use kartoteka_forms::{
    enrolment_form, DocumentContext, DocumentKind, FormsError, RENDERING_REVISION,
};
use sha2::{Digest, Sha256};

#[test]
fn a_filled_enrolment_form_gives_back_the_name_pesel_and_address_with_polish_letters() {
    let bytes = enrolment_form(&context(), Some(&participant())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "enrolment.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Łucja",
        "Żółkiewska-Wałęsa",
        PESEL,
        "Źródlana",
        "Łódź",
        "90-001",
        "łódzkie",
        "14.05.1988",
        "03.11.2026",
        "Formularz zgłoszeniowy uczestnika projektu",
        "Miejski Ośrodek Pomocy Społecznej w Łodzi",
        "FELD.07.05-IZ.00-0001/26",
        "Odmowa podania informacji",
        "miejscowość, data",
        "czytelny podpis uczestnika projektu",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_well_formed(&pdf, DocumentKind::Enrolment.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_filled_enrolment_form_is_small() {
    let bytes = enrolment_form(&context(), Some(&participant())).unwrap();
    // The hard limit is 80 KB; the target (README, benchmark table) is 40 KB.
    assert!(bytes.len() < 40 * 1024, "{} bytes", bytes.len());
}

#[test]
fn the_enrolment_form_is_the_same_bytes_every_time() {
    let ctx = context();
    let p = participant();
    assert_eq!(
        enrolment_form(&ctx, Some(&p)).unwrap(),
        enrolment_form(&ctx, Some(&p)).unwrap()
    );
    assert_eq!(
        enrolment_form(&ctx, None).unwrap(),
        enrolment_form(&ctx, None).unwrap()
    );
}

/// The app records the SHA-256 of what it printed and must regenerate the same file later,
/// in another process: nothing random (hash seeds, ids) may reach the bytes.
#[test]
fn the_enrolment_form_is_the_same_bytes_in_another_process() {
    const CHILD: &str = "KARTOTEKA_FORMS_CHILD_OUTPUT";
    let bytes = enrolment_form(&context(), Some(&participant())).unwrap();
    if let Ok(path) = std::env::var(CHILD) {
        std::fs::write(path, &bytes).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("child.pdf");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "the_enrolment_form_is_the_same_bytes_in_another_process",
        ])
        .env(CHILD, &out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read(&out).unwrap() == bytes,
        "another process made other bytes"
    );
}

#[test]
fn a_blank_enrolment_form_has_every_field_and_no_participant() {
    let bytes = enrolment_form(&context(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank.pdf", &bytes);
    let text = text_of(&pdf);
    for label in [
        "Imię (imiona)",
        "Nazwisko",
        "PESEL",
        "Wykształcenie",
        "Gmina",
        "DEGURBA",
        "Adres e-mail",
        "osoba bierna zawodowo",
        "Osoba z państwa trzeciego",
        "Wypełnia pracownik realizujący projekt",
        "rodzica lub opiekuna prawnego",
    ] {
        assert!(text.contains(label), "{label:?} missing");
    }
    assert!(!text.contains("Łucja"));
    assert!(!text.contains("taki sam jak adres zamieszkania"));
    assert_well_formed(&pdf, DocumentKind::Enrolment.title());
}

#[test]
fn a_minor_s_form_is_signed_by_the_named_guardian() {
    let mut p = participant();
    p.signatory = Some("Grzegorz Ćwiek".into());
    let bytes = enrolment_form(&context(), Some(&p)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = text_of(&write(dir.path(), "minor.pdf", &bytes));
    assert!(text.contains("czytelny podpis rodzica lub opiekuna prawnego"));
    assert!(text.contains("(Grzegorz Ćwiek)"));
}

#[test]
fn a_person_without_pesel_shows_the_other_identifier() {
    let mut p = participant();
    p.pesel = None;
    p.other_id = Some("paszport AB1234567".into());
    p.third_country_national = Some(Answer::Yes);
    let bytes = enrolment_form(&context(), Some(&p)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = text_of(&write(dir.path(), "no-pesel.pdf", &bytes));
    assert!(text.contains("paszport AB1234567"));
    assert!(!text.contains(PESEL));
}

#[test]
fn an_unknown_education_code_is_refused_rather_than_printed_blank() {
    let mut p = participant();
    p.education = Some("doktorat".into());
    let err = enrolment_form(&context(), Some(&p)).unwrap_err();
    assert!(matches!(err, FormsError::Input(_)), "{err}");
    assert!(err.to_string().contains("doktorat"));
}

#[test]
fn a_logo_strip_that_is_not_an_image_is_reported_in_polish() {
    let mut ctx = context();
    ctx.organisation.logo_strip = Some(kartoteka_forms::LogoStrip::new(
        b"not a png".to_vec(),
        kartoteka_forms::ImageFormat::Png,
    ));
    let err = enrolment_form(&ctx, None).unwrap_err();
    assert!(matches!(err, FormsError::Logo(_)));
    assert!(err.to_string().contains("paska logotypów"));
}

#[test]
fn a_form_without_a_logo_strip_or_project_still_renders() {
    let mut ctx = context();
    ctx.organisation.logo_strip = None;
    ctx.project = None;
    let bytes = enrolment_form(&ctx, Some(&participant())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "plain.pdf", &bytes);
    assert!(text_of(&pdf).contains("Żółkiewska-Wałęsa"));
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_jpeg_logo_strip_is_embedded_as_it_is() {
    let jpeg: &[u8] = include_bytes!("fixtures/logo-strip.jpg");
    let mut ctx = context();
    ctx.organisation.logo_strip = Some(kartoteka_forms::LogoStrip::new(
        jpeg.to_vec(),
        kartoteka_forms::ImageFormat::Jpeg,
    ));
    let bytes = enrolment_form(&ctx, None).unwrap();
    // The JPEG's bytes appear unchanged in the PDF (DCTDecode, no re-encoding).
    assert!(bytes.windows(jpeg.len()).any(|w| w == jpeg));
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "jpeg.pdf", &bytes);
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert!(images.contains("jpeg"), "{images}");
    assert!(images.contains("800"), "{images}");
}

#[test]
fn very_long_values_wrap_inside_their_cells() {
    let mut p = participant();
    p.email = format!("{}@example.pl", "bardzo.dlugi.adres.".repeat(12));
    p.address.street = "Aleja Marszałka Józefa Piłsudskiego i Bohaterów Września ".repeat(4);
    p.accessibility_needs = "Potrzebny tłumacz języka migowego oraz pętla indukcyjna. ".repeat(12);
    let bytes = enrolment_form(&context(), Some(&p)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "long-values.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("tłumacz języka migowego"));
    assert!(text.contains("@example.pl"));
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_name_outside_the_polish_alphabet_is_printed_in_full() {
    let mut p = participant();
    p.first_names = "Олена".into();
    p.surname = "Dvořák-Müller".into();
    let bytes = enrolment_form(&context(), Some(&p)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "foreign.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("Олена"), "{text}");
    assert!(text.contains("Dvořák-Müller"), "{text}");
    assert!(text.contains("Źródlana"));
    assert_well_formed(&pdf, DocumentKind::Enrolment.title());
    assert_eq!(bytes, enrolment_form(&context(), Some(&p)).unwrap());
}

#[test]
fn png_logo_strips_opaque_or_transparent_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    for (name, png, size) in [
        (
            "opaque",
            &include_bytes!("fixtures/logo-strip.png")[..],
            "1600   180",
        ),
        (
            "transparent",
            &include_bytes!("fixtures/logo-strip-rgba.png")[..],
            " 400    60",
        ),
    ] {
        let mut ctx = context();
        ctx.organisation.logo_strip = Some(kartoteka_forms::LogoStrip::new(
            png.to_vec(),
            kartoteka_forms::ImageFormat::Png,
        ));
        let pdf = write(
            dir.path(),
            &format!("{name}.pdf"),
            &enrolment_form(&ctx, None).unwrap(),
        );
        let images = poppler("pdfimages", &["-list"], &pdf);
        assert!(images.contains(size), "{name}: {images}");
        // poppler draws the page without complaint (a wrong predictor would be reported).
        let out = std::process::Command::new("pdftoppm")
            .args(["-r", "20", "-png", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{name}: {out:?}"
        );
    }
}

/// The reference form's SHA-256 under the current [`RENDERING_REVISION`]. When this test fails
/// after a deliberate change, bump the revision and put the new hash here.
const REFERENCE: (u32, &str) = (
    4,
    "58f31d0ae860cb378317d29300a36181cf50bfb1660ca81e7b52b3030b385cd3",
);

/// A document printed under revision 3 regenerates with revision 3's bytes: the sections
/// revision 4 added (guardian, eligibility, attachments, "data wpływu") stay out.
#[test]
fn a_revision_3_context_still_makes_the_revision_3_bytes() {
    let ctx = DocumentContext {
        revision: 3,
        ..context()
    };
    let bytes = enrolment_form(&ctx, Some(&participant())).unwrap();
    assert_eq!(
        hex::encode(Sha256::digest(&bytes)),
        "38fbd5e1a80ab4e3e7cbc0262d668525f6ae8d9c5a74a0ce0b4392638b0f3cb6"
    );
}

#[test]
fn the_reference_form_has_the_bytes_its_rendering_revision_names() {
    let bytes = enrolment_form(&context(), Some(&participant())).unwrap();
    let hash = hex::encode(Sha256::digest(&bytes));
    assert_eq!(
        (RENDERING_REVISION, hash.as_str()),
        REFERENCE,
        "the bytes changed: bump RENDERING_REVISION and update REFERENCE"
    );
}
