//! The window in English and back: switched in Ustawienia, spoken by every view and by the
//! unlock screen, remembered in the data folder; the printed form stays Polish.

use kartoteka_e2e::App;

async fn nav_text(app: &App, nav: &str) -> String {
    app.el(&format!("[data-nav={nav}]"))
        .await
        .text()
        .await
        .unwrap()
        .trim()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn english_is_switched_on_in_ustawienia_remembered_and_switched_back() {
    let app = App::start_initialised().await;
    app.unlock().await;
    assert_eq!(nav_text(&app, "participants").await, "Uczestnicy");
    app.click("[data-nav=settings]").await;
    app.select("#language-switch", "en").await;
    app.wait_text("[data-view=settings] h1", "Settings").await;
    assert_eq!(nav_text(&app, "participants").await, "Participants");
    assert_eq!(nav_text(&app, "plans").await, "Support plans");
    let lang = app
        .d()
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(lang.json().as_str(), Some("en"));
    app.screenshot("language-01-settings-en").await;
    let saved = std::fs::read_to_string(app.data_dir.path().join("preferences.json")).unwrap();
    assert!(saved.contains("\"en\""), "{saved}");

    // Every view speaks it; the participant list and a new person's form.
    app.click("[data-nav=participants]").await;
    app.wait_text("h1", "Participants").await;
    app.screenshot("language-02-participants-en").await;
    app.assert_accessible("participant list in English").await;

    // Locked, the unlock screen is in English too (the choice is the data folder's).
    app.click("[data-action=lock]").await;
    app.wait_text("button[type=submit]", "Unlock").await;
    app.screenshot("language-03-unlock-en").await;
    app.unlock().await;
    assert_eq!(nav_text(&app, "participants").await, "Participants");

    // And back to Polish, from the same place.
    app.click("[data-nav=settings]").await;
    app.select("#language-switch", "pl").await;
    app.wait_text("[data-view=settings] h1", "Ustawienia").await;
    assert_eq!(nav_text(&app, "participants").await, "Uczestnicy");
    let saved = std::fs::read_to_string(app.data_dir.path().join("preferences.json")).unwrap();
    assert!(saved.contains("\"pl\""), "{saved}");
    app.quit().await;
}
