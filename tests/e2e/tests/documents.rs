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
    app.click("[data-action=print]").await;
    app.click("[data-print-panel] input[value=enrolment]").await;
    app.click("[data-action=print-selected]").await;
    app.el_within("[data-printed-file]", 20).await;
    app.screenshot("08-printed").await;

    // Saved under a Polish name with the person's initials and the day (never a PESEL), in
    // the print folder (no project: the folder itself), and sent to print (the viewer here).
    let folder = app.data_dir.path().join("wydruki");
    let printed = app
        .el("[data-printed-file]")
        .await
        .attr("data-printed-file")
        .await
        .unwrap()
        .unwrap();
    let file = std::path::PathBuf::from(&printed);
    assert_eq!(file.parent().unwrap(), folder);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("Formularz zgłoszeniowy – Ł.Ż. – 20") && name.ends_with(".pdf"),
        "{name}"
    );
    let line = app.el("[data-printed-file]").await.text().await.unwrap();
    assert!(
        line.contains(&name) && line.contains("Otwarto do wydruku"),
        "{line}"
    );
    let mut opened = Vec::new();
    for _ in 0..50 {
        opened = app.opened_files();
        if !opened.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(opened, vec![printed.clone()]);
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Łucja") && text.contains("Żółkiewska") && text.contains("Źródlana"));

    // "Pokaż w folderze" opens the folder (Linux file managers cannot be asked to select).
    app.click("[data-printed-file] [data-action=show-in-folder]")
        .await;
    for _ in 0..50 {
        if app.opened_files().len() > 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.opened_files().get(1).map(String::as_str),
        Some(folder.to_str().unwrap())
    );

    // "Zapisz jako PDF" saves a second file beside it, under a free name, and opens nothing.
    app.click("[data-action=save-selected]").await;
    app.wait_text("[data-print-results]", "(2).pdf").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.opened_files().len(), 2, "saving opens nothing");
    assert!(!app
        .el("[data-print-results] li:last-child")
        .await
        .text()
        .await
        .unwrap()
        .contains("Otwarto do wydruku"));
    let history = cli(
        app.data_dir.path(),
        &["form", "list", "--participant", &person],
        None,
    );
    assert_eq!(history[0]["kind"], "enrolment");

    app.click("[data-tab=documents]").await;
    app.wait_text("[data-view=participant-detail]", "Formularz zgłoszeniowy")
        .await;
    let _ = app
        .d()
        .find_all(By::Css("[data-action=document-open]"))
        .await;
    app.quit().await;
}

/// Another consent of the office (a text of kind "other") is offered by its title in "Drukuj"
/// and printed under it, in a file named by it.
#[tokio::test(flavor = "multi_thread")]
async fn another_consent_is_printed_by_its_title() {
    let dir = initialised_dir();
    cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624"}"#),
    );
    let text = cli(
        dir.path(),
        &["consent", "text", "--json", "-"],
        Some(
            r#"{"kind": "other", "title": "Zgoda na kontakt telefoniczny", "text": "Wyrażam zgodę na kontakt telefoniczny w sprawach zajęć."}"#,
        ),
    );
    let version = text["id"].as_str().unwrap().to_owned();
    let app = App::start(dir).await;
    app.unlock().await;
    app.open_participant("zolkiewska", "Żółkiewska", "Łucja Żółkiewska")
        .await;
    app.click("[data-action=print]").await;
    let box_css = format!("[data-print-panel] input[value='consent:{version}']");
    app.click(&box_css).await;
    app.wait_text("[data-print-panel]", "Zgoda na kontakt telefoniczny")
        .await;
    app.click("[data-action=save-selected]").await;
    let (name, pdf) = app.printed_file("[data-printed-file]").await;
    assert!(
        name.starts_with("Zgoda na kontakt telefoniczny – Ł.Ż. – "),
        "{name}"
    );
    assert!(
        pdf.contains("Zgoda na kontakt telefoniczny") && pdf.contains("w sprawach zajęć"),
        "{pdf}"
    );
    app.quit().await;
}
