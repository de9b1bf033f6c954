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
    // One woman enrolled and active, in the table by sex.
    let women = app
        .el("[data-by-sex] tr[data-sex=female]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        women.starts_with("Kobiety") && women.contains('1'),
        "{women}"
    );

    // The call and the value are typed in the edit form (złoty, the Polish way) and shown.
    app.click("[data-action=project-edit]").await;
    app.el("[data-view=project-form] fieldset:enabled input[name=name]")
        .await;
    app.type_into("input[name=call_number]", "FELD.07.05-IZ.00-001/25")
        .await;
    app.type_into("input[name=eu_funds]", "1 234 567,89").await;
    app.type_into("input[name=own_contribution]", "dużo").await;
    app.click("[data-action=save]").await;
    app.wait_text("[data-error-for=own_contribution]", "podaj kwotę w złotych")
        .await;
    app.type_into("input[name=own_contribution]", "65 000")
        .await;
    // Enter in the field saves (the form's submit).
    app.el("input[name=own_contribution]")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.el("[data-view=project-detail]").await;
    let facts = app
        .wait_text("[data-view=project-detail] dl.facts", "1 234 567,89 zł")
        .await;
    let facts = facts.text().await.unwrap();
    assert!(
        facts.contains("FELD.07.05-IZ.00-001/25") && facts.contains("1 299 567,89 zł"),
        "{facts}"
    );
    app.screenshot("72-project-value").await;
    app.assert_accessible("a project's page with its value and participants by sex")
        .await;
    app.quit().await;
}
