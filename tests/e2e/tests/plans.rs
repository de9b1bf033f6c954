//! A support plan in the real window: a worker creates a plan with two goals and three services,
//! signs it, logs deliveries with the quick form on the participant's page and sees progress
//! move; trying to change the signed plan leads to an amendment (a version 2 draft).

use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// Seeded catalogue services (crates/store/migrations/0005_plans.sql).
const TER_PSY: &str = "00000000-0000-7000-8000-000000000001";
const TER_LOGO: &str = "00000000-0000-7000-8000-000000000004";
const ROD_ASYST: &str = "00000000-0000-7000-8000-000000000010";

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

/// The text of the first element matching `css`, once it is there.
async fn text_of(app: &App, css: &str) -> String {
    app.el(css).await.text().await.unwrap()
}

/// Waits until the element's attribute has the value (the page re-renders after saves).
async fn wait_attr(app: &App, css: &str, attr: &str, value: &str) {
    let start = Instant::now();
    loop {
        if let Ok(e) = app.d().find(By::Css(css)).await {
            if e.attr(attr).await.ok().flatten().as_deref() == Some(value) {
                return;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{css} never had {attr}={value}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_with_two_goals_signed_delivered_and_amended() {
    let dir = initialised_dir();
    let project = cli(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Rodzina w centrum", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let person = cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624"}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    cli(
        dir.path(),
        &[
            "enrolment",
            "add",
            "--participant",
            &person,
            "--project",
            &project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date": "2026-02-01"}"#),
    );

    let app = App::start(dir).await;
    app.unlock().await;
    app.open_participant("walesa", "Wałęsa", "Łucja Wałęsa")
        .await;

    // A new plan for the only enrolment, its period prefilled.
    app.click("[data-tab=plans]").await;
    app.el("[data-plans-empty]").await;
    app.click("[data-action=plan-new]").await;
    assert_eq!(
        app.el("input[name=start_date]")
            .await
            .value()
            .await
            .unwrap()
            .as_deref(),
        Some("01.02.2026")
    );
    app.click("[data-action=plan-create]").await;
    app.el("[data-view=plan][data-plan-status=draft]").await;
    app.wait_text("h1", "Plan wsparcia: Łucja Wałęsa").await;

    // Diagnosis, then two goals with three services.
    app.type_into(
        "textarea[name='diagnosis.problem_situation']",
        "Zaległości czynszowe, brak stałej pracy.",
    )
    .await;
    app.select("select[name='diagnosis.areas.housing.score']", "2")
        .await;
    app.type_into(
        "input[name='diagnosis.areas.housing.comment']",
        "Groźba eksmisji",
    )
    .await;
    app.type_into(
        "input[name='goals.0.title']",
        "Stabilizacja sytuacji mieszkaniowej",
    )
    .await;
    app.select("select[name='goals.0.services.0.service']", TER_PSY)
        .await;
    app.type_into("input[name='goals.0.services.0.quantity']", "10")
        .await;
    app.type_into(
        "input[name='goals.0.services.0.specialist']",
        "mgr Anna Nowak",
    )
    .await;
    app.click("[data-goal-index='0'] [data-action=service-row-add]")
        .await;
    app.select("select[name='goals.0.services.1.service']", ROD_ASYST)
        .await;
    app.type_into("input[name='goals.0.services.1.quantity']", "8")
        .await;
    app.click("[data-action=goal-add]").await;
    app.type_into("input[name='goals.1.title']", "Powrót na rynek pracy")
        .await;
    app.select("select[name='goals.1.services.0.service']", TER_LOGO)
        .await;
    app.type_into("input[name='goals.1.services.0.quantity']", "abc")
        .await;
    app.click("[data-action=plan-save]").await;
    // A quantity that is not a number is named next to its field; nothing is saved.
    app.wait_text(
        "[data-error-for='goals.1.services.0.quantity']",
        "wpisz liczbę",
    )
    .await;
    app.type_into("input[name='goals.1.services.0.quantity']", "6")
        .await;
    app.click("[data-action=plan-save]").await;
    app.wait_text("[data-form-status=plan]", "Zapisano").await;
    let plan_id = app
        .el("[data-view=plan]")
        .await
        .attr("data-plan-id")
        .await
        .unwrap()
        .unwrap();
    let shown = cli(app.data_dir.path(), &["plan", "show", &plan_id], None);
    assert_eq!(shown["goals"].as_array().unwrap().len(), 2);
    let services: Vec<_> = shown["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["services"].as_array().unwrap().clone())
        .collect();
    assert_eq!(services.len(), 3);
    let psy = services[0]["id"].as_str().unwrap().to_owned();
    scroll_to(&app, "[data-view=plan]").await;
    app.screenshot("20-plan-draft").await;
    scroll_to(&app, "[data-section=goals]").await;
    app.screenshot("20-plan-draft-goals").await;

    // Signing freezes it.
    app.click("[data-action=plan-sign]").await;
    app.el("[data-dialog=plan-sign] input[name=participant_signed_on]")
        .await;
    // WebKit's window screenshot leaves out the dialog's top layer: take the dialog itself.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let dialog = app.el("[data-dialog=plan-sign]").await;
    let dir = kartoteka_e2e::manifest_dir().join("../../.e2e-artifacts");
    let _ = dialog
        .screenshot(&dir.join("21-plan-sign-dialog.png"))
        .await;
    app.click("[data-dialog=plan-sign] [data-action=confirm]")
        .await;
    app.el("[data-view=plan][data-plan-status=signed]").await;
    let before = text_of(
        &app,
        &format!("[data-progress-for='service:{psy}'] [data-progress-text]"),
    )
    .await;
    assert_eq!(before, "0 z 10 godz.");
    app.screenshot("22-plan-signed").await;
    scroll_to(&app, "[data-section=goals]").await;
    app.screenshot("22-plan-signed-goals").await;

    // Deliveries from the participant's page with the quick form: Enter saves.
    app.click("[data-action=back]").await;
    app.wait_text("h1", "Łucja Wałęsa").await;
    let started = Instant::now();
    app.click("[data-action=delivery-quick]").await;
    app.select("select[name=planned_service_id]", &psy).await;
    let quantity = app.el("[data-form=delivery] input[name=quantity]").await;
    quantity.clear().await.unwrap();
    quantity.send_keys("2" + Key::Enter).await.unwrap();
    app.wait_text("[data-delivery-result]", "2 z 10 godz.")
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "logging a delivery took {:?}",
        started.elapsed()
    );
    let quantity = app.el("[data-form=delivery] input[name=quantity]").await;
    quantity.clear().await.unwrap();
    quantity.send_keys("1,5" + Key::Enter).await.unwrap();
    app.wait_text("[data-delivery-result]", "3,5 z 10 godz. (35%)")
        .await;
    app.screenshot("23-quick-delivery").await;

    // The plan list and the plan show the progress.
    app.click("[data-tab=plans]").await;
    app.wait_text(&format!("[data-plan-id='{plan_id}']"), "podpisany")
        .await;
    scroll_to(&app, "[data-tab=plans]").await;
    app.screenshot("23-plans-tab").await;
    app.click("[data-tab=timeline]").await;
    app.wait_text("[data-timeline-kind=delivery]", "Terapia psychologiczna")
        .await;
    scroll_to(&app, "[data-tab=timeline]").await;
    app.screenshot("23-timeline").await;
    app.click("[data-tab=plans]").await;
    app.click(&format!(
        "[data-plan-id='{plan_id}'] [data-action=plan-open]"
    ))
    .await;
    app.el("[data-view=plan][data-plan-status=signed]").await;
    let after = text_of(
        &app,
        &format!("[data-progress-for='service:{psy}'] [data-progress-text]"),
    )
    .await;
    assert_eq!(after, "3,5 z 10 godz.");
    wait_attr(
        &app,
        &format!("[data-progress-for='service:{psy}']"),
        "data-percent",
        "35",
    )
    .await;
    scroll_to(&app, "[data-section=goals]").await;
    app.screenshot("24-plan-progress").await;

    // A signed plan has no edit form: changing it means an amendment, a version 2 draft.
    assert!(app
        .d()
        .find_all(By::Css("[data-plan-form], input[name=worker]"))
        .await
        .unwrap()
        .is_empty());
    app.wait_text("[data-plan-note=signed]", "utwórz aneks")
        .await;
    app.click("[data-action=plan-amend]").await;
    app.click("dialog [data-action=confirm]").await;
    app.el("[data-view=plan][data-plan-status=draft][data-plan-version='2']")
        .await;
    app.el("input[name=worker]").await;
    app.el("[data-version-link=replaces]").await;
    // Deliveries carry over to the amendment's services.
    app.wait_text("[data-plan-form] [data-progress-text]", "3,5 z 10 godz.")
        .await;
    app.screenshot("25-plan-amendment").await;
    let shown = cli(app.data_dir.path(), &["plan", "show", &plan_id], None);
    assert_eq!(shown["status"], "signed");
    app.quit().await;
}
