//! Sync in the real window: a worker sets the organisation's sync passphrase, the export folder
//! and the interval, edits a record, and the periodic export writes a bundle while the status
//! bar follows. A second installation (made with the CLI) imports it and has the edit. Back the
//! other way, a change made on both sides becomes a conflict the worker resolves with "Weź ich";
//! a folder that disappears is reported and the export waits.

use kartoteka_e2e::{cli, cli_binary, initialised_dir, App, PASSWORD};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "wspólne hasło MOPS 2026";
const ORGANISATION: &str = "MOPS Testowo";

/// `kartoteka` with the sync passphrase in the environment, as a script would run it.
fn cli_sync(data_dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env("KARTOTEKA_SYNC_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("the kartoteka CLI is built");
    assert!(
        out.status.success(),
        "kartoteka {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn bundles(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("kbundle"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Scrolls so that the element is at the top of the window (for screenshots).
async fn scroll_to(app: &App, css: &str) {
    let e = app.el(css).await;
    app.d()
        .execute(
            "arguments[0].scrollIntoView({block: 'start'});",
            vec![e.to_json().unwrap()],
        )
        .await
        .unwrap();
}

async fn click_button(app: &App, text: &str) {
    let xpath = format!("//button[normalize-space(.)='{text}']");
    app.d()
        .query(By::XPath(&xpath))
        .wait(Duration::from_secs(10), Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|e| panic!("no button {text}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Opens the participant found by `query` (a row showing `shown`) and changes the last name.
async fn edit_last_name(app: &App, query: &str, shown: &str, new_last_name: &str) {
    app.click("[data-nav=participants]").await;
    app.open_participant(query, shown, shown).await;
    app.click("[data-action=edit]").await;
    type_into(app, "input[name=last_name]", new_last_name).await;
    click_button(app, "Zapisz").await;
    app.wait_text("h1", new_last_name).await;
}

async fn type_into(app: &App, css: &str, text: &str) {
    let e = app.centred(css).await;
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn status_bar_text(app: &App) -> String {
    app.el("[data-status=sync]").await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn periodic_export_carries_an_edit_to_a_second_installation_and_back() {
    let dir = initialised_dir();
    let id = cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624", "address": {"town": "Łódź"}}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let folder = tempfile::tempdir().unwrap();
    let folder_text = folder.path().display().to_string();

    let app = App::start(dir).await;
    app.unlock().await;
    app.wait_text("[data-status=sync]", "Synchronizacja nie jest ustawiona")
        .await;

    // The organisation's passphrase, twice; a mismatch is caught before Rust is asked.
    app.click("[data-nav=sync]").await;
    app.el("[data-view=sync]").await;
    type_into(&app, "input[name=organisation]", ORGANISATION).await;
    type_into(&app, "input[name=passphrase]", PASSPHRASE).await;
    type_into(&app, "input[name=passphrase_repeat]", "inne hasło 123456").await;
    app.click("[data-action=sync-setup]").await;
    app.wait_text("[data-error-for=passphrase_repeat]", "nie są takie same")
        .await;
    type_into(&app, "input[name=passphrase_repeat]", PASSPHRASE).await;
    app.click("[data-action=sync-setup]").await;
    app.wait_text("[data-form-status=sync-setup]", "mops testowo")
        .await;

    // A folder that does not exist is refused under the field; then the real one, every minute.
    type_into(&app, "input[name=folder]", "/nie/ma/takiego/folderu").await;
    type_into(&app, "input[name=interval_minutes]", "1").await;
    app.click("[data-action=sync-settings-save]").await;
    app.wait_text("[data-error-for=folder]", "nie istnieje")
        .await;
    type_into(&app, "input[name=folder]", &folder_text).await;
    app.click("[data-action=sync-settings-save]").await;
    app.wait_text("[data-form-status=sync-settings]", "Zapisano")
        .await;
    app.wait_text("[data-sync-fact=automatic]", "co 1 min")
        .await;
    scroll_to(&app, "h1").await;
    app.screenshot("30-sync-settings").await;

    // An edit: the status bar counts it (Rust looks every few seconds) …
    edit_last_name(&app, "walesa", "Wałęsa", "Wałęsa-Nowak").await;
    app.wait_text("[data-status=sync]", "oczekuj").await;
    assert!(
        bundles(folder.path()).is_empty(),
        "nothing is exported before the interval"
    );

    // … and within the minute the periodic export writes the bundle.
    let start = Instant::now();
    let bundle = loop {
        if let Some(b) = bundles(folder.path()).into_iter().next() {
            break b;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no bundle in the export folder after 2 minutes"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let name = bundle.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        !name.to_lowercase().contains("wal"),
        "no personal data in {name}"
    );
    app.el_within(
        "[data-status=sync][data-sync-state=ok][data-pending='0']",
        15,
    )
    .await;
    let bar = status_bar_text(&app).await;
    assert!(bar.starts_with("Ostatni eksport: "), "{bar}");
    assert!(bar.contains("brak zmian do wysłania"), "{bar}");
    app.click("[data-nav=sync]").await;
    app.wait_text("[data-sync-fact=last-file]", &name).await;
    scroll_to(&app, "h1").await;
    app.screenshot("31-sync-exported").await;

    // A second installation with the same passphrase and organisation reads it.
    let office = initialised_dir();
    cli_sync(
        office.path(),
        &["sync", "setup", "--organisation", "mops  TESTOWO"],
    );
    let imported = cli_sync(
        office.path(),
        &["sync", "import", &bundle.to_string_lossy()],
    );
    assert!(imported["applied"].as_u64().unwrap() >= 1, "{imported}");
    let shown = cli(office.path(), &["participant", "show", &id], None);
    assert_eq!(shown["last_name"], "Wałęsa-Nowak");
    let found = cli(office.path(), &["participant", "search", "nowak"], None);
    assert_eq!(found.as_array().unwrap().len(), 1);

    // Both sides change the last name before they meet again: the office first, then here.
    cli(
        office.path(),
        &["participant", "update", &id, "--json", "-"],
        Some(r#"{"last_name": "Nowak"}"#),
    );
    edit_last_name(&app, "nowak", "Wałęsa-Nowak", "Kowalska").await;
    let office_export = cli_sync(office.path(), &["sync", "export", "--to", &folder_text]);
    assert!(office_export["file"].is_string(), "{office_export}");

    app.click("[data-nav=sync]").await;
    let path = app.el("input[name=import_path]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        path.prop("value").await.unwrap().as_deref(),
        Some(folder_text.as_str())
    );
    app.click("[data-action=sync-import]").await;
    let result = app
        .el_within("[data-import-result]:not([hidden])", 20)
        .await;
    assert_eq!(
        result.attr("data-conflicts").await.unwrap().as_deref(),
        Some("1")
    );
    let card = app
        .el_within("[data-conflict-id][data-conflict-status=open]", 10)
        .await;
    let title = card
        .find(By::Css("h3"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        title.contains("Uczestnik") && title.contains("Nazwisko"),
        "{title}"
    );
    let mine = card
        .find(By::Css("[data-conflict-value=mine]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let theirs = card
        .find(By::Css("[data-conflict-value=theirs]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("Kowalska"), "{mine}");
    assert!(theirs.contains("Nowak"), "{theirs}");
    app.wait_text("[data-status=sync]", "konflikty: 1").await;
    scroll_to(&app, "[data-import-result]").await;
    app.screenshot("32-sync-conflict").await;

    app.click("[data-conflict-id] [data-action=take-theirs]")
        .await;
    app.el_within("[data-conflicts-empty]", 10).await;
    let here = cli(app.data_dir.path(), &["participant", "show", &id], None);
    assert_eq!(here["last_name"], "Nowak");

    // The USB stick is pulled: nothing is lost, the status bar says the export waits.
    drop(folder);
    app.el_within("[data-status=sync][data-sync-state=missing]", 15)
        .await;
    let bar = status_bar_text(&app).await;
    assert!(
        bar.starts_with("Folder eksportu niedostępny — eksport poczeka"),
        "{bar}"
    );
    assert!(bar.contains("oczekuj"), "{bar}");
    app.screenshot("33-sync-folder-missing").await;
    app.quit().await;
}

/// A large bundle (10,000 synthetic people, ~31,000 records) imported in the window: the bar
/// moves with the records, "Przerwij import" stops it and nothing of the bundle is written
/// (the second try applies every record, none is "unchanged"), then the import finishes.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_import_shows_progress_and_can_be_stopped() {
    let source = tempfile::tempdir().unwrap();
    let office = source.path().join("biuro");
    cli_sync(&office, &["seed", "--participants", "10000"]);
    cli_sync(&office, &["sync", "setup", "--organisation", ORGANISATION]);
    let folder = tempfile::tempdir().unwrap();
    let exported = cli_sync(
        &office,
        &[
            "sync",
            "export",
            "--to",
            &folder.path().display().to_string(),
            "--full",
        ],
    );
    let bundle = exported["file"].as_str().unwrap().to_owned();
    let records = exported["records"].as_u64().unwrap();
    assert!(records > 25_000, "{exported}");

    let dir = initialised_dir();
    cli_sync(
        dir.path(),
        &["sync", "setup", "--organisation", ORGANISATION],
    );
    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=sync]").await;
    type_into(&app, "input[name=import_path]", &bundle).await;
    app.click("[data-action=sync-import]").await;

    // Records are arriving: the bar says how many of how many; then stop.
    let busy = app
        .el_within(
            "[data-import-busy]:not([hidden])[data-done]:not([data-done='0'])",
            60,
        )
        .await;
    assert_eq!(
        busy.attr("data-total").await.unwrap(),
        Some(records.to_string())
    );
    let step = app.el("[data-import-step]").await.text().await.unwrap();
    assert!(step.contains(" z ") && step.ends_with("rekordów"), "{step}");
    scroll_to(&app, "[data-form=sync-import]").await;
    app.screenshot("34-sync-import-progress").await;
    app.click("[data-action=sync-import-cancel]").await;
    let result = app
        .el_within(
            "[data-import-result][data-cancelled=true]:not([hidden])",
            60,
        )
        .await;
    let said = result.text().await.unwrap();
    assert!(
        said.contains("Import przerwany") && said.contains("nie zmienił niczego"),
        "{said}"
    );
    app.el_within("[data-import-busy][hidden]", 5).await;
    app.screenshot("35-sync-import-stopped").await;

    // Again, to the end: every record is new here, so the stopped try wrote none of them.
    app.click("[data-action=sync-import]").await;
    let done = app
        .el_within(
            &format!("[data-import-result][data-applied='{records}']:not([hidden])"),
            180,
        )
        .await;
    assert_eq!(
        done.attr("data-unchanged").await.unwrap().as_deref(),
        Some("0")
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_export_of_a_large_registry_shows_progress_and_can_be_stopped() {
    // 30,000 people seeded here, sync set up afterwards: the first export carries them all
    // (~97,000 records: long enough to stop, even in a debug build).
    let dir = tempfile::tempdir().unwrap();
    cli_sync(dir.path(), &["seed", "--participants", "30000"]);
    cli_sync(
        dir.path(),
        &["sync", "setup", "--organisation", ORGANISATION],
    );
    let waiting = cli_sync(dir.path(), &["sync", "status"])["pending_changes"]
        .as_u64()
        .unwrap();
    assert!(waiting > 75_000, "{waiting}");
    let folder = tempfile::tempdir().unwrap();

    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=sync]").await;
    type_into(
        &app,
        "input[name=folder]",
        &folder.path().display().to_string(),
    )
    .await;
    type_into(&app, "input[name=interval_minutes]", "0").await;
    app.click("[data-action=sync-settings-save]").await;
    app.wait_text("[data-form-status=sync-settings]", "Zapisano")
        .await;

    // "Eksportuj teraz", stopped as soon as the bar moves: "Przerwij eksport".
    app.click("[data-action=sync-export-now]").await;
    let busy = app
        .el_within(
            "[data-export-busy]:not([hidden])[data-done]:not([data-done='0'])",
            60,
        )
        .await;
    app.click("[data-action=sync-export-cancel]").await;
    let total: u64 = busy
        .attr("data-total")
        .await
        .unwrap()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    assert!(total >= waiting, "{total} records of {waiting} changes");
    let said = app
        .el_within("[data-form-status=sync-export][data-cancelled=true]", 60)
        .await
        .text()
        .await
        .unwrap();
    assert!(said.contains("Eksport przerwany"), "{said}");
    app.el_within("[data-export-busy][hidden]", 5).await;
    assert!(
        bundles(folder.path()).is_empty(),
        "a stopped export writes no bundle"
    );
    assert_eq!(
        cli_sync(app.data_dir.path(), &["sync", "status"])["pending_changes"],
        serde_json::json!(waiting),
        "the changes still wait"
    );
    app.screenshot("41-sync-export-stopped").await;

    // Again, to the end: the bar says how many of how many, then one bundle with every record.
    app.click("[data-action=sync-export-now]").await;
    app.el_within(
        "[data-export-busy]:not([hidden])[data-done]:not([data-done='0'])",
        60,
    )
    .await;
    let step = app.el("[data-export-step]").await.text().await.unwrap();
    assert!(
        (step.starts_with("Zapisano ") && step.ends_with(" rekordów"))
            || step.starts_with("Zapisywanie pakietu"),
        "{step}"
    );
    app.screenshot("40-sync-export-progress").await;
    let done = app
        .el_within("[data-form-status=sync-export][data-exported-file]", 180)
        .await;
    let file = done.attr("data-exported-file").await.unwrap().unwrap();
    assert_eq!(bundles(folder.path()), [PathBuf::from(file)]);
    assert_eq!(
        done.attr("data-cancelled").await.unwrap(),
        None,
        "a finished export is not marked stopped"
    );
    app.quit().await;
}
