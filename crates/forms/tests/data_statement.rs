//! The GDPR information clause, filled and blank, in a given template version.

mod common;

use common::*;
use kartoteka_forms::{data_statement, DocumentKind};

#[test]
fn the_data_statement_prints_its_template_and_version() {
    let bytes = data_statement(&context(), &gdpr_template(), Some(&person())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "rodo.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        FULL_NAME,
        PESEL,
        "Wersja treści: v3",
        "Klauzula informacyjna dla uczestników projektów EFS+",
        "Urzędu Ochrony Danych Osobowych (UODO)",
        "w ciągu 4 tygodni",
        "wersja treści v3",
        "Administrator danych osobowych: Gmina Miasto Łódź",
        "Inspektor ochrony danych (IOD): Jan Kowalski, iod@lodz.example.pl.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_well_formed(&pdf, DocumentKind::DataStatement.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_blank_data_statement_keeps_the_text_but_no_person() {
    let bytes = data_statement(&context(), &gdpr_template(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("Wersja treści: v3"));
    assert!(text.contains("administratorem Pani/Pana danych osobowych"));
    assert!(!text.contains(FULL_NAME));
    assert_well_formed(&pdf, DocumentKind::DataStatement.title());
}

#[test]
fn a_long_clause_continues_on_a_second_page() {
    let mut template = gdpr_template();
    template.text = [template.text.as_str(); 6].join("\n\n");
    let bytes = data_statement(&context(), &template, Some(&person())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "long.pdf", &bytes);
    assert!(pages_of(&pdf) >= 2);
    assert_well_formed(&pdf, DocumentKind::DataStatement.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn without_a_named_controller_only_the_clause_is_printed() {
    let mut ctx = context();
    ctx.organisation.controller = None;
    let bytes = data_statement(&ctx, &gdpr_template(), Some(&person())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = text_of(&write(dir.path(), "rodo.pdf", &bytes));
    assert!(!text.contains("Administrator danych osobowych:"), "{text}");
    assert!(!text.contains("Inspektor ochrony danych (IOD)"), "{text}");
    assert!(text.contains("administratorem Pani/Pana danych osobowych"));
}

#[test]
fn an_eu_projects_statement_carries_the_managing_authoritys_clause_with_its_version() {
    let authority = kartoteka_forms::ConsentTemplate {
        title: "Klauzula informacyjna Instytucji Zarządzającej FEŁ2027".into(),
        version: "v2".into(),
        text: "Administratorem danych jest Zarząd Województwa Łódzkiego.\n\nPodstawa: art. 6 ust. 1 lit. c RODO.".into(),
    };
    let doc = kartoteka_forms::lay_out(
        &context(),
        kartoteka_forms::Model::DataStatement(&gdpr_template(), Some(&authority), Some(&person())),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "rodo-iz.pdf", &doc.to_pdf().unwrap());
    let text = text_of(&pdf);
    for expected in [
        "Klauzula informacyjna dla uczestników projektów EFS+",
        "Klauzula informacyjna Instytucji Zarządzającej FEŁ2027",
        "Wersja treści: v2",
        "Zarząd Województwa Łódzkiego",
        "klauzula instytucji zarządzającej v2",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The organisation's clause comes first, the authority's after it, the signature last.
    let org = text.find("Klauzula informacyjna dla uczestników").unwrap();
    let iz = text.find("Zarząd Województwa Łódzkiego").unwrap();
    assert!(org < iz);
    assert_nothing_below_the_margin(&pdf);
}
