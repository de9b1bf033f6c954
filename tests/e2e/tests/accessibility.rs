//! Accessibility of the real window: axe-core (from the UI's npm dependencies, injected over
//! WebDriver) finds no violation of moderate impact or worse on the main views, a person's
//! tabs and forms, a plan, and the leave question — on a registry seeded with synthetic people.

use kartoteka_e2e::{cli, App};
use std::time::Duration;

/// A seeded person who has a support plan: (id, first name, last name).
fn person_with_plan(dir: &std::path::Path) -> (String, String, String) {
    let page = cli(dir, &["participant", "list", "--limit", "40"], None);
    for row in page["rows"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let plans = cli(dir, &["plan", "list", "--participant", id], None);
        if plans.as_array().is_some_and(|p| !p.is_empty()) {
            let name = |k: &str| row[k].as_str().unwrap().to_owned();
            return (id.to_owned(), name("first_name"), name("last_name"));
        }
    }
    panic!("the seed wrote no plan for the first 40 people");
}

async fn settle(_app: &App) {
    tokio::time::sleep(Duration::from_millis(400)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_main_views_tabs_forms_and_dialogs_have_no_accessibility_violations() {
    let dir = tempfile::tempdir().unwrap();
    cli(
        dir.path(),
        &["seed", "--participants", "40", "--seed", "3"],
        None,
    );
    let (_, first, last) = person_with_plan(dir.path());
    // The seed's worker is "administrator" with the E2E password.
    let app = App::start(dir).await;
    app.el("input[type=password]").await;
    app.assert_accessible("the unlock screen").await;
    app.unlock().await;
    app.wait_text("[data-list-info]", "W kartotece:").await;
    app.assert_accessible("Uczestnicy").await;
    // The check can fail: a button without a name is found.
    app.d()
        .execute(
            "const b = document.createElement('button'); b.id = 'probe'; document.querySelector('main').append(b);",
            vec![],
        )
        .await
        .unwrap();
    let found = app.accessibility_violations().await;
    assert_eq!(found[0]["id"], "button-name", "{found}");
    app.d()
        .execute("document.getElementById('probe').remove();", vec![])
        .await
        .unwrap();

    app.open_participant(&last, &last, &format!("{first} {last}"))
        .await;
    for tab in [
        "data",
        "family",
        "projects",
        "plans",
        "consents",
        "timeline",
        "documents",
        "history",
    ] {
        app.click(&format!("[data-tab={tab}]")).await;
        settle(&app).await;
        app.assert_accessible(&format!("the person's tab {tab}"))
            .await;
    }
    app.click("[data-tab=timeline]").await;
    app.click("[data-action=note-add]").await;
    app.el("form[data-form=note]").await;
    app.assert_accessible("the note form").await;
    app.click("[data-action=note-cancel]").await;

    app.click("[data-tab=plans]").await;
    app.click("[data-action=plan-open]").await;
    app.el("[data-view=plan]").await;
    settle(&app).await;
    app.assert_accessible("a support plan").await;

    for (nav, what) in [
        ("projects", "Projekty"),
        ("plans", "Plany wsparcia"),
        ("documents", "Dokumenty"),
        ("reports", "Raporty"),
        ("sync", "Synchronizacja"),
        ("settings", "Ustawienia"),
    ] {
        app.click(&format!("[data-nav={nav}]")).await;
        app.wait_text("h1", what).await;
        settle(&app).await;
        app.assert_accessible(what).await;
        if nav == "plans" {
            // Every person's plan: the seeded signed plans are listed, with their reviews.
            app.wait_text("[data-plan-list] .list-info", "Planów:")
                .await;
            app.el("[data-plan-list] tr[data-plan-status=signed]").await;
            app.screenshot("70-plans-list").await;
        }
    }
    app.click("[data-action=open-audit]").await;
    app.wait_text("h1", "Dziennik zdarzeń").await;
    settle(&app).await;
    app.assert_accessible("Dziennik zdarzeń").await;

    app.click("[data-nav=projects]").await;
    app.click("tr[data-project-id]").await;
    app.el("[data-view=project-detail]").await;
    settle(&app).await;
    app.assert_accessible("a project").await;
    // The project is corrected from its page.
    app.click("[data-action=project-edit]").await;
    app.el("[data-view=project-form]").await;
    settle(&app).await;
    app.assert_accessible("the project form").await;
    app.type_into("input[name=name]", "Aktywni razem — po korekcie")
        .await;
    app.click("[data-view=project-form] [data-action=save]")
        .await;
    app.wait_text("h1", "Aktywni razem — po korekcie").await;

    app.click("[data-nav=participants]").await;
    app.click("[data-action=new-participant]").await;
    app.el("[data-view=participant-form]").await;
    app.assert_accessible("the new participant form").await;
    app.leave_a_changed_form().await;
    app.assert_accessible("the leave question").await;
    app.click("dialog [data-action=discard]").await;
    app.wait_text("h1", "Projekty").await;
    app.quit().await;
}
