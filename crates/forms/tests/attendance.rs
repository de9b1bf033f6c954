//! The attendance / delivery sheet: a month of one service across pages, and blank.

mod common;

use common::*;
use kartoteka_forms::{attendance_sheet, DocumentKind, FormsError};

#[test]
fn a_month_of_sessions_continues_across_pages_with_the_header_repeated() {
    let bytes = attendance_sheet(&context(), Some(&attendance())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "attendance.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "listopad 2026",
        "Terapia psychologiczna",
        "mgr Bożena Źrebięta",
        FULL_NAME,
        "Józef Ślęzak",
        "01.11.2026",
        "nieobecny",
        "Ilość",
        "(godzina)",
        "podpis specjalisty",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let pages = pages_of(&pdf);
    assert!(pages >= 2);
    let words = words_of(&pdf);
    for page in 1..=pages {
        assert!(
            words.iter().any(|w| w.page == page && w.text == "Lp."),
            "no table header on page {page}"
        );
    }
    // 40 filled rows and 3 blank ones, numbered on.
    assert!(words.iter().any(|w| w.text == "43"));
    assert_well_formed(&pdf, DocumentKind::Attendance.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_blank_sheet_has_empty_numbered_rows() {
    let bytes = attendance_sheet(&context(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank.pdf", &bytes);
    let words = words_of(&pdf);
    assert!(words.iter().any(|w| w.text == "18"));
    assert!(!words.iter().any(|w| w.text == "obecny"));
    assert_well_formed(&pdf, DocumentKind::Attendance.title());
}

#[test]
fn a_month_that_does_not_exist_is_refused() {
    let mut sheet = attendance();
    sheet.month = 13;
    let err = attendance_sheet(&context(), Some(&sheet)).unwrap_err();
    assert!(matches!(err, FormsError::Input(_)));
}

#[test]
fn a_sheet_from_the_delivery_log_lists_every_participant_and_their_deliveries() {
    use kartoteka_forms::{AttendanceDelivery, AttendanceParticipant};
    let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 5, day).unwrap();
    let mut sheet = attendance();
    sheet.rows.clear();
    sheet.blank_rows = 2;
    sheet.participants = vec![
        AttendanceParticipant {
            name: "Józef Ślęzak".into(),
            planned: "8 godz.".into(),
            deliveries: vec![],
            delivered: "0 godz.".into(),
        },
        AttendanceParticipant {
            name: FULL_NAME.into(),
            planned: "10 godz.".into(),
            deliveries: vec![
                AttendanceDelivery {
                    date: d(4),
                    quantity: "1,5".into(),
                    attendance: "obecny".into(),
                    attended: true,
                },
                AttendanceDelivery {
                    date: d(18),
                    quantity: "1".into(),
                    attendance: "nieobecny (usprawiedliwiony)".into(),
                    attended: false,
                },
            ],
            delivered: "1,5 godz.".into(),
        },
    ];
    sheet.month = 5;
    let bytes = attendance_sheet(&context(), Some(&sheet)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "attendance-log.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "maj 2026",
        "Józef Ślęzak",
        FULL_NAME,
        "04.05.2026",
        "18.05.2026",
        "Podpis uczestnika",
        "Podsumowanie miesiąca",
        "10 godz.",
        "1,5 godz.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Attended out of all dates (poppler glues these short centred words together).
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.contains("1z2") && squeezed.contains("0z0"),
        "{text}"
    );
    // Two delivery rows, one row to fill in for Józef, two blank rows.
    let words = words_of(&pdf);
    assert!(words.iter().any(|w| w.text == "5"));
    assert_well_formed(&pdf, DocumentKind::Attendance.title());
    assert_nothing_below_the_margin(&pdf);
}
