//! A new database key: when a worker is removed or the recovery key replaced, the whole
//! database is encrypted again under a new random key (SQLCipher's `PRAGMA rekey`, one pass),
//! sealed to every remaining slot's public key. A slot copied earlier (with a backup for
//! another computer, say) then opens nothing but the old copies it came with.
//!
//! Invariant: at every moment one of `keys.json` / `keys.next.json` opens the database file.
//! The new key file is written first, beside the old one; the database is re-encrypted in one
//! transaction; only then does the new key file replace the old. An unlock that finds
//! `keys.next.json` left behind (a crash in between) keeps whichever file opens the database.

use crate::error::{Result, StoreError};
use crate::keyring::{DbKey, Keyring, SlotKind, KEYS_FILE, NEXT_KEYS_FILE};
use crate::{open_connection, Store, DB_FILE};
use std::path::Path;

/// What removing a worker did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WorkerRemoved {
    pub worker: String,
    /// Sessions (`kartoteka unlock`) ended because they held the old key.
    pub sessions_ended: usize,
}

impl Store {
    /// Takes away `worker`'s access: their slot goes and the database gets a new key, so their
    /// password no longer opens it even with a key file copied before. The signed-in worker
    /// cannot remove themself, and the last worker stays.
    pub fn remove_worker(&mut self, worker: &str) -> Result<WorkerRemoved> {
        let worker = worker.trim().to_owned();
        let ring = Keyring::load(&self.dir)?;
        let is_worker =
            |s: &crate::keyring::Slot| matches!(s.kind, SlotKind::Password) && s.worker == worker;
        if !ring.slots.iter().any(is_worker) {
            return Err(StoreError::NotFound {
                what: "pracownik",
                id: worker,
            });
        }
        if worker == self.worker {
            return Err(StoreError::Conflict(
                "Nie można usunąć własnego dostępu — niech zrobi to inny pracownik tej kartoteki."
                    .into(),
            ));
        }
        let mut next = ring.clone();
        next.slots.retain(|s| !is_worker(s));
        let sessions_ended = self.rotate_database_key(next)?;
        let removed = worker.clone();
        self.write(crate::Source::System, |tx| {
            tx.audit("worker", &removed, "worker_removed", vec![]);
            tx.audit("store", "klucz", "database_key_rotated", vec![]);
            Ok(())
        })?;
        Ok(WorkerRemoved {
            worker,
            sessions_ended,
        })
    }

    /// Encrypts the database under a new key sealed to every slot of `ring`, keeping the
    /// current key (encrypted under the new one) for older backups. Ends every session.
    /// Refused, with nothing changed, while another window or command has the store open, or
    /// while a slot has no key pair yet (a worker who has not unlocked since the update).
    pub(crate) fn rotate_database_key(&mut self, ring: Keyring) -> Result<usize> {
        let waiting: Vec<String> = ring
            .slots
            .iter()
            .filter(|s| !s.has_key_pair())
            .map(|s| match s.kind {
                SlotKind::Password => format!("„{}”", s.worker),
                SlotKind::Recovery => "klucz odzyskiwania".to_owned(),
            })
            .collect();
        if !waiting.is_empty() {
            return Err(StoreError::Conflict(format!(
                "Klucza bazy nie można teraz zmienić: dostęp {} pochodzi ze starszej wersji programu. \
                 Każdy z tych pracowników musi raz otworzyć kartotekę swoim hasłem (klucz odzyskiwania: \
                 wydrukuj nowy w Ustawieniach) — potem spróbuj ponownie.",
                waiting.join(", ")
            )));
        }
        let current = self.key.as_ref().ok_or(StoreError::Locked)?.duplicate();
        let new_key = DbKey::random()?;
        let next = ring.rekeyed(&current, &new_key)?;
        next.save_as(&self.dir, NEXT_KEYS_FILE)?;
        if let Err(e) = rekey_connection(&self.conn, &new_key) {
            let _ = std::fs::remove_file(self.dir.join(NEXT_KEYS_FILE));
            return Err(e);
        }
        std::fs::rename(self.dir.join(NEXT_KEYS_FILE), self.dir.join(KEYS_FILE))?;
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        self.key = Some(new_key);
        crate::session::end_sessions(&self.dir)
    }
}

/// Re-encrypts the open database under `key` in one transaction. SQLCipher cannot rekey a
/// database in WAL mode, and leaving WAL mode needs the only connection: another open window
/// or command makes this fail (after a short wait) with nothing changed.
pub(crate) fn rekey_connection(conn: &rusqlite::Connection, key: &DbKey) -> Result<()> {
    let busy = || {
        StoreError::Conflict(
            "Kartoteka jest otwarta w innym oknie albo pracuje w niej polecenie (np. import) — \
             zamknij je i spróbuj ponownie."
                .into(),
        )
    };
    conn.busy_timeout(std::time::Duration::from_secs(3))?;
    let result = (|| -> Result<()> {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| busy())?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(busy());
        }
        let statement = key.key_pragma().replacen("PRAGMA key", "PRAGMA rekey", 1);
        let statement = zeroize::Zeroizing::new(statement);
        conn.execute_batch(statement.as_str())?;
        // The new key is in force: prove it with a read before the key file changes.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(())
    })();
    let back = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    result?;
    back?;
    Ok(())
}

/// Finishes or undoes a key change a crash interrupted: whichever key file's key (unlocked
/// with `password`) opens the database stays, the other goes. Without a leftover file, or when
/// the password opens neither, returns `ring` unchanged.
pub(crate) fn finish_interrupted(dir: &Path, ring: Keyring, password: &str) -> Result<Keyring> {
    let Some(next) = Keyring::load_next(dir)? else {
        return Ok(ring);
    };
    let opens = |r: &Keyring| -> bool {
        r.unlock_with_password(password)
            .ok()
            .is_some_and(|(_, _, key)| open_connection(&dir.join(DB_FILE), &key).is_ok())
    };
    if opens(&next) {
        std::fs::rename(dir.join(NEXT_KEYS_FILE), dir.join(KEYS_FILE))?;
        return Keyring::load(dir);
    }
    if opens(&ring) {
        std::fs::remove_file(dir.join(NEXT_KEYS_FILE))?;
    }
    Ok(ring)
}
