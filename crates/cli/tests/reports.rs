//! `kartoteka report …` as a user runs it: the real binary, a fresh data folder, JSON summary
//! on stdout, Polish messages on stderr, the documented exit codes.

mod common;

use common::*;
use serde_json::{json, Value};

struct Setup {
    dir: tempfile::TempDir,
    project: String,
    complete: String,
    incomplete: String,
}

/// A store with a project and two people in it: one with every required field, one without
/// education, county and the sensitive answers.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = ok(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Aktywna Łódź", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let complete = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624",
                "citizenship": "polskie", "education": "isced5_8",
                "labour_status": "inactive", "labour_substatus": "not_in_education",
                "address": {"voivodeship": "łódzkie", "county": "Łódź", "commune": "Łódź",
                  "town": "Łódź", "postcode": "90-001", "degurba": 1},
                "disability": "nie", "foreign_origin": "nie", "third_country_national": "nie",
                "minority": "odmowa", "homeless": "nie"}"#,
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let incomplete = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Grzegorz", "last_name": "Brzęczyszczykiewicz", "sex": "male",
                "birth_date": "1990-06-15", "address": {"town": "Chrząszczyrzewoszyce"}}"#,
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (person, status) in [(&complete, "inactive"), (&incomplete, "employed")] {
        let body = json!({"start_date": "2026-03-02", "status_at_start": status}).to_string();
        ok(
            dir.path(),
            &[
                "enrolment",
                "add",
                "--participant",
                person,
                "--project",
                &project,
                "--json",
                "-",
            ],
            Some(&body),
        );
    }
    Setup {
        dir,
        project,
        complete,
        incomplete,
    }
}

#[test]
fn check_lists_who_is_incomplete_and_why_without_writing_anything() {
    let s = setup();
    let before: Vec<_> = std::fs::read_dir(s.dir.path()).unwrap().collect();
    let check = ok(
        s.dir.path(),
        &["report", "cst2021", "--project", &s.project, "--check"],
        None,
    );
    assert_eq!(check["project_id"], json!(s.project));
    assert_eq!(check["project_name"], json!("Aktywna Łódź"));
    assert_eq!(check["rows"], json!(2));
    assert_eq!(check["complete"], json!(1));
    let incomplete = check["incomplete"].as_array().unwrap();
    assert_eq!(incomplete.len(), 1);
    assert_eq!(incomplete[0]["participant_id"], json!(s.incomplete));
    assert_eq!(incomplete[0]["name"], json!("Brzęczyszczykiewicz Grzegorz"));
    let fields: Vec<&str> = incomplete[0]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    for f in [
        "pesel",
        "education",
        "citizenship",
        "address.county",
        "disability",
        "homeless",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert!(!fields.contains(&"labour_status"), "given on enrolment");
    assert!(incomplete[0]["missing"][0]["column"].is_string());
    let after: Vec<_> = std::fs::read_dir(s.dir.path()).unwrap().collect();
    assert_eq!(before.len(), after.len(), "a check writes no file");
}

#[test]
fn export_writes_every_person_and_warns_about_the_incomplete_ones() {
    let s = setup();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("sm-efs.csv");
    let out = run(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &s.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["report"], json!("cst2021"));
    assert_eq!(summary["format"], json!("csv"));
    assert_eq!(summary["rows"], json!(2));
    assert_eq!(summary["file"], json!(file.to_str().unwrap()));
    assert_eq!(
        summary["incomplete"][0]["participant_id"],
        json!(s.incomplete)
    );
    let warning = stderr(&out);
    assert!(warning.contains("Uwaga: 1 z 2 osób"), "{warning}");
    assert!(
        !warning.contains("Brzęczyszczykiewicz"),
        "no names on stderr"
    );

    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header and both people");
    // The header of a real SM EFS participant export (2021–2027), column by column.
    let header: Vec<&str> = lines[0]
        .trim_start_matches('\u{FEFF}')
        .split(';')
        .map(|h| h.trim_matches('"'))
        .collect();
    assert_eq!(header, SM_EFS_HEADER);
    assert!(text.contains("Łucja;Wałęsa;02270803624;Nie;"));
    assert!(text.contains("Grzegorz;Brzęczyszczykiewicz;;Tak;"));
    assert!(text.contains(";02.03.2026;"));
    assert!(text.contains("Odmowa podania informacji"));
    assert!(text.contains(&s.complete));
}

#[test]
fn export_to_xlsx_by_the_extension() {
    let s = setup();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("SM-EFS.XLSX");
    let summary = ok(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &s.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(summary["format"], json!("xlsx"));
    assert_eq!(summary["rows"], json!(2));
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK\x03\x04"));
    let names: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["SM-EFS.XLSX"], "no temporary file left behind");
}

#[test]
fn csv_tables_for_excel() {
    let s = setup();
    let out_dir = tempfile::tempdir().unwrap();
    for (kind, rows) in [("participants", 2), ("enrolments", 2), ("deliveries", 0)] {
        let file = out_dir.path().join(format!("{kind}.csv"));
        let summary = ok(
            s.dir.path(),
            &[
                "report",
                "csv",
                kind,
                "--project",
                &s.project,
                "--out",
                file.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(summary["report"], json!(kind));
        assert_eq!(summary["format"], json!("csv"));
        assert_eq!(summary["rows"], json!(rows), "{kind}");
        assert_eq!(summary["incomplete"], json!([]));
        let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
        assert!(text.starts_with('\u{FEFF}'), "{kind}: BOM");
        assert_eq!(text.matches("\r\n").count(), rows + 1, "{kind}");
    }
    let people = std::fs::read_to_string(out_dir.path().join("participants.csv")).unwrap();
    assert!(people.contains("Wałęsa;Łucja;02270803624;"));
    assert!(people.contains("Chrząszczyrzewoszyce"));
    let enrolments = std::fs::read_to_string(out_dir.path().join("enrolments.csv")).unwrap();
    assert!(enrolments.contains(";Aktywna Łódź;"));
    assert!(enrolments.contains(";osoba bierna zawodowo;02.03.2026;"));

    // Without --project: every participant.
    let file = out_dir.path().join("wszyscy.csv");
    let summary = ok(
        s.dir.path(),
        &[
            "report",
            "csv",
            "participants",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(summary["rows"], json!(2));

    // Each file of personal data that left the registry is in the audit log: which report,
    // how many rows, which project — never a value or the file's path.
    let events = ok(
        s.dir.path(),
        &["audit", "list", "--record", "participants"],
        None,
    );
    let exports: Vec<&serde_json::Value> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == json!("report") && e["action"] == json!("report_export"))
        .collect();
    assert_eq!(exports.len(), 2, "{events}");
    let fields = exports[0]["fields"].to_string();
    assert!(
        fields.contains("rows 2") && fields.contains("format csv"),
        "{fields}"
    );
    assert!(
        !fields.contains("wszyscy") && !fields.contains("Wałęsa"),
        "{fields}"
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let s = setup();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("r.csv");
    let path = file.to_str().unwrap();

    // 3: unknown project — nothing written.
    let out = run(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            "0190aaaa-0000-7000-8000-000000000000",
            "--out",
            path,
        ],
        None,
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).starts_with("Błąd:"));
    assert!(!file.exists());
    let out = run(
        s.dir.path(),
        &[
            "report",
            "csv",
            "deliveries",
            "--project",
            "nie-ma",
            "--out",
            path,
        ],
        None,
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(!file.exists());

    // 2: a format the report cannot write, a missing folder, an unknown table, --check with --out.
    let ods = out_dir.path().join("r.ods");
    let out = run(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &s.project,
            "--out",
            ods.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains(".xlsx"), "{}", stderr(&out));
    let nowhere = out_dir.path().join("nie-ma").join("r.csv");
    let out = run(
        s.dir.path(),
        &[
            "report",
            "csv",
            "participants",
            "--out",
            nowhere.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("nie istnieje"), "{}", stderr(&out));
    let out = run(
        s.dir.path(),
        &["report", "csv", "plans", "--out", path],
        None,
    );
    assert_eq!(code(&out), 2);
    let out = run(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &s.project,
            "--check",
            "--out",
            path,
        ],
        None,
    );
    assert_eq!(code(&out), 2);

    // 5: wrong password.
    let out = run_env(
        s.dir.path(),
        &["report", "cst2021", "--project", &s.project, "--out", path],
        None,
        &[("KARTOTEKA_PASSWORD", "zle-haslo-123")],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(!file.exists());
}

#[test]
fn a_bad_file_name_is_refused_before_the_password_is_needed() {
    // No store at all: the request itself is wrong, so that is what the user hears first.
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["report", "cst2021", "--project", "x", "--out", "raport.pdf"],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn compare_with_an_sm_efs_export_lists_who_and_what_differs() {
    let s = setup();
    let files = tempfile::tempdir().unwrap();
    let theirs = files.path().join("eksport-sm-efs.csv");
    // As the system exports it: its own column order, ISO dates, its technical ids, a person
    // it has and we do not, and a county written the TERYT way.
    std::fs::write(
        &theirs,
        "\u{FEFF}Techniczny identyfikator uczestnika;Imię;Nazwisko;PESEL/Inny identyfikator;Płeć;Wykształcenie;Powiat;Data rozpoczęcia udziału w projekcie\r\n\
         9001;Łucja;Wałęsa;02270803624;Kobieta;Wyższe (ISCED 5–8);łódzki;2026-03-02\r\n\
         9002;Adam;Tylko-Tam;70010112345;Mężczyzna;Wyższe (ISCED 5–8);łódzki;2026-03-02\r\n",
    )
    .unwrap();
    let args = |file: &std::path::Path| {
        vec![
            "report".to_owned(),
            "cst2021".into(),
            "--project".into(),
            s.project.clone(),
            "--compare".into(),
            file.to_str().unwrap().to_owned(),
        ]
    };
    let argv = args(&theirs);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(s.dir.path(), &argv, None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["project_id"], json!(s.project));
    assert_eq!(c["same"], json!(0));
    assert_eq!(c["different"].as_array().unwrap().len(), 1);
    let lucja = &c["different"][0];
    assert_eq!(lucja["key"], json!("02270803624"));
    assert_eq!(lucja["name"], json!("Wałęsa Łucja"));
    assert_eq!(
        lucja["differences"],
        json!([{"column": "Powiat", "here": "Łódź", "there": "łódzki"}]),
        "the same sex, education and start date in other forms are not differences"
    );
    assert_eq!(
        c["only_here"][0]["name"],
        json!("Brzęczyszczykiewicz Grzegorz")
    );
    assert_eq!(
        c["only_there"],
        json!([{"key": "70010112345", "name": "Tylko-Tam Adam", "row": 3}])
    );
    assert!(!c["columns"]
        .as_array()
        .unwrap()
        .contains(&json!("Techniczny identyfikator uczestnika")));
    assert!(stderr(&out).contains("tylko w SM EFS: 1"));
    assert!(!stderr(&out).contains("Wałęsa"), "no names on stderr");

    // Our own XLSX read back as if the system had exported it: nothing differs.
    let xlsx = files.path().join("nasz.xlsx");
    ok(
        s.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &s.project,
            "--out",
            xlsx.to_str().unwrap(),
        ],
        None,
    );
    let argv = args(&xlsx);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let c = ok(s.dir.path(), &argv, None);
    assert_eq!(c["same"], json!(1), "{c}");
    assert_eq!(c["different"], json!([]));
    assert_eq!(c["only_there"], json!([]));

    // A missing file is not found (3), another kind of file is bad input (2), before any password.
    let missing = files.path().join("brak.csv");
    let argv = args(&missing);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    fail(s.dir.path(), &argv, None, 3);
    let pdf = files.path().join("eksport.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    let argv = args(&pdf);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    fail(s.dir.path(), &argv, None, 2);
}

/// The columns of a participant export from SM EFS, exactly as the system writes them.
const SM_EFS_HEADER: [&str; 33] = [
    "Imię",
    "Nazwisko",
    "PESEL/Inny identyfikator",
    "brak PESEL",
    "Techniczny identyfikator uczestnika",
    "Płeć",
    "Wiek w chwili przystąpienia do projektu",
    "Wykształcenie",
    "Obywatelstwo",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Kod pocztowy",
    "Obszar według stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Status osoby na rynku pracy w chwili przystąpienia do projektu",
    "w tym",
    "Zakres wsparcia",
    "Rodzaj przyznanego wsparcia",
    "Data rozpoczęcia udziału we wsparciu",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Sytuacja osoby w momencie zakończenia udziału w projekcie",
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
    "Osoba z niepełnosprawnościami",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
    "Użytkownik, który dodał uczestnika",
];
