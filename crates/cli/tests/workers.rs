//! `kartoteka worker add|list|remove`: a removed worker's password, even with a key file copied
//! while they still had access, opens nothing current; sessions end; refusals change nothing.

mod common;

use common::*;

const BEATA: &str = "haslo-beaty-2026";

#[test]
fn a_removed_worker_is_out_even_with_an_old_copy_of_the_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--worker", "Anna"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_env(
        dir.path(),
        &["worker", "add", "Beata"],
        None,
        &[("KARTOTEKA_NEW_PASSWORD", BEATA)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    ok(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "44051401359"}"#),
    );
    let copied = std::fs::read(dir.path().join("keys.json")).unwrap();
    let session = ok(dir.path(), &["unlock"], None)["session"]
        .as_str()
        .unwrap()
        .to_owned();

    // Nobody can remove themself; an unknown name is not found; neither changes the keys.
    let message = fail(dir.path(), &["worker", "remove", "Anna"], None, 4);
    assert!(message.contains("własnego dostępu"), "{message}");
    fail(dir.path(), &["worker", "remove", "Celina"], None, 3);
    assert_eq!(std::fs::read(dir.path().join("keys.json")).unwrap(), copied);

    let removed = ok(dir.path(), &["worker", "remove", "Beata"], None);
    assert_eq!(removed["worker"], "Beata");
    assert_eq!(removed["sessions_ended"], 1);
    assert_eq!(
        ok(dir.path(), &["worker", "list"], None),
        serde_json::json!(["Anna"])
    );
    let as_beata = [("KARTOTEKA_PASSWORD", BEATA)];
    let out = run_env(dir.path(), &["participant", "list"], None, &as_beata);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    // The session started before the key changed is over.
    let out = run_env(
        dir.path(),
        &["participant", "list"],
        None,
        &[("KARTOTEKA_SESSION", &session), ("KARTOTEKA_PASSWORD", "x")],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));

    // Her old copy of keys.json unwraps the old key, which no longer opens the database.
    let current = std::fs::read(dir.path().join("keys.json")).unwrap();
    std::fs::write(dir.path().join("keys.json"), &copied).unwrap();
    let out = run_env(dir.path(), &["participant", "list"], None, &as_beata);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Żółkiewska"));
    std::fs::write(dir.path().join("keys.json"), &current).unwrap();
    let list = ok(dir.path(), &["participant", "list"], None);
    assert!(list.to_string().contains("Żółkiewska"), "{list}");
}
