//! Per-device signatures on bundles: each installation signs the manifest of every bundle it
//! writes with its own Ed25519 key (`ed25519-dalek`); the manifest holds the records' SHA-256,
//! so the signature covers the whole content.
//!
//! What is signed: a fixed context line, then the manifest without its `signature` field as
//! canonical JSON (object keys sorted at every level, no spaces). It is computed from the
//! manifest as parsed into JSON values, so a field added by a later version of the same format
//! is signed (and checked) too.
//!
//! Invariant: the seed is only ever read from the encrypted store (`sync_state`) and held in
//! memory that is wiped on drop; only the public key and signatures travel.

use crate::SyncError;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::Value;
use zeroize::Zeroizing;

/// The first line of every signed message: a signature made for anything else never verifies
/// as a bundle's.
const CONTEXT: &[u8] = b"kartoteka-sync-manifest/1\n";

/// The manifest field that holds the signature (hex); the one left out of what is signed.
pub(crate) const SIGNATURE_FIELD: &str = "signature";

/// This installation's signing key.
pub struct DeviceSigner(SigningKey);

impl DeviceSigner {
    /// The key of a 32-byte seed written as hex (as the store keeps it).
    pub fn from_seed_hex(seed: &str) -> Result<Self, SyncError> {
        let bytes = Zeroizing::new(hex::decode(seed.trim()).unwrap_or_default());
        let seed: Zeroizing<[u8; 32]> =
            Zeroizing::new(bytes.as_slice().try_into().map_err(|_| {
                SyncError::Io("klucz podpisu pakietów tej instalacji jest nieczytelny".into())
            })?);
        Ok(DeviceSigner(SigningKey::from_bytes(&seed)))
    }

    /// The public key, hex: what travels in the manifest and is remembered by the others.
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().as_bytes())
    }

    /// The signature (hex) of a manifest given as JSON (its `signature` field is left out).
    pub fn sign_manifest(&self, manifest: &Value) -> String {
        hex::encode(self.0.sign(&signed_message(manifest)).to_bytes())
    }
}

/// Why a signature is refused (the whole bundle is).
fn bad_signature() -> SyncError {
    SyncError::Bundle(
        "Podpis pakietu nie zgadza się z jego zawartością (pakiet zmieniono po zapisaniu albo podpis jest uszkodzony) — nie zastosowano. Nic nie zaimportowano. Wyeksportuj pakiet ponownie na komputerze, który go utworzył, i sprawdź, skąd pochodzi ten plik.".into(),
    )
}

/// Checks the signature of a manifest given as JSON against the public key it names
/// (`device_key`). A manifest with neither is unsigned (`Ok(false)`); one with only one of
/// them, a key that is not a key, or a signature that does not verify is refused.
pub(crate) fn verify_manifest(manifest: &Value) -> Result<bool, SyncError> {
    let field = |name: &str| manifest.get(name).filter(|v| !v.is_null());
    let (key, signature) = match (field("device_key"), field(SIGNATURE_FIELD)) {
        (None, None) => return Ok(false),
        (Some(Value::String(k)), Some(Value::String(s))) => (k, s),
        _ => return Err(bad_signature()),
    };
    let key: [u8; 32] = hex::decode(key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad_signature)?;
    let signature: [u8; 64] = hex::decode(signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad_signature)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| bad_signature())?;
    // Strict: no small-order keys, no malleable signatures.
    key.verify_strict(
        &signed_message(manifest),
        &Signature::from_bytes(&signature),
    )
    .map_err(|_| bad_signature())?;
    Ok(true)
}

/// The bytes signed for a manifest: the context line, then the manifest without its signature
/// as canonical JSON.
fn signed_message(manifest: &Value) -> Vec<u8> {
    let mut out = CONTEXT.to_vec();
    match manifest {
        Value::Object(map) => {
            let mut fields: Vec<(&String, &Value)> =
                map.iter().filter(|(k, _)| *k != SIGNATURE_FIELD).collect();
            fields.sort_by(|a, b| a.0.cmp(b.0));
            write_object(&mut out, fields);
        }
        other => canonical(other, &mut out),
    }
    out
}

/// JSON with the keys of every object sorted and no spaces: the same bytes for the same
/// values, whatever order a writer or a JSON library keeps.
fn canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut fields: Vec<(&String, &Value)> = map.iter().collect();
            fields.sort_by(|a, b| a.0.cmp(b.0));
            write_object(out, fields);
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(item, out);
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar).expect("a value serialises"),
    }
}

fn write_object(out: &mut Vec<u8>, fields: Vec<(&String, &Value)>) {
    out.push(b'{');
    for (i, (k, v)) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, k).expect("a key serialises");
        out.push(b':');
        canonical(v, out);
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn signer() -> DeviceSigner {
        DeviceSigner::from_seed_hex(&"07".repeat(32)).unwrap()
    }

    #[test]
    fn a_signed_manifest_verifies_whatever_the_order_of_its_keys() {
        let s = signer();
        let mut m =
            json!({"device": "a", "device_key": s.public_hex(), "counts": {"b": 1, "a": 2}});
        let sig = s.sign_manifest(&m);
        m["signature"] = json!(sig);
        assert!(verify_manifest(&m).unwrap());
        let reordered: Value = serde_json::from_str(&format!(
            r#"{{"signature":"{sig}","counts":{{"a":2,"b":1}},"device_key":"{}","device":"a"}}"#,
            s.public_hex()
        ))
        .unwrap();
        assert!(verify_manifest(&reordered).unwrap());
    }

    #[test]
    fn any_change_or_a_missing_half_is_refused_and_no_signature_is_unsigned() {
        let s = signer();
        let mut m = json!({"device": "a", "device_key": s.public_hex(), "records": 3});
        m["signature"] = json!(s.sign_manifest(&m));
        let mut edited = m.clone();
        edited["records"] = json!(4);
        assert!(verify_manifest(&edited).is_err());
        let mut added = m.clone();
        added["extra"] = json!(true);
        assert!(verify_manifest(&added).is_err());
        let mut half = m.clone();
        half.as_object_mut().unwrap().remove("device_key");
        assert!(verify_manifest(&half).is_err());
        assert!(!verify_manifest(&json!({"device": "a"})).unwrap());
    }
}
