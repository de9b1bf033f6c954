//! A participant registered with the keyboard only — no click anywhere: the password and
//! Enter, Alt+N for a new person, Tab between the fields, Enter to save; a PESEL typed wrong
//! is refused with the error summary's link taking her back to the field; then the search,
//! the arrows and Enter open her record. Every focused control shows a visible focus ring.

use kartoteka_e2e::{cli, initialised_dir, App, PASSWORD};
use std::time::Duration;
use thirtyfour::prelude::*;

async fn keys(app: &App, text: impl Into<TypingData>) {
    app.d()
        .active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// The `name` of the focused control (empty when it has none).
async fn focused(app: &App) -> String {
    app.d()
        .execute(
            "const a = document.activeElement; \
             if (a?.dataset?.errorLink) return 'link:' + a.dataset.errorLink; \
             return a?.name || a?.id || a?.dataset?.nav || a?.dataset?.action || '';",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Whether the focused control draws a focus ring (outline or box shadow).
async fn focus_visible(app: &App) -> bool {
    app.d()
        .execute(
            "const s = getComputedStyle(document.activeElement); \
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_bool()
        .unwrap_or(false)
}

/// Presses Tab (Shift+Tab with `back`) until the control named `name` has the focus.
async fn tab_until(app: &App, name: &str, back: bool) {
    for _ in 0..60 {
        if focused(app).await == name {
            assert!(focus_visible(app).await, "{name} shows where the focus is");
            return;
        }
        if back {
            keys(app, Key::Shift + Key::Tab).await;
        } else {
            keys(app, Key::Tab).await;
        }
    }
    panic!("Tab never reached {name}");
}

async fn tab_to(app: &App, name: &str) {
    tab_until(app, name, false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_is_registered_and_found_with_the_keyboard_only() {
    let app = App::start(initialised_dir()).await;
    app.el("input[type=password]").await;
    keys(&app, PASSWORD).await;
    keys(&app, Key::Enter).await;
    app.el("[data-view=participants]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(focused(&app).await, "query", "the search box has the focus");

    keys(&app, Key::Alt + "n").await;
    app.el("[data-view=participant-form]").await;
    app.el("input[name=first_name]").await;
    tab_to(&app, "first_name").await;
    keys(&app, "Zdzisława").await;
    tab_to(&app, "last_name").await;
    keys(&app, "Żłobińska").await;
    tab_to(&app, "pesel").await;
    keys(&app, "02270803625").await; // wrong check digit
    keys(&app, Key::Enter).await;

    // Refused: the focus is on the PESEL; the summary above lists it as a link, and Enter
    // on the link brings her back to the field.
    app.el_within("[data-form-summary] [data-error-link=pesel]", 10)
        .await;
    assert_eq!(focused(&app).await, "pesel");
    tab_until(&app, "link:pesel", true).await;
    keys(&app, Key::Enter).await;
    assert_eq!(focused(&app).await, "pesel");
    for _ in 0..11 {
        keys(&app, Key::Backspace).await;
    }
    keys(&app, "02270803624").await;
    keys(&app, Key::Enter).await;
    app.wait_text("h1", "Zdzisława Żłobińska").await;
    let list = cli(app.data_dir.path(), &["participant", "list"], None);
    assert_eq!(list["total"], 1, "{list}");

    // Back to the list through the menu (Shift+Tab to "Uczestnicy", Enter); then the search
    // without Polish letters, the arrow and Enter.
    tab_until(&app, "participants", true).await;
    keys(&app, Key::Enter).await;
    app.el("[data-view=participants]").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    keys(&app, "zlobinska").await;
    app.wait_text("[data-participant-id]", "Żłobińska").await;
    keys(&app, Key::Down).await;
    keys(&app, Key::Enter).await;
    app.wait_text("h1", "Zdzisława Żłobińska").await;
    app.quit().await;
}
