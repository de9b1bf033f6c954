//! At 150 % zoom on a 1366×768 screen (an office laptop with Windows' recommended scaling)
//! nothing overlaps or is cut off: the Projekty list, a project, a person's tabs and the
//! audit log, filled with the demo data. Screenshots of each are kept for people to look at.

use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::Duration;

async fn check(app: &App, what: &str, shot: &str, problems: &mut Vec<String>) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot(shot).await;
    for p in app.layout_problems_of_view().await {
        problems.push(format!("{what}: {p}"));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn at_150_percent_nothing_overlaps_or_is_cut_off() {
    let dir = initialised_dir();
    cli(dir.path(), &["demo", "add"], None);
    let app = App::start(dir).await;
    app.unlock().await;
    let (w, h) = app.as_if_scaled(1366, 768, 1.5).await;
    assert!(
        (880..=930).contains(&w) && (480..=530).contains(&h),
        "{w}×{h}"
    );
    let mut problems = Vec::new();

    check(&app, "Uczestnicy", "zoom-01-participants", &mut problems).await;

    app.click("[data-nav=projects]").await;
    app.el("[data-project-id]").await;
    check(&app, "Projekty", "zoom-02-projects", &mut problems).await;

    app.click("[data-project-id]").await;
    app.el("[data-view=project-detail]").await;
    check(&app, "projekt", "zoom-03-project", &mut problems).await;

    app.click("[data-nav=participants]").await;
    app.click("[data-participant-id]").await;
    app.el("[data-view=participant-detail]").await;
    for tab in [
        "data",
        "projects",
        "plans",
        "consents",
        "timeline",
        "documents",
        "history",
    ] {
        app.click(&format!("[data-tab={tab}]")).await;
        check(
            &app,
            &format!("osoba, zakładka {tab}"),
            &format!("zoom-04-person-{tab}"),
            &mut problems,
        )
        .await;
    }

    app.click("[data-nav=plans]").await;
    check(&app, "Plany wsparcia", "zoom-05-plans", &mut problems).await;

    app.click("[data-nav=settings]").await;
    app.click("[data-action=open-audit]").await;
    app.el("[data-view=audit]").await;
    check(&app, "Dziennik zdarzeń", "zoom-06-audit", &mut problems).await;

    app.quit().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
