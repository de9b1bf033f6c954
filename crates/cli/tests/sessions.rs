//! `kartoteka unlock` / `KARTOTEKA_SESSION` / `kartoteka lock`: scripts pay the password's key
//! derivation once; the token never touches disk.

mod common;

use common::*;
use std::path::Path;

fn office() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn with_session(
    dir: &Path,
    token: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> std::process::Output {
    // A wrong password in the environment proves the session is what opens the store.
    run_env(
        dir,
        args,
        stdin,
        &[
            ("KARTOTEKA_SESSION", token),
            ("KARTOTEKA_PASSWORD", "to-nie-jest-haslo"),
        ],
    )
}

fn all_bytes_under(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_bytes_under(&path));
        } else {
            out.extend(std::fs::read(&path).unwrap());
        }
    }
    out
}

#[test]
fn a_session_opens_the_store_without_the_password_until_lock() {
    let dir = office();
    let started = ok(dir.path(), &["unlock", "--minutes", "45"], None);
    let token = started["session"].as_str().unwrap().to_owned();
    let expires =
        chrono::DateTime::parse_from_rfc3339(started["expires_at"].as_str().unwrap()).unwrap();
    let left = expires
        .signed_duration_since(chrono::Utc::now())
        .num_minutes();
    assert!((43..=45).contains(&left), "{left} minutes");

    let out = with_session(
        dir.path(),
        &token,
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401359"}"#),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = with_session(dir.path(), &token, &["participant", "list"], None);
    assert!(out.status.success(), "{}", stderr(&out));

    // Neither the token nor its secret half is anywhere on disk; the session file is private.
    let secret = token.split('.').nth(1).unwrap();
    let bytes = all_bytes_under(dir.path());
    assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let files: Vec<_> = std::fs::read_dir(dir.path().join("sessions"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
        let mode = files[0]
            .as_ref()
            .unwrap()
            .metadata()
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let ended = ok(dir.path(), &["lock"], None);
    assert_eq!(ended["ended"], 1);
    let out = with_session(dir.path(), &token, &["participant", "list"], None);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kartoteka unlock"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_forged_token_or_a_session_length_out_of_range_is_refused() {
    let dir = office();
    let started = ok(dir.path(), &["unlock"], None);
    let token = started["session"].as_str().unwrap().to_owned();
    let (id, secret) = token.split_once('.').unwrap();
    let mut forged = secret.to_owned().into_bytes();
    forged[0] = if forged[0] == b'0' { b'1' } else { b'0' };
    let forged = format!("{id}.{}", String::from_utf8(forged).unwrap());
    for bad in [forged.as_str(), "abc", "../../keys.json.00"] {
        let out = with_session(dir.path(), bad, &["participant", "list"], None);
        assert_eq!(code(&out), 5, "{bad}: {}", stderr(&out));
    }
    fail(dir.path(), &["unlock", "--minutes", "0"], None, 2);
    fail(dir.path(), &["unlock", "--minutes", "100000"], None, 2);
}
