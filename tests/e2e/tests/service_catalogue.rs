//! The service catalogue's SM EFS naming in the real window: a seeded service shows the
//! program's default; the worker gives it the office's own "Zakres wsparcia" and "Rodzaj
//! przyznanego wsparcia", and the CLI (the same database) reads them back.

use kartoteka_e2e::{cli, initialised_dir, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_service_gets_its_own_sm_efs_naming() {
    let app = App::start(initialised_dir()).await;
    app.unlock().await;
    app.click("[data-nav=plans]").await;
    let row = "tr[data-service-code='ROD-ASYST']";
    app.wait_text(
        &format!("{row} [data-service-sm-efs=default]"),
        "Wsparcie rodziny",
    )
    .await;
    app.click(&format!("{row} [data-action=service-rename]"))
        .await;
    let scope = app.el(&format!("{row} input[name=sm_efs_scope]")).await;
    assert_eq!(
        scope.attr("placeholder").await.unwrap().as_deref(),
        Some("Usługi społeczne")
    );
    app.type_into(
        &format!("{row} input[name=sm_efs_scope]"),
        "Usługi społeczne w społeczności lokalnej",
    )
    .await;
    app.type_into(
        &format!("{row} input[name=sm_efs_kind]"),
        "Asystent rodziny",
    )
    .await;
    app.screenshot("28-service-sm-efs").await;
    app.click(&format!("{row} [data-action=service-rename-save]"))
        .await;
    app.wait_text(
        &format!("{row} [data-service-sm-efs=own]"),
        "Asystent rodziny",
    )
    .await;
    let services = cli(app.data_dir.path(), &["service", "list"], None);
    let asyst = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "ROD-ASYST")
        .unwrap()
        .clone();
    assert_eq!(
        asyst["sm_efs_scope"],
        "Usługi społeczne w społeczności lokalnej"
    );
    assert_eq!(asyst["sm_efs_kind"], "Asystent rodziny");
    app.quit().await;
}
