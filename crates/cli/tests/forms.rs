//! Documents printed from the command line, read back with pdftotext and pdffonts.

mod common;

use common::office::*;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn every_document_gives_back_the_name_pesel_and_address_in_polish_letters() {
    let o = office();
    for kind in [
        "enrolment",
        "declaration",
        "data-statement",
        "image-consent",
        "record",
    ] {
        let file = o.dir.path().join(format!("{kind}.pdf"));
        ok(
            o.dir.path(),
            &[
                "form",
                kind,
                "--participant",
                &o.person,
                "--out",
                file.to_str().unwrap(),
            ],
            None,
        );
        let text = pdftotext(&file);
        assert!(
            text.contains("Łucja") && text.contains("Żółkiewska-Wałęsa"),
            "{kind}: name missing"
        );
        assert!(
            text.contains("Razem łatwiej"),
            "{kind}: project header missing"
        );
        assert!(
            text.contains("Miejski Ośrodek Pomocy Społecznej w Łodzi"),
            "{kind}: organisation missing"
        );
        if kind == "enrolment" || kind == "record" {
            assert!(
                text.contains("Źródlana") && text.contains("Łódź") && text.contains("90-001"),
                "{kind}: address missing"
            );
        }
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(digits.contains("02270803624"), "{kind}: PESEL missing");
        let fonts = Command::new("pdffonts").arg(&file).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        assert!(
            fonts.contains("+LiberationSans") && fonts.contains("yes yes yes"),
            "{kind}: fonts not embedded subsets:\n{fonts}"
        );
    }
    let size = std::fs::metadata(o.dir.path().join("enrolment.pdf"))
        .unwrap()
        .len();
    assert!(size < 80_000, "a filled enrolment form is {size} bytes");
}

#[test]
fn blank_forms_and_the_attendance_sheet_print_without_a_person() {
    let o = office();
    for kind in [
        "enrolment",
        "declaration",
        "data-statement",
        "image-consent",
    ] {
        let file = o.dir.path().join(format!("blank-{kind}.pdf"));
        ok(
            o.dir.path(),
            &["form", kind, "--blank", "--out", file.to_str().unwrap()],
            None,
        );
        let text = pdftotext(&file);
        assert!(
            !text.contains("Łucja"),
            "{kind}: a blank form holds nobody's data"
        );
        assert!(
            text.contains("czytelny podpis"),
            "{kind}: no signature line"
        );
    }
    let file = o.dir.path().join("lista.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "attendance",
            "--project",
            &o.project,
            "--service",
            "terapia psychologiczna",
            "--month",
            "2026-11",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&file);
    assert!(
        text.contains("terapia psychologiczna") && text.contains("listopad 2026"),
        "{text}"
    );
    let (code, _, _) = run_parts(
        o.dir.path(),
        &["form", "record", "--blank", "--out", "x.pdf"],
        None,
    );
    assert_eq!(code, 2, "a full record needs a person");
}

#[test]
fn a_printed_document_is_recorded_and_regenerated_identically() {
    let o = office();
    // An EU project: its programme is named at the foot of every page.
    ok(
        o.dir.path(),
        &["project", "update", &o.project, "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26",
                 "start_date": "2026-01-01", "end_date": "2027-12-31",
                 "programme": "Fundusze Europejskie dla Łódzkiego 2021–2027", "eu_funds": "850 000,00"}"#,
        ),
    );
    let file = o.dir.path().join("a.pdf");
    let printed = ok(
        o.dir.path(),
        &[
            "form",
            "data-statement",
            "--participant",
            &o.person,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let doc = &printed["document"];
    assert_eq!(doc["kind"], "data-statement");
    assert!(
        doc["template_version_id"].is_string(),
        "the text version is recorded"
    );
    let again = o.dir.path().join("b.pdf");
    let regenerated = ok(
        o.dir.path(),
        &[
            "form",
            "regenerate",
            doc["id"].as_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(regenerated["sha256"], doc["sha256"]);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let text = pdftotext(&file);
    assert!(
        text.contains("Projekt współfinansowany ze środków Unii Europejskiej w ramach programu Fundusze Europejskie dla Łódzkiego 2021–2027"),
        "{text}"
    );
    assert!(
        text.contains("Wersja treści: v1"),
        "the printed statement names its version"
    );
    let listed = ok(
        o.dir.path(),
        &["form", "list", "--participant", &o.person],
        None,
    );
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn a_batch_prints_one_file_per_participant_of_the_project() {
    let o = office();
    let out = o.dir.path().join("partia");
    let result = ok(
        o.dir.path(),
        &[
            "form",
            "batch",
            "enrolment",
            "--project",
            &o.project,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(result["count"], 2);
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(
        names
            .iter()
            .all(|n| !n.contains("Wałęsa") && !n.contains("Źdźbło")),
        "file names carry no names: {names:?}"
    );
    // Every document of the batch is in the register (recorded in groups, not one by one).
    let register = ok(o.dir.path(), &["form", "list"], None);
    let enrolment_forms = register
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "enrolment")
        .count();
    assert_eq!(enrolment_forms, 2);
}

#[test]
fn a_minors_consent_without_a_guardian_is_refused_and_withdrawal_keeps_history() {
    let o = office();
    let text = ok(
        o.dir.path(),
        &["consent", "text", "--project", &o.project, "--json", "-"],
        Some(
            r#"{"kind": "image-consent", "title": "Zgoda na wizerunek", "text": "Wyrażam zgodę."}"#,
        ),
    );
    let version = text["id"].as_str().unwrap().to_owned();
    let (code, _, err) = run_parts(
        o.dir.path(),
        &[
            "consent",
            "give",
            "--participant",
            &o.child,
            "--text",
            &version,
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("guardian_id") && err.contains("opiekun"),
        "{err}"
    );
    let mother = ok(
        o.dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Ewa", "last_name": "Źdźbło", "pesel": "85010112345"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        o.dir.path(),
        &[
            "participant",
            "relate",
            &o.child,
            "--related",
            &mother,
            "--kind",
            "parent",
        ],
        None,
    );
    let given = ok(
        o.dir.path(),
        &[
            "consent",
            "give",
            "--participant",
            &o.child,
            "--text",
            &version,
            "--json",
            "-",
        ],
        Some(&format!(r#"{{"guardian_id": "{mother}"}}"#)),
    );
    assert_eq!(given["given_by"], "Ewa Źdźbło");
    ok(
        o.dir.path(),
        &["consent", "withdraw", given["id"].as_str().unwrap()],
        None,
    );
    let list = ok(
        o.dir.path(),
        &["consent", "list", "--participant", &o.child],
        None,
    );
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["withdrawn_on"].is_string() && list[0]["given_on"].is_string());
}

#[test]
fn the_recovery_key_sheet_replaces_the_old_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "init"])
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 47)
        .unwrap()
        .to_owned();
    let file = dir.path().join("klucz.pdf");
    ok(
        dir.path(),
        &["recovery-key", "print", "--out", file.to_str().unwrap()],
        None,
    );
    let text = pdftotext(&file);
    let printed: String = text
        .chars()
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    assert!(!printed.contains(&first), "the sheet carries a new key");
    let reset = Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "passwd",
            "--recovery-key",
            &first,
        ])
        .env("KARTOTEKA_NEW_PASSWORD", "nowe-haslo-123")
        .output()
        .unwrap();
    assert_eq!(
        reset.status.code(),
        Some(5),
        "the old recovery key no longer works"
    );
}

#[test]
fn the_gdpr_export_writes_json_and_pdf_named_by_id() {
    let o = office();
    let out = o.dir.path().join("wniosek");
    let result = ok(
        o.dir.path(),
        &[
            "gdpr",
            "export",
            "--participant",
            &o.person,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    let files: Vec<String> = result["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files
        .iter()
        .all(|f| f.contains(&o.person) && !f.contains("Wałęsa")));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(json["participant"]["last_name"], "Żółkiewska-Wałęsa");
    let text = pdftotext(Path::new(&files[1]));
    assert!(text.contains("Żółkiewska-Wałęsa") && text.contains("Razem łatwiej"));
}

#[test]
fn an_eu_projects_data_statement_carries_the_managing_authoritys_clause() {
    let o = office();
    let dir = o.dir.path();
    let print = |name: &str| {
        let file = dir.join(name);
        ok(
            dir,
            &[
                "form",
                "data-statement",
                "--participant",
                &o.person,
                "--project",
                &o.project,
                "--out",
                file.to_str().unwrap(),
            ],
            None,
        );
        pdftotext(&file)
    };
    // The model text is printed (and kept as version 1) until the office pastes its own.
    let first = print("a.pdf");
    assert!(
        first.contains("Klauzula informacyjna instytucji zarządzającej programem")
            && first.contains("art. 9 ust. 2 lit. g RODO")
            && first.contains("2021/1060"),
        "{first}"
    );
    let texts = ok(dir, &["consent", "texts"], None);
    let authority = texts
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "authority-clause")
        .expect("the model clause is kept as a text");
    ok(
        dir,
        &[
            "consent",
            "text",
            "--template",
            authority["template_id"].as_str().unwrap(),
            "--json",
            "-",
        ],
        Some(
            r#"{"kind": "authority-clause", "title": "Klauzula IZ FEŁ2027", "text": "Administratorem danych jest Zarząd Województwa Łódzkiego."}"#,
        ),
    );
    let second = print("b.pdf");
    assert!(
        second.contains("Klauzula IZ FEŁ2027")
            && second.contains("Zarząd Województwa Łódzkiego")
            && second.contains("Wersja treści: v2"),
        "{second}"
    );
    // A statement printed without a project has no authority clause.
    let file = dir.join("c.pdf");
    ok(
        dir,
        &[
            "form",
            "data-statement",
            "--blank",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert!(!pdftotext(&file).contains("Zarząd Województwa"));
}
