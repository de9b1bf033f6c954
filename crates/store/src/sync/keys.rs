//! Devices' signing keys: this installation's own seed and, trusted on first use, the public
//! key of every device whose signed bundle was applied here.
//!
//! `sync_state` holds `device_signing_key` (the hex Ed25519 seed of this installation; it never
//! leaves the encrypted database) and one `device_key:<device id>` per known device (its hex
//! public key; this installation's own is recorded at its first export).

use super::*;

const SIGNING_SEED: &str = "device_signing_key";

fn device_key_name(device: &str) -> String {
    format!("device_key:{device}")
}

/// This installation's signing seed (hex), made from 32 random bytes the first time it is
/// needed, inside the caller's transaction.
pub(super) fn signing_seed(tx: &Connection) -> Result<Zeroizing<String>> {
    if let Some(seed) = state_get(tx, SIGNING_SEED)? {
        return Ok(Zeroizing::new(seed));
    }
    let mut bytes = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(&mut bytes[..]).map_err(|e| {
        StoreError::Io(std::io::Error::other(format!(
            "brak losowości systemu dla klucza podpisu pakietów: {e}"
        )))
    })?;
    let seed = Zeroizing::new(hex::encode(&bytes[..]));
    state_set(tx, SIGNING_SEED, &seed)?;
    Ok(seed)
}

/// The public key (hex) recorded for `device`, if any.
pub(super) fn known_device_key(tx: &Connection, device: &str) -> Result<Option<String>> {
    state_get(tx, &device_key_name(device))
}

/// Records `key` for `device` unless one is recorded already.
pub(super) fn remember_device_key(tx: &Connection, device: &str, key: &str) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO sync_state(key, value) VALUES (?1, ?2)")?
        .execute([device_key_name(device).as_str(), key])?;
    Ok(())
}

/// How a bundle's signing key stands against what is known of its device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKeyCheck {
    /// Signed with the key this device signed its earlier bundles with.
    Known,
    /// The device's first signed bundle here: its key is to be remembered.
    First,
    /// Not signed (an older version of the program), from a device never seen signed.
    Unsigned,
}

/// Decides whether a bundle from `device`, signed with `incoming` (hex public key, its
/// signature already verified; `None`: not signed), may be applied, given the key `known` for
/// that device. A bundle signed with another key, or unsigned once the device is known to sign,
/// is refused; the error is the Polish reason.
pub fn check_device_key(
    device: &str,
    known: Option<&str>,
    incoming: Option<&str>,
) -> std::result::Result<DeviceKeyCheck, String> {
    match (known, incoming) {
        (Some(k), Some(i)) if k.eq_ignore_ascii_case(i) => Ok(DeviceKeyCheck::Known),
        (Some(_), Some(_)) => Err(format!(
            "Pakiet podpisany innym kluczem niż wcześniejsze pakiety urządzenia {device} — nie zastosowano. Nic nie zaimportowano. Ktoś mógł podszyć się pod ten komputer: sprawdź, skąd pochodzi plik. Jeśli na tamtym komputerze odtworzono kopię zapasową sprzed jego pierwszego eksportu, zgłoś to administratorowi."
        )),
        (Some(_), None) => Err(format!(
            "Pakiet bez podpisu, a urządzenie {device} podpisuje swoje pakiety — nie zastosowano. Nic nie zaimportowano. Taki pakiet mogła zapisać tylko starsza wersja programu albo ktoś, kto podszywa się pod ten komputer: sprawdź, skąd pochodzi plik."
        )),
        (None, Some(_)) => Ok(DeviceKeyCheck::First),
        (None, None) => Ok(DeviceKeyCheck::Unsigned),
    }
}

impl Store {
    /// The public key (hex) recorded for a device: from its first signed bundle applied here,
    /// or, for this installation, from its first export.
    pub fn sync_device_key(&self, device: &str) -> Result<Option<String>> {
        known_device_key(self.conn(), device)
    }
}
