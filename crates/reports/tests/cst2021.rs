//! The CST2021 participant-data report on a real store: every person of the project is in the
//! file, incomplete ones are listed with their missing fields, values are the monitoring
//! system's words and formats.

mod common;

use common::{fixture, parse_csv, row_where};
use kartoteka_reports::{
    check_cst2021, export_cst2021, ColumnMap, FileFormat, Layout, ReportError,
};
use kartoteka_store::StoreError;

#[test]
fn the_check_lists_each_incomplete_person_with_the_missing_fields() {
    let f = fixture();
    let report = check_cst2021(&f.store, &f.project, Layout::Export).unwrap();
    assert_eq!(
        report.table.rows.len(),
        3,
        "one row per person of the project"
    );
    assert_eq!(report.incomplete.len(), 1, "{:?}", report.incomplete);
    let person = &report.incomplete[0];
    assert_eq!(person.participant_id, f.gaps);
    assert_eq!(person.name, "Brzęczyszczykiewicz Grzegorz");
    let fields: Vec<&str> = person.missing.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "education",
            "address.county",
            "labour_status",
            "labour_substatus",
            "disability"
        ]
    );
    let columns: Vec<&str> = person.missing.iter().map(|m| m.column.as_str()).collect();
    assert!(columns.contains(&"Wykształcenie"));
    assert!(columns.contains(&"Powiat"));
    // The header is row 1; people are in surname order: Brzęczyszczykiewicz, Kovalenko, Wałęsa.
    assert_eq!(person.row, 2);
}

#[test]
fn csv_export_has_the_template_headers_and_the_monitoring_values() {
    let f = fixture();
    let out = f.dir.path().join("cst2021.csv");
    let (report, format) = export_cst2021(&f.store, &f.project, Layout::Export, &out).unwrap();
    assert_eq!(format, FileFormat::Csv);
    assert_eq!(report.incomplete.len(), 1);

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes).unwrap();
    let rows = parse_csv(&text, ';');
    assert_eq!(rows[0], ColumnMap::embedded().unwrap().headers());
    assert_eq!(
        rows.len(),
        4,
        "header and three people (incomplete ones too)"
    );
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));

    let lucja = row_where(&rows, "Techniczny identyfikator uczestnika", &f.complete);
    assert_eq!(lucja["Imię"], "Łucja");
    assert_eq!(lucja["Nazwisko"], "Wałęsa");
    assert_eq!(lucja["PESEL/Inny identyfikator"], "02270803624");
    assert_eq!(lucja["brak PESEL"], "Nie");
    assert_eq!(lucja["Płeć"], "Kobieta");
    assert_eq!(lucja["Wiek w chwili przystąpienia do projektu"], "23");
    assert_eq!(
        lucja["Wykształcenie"],
        "Ponadgimnazjalne (ISCED 3) lub policealne (ISCED 4)"
    );
    assert_eq!(lucja["Województwo"], "łódzkie");
    assert_eq!(lucja["Miejscowość"], "Łódź");
    assert_eq!(lucja["Kod pocztowy"], "90-001");
    assert_eq!(lucja["Obszar według stopnia urbanizacji (DEGURBA)"], "1");
    assert_eq!(lucja["Telefon kontaktowy"], "+48 601 234 567");
    assert_eq!(
        lucja["Status osoby na rynku pracy w chwili przystąpienia do projektu"], "Osoba bezrobotna",
        "the status on joining wins over the current one, in the system's dictionary"
    );
    assert_eq!(lucja["w tym"], "Inne");
    assert_eq!(lucja["Data rozpoczęcia udziału w projekcie"], "02.03.2026");
    assert_eq!(lucja["Data zakończenia udziału w projekcie"], "30.10.2026");
    assert_eq!(
        lucja["Data rozpoczęcia udziału we wsparciu"], "16.03.2026|20.04.2026",
        "the first day present at each service, not the missed one"
    );
    assert_eq!(
        lucja["Rodzaj przyznanego wsparcia"],
        "Terapia psychologiczna|Warsztaty dla rodziców; grupa \"Żak\""
    );
    assert_eq!(lucja["Zakres wsparcia"], "terapia|rodzina");
    assert_eq!(
        lucja["Sytuacja osoby w momencie zakończenia udziału w projekcie"],
        "Osoba pracująca, łącznie z prowadzącymi działalność na własny rachunek, po opuszczeniu programu"
    );
    assert_eq!(
        lucja["Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa"],
        "Tak"
    );
    assert_eq!(lucja["Osoba z niepełnosprawnościami"], "Nie");
    assert_eq!(
        lucja["Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"],
        "Tak"
    );
    assert_eq!(
        lucja["Użytkownik, który dodał uczestnika"],
        "Anna Pracownik"
    );

    let olena = row_where(&rows, "Techniczny identyfikator uczestnika", &f.refused);
    assert_eq!(olena["PESEL/Inny identyfikator"], "karta pobytu RP123");
    assert_eq!(olena["brak PESEL"], "Tak");
    assert_eq!(
        olena["Kraj"], "Polska",
        "a Polish voivodeship implies the country"
    );
    assert_eq!(
        olena["Obywatelstwo"],
        "Brak polskiego obywatelstwa lub UE – obywatel kraju spoza UE/ bezpaństwowiec"
    );
    assert_eq!(
        olena["Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)"],
        "Odmowa podania informacji"
    );
    assert_eq!(olena["Obywatel państwa trzeciego"], "Tak");
    assert_eq!(olena["Wiek w chwili przystąpienia do projektu"], "41");
    assert_eq!(
        olena["Data rozpoczęcia udziału we wsparciu"], "04.05.2026",
        "without deliveries: the start of participation"
    );
    assert_eq!(olena["Data zakończenia udziału w projekcie"], "");

    let grzegorz = row_where(&rows, "Techniczny identyfikator uczestnika", &f.gaps);
    assert_eq!(grzegorz["Nazwisko"], "Brzęczyszczykiewicz");
    assert_eq!(grzegorz["Miejscowość"], "Chrząszczyrzewoszyce");
    assert_eq!(grzegorz["Wykształcenie"], "");

    assert!(
        !text.contains("Ćwik"),
        "people of another project are not in the file"
    );
}

#[test]
fn the_xlsx_is_a_zip_workbook_and_leaves_no_temporary_file() {
    let f = fixture();
    let out = f.dir.path().join("raport").with_extension("xlsx");
    let (report, format) = export_cst2021(&f.store, &f.project, Layout::Export, &out).unwrap();
    assert_eq!(format, FileFormat::Xlsx);
    assert_eq!(report.table.rows.len(), 3);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX is a zip file");
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unknown_project_is_not_found_and_the_old_file_stays() {
    let f = fixture();
    let out = f.dir.path().join("cst2021.csv");
    std::fs::write(&out, "poprzedni raport").unwrap();
    let err = export_cst2021(
        &f.store,
        "0190aaaa-0000-7000-8000-000000000000",
        Layout::Export,
        &out,
    )
    .unwrap_err();
    assert!(
        matches!(err, ReportError::Store(StoreError::NotFound { .. })),
        "{err:?}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "poprzedni raport");
}

#[test]
fn a_wrong_extension_or_a_missing_folder_is_refused_before_any_work() {
    let f = fixture();
    let err = export_cst2021(
        &f.store,
        &f.project,
        Layout::Export,
        &f.dir.path().join("r.ods"),
    )
    .unwrap_err();
    assert!(
        matches!(err, ReportError::Invalid { field: "out", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains(".xlsx"));
    let missing = f.dir.path().join("nie-ma-takiego").join("r.csv");
    let err = export_cst2021(&f.store, &f.project, Layout::Export, &missing).unwrap_err();
    assert!(
        matches!(err, ReportError::Invalid { field: "out", .. }),
        "{err:?}"
    );
    assert!(!missing.exists());
}

#[test]
fn an_empty_project_gives_a_file_with_headers_only() {
    let mut f = fixture();
    let input: kartoteka_domain::project::ProjectInput = serde_json::from_value(
        serde_json::json!({"name": "Pusty", "start_date": "2026-01-01", "end_date": "2026-12-31"}),
    )
    .unwrap();
    let empty = f
        .store
        .add_project(kartoteka_store::Source::Cli, &input)
        .unwrap()
        .to_string();
    let out = f.dir.path().join("pusty.csv");
    let (report, _) = export_cst2021(&f.store, &empty, Layout::Export, &out).unwrap();
    assert!(report.table.rows.is_empty() && report.incomplete.is_empty());
    let rows = parse_csv(&std::fs::read_to_string(&out).unwrap(), ';');
    assert_eq!(rows.len(), 1);
}

#[test]
fn an_email_with_polish_letters_is_named_as_a_value_sm_efs_refuses() {
    let mut f = fixture();
    f.store
        .update_participant(
            kartoteka_store::Source::Cli,
            &f.complete,
            &serde_json::json!({"email": "łucja.wałęsa@poczta.pl"}),
            kartoteka_store::participants::DuplicateCheck::Refuse,
        )
        .unwrap();
    let report = check_cst2021(&f.store, &f.project, Layout::Export).unwrap();
    let person = report
        .incomplete
        .iter()
        .find(|p| p.participant_id == f.complete)
        .expect("the e-mail makes her row one to correct");
    assert_eq!(person.missing.len(), 1, "{:?}", person.missing);
    assert_eq!(person.missing[0].field, "email");
    assert!(person.missing[0]
        .problem
        .as_deref()
        .unwrap()
        .contains("polskie litery"));
    // Missing values carry no problem text.
    let gaps = report
        .incomplete
        .iter()
        .find(|p| p.participant_id == f.gaps)
        .unwrap();
    assert!(gaps.missing.iter().all(|m| m.problem.is_none()));
}

#[test]
fn a_w_tym_that_does_not_fit_the_status_on_joining_is_named() {
    let mut f = fixture();
    // Łucja joined as unemployed; "not in education" is the inactive's "w tym".
    f.store
        .update_participant(
            kartoteka_store::Source::Cli,
            &f.complete,
            &serde_json::json!({"labour_substatus": "not_in_education"}),
            kartoteka_store::participants::DuplicateCheck::Refuse,
        )
        .unwrap();
    let report = check_cst2021(&f.store, &f.project, Layout::Export).unwrap();
    let lucja = report
        .incomplete
        .iter()
        .find(|p| p.participant_id == f.complete)
        .expect("listed");
    assert_eq!(lucja.missing.len(), 1, "{:?}", lucja.missing);
    assert_eq!(lucja.missing[0].field, "labour_substatus");
    let problem = lucja.missing[0].problem.as_deref().unwrap();
    assert!(
        problem.contains("nie pasuje") && problem.contains("Osoba bezrobotna"),
        "{problem}"
    );
}

#[test]
fn the_w_tym_recorded_on_joining_is_written_beside_the_status_on_joining() {
    let mut f = fixture();
    let person = common::participant(
        &mut f.store,
        serde_json::json!({"first_name": "Zofia", "last_name": "Źrebięta", "sex": "female",
            "birth_date": "1975-01-01", "labour_status": "inactive", "labour_substatus": "in_education"}),
    );
    common::enrol(
        &mut f.store,
        &person,
        &f.project,
        serde_json::json!({"start_date": "2026-04-01", "status_at_start": "registered_unemployed",
            "substatus_at_start": "long_term_unemployed"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cst.csv");
    let (report, _) = export_cst2021(&f.store, &f.project, Layout::Export, &out).unwrap();
    let rows = parse_csv(&std::fs::read_to_string(&out).unwrap(), ';');
    let zofia = row_where(&rows, "Techniczny identyfikator uczestnika", &person);
    assert_eq!(
        zofia["Status osoby na rynku pracy w chwili przystąpienia do projektu"],
        "Osoba bezrobotna"
    );
    assert_eq!(zofia["w tym"], "Osoba długotrwale bezrobotna");
    // The pair fits: no complaint about her "w tym" (her own today is another status's).
    let listed = report
        .incomplete
        .iter()
        .find(|p| p.participant_id == person);
    assert!(
        listed.is_none_or(|p| p.missing.iter().all(|m| m.field != "labour_substatus")),
        "{listed:?}"
    );
}
