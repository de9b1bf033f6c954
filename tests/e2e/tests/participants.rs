//! A social worker registers a person, finds them without typing diacritics, opens the record
//! and enrols them in a project — in the real window. A wrong PESEL saves nothing.

use kartoteka_e2e::{cli, initialised_dir, App};
use thirtyfour::prelude::*;

async fn click_button(app: &App, text: &str) {
    let xpath = format!("//button[normalize-space(.)='{text}']");
    app.d()
        .query(By::XPath(&xpath))
        .wait(
            std::time::Duration::from_secs(10),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await
        .unwrap_or_else(|e| panic!("no button {text}: {e}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn register_find_open_and_enrol_a_participant() {
    let dir = initialised_dir();
    let project = cli(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Miasto Rodziny", "agreement_number": "UDA-1/22", "start_date": "2022-01-01",
                 "end_date": "2027-06-30", "participant_target": 350, "target_groups": ["rodziny z dziećmi"]}"#),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let app = App::start(dir).await;
    app.unlock().await;

    click_button(&app, "Nowy uczestnik").await;
    app.type_into("input[name=first_name]", "Łucja").await;
    app.type_into("input[name=last_name]", "Wałęsa").await;
    app.type_into("input[name=pesel]", "02270803625").await;
    app.type_into("input[name='address.town']", "Łódź").await;
    click_button(&app, "Zapisz").await;
    app.wait_text("[data-error-for=pesel]", "PESEL").await;
    app.screenshot("03-pesel-error").await;
    let page = cli(app.data_dir.path(), &["participant", "list"], None);
    assert_eq!(page["total"], 0, "a wrong PESEL must save nothing");

    app.type_into("input[name=pesel]", "02270803624").await;
    click_button(&app, "Zapisz").await;
    app.wait_text("h1", "Wałęsa").await;

    app.el("[data-nav=participants]")
        .await
        .click()
        .await
        .unwrap();
    app.type_into("#participant-search", "walesa").await;
    app.wait_text("[data-participant-id]", "Wałęsa").await;
    app.screenshot("04-search").await;
    app.open_participant("walesa", "Wałęsa", "Łucja Wałęsa")
        .await;

    app.el("[data-tab=projects]").await.click().await.unwrap();
    app.el("[data-action=enrol]").await.click().await.unwrap();
    app.select("select[name=project_id]", &project).await;
    app.type_into("input[name=start_date]", "01.02.2024").await;
    app.select("select[name=target_group]", "rodziny z dziećmi")
        .await;
    app.el("[data-action=enrol-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("[data-view=participant-detail]", "Miasto Rodziny")
        .await;
    app.screenshot("05-enrolled").await;

    let people = cli(
        app.data_dir.path(),
        &["participant", "search", "walesa"],
        None,
    );
    let id = people[0]["id"].as_str().unwrap().to_owned();
    let enrolments = cli(
        app.data_dir.path(),
        &["enrolment", "list", "--participant", &id],
        None,
    );
    assert_eq!(enrolments.as_array().unwrap().len(), 1);
    assert_eq!(enrolments[0]["project_id"], serde_json::json!(project));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_typed_as_a_name_is_shown_as_text() {
    let app = App::start_initialised().await;
    app.unlock().await;
    click_button(&app, "Nowy uczestnik").await;
    app.type_into("input[name=first_name]", "<img src=x onerror=alert(1)>")
        .await;
    app.type_into("input[name=last_name]", "Nowak").await;
    app.type_into("input[name=pesel]", "44051401359").await;
    click_button(&app, "Zapisz").await;
    app.wait_text("h1", "<img src=x onerror=alert(1)>").await;
    assert!(app
        .d()
        .find_all(By::Css("img[src=x]"))
        .await
        .unwrap()
        .is_empty());
    app.quit().await;
}
