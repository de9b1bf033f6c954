//! A family work plan outside any project in the real window: a family assistant opens the
//! mother's page, makes the plan ("Nowy plan" → Plan pracy z rodziną, poza projektem), ticks the
//! son from the family, writes the initial assessment and a goal, signs and prints it; the PDF
//! read back has the plan's own title, legal basis, the son and the assessment.

use kartoteka_e2e::{cli, initialised_dir, App};

/// The seeded "Wizyta asystenta rodziny" (crates/store/migrations/0005_plans.sql).
const ROD_ASYST: &str = "00000000-0000-7000-8000-000000000010";

#[tokio::test(flavor = "multi_thread")]
async fn a_family_work_plan_outside_projects_is_made_signed_and_printed() {
    let dir = initialised_dir();
    let add = |json: &str| {
        cli(
            dir.path(),
            &["participant", "add", "--json", "-"],
            Some(json),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let mother = add(
        r#"{"first_name": "Łucja", "last_name": "Wałęsa", "sex": "female", "birth_date": "1986-05-03"}"#,
    );
    let son = add(
        r#"{"first_name": "Staś", "last_name": "Wałęsa", "sex": "male", "birth_date": "2015-02-11"}"#,
    );
    cli(
        dir.path(),
        &[
            "participant",
            "relate",
            &son,
            "--related",
            &mother,
            "--kind",
            "parent",
        ],
        None,
    );

    let app = App::start(dir).await;
    app.unlock().await;
    app.open_participant("walesa", "Łucja", "Łucja Wałęsa")
        .await;
    app.click("[data-tab=plans]").await;
    app.el("[data-plans-empty]").await;
    app.click("[data-action=plan-new]").await;
    // No project: the form says what can be kept outside one and offers it.
    app.el("[data-plans-no-enrolment]").await;
    app.select("select[name=kind]", "family_work_plan").await;
    let chosen = app
        .el("select[name=enrolment_id]")
        .await
        .value()
        .await
        .unwrap();
    assert_eq!(chosen.as_deref(), Some("outside"));
    app.screenshot("26-plan-kind-new").await;
    app.click("[data-action=plan-create]").await;
    app.el("[data-view=plan][data-plan-kind=family_work_plan][data-plan-status=draft]")
        .await;
    app.wait_text("h1", "Plan pracy z rodziną: Łucja Wałęsa")
        .await;
    app.wait_text("[data-meta=project]", "poza projektem").await;

    app.click(&format!("input[name='family.{son}']")).await;
    app.type_into(
        "textarea[name=initial_assessment]",
        "Matka samotnie wychowuje syna; zaległości szkolne Stasia.",
    )
    .await;
    app.type_into(
        "input[name='goals.0.title']",
        "Regularne chodzenie Stasia do szkoły",
    )
    .await;
    app.select("select[name='goals.0.services.0.service']", ROD_ASYST)
        .await;
    app.type_into("input[name='goals.0.services.0.quantity']", "20")
        .await;
    app.type_into(
        "textarea[name=commitments]",
        "Codzienny kontakt z wychowawczynią.",
    )
    .await;
    app.click("[data-action=plan-save]").await;
    app.wait_text("[data-form-status=plan]", "Zapisano").await;
    app.screenshot("26-plan-family-draft").await;

    app.click("[data-action=plan-sign]").await;
    app.el("[data-dialog=plan-sign] input[name=participant_signed_on]")
        .await;
    app.click("[data-dialog=plan-sign] [data-action=confirm]")
        .await;
    app.el("[data-view=plan][data-plan-status=signed]").await;
    app.wait_text("[data-section=family]", "Staś Wałęsa (dziecko)")
        .await;

    app.click("[data-action=plan-print]").await;
    let (name, text) = app
        .printed_file("[data-plan-printed][data-printed-file]")
        .await;
    assert!(name.starts_with("Plan pracy z rodziną – Ł.W. – "), "{name}");
    for expected in [
        "Plan pracy z rodziną",
        "o wspieraniu rodziny i systemie pieczy zastępczej",
        "Staś Wałęsa",
        "zaległości szkolne Stasia",
        "Regularne chodzenie Stasia do szkoły",
        "Codzienny kontakt z wychowawczynią.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    app.screenshot("27-plan-family-signed").await;

    // The person's list names the document and that it is outside projects.
    app.click("[data-action=back]").await;
    app.click("[data-tab=plans]").await;
    app.wait_text("[data-plan-project]", "poza projektem").await;
    app.wait_text("[data-action=plan-open]", "Plan pracy z rodziną")
        .await;
    app.quit().await;
}
