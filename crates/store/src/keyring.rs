//! Key slots: the database is encrypted with one random 256-bit key; that key is stored only
//! wrapped (XChaCha20-Poly1305) by keys derived from each worker's password (Argon2id) and by
//! the recovery key. A password change rewrites one slot and never re-encrypts the database.
//!
//! Invariant: `keys.json` never holds the database key or a password in the clear, and it is
//! replaced atomically (write to a temporary file, fsync, rename).

use crate::error::{Result, StoreError};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

pub const KEYS_FILE: &str = "keys.json";
const FORMAT: u32 = 1;

/// The database key. Zeroed when dropped.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn random() -> Result<DbKey> {
        let mut key = Zeroizing::new([0u8; 32]);
        fill_random(key.as_mut())?;
        Ok(DbKey(key))
    }

    pub(crate) fn duplicate(&self) -> DbKey {
        DbKey(Zeroizing::new(*self.0))
    }

    /// The statement that hands the key to SQLCipher, built in one zeroized buffer of its
    /// final size (no intermediate hex string or reallocation leaves a copy behind).
    pub(crate) fn key_pragma(&self) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let key: &[u8] = self.0.as_ref();
        let mut s = Zeroizing::new(String::with_capacity(32 + 2 * key.len()));
        s.push_str("PRAGMA key = \"x'");
        for b in key {
            s.push(HEX[usize::from(b >> 4)] as char);
            s.push(HEX[usize::from(b & 15)] as char);
        }
        s.push_str("'\";");
        s
    }
}

#[cfg(test)]
mod key_pragma_tests {
    use super::*;

    #[test]
    fn the_key_statement_is_the_raw_hex_key_and_fits_its_buffer() {
        let key = DbKey(Zeroizing::new([0xab; 32]));
        let statement = key.key_pragma();
        assert_eq!(
            statement.as_str(),
            format!("PRAGMA key = \"x'{}'\";", "ab".repeat(32))
        );
        assert!(statement.capacity() >= statement.len());
        assert_eq!(statement.capacity(), 96, "no reallocation left a copy");
    }
}

pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| StoreError::Keyring(format!("brak źródła losowości: {e}")))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    Password,
    Recovery,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slot {
    pub kind: SlotKind,
    /// The worker who unlocks with this slot ("odzyskiwanie" for the recovery slot).
    pub worker: String,
    salt: String,
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    nonce: String,
    wrapped: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    format: u32,
    pub slots: Vec<Slot>,
}

/// Argon2id cost of a password slot: 64 MiB and three passes (what current password managers
/// default to), so each guess of a stolen `keys.json` costs an attacker that much. Slots made
/// with less are wrapped again at their next successful unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCost {
    pub m_cost: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Default for KdfCost {
    fn default() -> Self {
        KdfCost {
            m_cost: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }
}

impl KdfCost {
    /// Whether a slot made at this cost is cheaper to attack than one made at `other`.
    pub fn weaker_than(self, other: KdfCost) -> bool {
        self.m_cost < other.m_cost || self.t_cost < other.t_cost
    }
}

fn derive(secret: &[u8], salt: &[u8], cost: KdfCost) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(cost.m_cost, cost.t_cost, cost.p_cost, Some(32))
        .map_err(|e| StoreError::Keyring(format!("parametry Argon2: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| StoreError::Keyring(format!("Argon2: {e}")))?;
    Ok(out)
}

impl Slot {
    pub fn wrap(
        kind: SlotKind,
        worker: &str,
        secret: &[u8],
        key: &DbKey,
        cost: KdfCost,
    ) -> Result<Slot> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        fill_random(&mut salt)?;
        fill_random(&mut nonce)?;
        let kek = derive(secret, &salt, cost)?;
        let wrapped = seal_key(&kek, &nonce, worker.as_bytes(), key)?;
        Ok(Slot {
            kind,
            worker: worker.to_owned(),
            salt: hex::encode(salt),
            m_cost: cost.m_cost,
            t_cost: cost.t_cost,
            p_cost: cost.p_cost,
            nonce: hex::encode(nonce),
            wrapped: hex::encode(wrapped),
        })
    }

    /// The Argon2id cost this slot was made with.
    pub fn cost(&self) -> KdfCost {
        KdfCost {
            m_cost: self.m_cost,
            t_cost: self.t_cost,
            p_cost: self.p_cost,
        }
    }

    /// Unwraps the database key with a secret; `None` when the secret is not this slot's.
    pub fn unwrap_key(&self, secret: &[u8]) -> Result<Option<DbKey>> {
        let bad = || StoreError::Keyring("plik kluczy jest uszkodzony".into());
        let salt = hex::decode(&self.salt).map_err(|_| bad())?;
        let nonce = hex::decode(&self.nonce).map_err(|_| bad())?;
        let wrapped = hex::decode(&self.wrapped).map_err(|_| bad())?;
        if nonce.len() != 24 {
            return Err(bad());
        }
        let kek = derive(secret, &salt, self.cost())?;
        open_key(&kek, &nonce, self.worker.as_bytes(), &wrapped)
    }
}

/// Encrypts the database key under `kek` (XChaCha20-Poly1305, `aad` bound to it).
pub(crate) fn seal_key(
    kek: &[u8; 32],
    nonce: &[u8; 24],
    aad: &[u8],
    key: &DbKey,
) -> Result<Vec<u8>> {
    XChaCha20Poly1305::new(kek.into())
        .encrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: key.0.as_ref(),
                aad,
            },
        )
        .map_err(|_| StoreError::Keyring("nie udało się zaszyfrować klucza".into()))
}

/// The database key sealed by `seal_key`; `None` when `kek` or `aad` is not the one it was
/// sealed with.
pub(crate) fn open_key(
    kek: &[u8; 32],
    nonce: &[u8],
    aad: &[u8],
    wrapped: &[u8],
) -> Result<Option<DbKey>> {
    let bad = || StoreError::Keyring("plik kluczy jest uszkodzony".into());
    if nonce.len() != 24 {
        return Err(bad());
    }
    match XChaCha20Poly1305::new(kek.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: wrapped, aad })
    {
        Ok(mut plain) if plain.len() == 32 => {
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(&plain);
            plain.zeroize();
            Ok(Some(DbKey(key)))
        }
        Ok(mut plain) => {
            plain.zeroize();
            Err(bad())
        }
        Err(_) => Ok(None),
    }
}

impl Keyring {
    pub fn new(slots: Vec<Slot>) -> Keyring {
        Keyring {
            format: FORMAT,
            slots,
        }
    }

    pub fn load(dir: &Path) -> Result<Keyring> {
        let path = dir.join(KEYS_FILE);
        let text = fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                StoreError::NotInitialized(dir.to_path_buf())
            } else {
                StoreError::Io(e)
            }
        })?;
        let ring: Keyring = serde_json::from_str(&text)
            .map_err(|_| StoreError::Keyring("plik kluczy keys.json jest uszkodzony".into()))?;
        if ring.format > FORMAT {
            return Err(StoreError::Keyring(
                "plik kluczy pochodzi z nowszej wersji programu — zaktualizuj Kartotekę".into(),
            ));
        }
        Ok(ring)
    }

    /// Writes the key file atomically: a crash leaves either the old or the new file.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(format!("{KEYS_FILE}.tmp"));
        let text = serde_json::to_string_pretty(self).expect("keyring serialises");
        {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
        }
        fs::rename(&tmp, dir.join(KEYS_FILE))?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Finds the password slot the password opens. Returns the slot's place, the worker's
    /// name and the key.
    pub fn unlock_with_password(&self, password: &str) -> Result<(usize, String, DbKey)> {
        for (i, slot) in self.slots.iter().enumerate() {
            if !matches!(slot.kind, SlotKind::Password) {
                continue;
            }
            if let Some(key) = slot.unwrap_key(password.as_bytes())? {
                return Ok((i, slot.worker.clone(), key));
            }
        }
        Err(StoreError::WrongPassword)
    }

    /// The key, if `password` opens this worker's own slot (and no other's).
    pub fn unlock_worker(&self, worker: &str, password: &str) -> Result<DbKey> {
        for slot in &self.slots {
            if matches!(slot.kind, SlotKind::Password) && slot.worker == worker {
                if let Some(key) = slot.unwrap_key(password.as_bytes())? {
                    return Ok(key);
                }
            }
        }
        Err(StoreError::WrongPassword)
    }
}

/// A recovery key as shown to the user: 32 random bytes in eight groups of base-32 letters.
pub fn new_recovery_key() -> Result<Zeroizing<String>> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = Zeroizing::new([0u8; 40]);
    fill_random(bytes.as_mut())?;
    let chars: Vec<u8> = bytes.iter().map(|b| ALPHABET[(*b as usize) % 32]).collect();
    let groups: Vec<String> = chars
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    Ok(Zeroizing::new(groups.join("-")))
}

/// Normalises a recovery key as typed (case, spaces, missing dashes).
pub fn normalise_recovery_key(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}
