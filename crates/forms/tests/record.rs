//! The full record of one person (GDPR access request).

mod common;

use common::*;
use kartoteka_forms::{person_record, DocumentKind};

#[test]
fn the_record_prints_every_block_with_its_values() {
    let bytes = person_record(&context(), &record()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "record.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Pełny zapis danych osoby",
        FULL_NAME,
        PESEL,
        "Źródlana 5/12, 90-001 Łódź",
        "1. Dane osobowe",
        "2. Udział w projektach",
        "3. Zgody",
        "05.11.2026",
        "4. Historia zmian",
        "Agnieszka Wójcik",
        "Wygenerowano 07.11.2026",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // 60 audit rows: every one is printed.
    let words = words_of(&pdf);
    for i in 0..60 {
        let stamp = format!("10:{:02}", i % 60);
        assert!(words.iter().any(|w| w.text == stamp), "{stamp} missing");
    }
    assert!(pages_of(&pdf) >= 2);
    assert_well_formed(&pdf, DocumentKind::Record.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn the_record_keeps_personal_data_out_of_the_pdf_metadata() {
    let bytes = person_record(&context(), &record()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let info = poppler("pdfinfo", &[], &write(dir.path(), "record.pdf", &bytes));
    assert!(!info.contains("Łucja"), "{info}");
    assert!(!info.contains(PESEL), "{info}");
}
