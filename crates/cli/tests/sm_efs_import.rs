//! The SM EFS import file and the exit statement from the command line: `report cst2021
//! --layout import` writes the 43 columns of the import file with ISO dates and the system's
//! dictionary words; `enrolment update` corrects the data of joining (the planned end of
//! education of a person in education); `enrolment exit-statement` records the situation
//! within 4 weeks of leaving from a closed list, and `form exit-statement` prints it.

mod common;

use common::office::*;
use common::*;
use std::collections::HashMap;

const IMPORT_HEADERS: [&str; 43] = [
    "Numer projektu",
    "Obywatelstwo",
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Imię",
    "Nazwisko",
    "PESEL/Inny identyfikator",
    "brak PESEL",
    "Techniczny identyfikator",
    "Płeć",
    "Wiek",
    "Wykształcenie",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Kod pocztowy",
    "DEGURBA",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Status osoby na rynku pracy",
    "w tym",
    "Planowana data zakończenia edukacji",
    "Sytuacja po zakończeniu",
    "Zakończenie zgodne ze ścieżką",
    "Zakres wsparcia",
    "Rodzaj przyznanego wsparcia",
    "w tym ",
    "Data rozpoczęcia udziału we wsparciu",
    "Data założenia DG",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Mniejszość",
    "Bezdomność",
    "Niepełnosprawność",
    "Data dodania",
    "Użytkownik dodający",
    "Data modyfikacji",
    "Użytkownik modyfikujący",
    "Uwagi",
];

/// The header and the rows of a semicolon CSV written by `report cst2021`.
fn csv_rows(file: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.starts_with('\u{FEFF}'), "UTF-8 with BOM");
    let mut lines = text
        .trim_start_matches('\u{FEFF}')
        .trim_end()
        .split("\r\n")
        .map(|l| {
            l.split(';')
                .map(|c| c.trim_matches('"').to_owned())
                .collect::<Vec<_>>()
        });
    let header = lines.next().unwrap();
    (header, lines.collect())
}

fn import_row(o: &Office, pesel: &str) -> HashMap<String, String> {
    let file = o.dir.path().join("import.csv");
    let _ = std::fs::remove_file(&file);
    let summary = ok(
        o.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &o.project,
            "--layout",
            "import",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(summary["layout"], "import");
    let (header, rows) = csv_rows(&file);
    assert_eq!(header, IMPORT_HEADERS);
    let row = rows
        .iter()
        .find(|r| r[6] == pesel)
        .expect("the person's row");
    header.into_iter().zip(row.iter().cloned()).collect()
}

#[test]
fn the_import_file_has_its_43_columns_iso_dates_and_the_exit_statement() {
    let o = office();
    let dir = o.dir.path();
    signed_plan(&o, &o.person, true);
    // What SM EFS wants of the person, in the office's words.
    ok(
        dir,
        &["participant", "update", &o.person, "--json", "-"],
        Some(
            r#"{"first_name": "Łucja", "last_name": "Żółkiewska-Wałęsa", "pesel": "02270803624",
                "citizenship": "polskie", "education": "isced3", "labour_status": "inactive",
                "labour_substatus": "in_education",
                "address": {"street": "Źródlana", "building": "5", "flat": "12", "postcode": "90-001",
                            "town": "Łódź", "commune": "Łódź", "county": "Łódź", "voivodeship": "łódzkie", "degurba": 1},
                "disability": "no", "foreign_origin": "no", "third_country_national": "no",
                "minority": "refused", "homeless": "no"}"#,
        ),
    );
    let enrolment = id_of(
        &ok(
            dir,
            &["enrolment", "list", "--participant", &o.person],
            None,
        )[0],
    );

    // A person in education needs the planned end of education: refused without it.
    let err = fail(
        dir,
        &["enrolment", "update", &enrolment, "--json", "-"],
        Some(
            r#"{"start_date": "2026-02-01", "status_at_start": "inactive", "substatus_at_start": "in_education"}"#,
        ),
        2,
    );
    assert!(err.contains("education_end"), "{err}");
    let updated = ok(
        dir,
        &["enrolment", "update", &enrolment, "--json", "-"],
        Some(
            r#"{"start_date": "2026-02-01", "status_at_start": "inactive", "substatus_at_start": "in_education", "education_end": "26.06.2027"}"#,
        ),
    );
    assert_eq!(updated["education_end"], "2027-06-26");

    let row = import_row(&o, "02270803624");
    assert_eq!(row["Numer projektu"], "FELD.07.05-IZ.00-0001/26");
    assert_eq!(row["Rodzaj uczestnika"], "Indywidualny");
    assert_eq!(row["Obywatelstwo"], "Obywatelstwo polskie");
    assert_eq!(row["Nazwa instytucji"], "");
    assert_eq!(row["Techniczny identyfikator"], "");
    assert_eq!(row["Płeć"], "Kobieta");
    assert_eq!(
        row["Wykształcenie"],
        "Ponadgimnazjalne (ISCED 3) lub policealne (ISCED 4)"
    );
    assert_eq!(row["Status osoby na rynku pracy"], "Osoba bierna zawodowo");
    assert_eq!(row["w tym"], "Osoba ucząca się lub kształcąca się");
    assert_eq!(row["Planowana data zakończenia edukacji"], "2027-06-26");
    assert_eq!(row["Data rozpoczęcia udziału w projekcie"], "2026-02-01");
    assert_eq!(row["Data rozpoczęcia udziału we wsparciu"], "2026-05-04");
    assert_eq!(row["Zakres wsparcia"], "Aktywizacja społeczna");
    assert_eq!(row["Mniejszość"], "Odmowa podania informacji");
    assert_eq!(row["Sytuacja po zakończeniu"], "");

    // Ending: the situation comes from the closed list (words of old are refused, exit 2).
    let err = fail(
        dir,
        &["enrolment", "end", &enrolment, "--json", "-"],
        Some(
            r#"{"end_date": "2026-11-30", "completed_as_planned": true, "exit_situation": "podjęła pracę"}"#,
        ),
        2,
    );
    assert!(err.contains("exit_situation"), "{err}");
    ok(
        dir,
        &["enrolment", "end", &enrolment, "--json", "-"],
        Some(r#"{"end_date": "2026-11-30", "completed_as_planned": true}"#),
    );
    // Ended without a situation: the check names the missing column.
    let check = ok(
        dir,
        &[
            "report",
            "cst2021",
            "--project",
            &o.project,
            "--layout",
            "import",
            "--check",
        ],
        None,
    );
    let lucja = check["incomplete"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_id"] == o.person.as_str())
        .expect("listed as incomplete");
    let missing: Vec<&str> = lucja["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["column"].as_str().unwrap())
        .collect();
    assert!(missing.contains(&"Sytuacja po zakończeniu"), "{missing:?}");

    // The exit statement: within 4 weeks of the end, from the closed list.
    let err = fail(
        dir,
        &["enrolment", "exit-statement", &enrolment, "--json", "-"],
        Some(r#"{"exit_situation": "employed", "statement_date": "2027-01-05"}"#),
        2,
    );
    assert!(
        err.contains("statement_date") && err.contains("28.12.2026"),
        "{err}"
    );
    let recorded = ok(
        dir,
        &["enrolment", "exit-statement", &enrolment, "--json", "-"],
        Some(
            r#"{"exit_situation": "Osoba pracująca (także na własny rachunek)", "statement_date": "2026-12-14"}"#,
        ),
    );
    assert_eq!(recorded["end"]["exit_situation"], "employed");
    assert_eq!(recorded["end"]["exit_statement_date"], "2026-12-14");

    let row = import_row(&o, "02270803624");
    assert_eq!(row["Data zakończenia udziału w projekcie"], "2026-11-30");
    assert_eq!(
        row["Sytuacja po zakończeniu"],
        "Osoba pracująca, łącznie z prowadzącymi działalność na własny rachunek, po opuszczeniu programu"
    );
    assert_eq!(row["Zakończenie zgodne ze ścieżką"], "Tak");

    // The default layout keeps the export's headers and Polish dates.
    let export = dir.join("export.csv");
    ok(
        dir,
        &[
            "report",
            "cst2021",
            "--project",
            &o.project,
            "--out",
            export.to_str().unwrap(),
        ],
        None,
    );
    let (header, rows) = csv_rows(&export);
    assert_eq!(header[0], "Imię");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mine = rows
        .iter()
        .find(|r| r[col("PESEL/Inny identyfikator")] == "02270803624")
        .unwrap();
    assert_eq!(
        mine[col("Data zakończenia udziału w projekcie")],
        "30.11.2026"
    );
    assert_eq!(
        mine[col("Sytuacja osoby w momencie zakończenia udziału w projekcie")],
        "Osoba pracująca, łącznie z prowadzącymi działalność na własny rachunek, po opuszczeniu programu"
    );

    // The statement on paper: the person, the dates, the situations to tick, the office's box.
    let pdf = dir.join("oswiadczenie.pdf");
    ok(
        dir,
        &[
            "form",
            "exit-statement",
            "--participant",
            &o.person,
            "--project",
            &o.project,
            "--out",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&pdf);
    for expected in [
        "Oświadczenie uczestnika o sytuacji po zakończeniu udziału w projekcie",
        "Łucja Żółkiewska-Wałęsa",
        "30.11.2026",
        "w ciągu 4 tygodni od zakończenia udziału",
        "poszukuję pracy",
        "Data wpływu",
        "Podpis osoby przyjmującej",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    // An unknown layout is refused before anything is written (exit 2).
    let out = run(
        dir,
        &[
            "report",
            "cst2021",
            "--project",
            &o.project,
            "--layout",
            "sowa",
            "--check",
        ],
        None,
    );
    assert_eq!(code(&out), 2);
}
