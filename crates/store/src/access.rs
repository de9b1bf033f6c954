//! Who may unlock the store: changing a password, adding a worker, resetting a forgotten
//! password with the recovery key, and slowing down repeated wrong passwords.
//!
//! Invariant: none of this touches the database file — only `keys.json` changes, atomically —
//! and a failed attempt changes nothing but the attempt counter.

use crate::error::{Result, StoreError};
use crate::keyring::{normalise_recovery_key, KdfCost, Keyring, Slot, SlotKind};
use crate::{validate_new_password, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

const ATTEMPTS_FILE: &str = "unlock-attempts.json";
/// Wrong passwords allowed before each further attempt waits.
const FREE_ATTEMPTS: u32 = 3;
const MAX_DELAY_SECS: u64 = 30;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
}

fn read_attempts(dir: &Path) -> Attempts {
    std::fs::read_to_string(dir.join(ATTEMPTS_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn write_attempts(dir: &Path, attempts: &Attempts) {
    // Best effort: a read-only folder must not stop a correct password from working.
    let _ = std::fs::write(
        dir.join(ATTEMPTS_FILE),
        serde_json::to_string(attempts).unwrap_or_default(),
    );
}

/// How long to wait before checking a password after `failures` wrong ones: nothing for the
/// first three, then 1, 2, 4 … seconds, at most 30.
pub fn delay_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let exp = (failures - FREE_ATTEMPTS).min(5);
    Duration::from_secs((1u64 << exp).min(MAX_DELAY_SECS))
}

/// How long the next password check in `dir` will wait (after repeated wrong passwords), so a
/// refusal can say when she may try again.
pub fn unlock_wait(dir: &Path) -> Duration {
    delay_after(read_attempts(dir).failures)
}

/// Checks a password against the key slots, waiting first after repeated failures and
/// counting the result. Returns the worker and the key.
pub(crate) fn unlock_counted(
    dir: &Path,
    ring: &Keyring,
    password: &str,
) -> Result<(usize, String, crate::keyring::DbKey)> {
    let mut attempts = read_attempts(dir);
    std::thread::sleep(delay_after(attempts.failures));
    match ring.unlock_with_password(password) {
        Ok(found) => {
            if attempts.failures > 0 {
                write_attempts(dir, &Attempts::default());
            }
            Ok(found)
        }
        Err(StoreError::WrongPassword) => {
            attempts.failures = attempts.failures.saturating_add(1);
            write_attempts(dir, &attempts);
            Err(StoreError::WrongPassword)
        }
        Err(e) => Err(e),
    }
}

impl Store {
    /// Gives the unlocked worker a new password, after checking `current` against that
    /// worker's own slot (another worker's password is refused, as a wrong one). The database
    /// is not re-encrypted.
    pub fn change_password(
        &mut self,
        current: &str,
        new_password: &str,
        kdf: KdfCost,
    ) -> Result<()> {
        let mut ring = Keyring::load(&self.dir)?;
        let mut attempts = read_attempts(&self.dir);
        std::thread::sleep(delay_after(attempts.failures));
        if let Err(e) = ring.unlock_worker(&self.worker, current) {
            if matches!(e, StoreError::WrongPassword) {
                attempts.failures = attempts.failures.saturating_add(1);
                write_attempts(&self.dir, &attempts);
                return Err(StoreError::Invalid(kartoteka_domain::ValidationErrors::single(
                    "current",
                    "Obecne hasło: to nie jest hasło pracownika, który jest zalogowany — wpisz swoje obecne hasło",
                )));
            }
            return Err(e);
        }
        validate_new_password(new_password)?;
        let key = self.key_for_slots()?;
        let slot = Slot::wrap(
            SlotKind::Password,
            &self.worker,
            new_password.as_bytes(),
            &key,
            kdf,
        )?;
        ring.slots
            .retain(|s| !(matches!(s.kind, SlotKind::Password) && s.worker == self.worker));
        ring.slots.push(slot);
        ring.save(&self.dir)?;
        let worker = self.worker.clone();
        self.write(crate::Source::System, |tx| {
            tx.audit("worker", &worker, "password_changed", vec![]);
            Ok(())
        })
    }

    /// Adds another worker who unlocks the same store with their own password.
    pub fn add_worker(&mut self, worker: &str, password: &str, kdf: KdfCost) -> Result<()> {
        validate_new_password(password)?;
        let worker = worker.trim();
        if worker.is_empty() {
            return Err(kartoteka_domain::ValidationErrors::single(
                "worker",
                "Nazwa pracownika: pole jest wymagane",
            )
            .into());
        }
        let mut ring = Keyring::load(&self.dir)?;
        if ring.slots.iter().any(|s| s.worker == worker) {
            return Err(StoreError::Conflict(format!(
                "Pracownik „{worker}” już ma dostęp do tej kartoteki."
            )));
        }
        let key = self.key_for_slots()?;
        ring.slots.push(Slot::wrap(
            SlotKind::Password,
            worker,
            password.as_bytes(),
            &key,
            kdf,
        )?);
        ring.save(&self.dir)?;
        let worker = worker.to_owned();
        self.write(crate::Source::System, |tx| {
            tx.audit("worker", &worker, "worker_added", vec![]);
            Ok(())
        })
    }

    /// Replaces the recovery key with a new one (the old one stops working) and returns it, to
    /// be printed for the office safe. Needs the store unlocked.
    pub fn rotate_recovery_key(&mut self, kdf: KdfCost) -> Result<zeroize::Zeroizing<String>> {
        let recovery = crate::keyring::new_recovery_key()?;
        self.replace_recovery_key(&recovery, kdf)?;
        Ok(recovery)
    }

    /// Makes `recovery` (from `keyring::new_recovery_key`) the recovery key; the old one stops
    /// working, and the database gets a new key so that the old recovery key does not open it
    /// even with a key file copied before. Call it only once the new key is safely on paper.
    /// While a worker has not unlocked since slots got key pairs, only the slot is replaced.
    pub fn replace_recovery_key(&mut self, recovery: &str, kdf: KdfCost) -> Result<()> {
        let key = self.key_for_slots()?;
        let mut ring = Keyring::load(&self.dir)?;
        ring.slots.retain(|s| !matches!(s.kind, SlotKind::Recovery));
        ring.slots.push(Slot::wrap(
            SlotKind::Recovery,
            "odzyskiwanie",
            recovery.as_bytes(),
            &key,
            kdf,
        )?);
        let rotated = ring.slots.iter().all(Slot::has_key_pair);
        if rotated {
            self.rotate_database_key(ring)?;
        } else {
            ring.save(&self.dir)?;
        }
        self.write(crate::Source::System, |tx| {
            tx.audit("worker", "odzyskiwanie", "recovery_key_replaced", vec![]);
            if rotated {
                tx.audit("store", "klucz", "database_key_rotated", vec![]);
            }
            Ok(())
        })
    }

    /// The names of the workers who can unlock this store.
    pub fn workers(dir: &Path) -> Result<Vec<String>> {
        Ok(Keyring::load(dir)?
            .slots
            .into_iter()
            .filter(|s| matches!(s.kind, SlotKind::Password))
            .map(|s| s.worker)
            .collect())
    }

    /// Sets a new password for `worker` with the recovery key, when the old one is forgotten.
    pub fn reset_password_with_recovery_key(
        dir: &Path,
        recovery_key: &str,
        worker: &str,
        new_password: &str,
        options: crate::OpenOptions,
    ) -> Result<Store> {
        validate_new_password(new_password)?;
        let mut ring = Keyring::load(dir)?;
        // Only an existing worker's password is set: the recovery key adds nobody.
        if !ring
            .slots
            .iter()
            .any(|s| matches!(s.kind, SlotKind::Password) && s.worker == worker.trim())
        {
            return Err(StoreError::NotFound {
                what: "pracownik",
                id: worker.trim().to_owned(),
            });
        }
        let normalised = normalise_recovery_key(recovery_key);
        let mut attempts = read_attempts(dir);
        std::thread::sleep(delay_after(attempts.failures));
        let mut key = None;
        for slot in ring
            .slots
            .iter()
            .filter(|s| matches!(s.kind, SlotKind::Recovery))
        {
            if let Some(k) = slot.unwrap_key(normalised.as_bytes())? {
                key = Some(k);
                break;
            }
        }
        let Some(key) = key else {
            attempts.failures = attempts.failures.saturating_add(1);
            write_attempts(dir, &attempts);
            return Err(StoreError::WrongRecoveryKey);
        };
        write_attempts(dir, &Attempts::default());
        let worker = worker.trim().to_owned();
        ring.slots
            .retain(|s| !(matches!(s.kind, SlotKind::Password) && s.worker == worker));
        ring.slots.push(Slot::wrap(
            SlotKind::Password,
            &worker,
            new_password.as_bytes(),
            &key,
            options.kdf,
        )?);
        ring.save(dir)?;
        let mut store = Store::open(dir, new_password, options)?;
        store.write(crate::Source::System, |tx| {
            tx.audit(
                "worker",
                &worker,
                "password_reset_with_recovery_key",
                vec![],
            );
            Ok(())
        })?;
        Ok(store)
    }

    /// Gives `worker` a slot of the kind older program versions made (format 1), as an office
    /// that updates the program has them.
    #[cfg(feature = "test-support")]
    pub fn add_format1_worker_for_tests(&mut self, worker: &str, password: &str, kdf: KdfCost) {
        let key = self.key_for_slots().unwrap();
        let mut ring = Keyring::load(&self.dir).unwrap();
        ring.slots
            .push(Slot::wrap_format1(worker, password.as_bytes(), &key, kdf).unwrap());
        ring.save(&self.dir).unwrap();
    }

    /// The database key, held only while the store is unlocked (SQLCipher does not hand it
    /// back), to wrap it for a new password.
    fn key_for_slots(&self) -> Result<crate::keyring::DbKey> {
        self.key
            .as_ref()
            .map(|k| k.duplicate())
            .ok_or(StoreError::Locked)
    }
}
