//! The system's own choosers, driven as a person would: the chooser opens (GTK here), the
//! path is pasted into its location bar (Ctrl+L, Ctrl+V) and Enter chooses. The strip of
//! logos is read by Rust and previewed; a chosen folder fills the sync export folder field.
//! Needs `xdotool` and `xclip` (scripts/test.sh installs them).

use kartoteka_e2e::{cli, App};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn x(args: &[&str]) {
    let display = std::env::var("DISPLAY").unwrap_or_default();
    assert!(Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .status()
        .unwrap()
        .success());
}

/// Chooses the file `path` in the chooser the app has just opened.
async fn choose_in_system_chooser(path: &Path) {
    tokio::time::sleep(Duration::from_secs(2)).await;
    let display = std::env::var("DISPLAY").unwrap_or_default();
    let mut clip = Command::new("xclip")
        .args(["-selection", "clipboard"])
        .env("DISPLAY", display)
        .stdin(Stdio::piped())
        .spawn()
        .expect("xclip is installed");
    clip.stdin
        .take()
        .unwrap()
        .write_all(path.to_str().unwrap().as_bytes())
        .unwrap();
    clip.wait().unwrap();
    x(&["key", "ctrl+l"]);
    tokio::time::sleep(Duration::from_millis(600)).await;
    x(&["key", "ctrl+a"]);
    x(&["key", "ctrl+v"]);
    tokio::time::sleep(Duration::from_millis(400)).await;
    x(&["key", "Return"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_logo_and_a_folder_are_chosen_with_the_systems_chooser() {
    let app = App::start_initialised().await;
    app.unlock().await;

    let files = tempfile::tempdir().unwrap();
    let logo = files.path().join("pasek.png");
    std::fs::copy(
        kartoteka_e2e::manifest_dir().join("../../icons/128x128.png"),
        &logo,
    )
    .unwrap();
    app.click("[data-nav=settings]").await;
    app.click("[data-action=logo-choose]").await;
    choose_in_system_chooser(&logo).await;
    app.el_within("img[data-logo-image]", 10).await;
    app.type_into("input[name=org_name]", "OPS w Łodzi").await;
    app.click("[data-action=organisation-save]").await;
    app.wait_text("[data-form-status=organisation]", "Zapisano")
        .await;
    let organisation = cli(app.data_dir.path(), &["organisation"], None);
    assert_eq!(organisation["logo_strip"], true, "{organisation}");

    let folder = files.path().join("pendrive");
    std::fs::create_dir(&folder).unwrap();
    // The folder chooser opens where the typed path points; she goes into "pendrive" (its
    // path in the location bar, Enter) and takes it (Enter).
    app.click("[data-nav=sync]").await;
    app.type_into("input[name=folder]", files.path().to_str().unwrap())
        .await;
    app.click("[data-pick-for=folder]").await;
    choose_in_system_chooser(&folder).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    x(&["key", "Return"]);
    let mut value = String::new();
    for _ in 0..50 {
        value = app
            .el("input[name=folder]")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if !value.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(Path::new(&value), folder);
    app.quit().await;
}
