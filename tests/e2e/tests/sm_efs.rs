//! SM EFS paperwork in the real window: a worker checks a project's import file, sees that an
//! ended participation lacks the situation after leaving, records the person's exit statement
//! and corrects the data of joining (a pupil's planned end of education) in the person's
//! Projekty tab, sees the check go green, saves the import file as XLSX — and LibreOffice
//! opens it with the 43 columns, ISO dates and the system's words.

use kartoteka_e2e::{cli, initialised_dir, App};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Converts an XLSX to UTF-8 semicolon CSV with LibreOffice headless (a fresh profile).
fn libreoffice_csv(file: &Path, out_dir: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("soffice")
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .arg("--convert-to")
        .arg("csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true")
        .arg("--outdir")
        .arg(out_dir)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect(
            "LibreOffice (soffice) is installed: scripts/test.sh installs libreoffice-calc-nogui",
        );
    assert!(
        status.success(),
        "LibreOffice could not convert {}",
        file.display()
    );
    let csv = out_dir.join(file.with_extension("csv").file_name().unwrap());
    std::fs::read_to_string(csv).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_exit_statement_and_the_planned_end_of_education_make_the_import_file_complete() {
    let dir = initialised_dir();
    let d = dir.path();
    let project = cli(
        d,
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26", "programme": "Fundusze Europejskie dla Łódzkiego 2021–2027", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let person = cli(
        d,
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Łucja", "last_name": "Żółkiewska-Wałęsa", "pesel": "02270803624",
                "citizenship": "polskie", "education": "isced2", "labour_status": "inactive",
                "labour_substatus": "other", "phone": "601 234 567",
                "address": {"street": "Źródlana", "building": "5", "postcode": "90-001", "town": "Łódź",
                            "commune": "Łódź", "county": "Łódź", "voivodeship": "łódzkie", "degurba": 1},
                "disability": "no", "foreign_origin": "no", "third_country_national": "no",
                "minority": "no", "homeless": "no"}"#,
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let enrolment = cli(
        d,
        &["enrolment", "add", "--participant", &person, "--project", &project, "--json", "-"],
        Some(r#"{"start_date": "2026-02-02", "status_at_start": "inactive", "substatus_at_start": "other"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    cli(
        d,
        &["enrolment", "end", &enrolment, "--json", "-"],
        Some(r#"{"end_date": "2026-11-30", "completed_as_planned": true}"#),
    );

    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=reports]").await;
    app.el_within("[data-view=reports]", 10).await;
    app.select("select[name=cst-project]", &project).await;
    app.select("select[name=cst-layout]", "import").await;
    app.click("[data-action=cst-check]").await;
    let check = app
        .el_within("[data-cst-check][data-incomplete='1']", 30)
        .await;
    let said = check.text().await.unwrap();
    assert!(said.contains("Sytuacja po zakończeniu"), "{said}");

    // The person's Projekty tab, straight from the check.
    app.click("[data-action=edit-participant]").await;
    app.el_within(&format!("tr[data-enrolment-id='{enrolment}']"), 20)
        .await;
    app.click("[data-action=exit-statement]").await;
    app.el_within("form[data-form=exit-statement]", 10).await;
    app.select(
        "form[data-form=exit-statement] select[name=exit_situation]",
        "job_searching",
    )
    .await;
    app.type_into(
        "form[data-form=exit-statement] input[name=statement_date]",
        "31.12.2026",
    )
    .await;
    app.click("[data-action=exit-statement-save]").await;
    // More than 4 weeks after the end: refused under the field, nothing saved.
    let error = app
        .el_within(
            "form[data-form=exit-statement] [data-field=statement_date] .field-error:not([hidden])",
            10,
        )
        .await;
    assert!(error.text().await.unwrap().contains("28.12.2026"));
    app.type_into(
        "form[data-form=exit-statement] input[name=statement_date]",
        "10.12.2026",
    )
    .await;
    app.screenshot("60-exit-statement-form").await;
    app.click("[data-action=exit-statement-save]").await;
    app.el_within("[data-exit-situation=job_searching]", 10)
        .await;
    app.screenshot("62-enrolment-exit-recorded").await;

    // She is still at school: the "w tym" on joining and the planned end of education.
    app.click("[data-action=enrol-edit]").await;
    app.el_within("form[data-form=enrol-edit]", 10).await;
    app.select(
        "form[data-form=enrol-edit] select[name=substatus_at_start]",
        "in_education",
    )
    .await;
    app.type_into(
        "form[data-form=enrol-edit] input[name=education_end]",
        "26.06.2027",
    )
    .await;
    app.screenshot("61-enrolment-correction").await;
    app.click("[data-action=enrol-edit-save]").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let shown = cli(
            app.data_dir.path(),
            &["enrolment", "show", &enrolment],
            None,
        );
        if shown["education_end"] == "2027-06-26" {
            assert_eq!(shown["substatus_at_start"], "in_education");
            assert_eq!(shown["end"]["exit_situation"], "job_searching");
            assert_eq!(shown["end"]["exit_statement_date"], "2026-12-10");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not saved: {shown}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // The check is green now, and the import file is saved.
    app.click("[data-nav=reports]").await;
    app.el_within("[data-view=reports]", 10).await;
    app.select("select[name=cst-project]", &project).await;
    app.select("select[name=cst-layout]", "import").await;
    app.click("[data-action=cst-check]").await;
    app.el_within("[data-cst-check][data-incomplete='0']", 30)
        .await;
    app.click("[data-action=cst-export-xlsx]").await;
    let result = app
        .el_within("[data-report-result][data-format=xlsx]:not([hidden])", 60)
        .await;
    let file = PathBuf::from(result.attr("data-file").await.unwrap().unwrap());
    assert!(
        file.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("cst2021-import-"),
        "{}",
        file.display()
    );
    app.screenshot("63-reports-import-saved").await;

    let out = tempfile::tempdir().unwrap();
    let text = libreoffice_csv(&file, out.path());
    let mut lines = text.trim_start_matches('\u{FEFF}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    assert_eq!(header.len(), 43, "{header:?}");
    assert_eq!(
        &header[..4],
        [
            "Numer projektu",
            "Obywatelstwo",
            "Rodzaj uczestnika",
            "Nazwa instytucji"
        ]
    );
    assert_eq!(header[42], "Uwagi");
    let row: Vec<String> = lines
        .next()
        .unwrap()
        .split(';')
        .map(|c| c.trim_matches('"').to_owned())
        .collect();
    let cell = |name: &str| {
        row[header
            .iter()
            .position(|h| h.trim_matches('"') == name)
            .unwrap()]
        .as_str()
    };
    assert_eq!(cell("Numer projektu"), "FELD.07.05-IZ.00-0001/26");
    assert_eq!(cell("Rodzaj uczestnika"), "Indywidualny");
    assert_eq!(cell("Obywatelstwo"), "Obywatelstwo polskie");
    assert_eq!(cell("PESEL/Inny identyfikator"), "02270803624");
    assert_eq!(cell("Imię"), "Łucja");
    assert_eq!(
        cell("Wykształcenie"),
        "Podstawowe (ISCED 1) lub gimnazjalne (ISCED 2)"
    );
    assert_eq!(cell("w tym"), "Osoba ucząca się lub kształcąca się");
    assert_eq!(cell("Planowana data zakończenia edukacji"), "2027-06-26");
    assert_eq!(cell("Data rozpoczęcia udziału w projekcie"), "2026-02-02");
    assert_eq!(cell("Data zakończenia udziału w projekcie"), "2026-11-30");
    assert_eq!(
        cell("Sytuacja po zakończeniu"),
        "Osoba poszukująca pracy po opuszczeniu programu"
    );
    assert_eq!(cell("Zakończenie zgodne ze ścieżką"), "Tak");
    app.quit().await;
}
