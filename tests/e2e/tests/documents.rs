//! Printing from the participant's page: the PDF is written with the person's data in it and
//! recorded in the document history.

use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::Duration;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn print_the_enrolment_form_from_the_participant_page() {
    let dir = initialised_dir();
    let person = cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624", "address": {"town": "Łódź", "street": "Źródlana"}}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let app = App::start(dir).await;
    app.unlock().await;
    app.open_participant("zolkiewska", "Żółkiewska", "Łucja Żółkiewska")
        .await;
    app.el("[data-action=print]").await.click().await.unwrap();
    app.el("[data-print-panel] input[value=enrolment]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-action=print-selected]")
        .await
        .click()
        .await
        .unwrap();
    app.el_within("[data-printed-file]", 20).await;
    app.screenshot("08-printed").await;

    let folder = app.data_dir.path().join("wydruki");
    let mut pdfs = Vec::new();
    for _ in 0..50 {
        pdfs = std::fs::read_dir(&folder)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        if !pdfs.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(pdfs.len(), 1, "one PDF written");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdfs[0])
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Łucja") && text.contains("Żółkiewska") && text.contains("Źródlana"));
    let history = cli(
        app.data_dir.path(),
        &["form", "list", "--participant", &person],
        None,
    );
    assert_eq!(history[0]["kind"], "enrolment");

    app.el("[data-tab=documents]").await.click().await.unwrap();
    app.wait_text("[data-view=participant-detail]", "Formularz zgłoszeniowy")
        .await;
    let _ = app
        .d()
        .find_all(By::Css("[data-action=document-open]"))
        .await;
    app.quit().await;
}
