//! Makes the help pages' screenshots (ui/public/help/*.png) from the real window with the demo
//! data (fictitious people only). Not a check: run it by hand after a view changed its look,
//! then look at the pictures and commit them —
//! `cargo test -p kartoteka-e2e --test help_screenshots -- --ignored` (under xvfb-run, as the
//! other E2E tests; ImageMagick's `convert` shrinks them to 960 px when it is installed).

use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::Duration;

async fn shot(app: &App, topic: &str) {
    // The demo banner is for the worker trying the program, not for the help's pictures.
    let _ = app
        .d()
        .execute(
            "const b = document.querySelector('[data-banner=demo]'); if (b) b.hidden = true;",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let out = kartoteka_e2e::manifest_dir().join("../../ui/public/help");
    std::fs::create_dir_all(&out).unwrap();
    let raw = std::env::temp_dir().join(format!("kartoteka-help-{topic}.png"));
    let taken = tokio::time::timeout(Duration::from_secs(20), app.d().screenshot(&raw)).await;
    if !matches!(taken, Ok(Ok(()))) {
        // WebKitWebDriver does not always answer (the sync view): the X screen instead.
        let display = std::env::var("DISPLAY").unwrap_or_default();
        let grabbed = std::process::Command::new("import")
            .args(["-display", &display, "-window", "root"])
            .arg(&raw)
            .status()
            .is_ok_and(|s| s.success());
        assert!(grabbed, "no screenshot of {topic}");
    }
    let file = out.join(format!("{topic}.png"));
    let shrunk = std::process::Command::new("convert")
        .arg(&raw)
        .args(["-resize", "960x", "-strip", "-colors", "128"])
        .arg(format!("PNG8:{}", file.display()))
        .status()
        .is_ok_and(|s| s.success());
    if !shrunk {
        std::fs::copy(&raw, &file).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "makes the help's pictures; run by hand"]
async fn help_screenshots() {
    let dir = initialised_dir();
    cli(dir.path(), &["demo", "add"], None);
    let app = App::start(dir).await;
    app.unlock().await;
    app.el("[data-participant-id]").await;
    shot(&app, "start").await;
    app.type_into("#participant-search", "ko").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "participants").await;
    for (nav, topic, ready) in [
        ("projects", "projects", "[data-project-id]"),
        ("plans", "plans", "[data-plan-id]"),
        ("documents", "documents", "[data-view=documents]"),
        ("reports", "reports", "[data-view=reports]"),
        ("sync", "sync", "[data-view=sync]"),
        ("settings", "settings", "[data-view=settings]"),
    ] {
        app.click(&format!("[data-nav={nav}]")).await;
        app.el(ready).await;
        shot(&app, topic).await;
    }
    app.quit().await;
}
