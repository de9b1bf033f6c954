//! Reports in the real window: a worker checks a project's CST2021 data (who lacks what), saves
//! it as XLSX, saves the CSV of every participant for Excel (the bar shows how far it is), and
//! stops a second export halfway — no file is left by the stopped one. Each written file is
//! in the audit log, without values.

use kartoteka_e2e::{cli, App};
use std::path::{Path, PathBuf};

/// People in the registry: enough that a CSV export lasts long enough to be stopped.
const PEOPLE: usize = 30_000;

/// The files in `dir` whose names start with `prefix`, sorted.
fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn cst2021_and_csv_reports_are_saved_from_the_window_and_a_long_one_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    cli(
        dir.path(),
        &["seed", "--participants", &PEOPLE.to_string()],
        None,
    );
    let projects = cli(dir.path(), &["project", "list"], None);
    let project = projects[0]["id"].as_str().unwrap().to_owned();
    let project_name = projects[0]["name"].as_str().unwrap().to_owned();
    let enrolled = projects[0]["enrolled"].as_u64().unwrap();
    assert!(enrolled > 0, "{projects}");
    let out_dir = dir.path().join("wydruki");

    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=reports]").await;
    app.el_within("[data-view=reports]", 10).await;

    // CST2021: the check says how many people the file will have; nothing is written yet.
    app.select("select[name=cst-project]", &project).await;
    app.click("[data-action=cst-check]").await;
    let check = app.el_within("[data-cst-check][data-rows]", 30).await;
    assert_eq!(
        check.attr("data-rows").await.unwrap(),
        Some(enrolled.to_string()),
        "one row per person enrolled in {project_name}"
    );
    assert!(files(&out_dir, "cst2021-").is_empty());
    app.screenshot("36-reports-cst2021-check").await;

    app.click("[data-action=cst-export-xlsx]").await;
    let result = app
        .el_within("[data-report-result][data-format=xlsx]:not([hidden])", 60)
        .await;
    let file = PathBuf::from(result.attr("data-file").await.unwrap().unwrap());
    assert_eq!(files(&out_dir, "cst2021-"), std::slice::from_ref(&file));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    assert_eq!(
        result.attr("data-rows").await.unwrap(),
        Some(enrolled.to_string())
    );

    // "Porównaj z SM EFS": the file just written, read back as if the system had exported
    // it, agrees person by person.
    app.type_into("input[name=compare-file]", file.to_str().unwrap())
        .await;
    app.click("[data-action=cst-compare]").await;
    let compared = app.el_within("[data-compare-result]", 60).await;
    assert_eq!(
        compared.attr("data-same").await.unwrap(),
        Some(enrolled.to_string()),
        "{}",
        compared.text().await.unwrap()
    );
    assert_eq!(
        compared.attr("data-different").await.unwrap(),
        Some("0".into())
    );
    app.screenshot("36b-reports-compare").await;

    // The CSV of every participant: the bar moves, then the file is there, whole.
    app.select("select[name=csv-kind]", "participants").await;
    app.select("select[name=csv-project]", "").await;
    app.click("[data-action=csv-export]").await;
    let busy = app
        .el_within("[data-report-progress][data-done]:not([data-done='0'])", 60)
        .await;
    assert_eq!(
        busy.attr("data-total").await.unwrap(),
        Some(PEOPLE.to_string())
    );
    app.screenshot("37-reports-csv-progress").await;
    let result = app
        .el_within(
            &format!("[data-report-result][data-rows='{PEOPLE}']:not([hidden])"),
            180,
        )
        .await;
    let csv = PathBuf::from(result.attr("data-file").await.unwrap().unwrap());
    let name = csv.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.starts_with("uczestnicy-cala-kartoteka-") && name.ends_with(".csv"),
        "{name}: a dated name without personal data"
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{FEFF}Identyfikator;Status;Nazwisko;Imię;PESEL;"));
    assert_eq!(
        text.matches("\r\n").count(),
        PEOPLE + 1,
        "header + every person"
    );
    app.screenshot("38-reports-csv-saved").await;

    // Again, stopped halfway: the calm note, and no second file.
    app.click("[data-action=csv-export]").await;
    app.el_within("[data-report-progress][data-done]:not([data-done='0'])", 60)
        .await;
    app.click("[data-action=report-cancel]").await;
    let stopped = app
        .el_within(
            "[data-report-result][data-cancelled=true]:not([hidden])",
            60,
        )
        .await;
    let said = stopped.text().await.unwrap();
    assert!(said.contains("Eksport przerwany"), "{said}");
    assert_eq!(files(&out_dir, "uczestnicy-"), std::slice::from_ref(&csv));
    assert!(
        files(&out_dir, ".kartoteka-raport-").is_empty(),
        "no temporary file left"
    );
    app.screenshot("39-reports-csv-stopped").await;

    // Two files left the registry, and the audit log says so (from the window, no values).
    for (record, rows) in [("cst2021", enrolled as usize), ("participants", PEOPLE)] {
        let events = cli(
            app.data_dir.path(),
            &["audit", "list", "--record", record],
            None,
        );
        let exports: Vec<&serde_json::Value> = events
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "report_export")
            .collect();
        assert_eq!(exports.len(), 1, "{record}: {events}");
        assert_eq!(exports[0]["source"], "ui");
        let fields = exports[0]["fields"].to_string();
        assert!(fields.contains(&format!("rows {rows}")), "{fields}");
    }
    app.quit().await;
}
