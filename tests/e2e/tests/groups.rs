//! Group work in the real window: a specialist opens her group of eight, types the hours and
//! the topic, unticks the two who did not come and saves — a handful of clicks — then prints
//! the session's attendance list. Six deliveries land on the members' plans.

use chrono::{Duration, Local};
use kartoteka_e2e::{cli, initialised_dir, App};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn a_session_of_six_of_eight_members_is_recorded_in_a_few_clicks_and_printed() {
    let dir = initialised_dir();
    let d = dir.path();
    let today = Local::now().date_naive();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let project = cli(
        d,
        &["project", "add", "--json", "-"],
        Some(
            &serde_json::json!({"name": "Świetlica na start",
                "start_date": iso(today - Duration::days(90)), "end_date": iso(today + Duration::days(300))})
            .to_string(),
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let group = cli(
        d,
        &["group", "add", "--project", &project, "--json", "-"],
        Some(
            &serde_json::json!({"name": "Grupa socjoterapeutyczna „Razem”", "service": "TER-SOCJO",
                "specialist": "Marta Zielińska", "start_date": iso(today - Duration::days(60)),
                "end_date": iso(today + Duration::days(60))})
            .to_string(),
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let names = [
        "Ala",
        "Bożena",
        "Cecylia",
        "Danuta",
        "Elżbieta",
        "Franciszka",
        "Grażyna",
        "Hanna",
    ];
    let mut people = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let p = cli(
            d,
            &["participant", "add", "--json", "-"],
            Some(
                &serde_json::json!({"first_name": name, "last_name": "Łęcka", "sex": "female",
                    "birth_date": format!("1985-05-{:02}", i + 1)})
                .to_string(),
            ),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let e = cli(
            d,
            &[
                "enrolment",
                "add",
                "--participant",
                &p,
                "--project",
                &project,
                "--json",
                "-",
            ],
            Some(&serde_json::json!({"start_date": iso(today - Duration::days(60))}).to_string()),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let plan = cli(
            d,
            &["plan", "create", "--enrolment", &e, "--json", "-"],
            Some(
                &serde_json::json!({"start_date": iso(today - Duration::days(50)),
                    "end_date": iso(today + Duration::days(100)),
                    "diagnosis": {"problem_situation": "Trudności w relacjach."},
                    "goals": [{"title": "Lepsze relacje", "services": [{"service": "TER-SOCJO", "quantity": 30}]}]})
                .to_string(),
            ),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let signed = iso(today - Duration::days(45));
        cli(
            d,
            &["plan", "sign", &plan, "--json", "-"],
            Some(
                &serde_json::json!({"participant_signed_on": signed, "worker_signed_on": signed})
                    .to_string(),
            ),
        );
        cli(
            d,
            &[
                "group",
                "join",
                &group,
                "--participant",
                &p,
                "--date",
                &iso(today - Duration::days(40)),
            ],
            None,
        );
        people.push(p);
    }

    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=projects]").await;
    app.click(&format!("[data-project-id='{project}']")).await;
    app.centred(&format!("[data-group-id='{group}']")).await;
    app.screenshot("53-project-groups-and-events").await;
    app.click(&format!("[data-group-id='{group}']")).await;
    app.el("[data-form=session]").await;

    // The clicks of recording a session: hours, topic, two boxes unticked, save.
    let started = Instant::now();
    app.type_into("#session-from", "16:00").await;
    app.type_into("#session-to", "17:30").await;
    app.type_into("#session-topic", "Jak prosić o pomoc").await;
    app.click(&format!("#session-present-{}", people[2])).await;
    app.click(&format!("#session-present-{}", people[6])).await;
    app.click("[data-action=session-save]").await;
    app.wait_text("[data-info-bar] .message-text", "Realizacje w planach: 6.")
        .await;
    let took = started.elapsed();
    assert!(took.as_secs() < 60, "recording took {took:?}");
    let row = app.el("tr[data-session-id]").await;
    assert!(row.text().await.unwrap().contains("6 z 8"));
    app.screenshot("52-group-session").await;

    app.click("tr[data-session-id] [data-action=print-session]")
        .await;
    let pdf = app.saved_document_text().await;
    assert!(
        pdf.contains("Lista obecności na zajęciach grupowych"),
        "{pdf}"
    );
    assert!(
        pdf.contains("Jak prosić o pomoc") && pdf.contains("Obecnych: 6 z 8."),
        "{pdf}"
    );
    assert_eq!(pdf.matches("nieobecny/a").count(), 2, "{pdf}");

    let dir_path = app.data_dir.path().to_path_buf();
    let plan = cli(
        &dir_path,
        &["plan", "list", "--participant", &people[0]],
        None,
    );
    let shown = cli(
        &dir_path,
        &["plan", "show", plan[0]["id"].as_str().unwrap()],
        None,
    );
    assert_eq!(
        shown["goals"][0]["services"][0]["progress"]["delivered"],
        1.5
    );
    app.quit().await;
}
