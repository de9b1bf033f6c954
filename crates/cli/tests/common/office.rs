//! A small office for the document tests: its data folder, people and a signed plan, and
//! the poppler tools that read PDFs back.

use super::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs a command; gives (exit code, JSON on stdout or null, stderr).
pub fn run_parts(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, Value, String) {
    let out = super::run(dir, args, stdin);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (code(&out), json, stderr(&out))
}

pub fn pdftotext(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(file)
        .arg("-")
        .output()
        .expect("poppler-utils is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// A data folder with an organisation, a project and two enrolled people (an adult and a
/// child), names full of Polish letters.
pub struct Office {
    pub dir: tempfile::TempDir,
    pub project: String,
    pub person: String,
    pub child: String,
}

pub fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_parts(dir.path(), &["init"], None);
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

pub fn pdfinfo_pages(file: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(file).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

pub fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

/// A signed plan (with services, deliveries in May 2026 and a review) for `person`, then a
/// signed amendment; returns (version 1, version 2).
pub fn signed_plan(o: &Office, person: &str, deliveries: bool) -> (String, String) {
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
