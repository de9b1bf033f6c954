//! A project's page: a person found in the registry is added to the project (search, arrows,
//! Enter, the enrolment form with the project chosen) and appears among the enrolled.

use kartoteka_e2e::{cli, dir_with_one_person, App};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_person_is_added_to_a_project_from_its_page() {
    let dir = dir_with_one_person();
    cli(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(
            r#"{"name": "Razem łatwiej", "start_date": "2026-01-01", "end_date": "2027-12-31", "target_groups": ["osoby zagrożone ubóstwem"]}"#,
        ),
    );
    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=projects]").await;
    app.click("tr[data-project-id]").await;
    app.el("[data-view=project-detail]").await;
    app.click("[data-action=add-person]").await;
    app.type_into("#project-person-search", "zolkiew").await;
    app.el("#project-person-results button[data-pick-id]").await;
    let search = app.el("#project-person-search").await;
    search.send_keys(Key::Down).await.unwrap();
    search.send_keys(Key::Enter).await.unwrap();
    app.el("form[data-form=enrol]").await;
    app.type_into("form[data-form=enrol] input[name=start_date]", "02.11.2026")
        .await;
    app.assert_accessible("adding a person to a project").await;
    app.click("[data-action=enrol-save]").await;
    app.wait_text(".project-enrolments", "Łucja Żółkiewska")
        .await;
    app.screenshot("71-project-person-added").await;
    app.quit().await;
}
