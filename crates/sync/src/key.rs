//! The organisation's sync key: an age X25519 identity derived once, at set-up, from the
//! shared passphrase and the organisation's name with Argon2id.
//!
//! Invariant: the same passphrase and organisation give the same key on every installation
//! (fixed Argon2id parameters and salt — changing them is a new bundle format); nothing here is
//! home-made cryptography: Argon2id (RustCrypto `argon2`) and age's X25519 recipients.

use crate::SyncError;
use sha2::{Digest, Sha256};
use std::str::FromStr;
use zeroize::Zeroizing;

/// The shortest passphrase accepted (it protects the whole register in transit).
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Argon2id memory (KiB), passes and lanes: part of the format, the same everywhere. The key
/// is derived once per computer at set-up, so it can cost 256 MiB: a stolen bundle is then as
/// expensive to attack by guessing the passphrase as the format allows. (Computers set up
/// before this cost was raised derive another key: set the passphrase again on each.)
pub const ARGON2_MEMORY_KIB: u32 = 256 * 1024;
const ARGON2_PASSES: u32 = 2;
const ARGON2_LANES: u32 = 1;

/// The organisation's name as it identifies the organisation: spaces collapsed, lower case.
pub fn normalize_organisation(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A short tag of the organisation written unencrypted in the bundle header, so a bundle of
/// another organisation is recognised before decryption. It is a hash, not the name.
pub fn organisation_tag(organisation: &str) -> String {
    let digest = Sha256::digest(
        format!(
            "kartoteka-sync-organisation/{}",
            normalize_organisation(organisation)
        )
        .as_bytes(),
    );
    hex::encode(&digest[..8])
}

/// The age identity ("AGE-SECRET-KEY-1…") for a passphrase and an organisation.
pub fn derive_identity(
    passphrase: &str,
    organisation: &str,
) -> Result<Zeroizing<String>, SyncError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(SyncError::Invalid {
            field: "passphrase",
            message: format!(
                "Hasło synchronizacji musi mieć co najmniej {MIN_PASSPHRASE_CHARS} znaków (to samo na każdym komputerze organizacji)"
            ),
        });
    }
    let organisation = normalize_organisation(organisation);
    if organisation.is_empty() {
        return Err(SyncError::Invalid {
            field: "organisation",
            message: "Podaj nazwę organizacji (--organisation) albo zapisz ją w danych organizacji — ta sama nazwa na każdym komputerze".into(),
        });
    }
    let params = argon2::Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, Some(32))
        .map_err(|e| SyncError::Io(format!("parametry Argon2: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = format!("kartoteka-sync/{organisation}");
    let mut secret = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt.as_bytes(), secret.as_mut())
        .map_err(|e| SyncError::Io(format!("wyprowadzenie klucza: {e}")))?;
    let hrp = bech32::Hrp::parse("age-secret-key-").expect("valid prefix");
    let encoded = bech32::encode::<bech32::Bech32>(hrp, secret.as_ref())
        .map_err(|e| SyncError::Io(format!("kodowanie klucza: {e}")))?;
    let identity = Zeroizing::new(encoded.to_uppercase());
    // Check it is a valid age identity now, not at the first export.
    parse_identity(&identity)?;
    Ok(identity)
}

pub(crate) fn parse_identity(text: &str) -> Result<age::x25519::Identity, SyncError> {
    age::x25519::Identity::from_str(text).map_err(|_| {
        SyncError::Io(
            "zapisany klucz synchronizacji jest nieczytelny — ustaw hasło synchronizacji ponownie"
                .into(),
        )
    })
}

/// The public recipient of an identity (for checks and display).
pub fn recipient_of(identity: &str) -> Result<String, SyncError> {
    Ok(parse_identity(identity)?.to_public().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_and_organisation_give_the_same_key() {
        let a = derive_identity("wspólne hasło organizacji", "MOPS  Gdańsk").unwrap();
        let b = derive_identity("wspólne hasło organizacji", " mops gdańsk").unwrap();
        let c = derive_identity("wspólne hasło organizacji", "MOPS Gdynia").unwrap();
        let d = derive_identity("inne hasło organizacji", "MOPS Gdańsk").unwrap();
        assert!(a.starts_with("AGE-SECRET-KEY-1"));
        assert_eq!(*a, *b);
        assert_ne!(*a, *c);
        assert_ne!(*a, *d);
        assert_eq!(
            organisation_tag("MOPS  Gdańsk"),
            organisation_tag("mops gdańsk")
        );
        assert!(derive_identity("krótkie", "MOPS").is_err());
        assert!(derive_identity("wspólne hasło organizacji", "  ").is_err());
    }
}
