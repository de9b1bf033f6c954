//! The window's password change needs the signed-in worker's own password, and a missing
//! database is refused with the way back (the newest backup) on the unlock screen.

use kartoteka_e2e::{cli, cli_binary, initialised_dir, App, PASSWORD};
use std::process::Command;

const BEATA: &str = "haslo-beaty-e2e-2026";

#[tokio::test(flavor = "multi_thread")]
async fn another_workers_password_cannot_change_mine() {
    let dir = initialised_dir();
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["worker", "add", "Beata"])
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env("KARTOTEKA_NEW_PASSWORD", BEATA)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let app = App::start(dir).await;
    app.unlock().await;
    app.click("[data-nav=settings]").await;
    app.wait_text("h1", "Ustawienia").await;

    let fill = |current: &'static str| {
        let app = &app;
        async move {
            app.type_into("input[name=current_password]", current).await;
            app.type_into("input[name=new_password]", "przejete-haslo-2026")
                .await;
            app.type_into("input[name=repeat_password]", "przejete-haslo-2026")
                .await;
            app.click("[data-action=password-change]").await;
        }
    };
    fill(BEATA).await;
    app.wait_text(
        "[data-error-for=current_password]",
        "nie jest hasło pracownika, który jest zalogowany",
    )
    .await;
    app.screenshot("50-password-other-worker").await;

    fill(PASSWORD).await;
    app.wait_text("[data-form-status=password]", "Hasło zostało zmienione")
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_database_is_refused_and_the_newest_backup_brings_it_back() {
    let dir = initialised_dir();
    cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(
            r#"{"first_name": "Łucja", "last_name": "Wróblewska", "sex": "female", "birth_date": "1980-01-01"}"#,
        ),
    );
    cli(dir.path(), &["backup", "create"], None);
    std::fs::remove_file(dir.path().join("kartoteka.db")).unwrap();

    let app = App::start(dir).await;
    app.type_into("input[type=password]", PASSWORD).await;
    app.click("button[type=submit]").await;
    app.wait_text("[data-error-for=password]", "Brakuje pliku bazy danych")
        .await;
    let restore = app.el("[data-action=restore-latest]").await;
    assert!(restore.is_displayed().await.unwrap());
    app.screenshot("51-database-missing").await;
    restore.click().await.unwrap();
    app.el("[data-nav=participants]").await;
    app.wait_text("main", "Wróblewska").await;
    app.screenshot("52-restored-from-backup").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forgotten_password_is_reset_with_the_recovery_key_on_the_unlock_screen() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(dir.path())
        .arg("init")
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let key = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 47 && l.matches('-').count() == 7)
        .expect("init prints the recovery key")
        .to_lowercase();

    let app = App::start(dir).await;
    app.click("[data-action=forgot-password]").await;
    app.type_into("input[name=recovery_key]", &key).await;
    app.type_into("input[name=new_password]", "zielony rower nad Wartą")
        .await;
    app.type_into("input[name=repeat_password]", "zielony rower nad Wartą")
        .await;
    app.screenshot("53-password-reset").await;
    app.click("[data-action=password-reset]").await;
    app.el("[data-nav=participants]").await;
    app.wait_text("[data-info-bar]", "Ustawiono nowe hasło")
        .await;

    // The new password works the next time.
    app.click("[data-action=lock]").await;
    app.type_into("input[type=password]", "zielony rower nad Wartą")
        .await;
    app.click("button[type=submit]").await;
    app.el("[data-nav=participants]").await;
    app.quit().await;
}
