//! Key slots: the database is encrypted with one random 256-bit key. Each slot (a worker's
//! password, the recovery key) has its own X25519 key pair: the secret half is wrapped
//! (XChaCha20-Poly1305) by a key derived from the password (Argon2id), and the database key is
//! sealed to the public half. A password change rewrites one slot and never re-encrypts the
//! database; a new database key (after a worker is removed or the recovery key replaced) is
//! sealed to every remaining slot's public key without knowing anyone's password. Slots of
//! format 1 wrapped the database key directly; they become pairs at their next unlock.
//!
//! Invariant: `keys.json` never holds the database key or a password in the clear, and it is
//! replaced atomically (write to a temporary file, fsync, rename). Earlier database keys (for
//! backups made before a key change) are kept only encrypted under the current one.

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
const FORMAT: u32 = 2;
/// Written beside `keys.json` while the database key changes; see `Store::rotate_database_key`.
pub const NEXT_KEYS_FILE: &str = "keys.next.json";

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

    /// A short, non-secret name of this key (a hash prefix), to find the earlier key that
    /// opens an old backup.
    pub(crate) fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"kartoteka-db-key-id");
        h.update(self.0.as_ref());
        hex::encode(&h.finalize()[..8])
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
    /// Format 2: the slot's X25519 secret, wrapped by the password's key. Format 1: the
    /// database key itself.
    wrapped: String,
    /// Format 2: the slot's X25519 public key (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public: Option<String>,
    /// Format 2: the database key sealed to `public`: ephemeral public key, nonce, ciphertext.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<String>,
}

/// A database key used before the current one, encrypted under the current key, so that a
/// backup made before a key change can still be restored by those who may open the store now.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EarlierKey {
    /// `DbKey::fingerprint` of the earlier key.
    pub id: String,
    nonce: String,
    wrapped: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    format: u32,
    pub slots: Vec<Slot>,
    /// Fingerprint of the current database key (format 2), to tell which key file belongs to
    /// the database after an interrupted key change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_keys: Vec<EarlierKey>,
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
    pub(crate) fn weaker_than(self, other: KdfCost) -> bool {
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

const SEAL_CONTEXT: &[u8] = b"kartoteka-slot-seal-v2";

/// The key that seals the database key to a slot's public key, from an X25519 agreement.
fn seal_kek(shared: &[u8; 32], ephemeral: &[u8; 32], public: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(SEAL_CONTEXT);
    h.update(shared);
    h.update(ephemeral);
    h.update(public);
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&h.finalize());
    out
}

/// Seals the database key to an X25519 public key (an ephemeral key pair, then
/// XChaCha20-Poly1305 bound to the worker's name): ephemeral public ‖ nonce ‖ ciphertext.
fn seal_to(public: &[u8; 32], worker: &str, key: &DbKey) -> Result<Vec<u8>> {
    let mut eph_bytes = Zeroizing::new([0u8; 32]);
    fill_random(eph_bytes.as_mut())?;
    let eph = x25519_dalek::StaticSecret::from(*eph_bytes);
    let eph_public = x25519_dalek::PublicKey::from(&eph);
    let shared = eph.diffie_hellman(&x25519_dalek::PublicKey::from(*public));
    let kek = seal_kek(shared.as_bytes(), eph_public.as_bytes(), public);
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let sealed = seal_key(&kek, &nonce, worker.as_bytes(), key)?;
    let mut out = Vec::with_capacity(32 + 24 + sealed.len());
    out.extend_from_slice(eph_public.as_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what `seal_to` sealed, with the slot's secret.
fn open_sealed(secret: &[u8; 32], worker: &str, sealed: &[u8]) -> Result<Option<DbKey>> {
    if sealed.len() < 32 + 24 {
        return Err(StoreError::Keyring("plik kluczy jest uszkodzony".into()));
    }
    let mut eph_public = [0u8; 32];
    eph_public.copy_from_slice(&sealed[..32]);
    let own = x25519_dalek::StaticSecret::from(*secret);
    let public = x25519_dalek::PublicKey::from(&own);
    let shared = own.diffie_hellman(&x25519_dalek::PublicKey::from(eph_public));
    let kek = seal_kek(shared.as_bytes(), &eph_public, public.as_bytes());
    open_key(&kek, &sealed[32..56], worker.as_bytes(), &sealed[56..])
}

impl Slot {
    /// A new slot for `secret` (a password or the recovery key) that opens `key`.
    pub(crate) fn wrap(
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
        let mut pair_secret = DbKey(Zeroizing::new([0u8; 32]));
        fill_random(pair_secret.0.as_mut())?;
        let public =
            x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(*pair_secret.0));
        let wrapped = seal_key(&kek, &nonce, worker.as_bytes(), &pair_secret)?;
        let sealed = seal_to(public.as_bytes(), worker, key)?;
        Ok(Slot {
            kind,
            worker: worker.to_owned(),
            salt: hex::encode(salt),
            m_cost: cost.m_cost,
            t_cost: cost.t_cost,
            p_cost: cost.p_cost,
            nonce: hex::encode(nonce),
            wrapped: hex::encode(wrapped),
            public: Some(hex::encode(public.as_bytes())),
            sealed: Some(hex::encode(sealed)),
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

    /// Whether a new database key can be sealed to this slot without its password (format 2).
    pub fn has_key_pair(&self) -> bool {
        self.public.is_some()
    }

    /// Unwraps the database key with a secret; `None` when the secret is not this slot's.
    pub(crate) fn unwrap_key(&self, secret: &[u8]) -> Result<Option<DbKey>> {
        let bad = || StoreError::Keyring("plik kluczy jest uszkodzony".into());
        let salt = hex::decode(&self.salt).map_err(|_| bad())?;
        let nonce = hex::decode(&self.nonce).map_err(|_| bad())?;
        let wrapped = hex::decode(&self.wrapped).map_err(|_| bad())?;
        if nonce.len() != 24 {
            return Err(bad());
        }
        let kek = derive(secret, &salt, self.cost())?;
        let Some(inner) = open_key(&kek, &nonce, self.worker.as_bytes(), &wrapped)? else {
            return Ok(None);
        };
        match &self.sealed {
            // Format 1: the wrapped value is the database key.
            None => Ok(Some(inner)),
            Some(sealed) => {
                let sealed = hex::decode(sealed).map_err(|_| bad())?;
                open_sealed(&inner.0, &self.worker, &sealed)?
                    .map(Some)
                    .ok_or_else(bad)
            }
        }
    }

    /// A slot as program versions before key pairs made them (format 1: the database key
    /// wrapped directly), for tests of the upgrade path.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) fn wrap_format1(
        worker: &str,
        secret: &[u8],
        key: &DbKey,
        cost: KdfCost,
    ) -> Result<Slot> {
        let mut slot = Slot::wrap(SlotKind::Password, worker, secret, key, cost)?;
        let salt = hex::decode(&slot.salt).expect("own hex");
        let nonce = hex::decode(&slot.nonce).expect("own hex");
        let kek = derive(secret, &salt, cost)?;
        let nonce: [u8; 24] = nonce.try_into().expect("24 bytes");
        slot.wrapped = hex::encode(seal_key(&kek, &nonce, worker.as_bytes(), key)?);
        slot.public = None;
        slot.sealed = None;
        Ok(slot)
    }

    /// Seals a new database key to this slot's public key (the password is not needed).
    pub(crate) fn reseal(&mut self, key: &DbKey) -> Result<()> {
        let bad = || StoreError::Keyring("plik kluczy jest uszkodzony".into());
        let public = self.public.as_deref().ok_or_else(bad)?;
        let public: [u8; 32] = hex::decode(public)
            .ok()
            .and_then(|p| p.try_into().ok())
            .ok_or_else(bad)?;
        self.sealed = Some(hex::encode(seal_to(&public, &self.worker, key)?));
        Ok(())
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
    pub fn new(slots: Vec<Slot>, key: &DbKey) -> Keyring {
        Keyring {
            format: FORMAT,
            slots,
            key_id: Some(key.fingerprint()),
            earlier_keys: Vec::new(),
        }
    }

    pub fn load(dir: &Path) -> Result<Keyring> {
        Keyring::load_file(dir, KEYS_FILE)
    }

    /// The key file being written by an interrupted key change, if one was left.
    pub(crate) fn load_next(dir: &Path) -> Result<Option<Keyring>> {
        if !dir.join(NEXT_KEYS_FILE).is_file() {
            return Ok(None);
        }
        Keyring::load_file(dir, NEXT_KEYS_FILE).map(Some)
    }

    fn load_file(dir: &Path, name: &str) -> Result<Keyring> {
        let path = dir.join(name);
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
        self.save_as(dir, KEYS_FILE)
    }

    pub(crate) fn save_as(&self, dir: &Path, name: &str) -> Result<()> {
        let tmp = dir.join(format!("{name}.tmp"));
        let mut ring = self.clone();
        ring.format = FORMAT;
        let text = serde_json::to_string_pretty(&ring).expect("keyring serialises");
        {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
        }
        fs::rename(&tmp, dir.join(name))?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Seals `new_key` to every slot and keeps `current` (encrypted under `new_key`) with the
    /// earlier keys. Fails, changing nothing, when a slot has no key pair yet.
    pub(crate) fn rekeyed(&self, current: &DbKey, new_key: &DbKey) -> Result<Keyring> {
        let mut next = self.clone();
        let mut earlier = Vec::new();
        for k in self
            .earlier_keys(current)?
            .into_iter()
            .chain([current.duplicate()])
        {
            let mut nonce = [0u8; 24];
            fill_random(&mut nonce)?;
            earlier.push(EarlierKey {
                id: k.fingerprint(),
                nonce: hex::encode(nonce),
                wrapped: hex::encode(seal_key(&new_key.0, &nonce, b"earlier-key", &k)?),
            });
        }
        for slot in &mut next.slots {
            slot.reseal(new_key)?;
        }
        next.key_id = Some(new_key.fingerprint());
        next.earlier_keys = earlier;
        Ok(next)
    }

    /// The database keys used before `current` (for backups made before a key change).
    pub(crate) fn earlier_keys(&self, current: &DbKey) -> Result<Vec<DbKey>> {
        let bad = || StoreError::Keyring("plik kluczy jest uszkodzony".into());
        let mut keys = Vec::new();
        for e in &self.earlier_keys {
            let nonce = hex::decode(&e.nonce).map_err(|_| bad())?;
            let wrapped = hex::decode(&e.wrapped).map_err(|_| bad())?;
            if let Some(k) = open_key(&current.0, &nonce, b"earlier-key", &wrapped)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }

    /// Finds the password slot the password opens. Returns the slot's place, the worker's
    /// name and the key.
    pub(crate) fn unlock_with_password(&self, password: &str) -> Result<(usize, String, DbKey)> {
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
    pub(crate) fn unlock_worker(&self, worker: &str, password: &str) -> Result<DbKey> {
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
pub(crate) fn normalise_recovery_key(text: &str) -> String {
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
