//! Safety of the data on disk, tried with the real binary: nothing readable in any file the
//! program writes, and nothing reported as saved is lost when the process is killed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const PASSWORD: &str = "tajne-haslo-2026";

fn kartoteka(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kartoteka"));
    c.arg("--data-dir")
        .arg(dir)
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env_remove("KARTOTEKA_DATA_DIR");
    c
}

fn run_ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let mut child = kartoteka(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_file_the_program_writes_holds_a_name_or_pesel_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["init"], "");
    let person = r#"{"first_name": "Grzegorz", "last_name": "Brzęczyszczykiewicz", "pesel": "44051401359",
        "phone": "601 234 567", "email": "grzegorz@example.pl", "notes": "Chrząszczyżewoszyce",
        "address": {"street": "Źródlana", "town": "Łękołody"}}"#;
    let out = run_ok(dir.path(), &["participant", "add", "--json", "-"], person);
    let id: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = id["id"].as_str().unwrap().to_owned();
    run_ok(
        dir.path(),
        &["participant", "update", &id, "--json", "-"],
        r#"{"phone": "602 345 678"}"#,
    );
    run_ok(dir.path(), &["backup", "create"], "");
    run_ok(dir.path(), &["participant", "search", "brzeczy"], "");
    let needles: Vec<&[u8]> = vec![
        "Brzęczyszczykiewicz".as_bytes(),
        b"brzeczyszczykiewicz",
        b"Grzegorz",
        b"grzegorz",
        b"44051401359",
        b"grzegorz@example.pl",
        b"601 234 567",
        b"601234567",
        "Źródlana".as_bytes(),
        "Chrząszczyżewoszyce".as_bytes(),
    ];
    let files = files_under(dir.path());
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "kbak")),
        "a backup was written"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == *needle),
                "{} holds {:?} in the clear",
                file.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
}

#[test]
fn killing_the_process_at_any_moment_loses_nothing_reported_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["init"], "");
    let mut reported = Vec::new();
    for round in 0..40u64 {
        let pesel_base = 1000 + round;
        let json = format!(
            r#"{{"first_name": "Osoba{round}", "last_name": "Testowa", "sex": "female", "birth_date": "1990-01-01",
                "other_id": "ID{pesel_base}", "notes": "runda {round}"}}"#
        );
        let mut child = kartoteka(dir.path())
            .args(["participant", "add", "--confirm-duplicate", "--json", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(json.as_bytes())
            .unwrap();
        // Kill at a different moment each round: during key derivation, the write, or after.
        std::thread::sleep(Duration::from_millis((round * 37) % 400));
        let _ = Command::new("kill")
            .args(["-KILL", &child.id().to_string()])
            .status();
        let out = child.wait_with_output().unwrap();
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&out.stdout) {
            reported.push(v["id"].as_str().unwrap().to_owned());
        }
    }
    let check = run_ok(dir.path(), &["check"], "");
    assert!(check.contains("\"integrity\": \"ok\""), "{check}");
    for id in &reported {
        let shown = run_ok(dir.path(), &["participant", "show", id], "");
        assert!(
            shown.contains("Testowa"),
            "{id} was reported saved but is missing"
        );
    }
    let audit = run_ok(dir.path(), &["audit", "verify"], "");
    assert!(audit.contains("\"first_broken\": null"), "{audit}");
    eprintln!(
        "{} of 40 writes were reported saved before the kill",
        reported.len()
    );
}
