//! The real window opens, unlocks, and shows the Polish shell.

use kartoteka_e2e::App;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_unlocks_and_shows_the_polish_navigation() {
    let app = App::start_initialised().await;
    assert_eq!(app.d().title().await.unwrap(), "Kartoteka");
    app.el("input[type=password]").await;
    app.screenshot("01-unlock").await;
    app.unlock().await;
    for (nav, label) in [
        ("participants", "Uczestnicy"),
        ("projects", "Projekty"),
        ("plans", "Plany wsparcia"),
        ("documents", "Dokumenty"),
        ("sync", "Synchronizacja"),
        ("settings", "Ustawienia"),
    ] {
        let text = app
            .el(&format!("[data-nav={nav}]"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(text.trim(), label);
    }
    app.el("[data-nav=projects]").await.click().await.unwrap();
    app.wait_text("h1", "Projekty").await;
    app.el("[data-nav=participants]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-view=participants]").await;
    app.wait_text("h1", "Uczestnicy").await;
    app.el("#participant-search").await;
    app.screenshot("02-participants").await;

    // F1: the help of this view, with its picture of the real window; Escape closes it.
    app.d()
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::F1)
        .await
        .unwrap();
    app.wait_text(
        "[data-dialog=help] [data-help-page=participants]",
        "Uczestnicy",
    )
    .await;
    let loaded = app
        .d()
        .execute(
            "const i = document.querySelector('[data-help-page] img'); return !!i && i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        loaded.json().as_bool(),
        Some(true),
        "the help's screenshot loads"
    );
    app.screenshot("02b-help").await;
    app.assert_accessible("help dialog").await;
    app.d()
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Escape)
        .await
        .unwrap();
    for _ in 0..50 {
        if app
            .d()
            .find_all(By::Css("[data-dialog=help]"))
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(app
        .d()
        .find_all(By::Css("[data-dialog=help]"))
        .await
        .unwrap()
        .is_empty());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_refused_with_a_polish_message() {
    let app = App::start_initialised().await;
    app.type_into("input[type=password]", "to-nie-jest-haslo")
        .await;
    app.el("button[type=submit]").await.click().await.unwrap();
    app.wait_text("[role=alert]", "Nieprawidłowe hasło").await;
    assert!(app
        .d()
        .find_all(thirtyfour::By::Css("[data-nav=participants]"))
        .await
        .unwrap()
        .is_empty());
    app.quit().await;
}

/// The window opens at the size it was left at (kept in the data folder's `window.json`).
#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_at_the_size_it_was_left_at() {
    let dir = kartoteka_e2e::initialised_dir();
    std::fs::write(
        dir.path().join("window.json"),
        r#"{"width": 1024, "height": 700, "maximized": false}"#,
    )
    .unwrap();
    let app = App::start(dir).await;
    app.el("input[type=password]").await;
    let mut width = 0.0;
    for _ in 0..30 {
        width = app
            .d()
            .execute("return window.innerWidth;", vec![])
            .await
            .unwrap()
            .json()
            .as_f64()
            .unwrap();
        if width == 1024.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(width, 1024.0);
    app.quit().await;
}
