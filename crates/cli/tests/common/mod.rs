//! Running the real `kartoteka` binary as a user would, for the black-box tests: a fresh data
//! folder, the password from the environment, JSON on stdout, Polish messages on stderr.

#![allow(dead_code)]

pub mod office;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const PASSWORD: &str = "tajne-haslo-2026";

/// Runs `kartoteka --data-dir DIR ARGS…` with the test password; `env` is set last (it may
/// replace the password). Nothing from the calling shell's data folder or sync passphrase
/// leaks in.
pub fn run_env(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .env_remove("KARTOTEKA_DATA_DIR")
        .env_remove("KARTOTEKA_SYNC_PASSPHRASE")
        .env_remove("KARTOTEKA_SESSION")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

pub fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    run_env(dir, args, stdin, &[])
}

/// The JSON a successful command printed (the test fails with its stderr otherwise).
pub fn json_of(args: &[&str], out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

pub fn ok(dir: &Path, args: &[&str], stdin: Option<&str>) -> Value {
    json_of(args, &run(dir, args, stdin))
}

/// Runs a command that must fail with exit code `code` and print nothing on stdout; returns
/// its message.
pub fn fail(dir: &Path, args: &[&str], stdin: Option<&str>, code: i32) -> String {
    let out = run(dir, args, stdin);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout on an error");
    stderr(&out)
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// The recovery key `kartoteka init` printed (eight groups of five, once).
pub fn recovery_key_printed(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 47 && l.matches('-').count() == 7)
        .expect("init prints the recovery key")
        .to_owned()
}
