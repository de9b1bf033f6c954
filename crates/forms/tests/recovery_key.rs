//! The recovery key sheet.

mod common;

use common::*;
use kartoteka_forms::{recovery_key_sheet, DocumentKind};

#[test]
fn the_recovery_key_sheet_prints_the_key_the_folder_and_the_date() {
    let bytes = recovery_key_sheet(&context(), &recovery_key()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "key.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Klucz odzyskiwania Kartoteki",
        "K7QMX-2XPAB-94FDH-Z3RWN",
        "8CT6L-BYE5J-VAUSM-QRSTU",
        "07.11.2026",
        "C:\\Users\\Biuro\\AppData\\Roaming\\pl.kartoteka\\dane",
        "sejfie",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_well_formed(&pdf, DocumentKind::RecoveryKey.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_key_without_separators_is_broken_over_lines_not_cut() {
    let mut sheet = recovery_key();
    sheet.key = "0123456789ABCDEF".repeat(4);
    let bytes = recovery_key_sheet(&context(), &sheet).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = text_of(&write(dir.path(), "key.pdf", &bytes));
    // Every character is printed, in order (the extracted lines join parts with "-").
    let printed: String = text.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    assert!(printed.contains(&"0123456789ABCDEF".repeat(4)), "{text}");
    assert_nothing_below_the_margin(&write(dir.path(), "key.pdf", &bytes));
}
