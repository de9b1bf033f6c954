//! The app locks itself after the idle time set in Ustawienia, and unlocks again — and a note
//! half-typed when the lock came is there after the unlock, in the view it was typed in.
//! Leaving a changed form asks first.

use kartoteka_e2e::{dir_with_one_person, App};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn the_idle_lock_keeps_a_half_typed_note_and_the_unlock_brings_it_back() {
    let app = App::start(dir_with_one_person()).await;
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

    // A home-visit note, typed and not saved.
    app.click("[data-nav=participants]").await;
    app.open_participant("zolkiewska", "Żółkiewska", "Żółkiewska")
        .await;
    app.click("[data-tab=timeline]").await;
    app.click("[data-action=note-add]").await;
    let note = "Wizyta domowa: rozmowa o budżecie, do sprawdzenia zasiłek celowy";
    app.type_into("form[data-form=note] textarea[name=text]", note)
        .await;

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

    // After the unlock: the same person's timeline, the note form with the text.
    app.unlock().await;
    app.wait_text("[data-info-bar]", "Wrócono do formularza")
        .await;
    app.wait_text("[data-draft-notice]", "Przywrócono niezapisany szkic")
        .await;
    let text = app
        .el("form[data-form=note] textarea[name=text]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(text, note);
    app.screenshot("08-note-restored").await;
    app.click("[data-action=note-save]").await;
    app.wait_text("[data-timeline]", "rozmowa o budżecie").await;

    // Leaving a changed form asks: back to it, then give the changes up.
    app.leave_a_changed_form().await;
    app.screenshot("09-leave-question").await;
    app.click("dialog [data-action=stay]").await;
    app.el("[data-view=participant-form]").await;
    app.click("[data-nav=projects]").await;
    app.wait_text("dialog", "Masz niezapisane zmiany").await;
    app.click("dialog [data-action=discard]").await;
    app.wait_text("h1", "Projekty").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.quit().await;
}
