//! The audit log and the GDPR operations in the real window: a person's events in the Dziennik
//! zdarzeń (reached from their Historia tab), the hash-chain check, the export of a person's full
//! record (JSON + PDF), and anonymisation after the retention date — preview, confirm, result.

use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::Duration;

fn id(value: serde_json::Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_log_export_and_anonymisation() {
    let dir = initialised_dir();
    let person = id(cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624"}"#),
    ));
    // Someone whose only project ended long ago and is past its retention date.
    let old = id(cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Bożena", "last_name": "Dąbrowska", "pesel": "85071512348"}"#),
    ));
    let project = id(cli(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Dawny projekt", "start_date": "2018-01-01", "end_date": "2019-12-31",
                "retention_until": "2020-12-31"}"#,
        ),
    ));
    cli(
        dir.path(),
        &[
            "enrolment",
            "add",
            "--participant",
            &old,
            "--project",
            &project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date": "2018-03-01"}"#),
    );

    let app = App::start(dir).await;
    app.unlock().await;

    // The person's page → Historia → "Pokaż w dzienniku".
    app.open_participant("zolkiewska", "Żółkiewska", "Łucja Żółkiewska")
        .await;
    app.click("[data-tab=history]").await;
    app.click("[data-action=show-in-audit]").await;
    app.el("[data-view=audit]").await;
    app.wait_text("[data-audit-filter=person]", "Łucja Żółkiewska")
        .await;
    let row = app
        .wait_text(
            &format!("tr[data-audit-action=create][data-audit-record='{person}']"),
            "utworzenie rekordu",
        )
        .await;
    let text = row.text().await.unwrap();
    assert!(
        text.contains("uczestnik") && text.contains("wiersz poleceń"),
        "{text}"
    );
    assert!(
        !text.contains("02270803624"),
        "no values in the log: {text}"
    );
    // Only this person's events.
    assert!(app
        .d()
        .find_all(thirtyfour::By::Css(format!(
            "tr[data-audit-record='{old}']"
        )))
        .await
        .unwrap()
        .is_empty());

    app.click("[data-action=audit-verify]").await;
    app.wait_text("[data-audit-verify=ok]", "Dziennik jest spójny")
        .await;
    app.screenshot("audit-01-person-verified").await;
    app.el("[data-audit-list] thead")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("audit-01b-person-events").await;

    // All events, then one record typed by hand.
    app.click("[data-action=audit-filter-clear]").await;
    app.el("[data-audit-filter=all]").await;
    app.el(&format!("tr[data-audit-record='{old}']")).await;
    app.type_into("input[name=record_id]", &project).await;
    app.click("[data-action=audit-filter-record]").await;
    app.wait_text(&format!("tr[data-audit-record='{project}']"), "projekt")
        .await;

    // The export of the person's full record.
    app.click("[data-nav=participants]").await;
    app.open_participant("zolkiewska", "Żółkiewska", "Łucja Żółkiewska")
        .await;
    app.click("[data-action=gdpr-export]").await;
    app.click("[data-action=gdpr-export-run]").await;
    app.el_within("[data-gdpr-file=pdf]", 20).await;
    app.wait_text(
        "[data-gdpr-file=json]",
        &format!("dane-osoby-{person}.json"),
    )
    .await;
    app.screenshot("audit-02-gdpr-export").await;
    let folder = app.data_dir.path().join("wydruki");
    let json = std::fs::read_to_string(folder.join(format!("dane-osoby-{person}.json")))
        .expect("the JSON export is written");
    assert!(json.contains("Żółkiewska") && json.contains("\"history\""));
    let pdf = std::fs::read(folder.join(format!("dane-osoby-{person}.pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    // Anonymisation: preview first, then confirm.
    app.click("[data-nav=settings]").await;
    app.click("[data-action=anonymisation-preview]").await;
    let candidate = app
        .wait_text(&format!("[data-candidate-id='{old}']"), "Bożena Dąbrowska")
        .await;
    assert!(candidate.text().await.unwrap().contains("31.12.2020"));
    assert!(app
        .d()
        .find_all(thirtyfour::By::Css(format!(
            "[data-candidate-id='{person}']"
        )))
        .await
        .unwrap()
        .is_empty());
    app.wait_text("[data-anonymisation-count]", "1 osoba").await;
    app.el("[data-section=anonymisation]")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("audit-03-anonymisation-preview").await;
    app.click("[data-action=anonymise]").await;
    app.wait_text("dialog", "Tej operacji nie można cofnąć")
        .await;
    app.screenshot("audit-04-anonymisation-confirm").await;
    app.click("dialog [data-action=confirm]").await;
    app.wait_text(
        "[data-form-status=anonymisation]",
        "Zanonimizowano: 1 osoba",
    )
    .await;
    app.screenshot("audit-05-anonymised").await;

    let shown = cli(app.data_dir.path(), &["participant", "show", &old], None);
    assert_eq!(shown["status"], "anonymised");
    assert_ne!(shown["last_name"], "Dąbrowska");
    let kept = cli(app.data_dir.path(), &["participant", "show", &person], None);
    assert_eq!(kept["last_name"], "Żółkiewska");

    // A second preview: nobody left; the log holds the anonymisation and still verifies.
    app.click("[data-action=anonymisation-preview]").await;
    app.el("[data-anonymisation-empty]").await;
    app.click("[data-action=open-audit]").await;
    app.wait_text(
        &format!("tr[data-audit-action=anonymise][data-audit-record='{old}']"),
        "anonimizacja",
    )
    .await;
    app.click("[data-action=audit-verify]").await;
    app.el("[data-audit-verify=ok]").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("audit-06-log-after").await;
    app.quit().await;
}
