//! Recruitment in the real window: a coordinator sets up a round of 8 places with a required
//! and a scored criterion, registers 12 candidates (ten found in the registry, two typed in as
//! new people), reads the list, closes the round — the qualified are enrolled — and prints the
//! protocol.

use chrono::{Duration, Local};
use kartoteka_e2e::{cli, initialised_dir, App};

const PEOPLE: [(&str, &str); 10] = [
    ("Łucja", "Żak"),
    ("Zofia", "Ćwik"),
    ("Jadwiga", "Ślusarz"),
    ("Irena", "Kąkol"),
    ("Halina", "Gęsiarz"),
    ("Krystyna", "Dąbek"),
    ("Teresa", "Źrebiec"),
    ("Danuta", "Łaszcz"),
    ("Barbara", "Miś"),
    ("Genowefa", "Pątek"),
];

#[tokio::test(flavor = "multi_thread")]
async fn a_round_of_twelve_candidates_for_eight_places_ends_in_a_frozen_list() {
    let dir = initialised_dir();
    let today = Local::now().date_naive();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let project = cli(
        dir.path(),
        &["project", "add", "--json", "-"],
        Some(
            &serde_json::json!({
                "name": "Aktywni seniorzy", "start_date": iso(today - Duration::days(60)),
                "end_date": iso(today + Duration::days(365))})
            .to_string(),
        ),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (i, (first, last)) in PEOPLE.iter().enumerate() {
        cli(
            dir.path(),
            &["participant", "add", "--json", "-"],
            Some(
                &serde_json::json!({"first_name": first, "last_name": last, "sex": "female",
                    "birth_date": format!("1950-01-{:02}", i + 1)})
                .to_string(),
            ),
        );
    }

    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=projects]").await;
    app.click(&format!("[data-project-id='{project}']")).await;
    app.click("[data-action=new-round]").await;
    app.el("[data-view=recruitment-new]").await;
    let dmy = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    app.type_into("#round-name", "Nabór I — seniorzy").await;
    app.type_into("#round-opens", &dmy(today - Duration::days(20)))
        .await;
    app.type_into("#round-closes", &dmy(today + Duration::days(5)))
        .await;
    app.type_into("#round-places", "8").await;
    app.type_into("#round-reserve_places", "2").await;
    app.type_into("#round-criteria-0-label", "Wiek 60 lat lub więcej")
        .await;
    app.click("#round-criteria-0-required").await;
    app.click("[data-action=add-criterion]").await;
    app.type_into("#round-criteria-1-label", "Orzeczenie o niepełnosprawności")
        .await;
    app.type_into("#round-criteria-1-points", "5").await;
    app.click("[data-view=recruitment-new] [data-action=save]")
        .await;
    app.el("[data-view=recruitment] [data-round-state=open]")
        .await;

    // Twelve candidates: the 3rd and 7th do not meet the age criterion, the 1st, 4th and
    // 9th have the disability points; the last two are new people typed into the form.
    for n in 1..=12usize {
        app.click("[data-action=add-candidate]").await;
        app.el("[data-form=candidate]").await;
        if n <= 10 {
            let (_, last) = PEOPLE[n - 1];
            app.type_into("#cand-search", last).await;
            app.click("[data-candidate-results] [data-pick]").await;
            app.el("[data-picked]").await;
        } else {
            app.click("input[data-who=new]").await;
            let (first, last) = [("Stanisława", "Wróbel"), ("Aniela", "Żmuda")][n - 11];
            app.type_into("#cand-participant-first_name", first).await;
            app.type_into("#cand-participant-last_name", last).await;
            app.type_into("#cand-participant-birth_date", "02.02.1952")
                .await;
            app.select("#cand-participant-sex", "female").await;
        }
        if n != 3 && n != 7 {
            app.click("#cand-criterion-wiek-60-lat-lub-wiecej").await;
        }
        if [1, 4, 9].contains(&n) {
            app.click("#cand-criterion-orzeczenie-o-niepelnosprawnosci")
                .await;
        }
        app.click("[data-action=candidate-save]").await;
        app.wait_text("[data-info-bar]", &format!("Dodano zgłoszenie nr {n} "))
            .await;
    }
    app.wait_text(
        "[data-round-counts]",
        "Zgłoszenia: 12. Zakwalifikowani: 8. Lista rezerwowa: 2. Niezakwalifikowani: 2.",
    )
    .await;
    app.screenshot("50-recruitment-list").await;

    // The scored candidates lead the list; then the earliest forms.
    let first_row = app.el("tr[data-outcome=qualified]").await;
    assert!(first_row.text().await.unwrap().contains("Łucja Żak"));

    app.click("[data-action=close-round]").await;
    app.click("[data-dialog=close-round] [data-action=confirm]")
        .await;
    app.el("[data-view=recruitment] [data-round-state=closed]")
        .await;
    app.wait_text("[data-info-bar]", "Zapisano do projektu: 8")
        .await;
    assert!(app
        .d()
        .find_all(thirtyfour::By::Css("[data-action=add-candidate]"))
        .await
        .unwrap()
        .is_empty());

    app.click("[data-action=print-protocol]").await;
    let pdf = app.saved_document_text().await;
    assert!(pdf.contains("Protokół z rekrutacji"), "{pdf}");
    assert!(pdf.contains("Ł.Ż.") && !pdf.contains("Łucja"), "{pdf}");
    app.screenshot("51-recruitment-closed").await;

    let dir_path = app.data_dir.path().to_path_buf();
    let shown = cli(&dir_path, &["project", "show", &project], None);
    assert_eq!(shown["enrolments"].as_array().unwrap().len(), 8);
    app.quit().await;
}
