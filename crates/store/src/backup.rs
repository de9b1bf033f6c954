//! Backups: encrypted copies of the database made with SQLite's online backup API (the copy
//! has the same key, so it is as unreadable as the original), kept in `backups/` and rotated.
//!
//! Invariants: a backup file name carries only a time and a label, never personal data; a
//! restore checks the backup (key, integrity, schema) before replacing anything and keeps the
//! replaced files beside it.

use crate::error::{Result, StoreError};
use crate::keyring::{DbKey, Keyring, KEYS_FILE};
use crate::{access, migrate, open_connection, OpenOptions, Store, DB_FILE};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

pub use crate::BACKUP_DIR;
const EXTENSION: &str = "kbak";

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub file: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// RFC 3339, from the file's name.
    pub made_at: String,
    pub label: String,
}

/// Copies the open database into `dir` as an encrypted backup; returns its path. With
/// `keys_from` (the store's folder), its key slots are copied beside the backup too — only for
/// a backup meant for another computer: a copy of old slots would otherwise outlive a password
/// change or a removed worker.
pub(crate) fn backup_connection(
    src: &Connection,
    dir: &Path,
    key: &DbKey,
    label: &str,
    now: DateTime<Utc>,
    keys_from: Option<&Path>,
) -> Result<PathBuf> {
    crate::files::create_dir(dir)?;
    let name = format!(
        "kartoteka-{}-{label}.{EXTENSION}",
        now.format("%Y%m%d-%H%M%S%3f")
    );
    let path = dir.join(&name);
    let tmp = dir.join(format!("{name}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    // SQLite keeps the mode of a file that is there (and gives its journal the same one), so
    // the copy is the user's alone from its first page.
    drop(crate::files::create(&tmp)?);
    // A failed copy leaves nothing behind: no half-written backup, no temporary file.
    if let Err(e) = copy_database(src, &tmp, key)
        .and_then(|_| Ok(std::fs::File::open(&tmp)?.sync_all()?))
        .and_then(|_| Ok(std::fs::rename(&tmp, &path)?))
    {
        for ext in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", tmp.display()));
        }
        return Err(e);
    }
    if let Some(store_dir) = keys_from {
        let keys = std::fs::read(store_dir.join(KEYS_FILE))?;
        crate::files::write(&dir.join(format!("{name}.keys.json")), &keys)?;
    }
    Ok(path)
}

/// Copies every page of `src` into a new encrypted file at `to`.
fn copy_database(src: &Connection, to: &Path, key: &DbKey) -> Result<()> {
    let mut dst = Connection::open(to)?;
    dst.execute_batch(key.key_pragma().as_str())?;
    dst.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
    // All pages in one step: one read transaction, so the copy is one consistent snapshot
    // even when another connection writes meanwhile (the daily backup runs in the
    // background), instead of restarting after every write.
    let mut waits = 0;
    loop {
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => break,
            rusqlite::backup::StepResult::More => {}
            // Busy or locked by another connection for a moment: wait, up to 30 s.
            _ if waits < 1_500 => {
                waits += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                return Err(StoreError::Conflict(
                    "Baza danych jest zajęta — kopii zapasowej nie wykonano, spróbuj ponownie."
                        .into(),
                ))
            }
        }
    }
    Ok(())
}

/// Makes a rename in `dir` durable (on Unix a directory is synced like a file).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn parse_info(path: &Path) -> Option<BackupInfo> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    let rest = stem.strip_prefix("kartoteka-")?;
    let (stamp, label) = rest.split_at_checked(18)?;
    let made = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S%3f").ok()?;
    Some(BackupInfo {
        file: path.display().to_string(),
        bytes: std::fs::metadata(path).ok()?.len(),
        made_at: made.and_utc().to_rfc3339(),
        label: label.trim_start_matches('-').to_owned(),
    })
}

/// The backups in a folder, newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut found: Vec<BackupInfo> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| parse_info(&e.path()))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
        Err(e) => return Err(e.into()),
    };
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.file.cmp(&a.file)));
    Ok(found)
}

impl Store {
    /// Makes an encrypted backup in `dir` (the store's `backups/` when `None`), to be restored
    /// on this computer (its key slots stay only in the store's `keys.json`).
    pub fn backup(&self, dir: Option<&Path>, label: &str) -> Result<PathBuf> {
        self.backup_with(dir, label, false)
    }

    /// A backup to move the registry to another computer: the key slots go beside it
    /// (`….kbak.keys.json`), so the same passwords and recovery key open it there.
    pub fn backup_for_another_computer(&self, dir: Option<&Path>) -> Result<PathBuf> {
        self.backup_with(dir, "przeniesienie", true)
    }

    fn backup_with(&self, dir: Option<&Path>, label: &str, with_keys: bool) -> Result<PathBuf> {
        let key = self.key.as_ref().ok_or(StoreError::Locked)?;
        // A copy of a damaged file would push good backups out: check first, refuse if bad.
        self.integrity_check().map_err(|e| match e {
            StoreError::Corrupt(detail) => StoreError::Corrupt(format!(
                "kopii zapasowej nie wykonano, bo baza jest uszkodzona: {detail}"
            )),
            other => other,
        })?;
        let default = self.dir.join(BACKUP_DIR);
        backup_connection(
            &self.conn,
            dir.unwrap_or(&default),
            key,
            label,
            self.clock.now(),
            with_keys.then_some(self.dir.as_path()),
        )
    }

    /// The automatic backup: made in `backups/` with `label`, keeping the newest `keep` of them.
    /// A backup of an empty registry never pushes an older one out: while the store holds no
    /// participant and no project, nothing is pruned (a lost database replaced by an empty
    /// one must not cost the backups that could bring it back).
    pub fn automatic_backup(&self, label: &str, keep: usize) -> Result<PathBuf> {
        let path = self.backup(None, label)?;
        if self.is_empty_registry()? {
            return Ok(path);
        }
        let dir = self.dir.join(BACKUP_DIR);
        for old in list(&dir)?
            .into_iter()
            .filter(|b| b.label == label)
            .skip(keep)
        {
            let _ = std::fs::remove_file(&old.file);
            let _ = std::fs::remove_file(format!("{}.keys.json", old.file));
        }
        Ok(path)
    }

    /// Whether the registry holds no participant and no project.
    fn is_empty_registry(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS(SELECT 1 FROM participants) AND NOT EXISTS(SELECT 1 FROM projects)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Whether a backup was made in `backups/` today (for the daily backup).
    pub fn backed_up_today(&self) -> Result<bool> {
        let today = self.clock.now().date_naive();
        Ok(list(&self.dir.join(BACKUP_DIR))?.iter().any(|b| {
            DateTime::parse_from_rfc3339(&b.made_at).is_ok_and(|d| d.date_naive() == today)
        }))
    }

    /// Replaces the store in `dir` with a backup, after checking that the password opens the
    /// backup, that it is intact and not from a newer program. The replaced files are kept as
    /// `kartoteka.db.przed-przywroceniem-…`. Returns the path of the kept copy, if any.
    pub fn restore(
        dir: &Path,
        backup: &Path,
        password: &str,
        options: OpenOptions,
    ) -> Result<Option<PathBuf>> {
        if !backup.is_file() {
            return Err(StoreError::NotFound {
                what: "plik kopii zapasowej",
                id: backup.display().to_string(),
            });
        }
        // Key slots: the store's own, or those saved beside the backup (another computer).
        let beside = PathBuf::from(format!("{}.keys.json", backup.display()));
        let ring = match Keyring::load(dir) {
            Ok(ring) => ring,
            Err(StoreError::NotInitialized(_)) if beside.is_file() => {
                std::fs::create_dir_all(dir)?;
                std::fs::copy(&beside, dir.join(KEYS_FILE))?;
                Keyring::load(dir)?
            }
            Err(e) => return Err(e),
        };
        let (_, _, key) = access::unlock_counted(dir, &ring, password)?;
        // A backup made before the database key last changed opens with an earlier key (kept
        // in the key file, encrypted under the current one); its copy is re-encrypted below.
        let mut backup_key = None;
        for candidate in std::iter::once(key.duplicate()).chain(ring.earlier_keys(&key)?) {
            if open_connection(backup, &candidate).is_ok() {
                backup_key = Some(candidate);
                break;
            }
        }
        let earlier = backup_key
            .as_ref()
            .is_some_and(|k| k.fingerprint() != key.fingerprint());
        {
            let check = open_connection(backup, backup_key.as_ref().unwrap_or(&key)).map_err(
                |e| match e {
                    StoreError::Corrupt(_) => StoreError::Corrupt(
                        "kopia nie pasuje do tej kartoteki albo jest zniszczona".into(),
                    ),
                    other => other,
                },
            )?;
            migrate::check_not_newer(&check)?;
            let result: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if result != "ok" {
                return Err(StoreError::Corrupt(format!(
                    "kopia zapasowa jest uszkodzona: {result}"
                )));
            }
        }
        // The backup is copied and synced to a temporary file first; the current files are
        // moved aside only once that copy is whole, and the copy is swapped in last.
        let db = dir.join(DB_FILE);
        let tmp = dir.join(format!("{DB_FILE}.restore-tmp"));
        let copied = std::fs::copy(backup, &tmp)
            .and_then(|_| crate::files::restrict_file(&tmp))
            .and_then(|_| std::fs::File::open(&tmp)?.sync_all());
        let rekeyed = match (copied, &backup_key) {
            (Err(e), _) => Err(e.into()),
            (Ok(()), Some(old_key)) if earlier => open_connection(&tmp, old_key)
                .and_then(|conn| crate::rekey::rekey_connection(&conn, &key)),
            (Ok(()), _) => Ok(()),
        };
        if let Err(e) = rekeyed {
            for ext in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{ext}", tmp.display()));
            }
            return Err(e);
        }
        let mut kept = None;
        if db.exists() {
            // Fold the journal into the old file first when it can still be opened.
            if let Ok(old) = open_connection(&db, &key) {
                let _ = old.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            let suffix = format!(
                "przed-przywroceniem-{}",
                options.clock.now().format("%Y%m%d-%H%M%S")
            );
            for ext in ["", "-wal", "-shm"] {
                let from = dir.join(format!("{DB_FILE}{ext}"));
                if from.exists() {
                    let to = dir.join(format!("{DB_FILE}{ext}.{suffix}"));
                    std::fs::rename(&from, &to)?;
                    if ext.is_empty() {
                        kept = Some(to);
                    }
                }
            }
        } else {
            // A log left without its database belongs to no file any more.
            for ext in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}{ext}")));
            }
        }
        std::fs::rename(&tmp, &db)?;
        sync_dir(dir);
        let mut store = Store::open(dir, password, options)?;
        store.integrity_check()?;
        let name = backup
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        store.write(crate::Source::System, |tx| {
            tx.audit("store", &name, "restored_from_backup", vec![]);
            Ok(())
        })?;
        Ok(kept)
    }
}
