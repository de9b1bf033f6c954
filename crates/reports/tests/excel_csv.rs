//! CSV tables for Excel on a real store: BOM, semicolons, dd.mm.yyyy, quoting, Polish letters.

mod common;

use common::{fixture, parse_csv, row_where};
use kartoteka_reports::{export_csv, export_csv_watched, CsvKind, ExportWatch, ReportError};

fn export(f: &common::Fixture, kind: CsvKind, project: Option<&str>) -> (usize, String) {
    let out = f.dir.path().join(format!("{}.csv", kind.as_str()));
    let rows = export_csv(&f.store, kind, project, &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends for Excel");
    (rows, text)
}

#[test]
fn participants_csv_quotes_what_needs_quoting_and_keeps_polish_letters() {
    let f = fixture();
    let (count, text) = export(&f, CsvKind::Participants, None);
    assert_eq!(count, 4, "every participant without --project");
    assert!(
        text.contains("\"duża czcionka; asystent \"\"na miejscu\"\"\r\nużywa wózka\"")
            || text.contains("\"duża czcionka; asystent \"\"na miejscu\"\"\nużywa wózka\""),
        "a field with ; \" and a line break is quoted"
    );
    let rows = parse_csv(&text, ';');
    assert_eq!(rows.len(), 5);
    let lucja = row_where(&rows, "Identyfikator", &f.complete);
    assert_eq!(lucja["Nazwisko"], "Wałęsa");
    assert_eq!(lucja["Data urodzenia"], "08.07.2002");
    assert_eq!(lucja["Miejscowość"], "Łódź");
    assert_eq!(lucja["Ulica"], "Żeromskiego");
    assert_eq!(lucja["Status"], "aktywny");
    assert_eq!(
        lucja["Bezdomność lub wykluczenie z dostępu do mieszkań"],
        "Tak"
    );
    assert_eq!(lucja["Utworzono"], "22.11.2026");
    assert_eq!(
        lucja["Potrzeby dostępności"],
        "duża czcionka; asystent \"na miejscu\"\nużywa wózka"
    );
    let zaneta = row_where(&rows, "Identyfikator", &f.elsewhere);
    assert_eq!(zaneta["Nazwisko"], "Ćwik");

    let (count, text) = export(&f, CsvKind::Participants, Some(&f.other_project));
    assert_eq!(count, 1);
    assert!(text.contains("Żaneta") && !text.contains("Wałęsa"));
}

#[test]
fn enrolments_csv_has_one_row_per_enrolment() {
    let f = fixture();
    let (count, text) = export(&f, CsvKind::Enrolments, Some(&f.project));
    assert_eq!(count, 3);
    let rows = parse_csv(&text, ';');
    let lucja = row_where(&rows, "Identyfikator udziału", &f.complete_enrolment);
    assert_eq!(lucja["Projekt"], "Rodzina w centrum — Łódź");
    assert_eq!(lucja["Imię"], "Łucja");
    assert_eq!(lucja["Data rozpoczęcia udziału"], "02.03.2026");
    assert_eq!(lucja["Data zakończenia udziału"], "30.10.2026");
    assert_eq!(lucja["Zakończenie zgodnie ze ścieżką uczestnictwa"], "Tak");
    assert_eq!(
        lucja["Sytuacja po zakończeniu udziału"],
        "osoba pracująca (także na własny rachunek)"
    );
    let (all, _) = export(&f, CsvKind::Enrolments, None);
    assert_eq!(all, 4);
}

#[test]
fn deliveries_csv_shows_quantities_units_and_attendance_in_polish() {
    let f = fixture();
    let (count, text) = export(&f, CsvKind::Deliveries, Some(&f.project));
    assert_eq!(count, 4);
    let rows = parse_csv(&text, ';');
    let dates: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        dates,
        ["09.03.2026", "16.03.2026", "23.03.2026", "20.04.2026"]
    );
    let second = row_where(&rows, "Identyfikator realizacji", "d-2");
    assert_eq!(second["Ilość"], "1,5");
    assert_eq!(second["Jednostka"], "godzina");
    assert_eq!(second["Obecność"], "obecny");
    assert_eq!(second["Zrealizował(a)"], "Józef Nowak");
    assert_eq!(second["Uwagi"], "pierwsza sesja; \"dobra\" współpraca");
    assert_eq!(second["Nazwisko"], "Wałęsa");
    let missed = row_where(&rows, "Identyfikator realizacji", "d-1");
    assert_eq!(missed["Obecność"], "nieobecny (usprawiedliwiony)");
    let workshop = row_where(&rows, "Identyfikator realizacji", "d-3");
    assert_eq!(workshop["Usługa"], "Warsztaty dla rodziców; grupa \"Żak\"");
    assert_eq!(workshop["Ilość"], "2");
    assert_eq!(workshop["Jednostka"], "sesja");

    let (none, text) = export(&f, CsvKind::Deliveries, Some(&f.other_project));
    assert_eq!(none, 0);
    assert_eq!(parse_csv(&text, ';').len(), 1, "headers only");
}

#[test]
fn an_unknown_project_is_not_found_and_writes_nothing() {
    let f = fixture();
    let out = f.dir.path().join("x.csv");
    let err = export_csv(&f.store, CsvKind::Participants, Some("nie-ma"), &out).unwrap_err();
    assert!(
        matches!(
            err,
            ReportError::Store(kartoteka_store::StoreError::NotFound { .. })
        ),
        "{err:?}"
    );
    assert!(!out.exists());
}

#[test]
fn a_name_that_looks_like_a_formula_is_not_run_by_excel() {
    let mut f = fixture();
    let input: kartoteka_domain::participant::ParticipantInput =
        serde_json::from_value(serde_json::json!({"first_name": "=HYPERLINK(\"http://x\")",
            "last_name": "Nowak", "sex": "male", "birth_date": "1990-01-01"}))
        .unwrap();
    f.store
        .add_participant(
            kartoteka_store::Source::Cli,
            &input,
            kartoteka_store::participants::DuplicateCheck::Refuse,
        )
        .unwrap();
    let (_, text) = export(&f, CsvKind::Participants, None);
    assert!(text.contains("'=HYPERLINK("), "{text}");
}

/// 2,500 more people, written in one bulk transaction (an export long enough to stop midway).
fn with_many_people(f: &mut common::Fixture) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let people = kartoteka_store::bulk::test_people(2500, today);
    f.store
        .write_bulk(kartoteka_store::Source::Cli, &people)
        .unwrap();
}

#[test]
fn progress_counts_every_row_and_the_file_matches_the_table_built_in_memory() {
    let mut f = fixture();
    with_many_people(&mut f);
    let out = f.dir.path().join("uczestnicy.csv");
    let mut seen = Vec::new();
    let watch = ExportWatch {
        progress: &mut |done, total| seen.push((done, total)),
        cancelled: &|| false,
    };
    let rows = export_csv_watched(&f.store, CsvKind::Participants, None, &out, watch).unwrap();
    assert_eq!(rows, 2504);
    assert_eq!(
        seen,
        [(0, 2504), (1000, 2504), (2000, 2504), (2504, 2504)],
        "from 0, every thousand rows, then all"
    );
    let table = kartoteka_reports::excel::build(&f.store, CsvKind::Participants, None).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), table.to_csv());
}

#[test]
fn a_stopped_export_writes_no_file_and_leaves_the_old_one_as_it_was() {
    let mut f = fixture();
    with_many_people(&mut f);
    let out = f.dir.path().join("uczestnicy.csv");
    std::fs::write(&out, b"poprzedni raport").unwrap();
    let asked = std::cell::Cell::new(0);
    let mut last = (0, 0);
    let watch = ExportWatch {
        progress: &mut |done, total| last = (done, total),
        // Stops at the second check (after 2,000 rows).
        cancelled: &|| {
            asked.set(asked.get() + 1);
            asked.get() >= 2
        },
    };
    let err = export_csv_watched(&f.store, CsvKind::Participants, None, &out, watch).unwrap_err();
    assert!(matches!(err, ReportError::Cancelled), "{err:?}");
    assert_eq!(last, (1000, 2504), "stopped before reporting 2,000");
    assert_eq!(std::fs::read(&out).unwrap(), b"poprzedni raport");
    let names: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".kartoteka-raport-"))
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}

#[test]
fn a_project_table_counts_only_the_projects_rows() {
    let mut f = fixture();
    with_many_people(&mut f);
    for kind in [
        CsvKind::Participants,
        CsvKind::Enrolments,
        CsvKind::Deliveries,
    ] {
        let out = f.dir.path().join(format!("p-{}.csv", kind.as_str()));
        let mut first = None;
        let watch = ExportWatch {
            progress: &mut |done, total| {
                first.get_or_insert((done, total));
            },
            cancelled: &|| false,
        };
        let rows = export_csv_watched(&f.store, kind, Some(&f.project), &out, watch).unwrap();
        assert_eq!(
            first,
            Some((0, rows as u64)),
            "{kind:?}: the total is known at the start"
        );
    }
}
