//! The app locks itself after the idle time set in Ustawienia, and unlocks again.

use kartoteka_e2e::App;
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn the_app_locks_after_the_idle_time_and_unlocks_again() {
    let app = App::start_initialised().await;
    app.unlock().await;
    app.el("[data-nav=settings]").await.click().await.unwrap();
    app.wait_text("h1", "Ustawienia").await;
    app.type_into("input[name=idle_lock_minutes]", "1").await;
    app.el("[data-action=settings-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("[role=status]", "Zapisano").await;
    app.screenshot("06-settings").await;

    // Nobody touches the window now.
    let idle_from = Instant::now();
    app.el_within("[data-lock-reason=idle]", 100).await;
    let waited = idle_from.elapsed().as_secs();
    assert!(waited >= 50, "locked too early, after {waited} s");
    app.el("input[type=password]").await;
    assert!(app
        .d()
        .find_all(thirtyfour::By::Css("[data-nav=participants]"))
        .await
        .unwrap()
        .is_empty());
    app.screenshot("07-idle-locked").await;

    app.unlock().await;
    app.el("[data-nav=participants]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("h1", "Uczestnicy").await;
    app.quit().await;
}
