//! Documents printed from the command line, read back with pdftotext and pdffonts.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, Value, String) {
    let out = common::run(dir, args, stdin);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (code(&out), json, stderr(&out))
}

fn ok(dir: &Path, args: &[&str], stdin: Option<&str>) -> Value {
    let (code, json, err) = run(dir, args, stdin);
    assert_eq!(code, 0, "{args:?}: {err}");
    json
}

fn pdftotext(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(file)
        .arg("-")
        .output()
        .expect("poppler-utils is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

struct Office {
    dir: tempfile::TempDir,
    project: String,
    person: String,
    child: String,
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["init"], None);
    assert_eq!(code, 0, "{err}");
    ok(
        dir.path(),
        &["organisation", "--json", "-"],
        Some(
            r#"{"name": "Miejski Ośrodek Pomocy Społecznej w Łodzi", "address_lines": ["ul. Piotrkowska 1, 90-001 Łódź"], "place": "Łódź"}"#,
        ),
    );
    let project = ok(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let person = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska-Wałęsa", "pesel": "02270803624",
                 "address": {"street": "Źródlana", "building": "5", "flat": "12", "postcode": "90-001", "town": "Łódź", "voivodeship": "łódzkie"}}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let child = ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Jaś", "last_name": "Źdźbło", "sex": "male", "birth_date": "2018-04-04"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for p in [&person, &child] {
        ok(
            dir.path(),
            &[
                "enrolment",
                "add",
                "--participant",
                p,
                "--project",
                &project,
                "--json",
                "-",
            ],
            Some(r#"{"start_date": "2026-02-01"}"#),
        );
    }
    Office {
        dir,
        project,
        person,
        child,
    }
}

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
    let (code, _, _) = run(
        o.dir.path(),
        &["form", "record", "--blank", "--out", "x.pdf"],
        None,
    );
    assert_eq!(code, 2, "a full record needs a person");
}

#[test]
fn a_printed_document_is_recorded_and_regenerated_identically() {
    let o = office();
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
    let (code, _, err) = run(
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

fn pdfinfo_pages(file: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(file).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

/// A signed plan (with services, deliveries in May 2026 and a review) for `person`, then a
/// signed amendment; returns (version 1, version 2).
fn signed_plan(o: &Office, person: &str, deliveries: bool) -> (String, String) {
    let enrolments = ok(
        o.dir.path(),
        &["enrolment", "list", "--participant", person],
        None,
    );
    let enrolment = id_of(&enrolments[0]);
    let plan = r#"{"worker": "Agnieszka Wójcik", "start_date": "2026-02-01", "end_date": "2026-12-31",
        "diagnosis": {"problem_situation": "Zadłużenie czynszowe, obniżony nastrój.", "strengths": "Motywacja do zmiany.", "needs": "Wsparcie psychologiczne.",
          "areas": [{"area": "family", "score": 3, "comment": "relacje z dziećmi dobre"}, {"area": "finances", "score": 1}]},
        "goals": [{"title": "Poprawa samopoczucia psychicznego", "measure": "Udział w 80% sesji", "target_date": "2026-06-30",
                   "services": [{"service": "TER-PSY", "quantity": 10, "specialist": "mgr Bożena Źrebięta", "frequency": "raz w tygodniu"}]},
                  {"title": "Podjęcie zatrudnienia", "services": [{"service": "PRA-DORAD", "quantity": 6.5, "specialist": "Jan Kowalski"}]}],
        "commitments": "Regularny udział w sesjach terapeutycznych."}"#;
    let v1 = id_of(&ok(
        o.dir.path(),
        &["plan", "create", "--enrolment", &enrolment, "--json", "-"],
        Some(plan),
    ));
    ok(
        o.dir.path(),
        &["plan", "sign", &v1, "--json", "-"],
        Some(r#"{"participant_signed_on": "2026-02-05", "worker_signed_on": "2026-02-05"}"#),
    );
    if deliveries {
        let shown = ok(o.dir.path(), &["plan", "show", &v1], None);
        let service = shown["goals"][0]["services"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for (date, quantity, attendance) in [
            ("2026-05-04", "1.5", "present"),
            ("2026-05-11", "1", "present"),
            ("2026-05-18", "1", "absent_excused"),
            ("2026-06-01", "1", "present"),
        ] {
            ok(
                o.dir.path(),
                &[
                    "delivery",
                    "add",
                    "--planned-service",
                    &service,
                    "--json",
                    "-",
                ],
                Some(&format!(
                    r#"{{"date": "{date}", "quantity": {quantity}, "attendance": "{attendance}", "delivered_by": "mgr Bożena Źrebięta"}}"#
                )),
            );
        }
    }
    ok(
        o.dir.path(),
        &["plan", "review", &v1, "--json", "-"],
        Some(
            r#"{"review_date": "2026-05-30", "changes": "Nastrój się poprawił, podjęła kurs zawodowy."}"#,
        ),
    );
    let v2 = id_of(&ok(o.dir.path(), &["plan", "amend", &v1], None));
    ok(
        o.dir.path(),
        &["plan", "sign", &v2, "--json", "-"],
        Some(r#"{"participant_signed_on": "2026-06-10", "worker_signed_on": "2026-06-10"}"#),
    );
    (v1, v2)
}

#[test]
fn the_support_plan_prints_filled_and_blank_and_regenerates_identically() {
    let o = office();
    let (v1, v2) = signed_plan(&o, &o.person, false);
    let file = o.dir.path().join("plan.pdf");
    let printed = ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--participant",
            &o.person,
            "--project",
            &o.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&file);
    for expected in [
        "Indywidualny plan wsparcia",
        "Aneks nr 1 do planu z dnia 05.02.2026",
        "Łucja",
        "Żółkiewska-Wałęsa",
        "Agnieszka Wójcik",
        "Poprawa samopoczucia psychicznego",
        "Podjęcie zatrudnienia",
        "Terapia psychologiczna",
        "10 godz.",
        "6,5 godz.",
        "mgr Bożena Źrebięta",
        "Regularny udział w sesjach",
        "Nastrój się poprawił",
        "Łódź, 10.06.2026",
        "czytelny podpis uczestnika projektu",
        "strona 1 z",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 80_000, "a normal plan is {size} bytes");
    let doc = &printed["document"];
    assert_eq!(doc["kind"], "plan");
    assert_eq!(doc["project_id"], o.project.as_str());

    // The recorded plan renders again byte for byte.
    let again = o.dir.path().join("again.pdf");
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

    // --plan picks a version: the first, superseded, is no amendment; the current is v2.
    let first = o.dir.path().join("v1.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--plan",
            &v1,
            "--out",
            first.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&first);
    assert!(
        !text.contains("Aneks") && text.contains("zastąpiony aneksem"),
        "{text}"
    );
    assert!(
        pdftotext(&file).contains("2 (podpisany)"),
        "current plan is {v2}"
    );

    // A plan of someone else is refused; someone without a plan is told to make one.
    let (code, _, _) = run(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--participant",
            &o.child,
            "--plan",
            &v1,
            "--out",
            "x.pdf",
        ],
        None,
    );
    assert_eq!(code, 2);
    let (code, _, err) = run(
        o.dir.path(),
        &["form", "plan", "--participant", &o.child, "--out", "x.pdf"],
        None,
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("planu wsparcia"), "{err}");

    let blank = o.dir.path().join("blank-plan.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--blank",
            "--project",
            &o.project,
            "--out",
            blank.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&blank);
    assert!(!text.contains("Łucja"), "a blank plan holds nobody's data");
    for expected in [
        "Sfera psychiczna",
        "Umiejętności społeczne",
        "Cel 3",
        "Częstotliwość",
        "czytelny podpis",
        "strona 1 z",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the blank plan"
        );
    }
}

#[test]
fn the_attendance_sheet_lists_deliveries_of_a_catalogue_service_in_a_month() {
    let o = office();
    signed_plan(&o, &o.person, true);
    let file = o.dir.path().join("obecnosci.pdf");
    let printed = ok(
        o.dir.path(),
        &[
            "form",
            "attendance",
            "--project",
            &o.project,
            "--service",
            "TER-PSY",
            "--month",
            "2026-05",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&file);
    for expected in [
        "Terapia psychologiczna",
        "maj 2026",
        "Żółkiewska-Wałęsa",
        "04.05.2026",
        "11.05.2026",
        "18.05.2026",
        "1,5",
        "obecny",
        "usprawiedliwiony",
        "Podpis uczestnika",
        "10 godz.",
        "2,5 godz.",
        "mgr Bożena Źrebięta",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("01.06.2026"), "June is not May");
    // A sheet from the log regenerates identically too.
    let again = o.dir.path().join("again.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "regenerate",
            printed["document"]["id"].as_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // An unknown code is refused rather than printed as a name.
    let (code, _, _) = run(
        o.dir.path(),
        &[
            "form",
            "attendance",
            "--project",
            &o.project,
            "--service",
            "TER-XYZ",
            "--month",
            "2026-05",
            "--out",
            "x.pdf",
        ],
        None,
    );
    assert_eq!(code, 2);
}

#[test]
fn a_batch_into_one_pdf_holds_every_persons_pages() {
    let o = office();
    let single = o.dir.path().join("one.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "declaration",
            "--participant",
            &o.person,
            "--out",
            single.to_str().unwrap(),
        ],
        None,
    );
    let per_person = pdfinfo_pages(&single);
    let file = o.dir.path().join("wszystkie.pdf");
    let result = ok(
        o.dir.path(),
        &[
            "form",
            "batch",
            "declaration",
            "--project",
            &o.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(result["count"], 2);
    assert_eq!(pdfinfo_pages(&file), 2 * per_person);
    assert_eq!(result["pages"], 2 * per_person);
    let text = pdftotext(&file);
    assert!(text.contains("Żółkiewska-Wałęsa") && text.contains("Źdźbło"));
    assert_eq!(
        text.matches("strona 1 z").count(),
        2,
        "page numbers restart per person"
    );
    // Each person's document is in the register.
    let listed = ok(o.dir.path(), &["form", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 3);

    // Plans: only people with a plan; the others are skipped.
    signed_plan(&o, &o.person, false);
    let plans = o.dir.path().join("plany.pdf");
    let result = ok(
        o.dir.path(),
        &[
            "form",
            "batch",
            "plan",
            "--project",
            &o.project,
            "--out",
            plans.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(result["count"], 1);
    assert_eq!(result["skipped"].as_array().unwrap().len(), 1);
    assert!(pdftotext(&plans).contains("Poprawa samopoczucia psychicznego"));
}
