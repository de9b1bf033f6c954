//! Sessions for scripts: `kartoteka unlock` pays the password's key derivation once, and
//! later commands open the store with the session's token until it expires.
//!
//! Invariant: the token never touches disk. A session file (`sessions/<id>.json`, 0600) holds
//! the database key wrapped by a random key that exists only in the token; without the token
//! the file is useless, and `end_sessions` (`kartoteka lock`) or expiry deletes it.

use crate::error::{Result, StoreError};
use crate::keyring::{fill_random, open_key, seal_key, DbKey};
use crate::{OpenOptions, Store};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub const SESSIONS_DIR: &str = "sessions";
/// The longest a session may last (a working day).
pub const MAX_SESSION_MINUTES: u32 = 12 * 60;

/// A session as handed to the user once.
pub struct Session {
    /// `<id>.<secret>`: give it to later commands in `KARTOTEKA_SESSION`.
    pub token: Zeroizing<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Serialize, Deserialize)]
struct SessionFile {
    worker: String,
    expires_at: DateTime<Utc>,
    nonce: String,
    wrapped: String,
}

fn aad(id: &str, worker: &str, expires_at: &DateTime<Utc>) -> Vec<u8> {
    format!(
        "kartoteka-session/{id}/{worker}/{}",
        expires_at.to_rfc3339()
    )
    .into_bytes()
}

fn session_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(SESSIONS_DIR).join(format!("{id}.json"))
}

fn expired(message: &str) -> StoreError {
    StoreError::Session(message.to_owned())
}

impl Store {
    /// Starts a session of `minutes` (1 to `MAX_SESSION_MINUTES`) for the unlocked worker.
    pub fn start_session(&mut self, minutes: u32) -> Result<Session> {
        if !(1..=MAX_SESSION_MINUTES).contains(&minutes) {
            return Err(kartoteka_domain::ValidationErrors::single(
                "minutes",
                format!("Sesja może trwać od 1 do {MAX_SESSION_MINUTES} minut"),
            )
            .into());
        }
        let key = self.key.as_ref().ok_or(StoreError::Locked)?;
        let mut id = [0u8; 16];
        let mut secret = Zeroizing::new([0u8; 32]);
        let mut nonce = [0u8; 24];
        fill_random(&mut id)?;
        fill_random(secret.as_mut())?;
        fill_random(&mut nonce)?;
        let id = hex::encode(id);
        let expires_at = self.clock.now() + Duration::minutes(i64::from(minutes));
        let wrapped = seal_key(&secret, &nonce, &aad(&id, &self.worker, &expires_at), key)?;
        let file = SessionFile {
            worker: self.worker.clone(),
            expires_at,
            nonce: hex::encode(nonce),
            wrapped: hex::encode(wrapped),
        };
        let folder = self.dir.join(SESSIONS_DIR);
        std::fs::create_dir_all(&folder)?;
        restrict(&folder, 0o700);
        let path = session_path(&self.dir, &id);
        write_private(
            &path,
            serde_json::to_string(&file).expect("serialises").as_bytes(),
        )?;
        let mut token = Zeroizing::new(String::with_capacity(id.len() + 1 + 64));
        token.push_str(&id);
        token.push('.');
        for b in secret.iter() {
            token.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            token.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        self.audit_session("session_started")?;
        Ok(Session { token, expires_at })
    }

    /// Opens the store in `dir` with a session token instead of a password.
    pub fn open_session(dir: &Path, token: &str, options: OpenOptions) -> Result<Store> {
        let now = options.clock.now();
        end_expired(dir, now);
        let (id, secret_hex) = token
            .trim()
            .split_once('.')
            .filter(|(id, s)| id.len() == 32 && s.len() == 64)
            .ok_or_else(|| expired("To nie jest token sesji Kartoteki (KARTOTEKA_SESSION) — odblokuj ponownie: kartoteka unlock"))?;
        if !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(expired("To nie jest token sesji Kartoteki (KARTOTEKA_SESSION) — odblokuj ponownie: kartoteka unlock"));
        }
        let mut secret = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(secret_hex, secret.as_mut())
            .map_err(|_| expired("To nie jest token sesji Kartoteki (KARTOTEKA_SESSION) — odblokuj ponownie: kartoteka unlock"))?;
        let path = session_path(dir, id);
        let gone = || {
            expired("Sesja wygasła albo została zakończona (kartoteka lock) — odblokuj ponownie: kartoteka unlock")
        };
        let text = std::fs::read_to_string(&path).map_err(|_| gone())?;
        let file: SessionFile = serde_json::from_str(&text).map_err(|_| gone())?;
        if file.expires_at <= now {
            let _ = std::fs::remove_file(&path);
            return Err(gone());
        }
        let nonce = hex::decode(&file.nonce).map_err(|_| gone())?;
        let wrapped = hex::decode(&file.wrapped).map_err(|_| gone())?;
        let key: DbKey = open_key(
            &secret,
            &nonce,
            &aad(id, &file.worker, &file.expires_at),
            &wrapped,
        )?
        .ok_or_else(gone)?;
        if !dir.join(crate::DB_FILE).is_file() {
            return Err(StoreError::DatabaseMissing(dir.to_path_buf()));
        }
        Store::open_with_key(dir, file.worker, key, options)
    }

    fn audit_session(&mut self, action: &'static str) -> Result<()> {
        let worker = self.worker.clone();
        self.write(crate::Source::Cli, |tx| {
            tx.audit("worker", &worker, action, vec![]);
            Ok(())
        })
    }
}

/// Ends every session of the store in `dir` at once; returns how many there were.
pub fn end_sessions(dir: &Path) -> Result<usize> {
    let folder = dir.join(SESSIONS_DIR);
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut ended = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.path().extension().is_some_and(|x| x == "json") {
            std::fs::remove_file(entry.path())?;
            ended += 1;
        }
    }
    Ok(ended)
}

/// Deletes the files of sessions that have expired (best effort).
fn end_expired(dir: &Path, now: DateTime<Utc>) {
    let Ok(entries) = std::fs::read_dir(dir.join(SESSIONS_DIR)) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.path().extension().is_none_or(|x| x != "json") {
            continue;
        }
        let stale = std::fs::read_to_string(entry.path())
            .ok()
            .and_then(|t| serde_json::from_str::<SessionFile>(&t).ok())
            .is_none_or(|f| f.expires_at <= now);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes a file only the user can read, whole or not at all: another process that cleans up
/// expired sessions meanwhile never sees it half-written (it reads only `*.json`).
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) {}
