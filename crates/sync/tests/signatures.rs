//! Per-device signatures on bundles, between real encrypted stores in temp folders: the first
//! signed bundle of a device records its key (trust on first use); a manifest changed after
//! signing, a bundle signed by another key for a known device, or an unsigned one once the
//! device is known to sign, is refused whole and not marked as seen.

mod common;

use common::{clock, site, Site};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::Source;
use kartoteka_sync::sign::DeviceSigner;
use kartoteka_sync::SyncError;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

const MAGIC: &[u8] = b"KARTOTEKA-SYNC\n";

fn person(site: &mut Site, first: &str, last: &str) -> String {
    let input: ParticipantInput = serde_json::from_value(json!({
        "first_name": first, "last_name": last, "sex": "female", "birth_date": "1980-05-01",
    }))
    .unwrap();
    site.store
        .add_participant(Source::Cli, &input, DuplicateCheck::Confirmed)
        .unwrap()
        .to_string()
}

fn export(site: &mut Site) -> PathBuf {
    let report = kartoteka_sync::export(&mut site.store, &site.out, false).unwrap();
    PathBuf::from(report.file.expect("a bundle was written"))
}

fn import(site: &mut Site, file: &Path) -> kartoteka_sync::ImportReport {
    kartoteka_sync::import_file(&mut site.store, file).unwrap()
}

fn sha256(file: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(file).unwrap()))
}

/// Imports `file` expecting a refusal whose message contains `reason`; checks that nothing
/// was written (records, sync tables, audit) and that the bundle is not marked as seen.
fn assert_refused(site: &mut Site, file: &Path, reason: &str) -> String {
    let before = (
        site.store.sync_canonical_dump().unwrap(),
        site.store.sync_row_counts().unwrap(),
    );
    let audit_before = site.store.verify_audit().unwrap().events;
    let err = kartoteka_sync::import_file(&mut site.store, file).unwrap_err();
    assert!(
        matches!(&err, SyncError::Bundle(m) if m.contains(reason)),
        "unexpected error: {err:?}"
    );
    let after = (
        site.store.sync_canonical_dump().unwrap(),
        site.store.sync_row_counts().unwrap(),
    );
    assert_eq!(before, after);
    assert_eq!(site.store.verify_audit().unwrap().events, audit_before);
    assert!(!site.store.sync_bundle_seen(&sha256(file)).unwrap());
    err.to_string()
}

/// Decrypts a bundle with the organisation's key (as anyone holding the passphrase can),
/// lets `edit` change its manifest, and encrypts it again under the same header.
fn reseal(site: &Site, file: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let bytes = std::fs::read(file).unwrap();
    assert!(bytes.starts_with(MAGIC));
    let start = MAGIC.len()
        + bytes[MAGIC.len()..]
            .iter()
            .position(|b| *b == b'\n')
            .unwrap()
        + 1;
    let config = site.store.sync_config().unwrap().unwrap();
    let identity = age::x25519::Identity::from_str(&config.identity).unwrap();
    let decryptor = age::Decryptor::new_buffered(&bytes[start..]).unwrap();
    let mut plain = Vec::new();
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap();
    flate2::read::GzDecoder::new(reader)
        .read_to_end(&mut plain)
        .unwrap();
    let split = plain.iter().position(|b| *b == b'\n').unwrap();
    let mut manifest: Value = serde_json::from_slice(&plain[..split]).unwrap();
    edit(&mut manifest);
    let mut inner = serde_json::to_vec(&manifest).unwrap();
    inner.extend_from_slice(&plain[split..]);
    let mut out = bytes[..start].to_vec();
    let recipient = identity.to_public();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    let mut gz = flate2::write::GzEncoder::new(&mut writer, flate2::Compression::fast());
    gz.write_all(&inner).unwrap();
    gz.finish().unwrap();
    writer.finish().unwrap();
    let path = file.parent().unwrap().join(name);
    std::fs::write(&path, out).unwrap();
    path
}

/// Signs a manifest again with `signer`, as a forger holding the organisation's passphrase but
/// not the device's key would.
fn sign_as(signer: &DeviceSigner, manifest: &mut Value) {
    manifest["device_key"] = json!(signer.public_hex());
    manifest.as_object_mut().unwrap().remove("signature");
    let signature = signer.sign_manifest(manifest);
    manifest["signature"] = json!(signature);
}

#[test]
fn a_first_signed_bundle_is_applied_and_its_device_key_remembered() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let device_a = a.store.device_id().unwrap();
    person(&mut a, "Anna", "Wałęsa");
    let file = export(&mut a);
    // A remembers its own key at its first export.
    let key_a = a
        .store
        .sync_device_key(&device_a)
        .unwrap()
        .expect("own key");
    assert_eq!(key_a.len(), 64);
    assert_eq!(b.store.sync_device_key(&device_a).unwrap(), None);

    let report = import(&mut b, &file);
    assert_eq!(report.applied, 1);
    assert_eq!(report.signature, "first_signed");
    assert_eq!(report.device_key.as_deref(), Some(key_a.as_str()));
    assert!(report.note.unwrap().contains("zapamiętano jego klucz"));
    assert_eq!(
        b.store.sync_device_key(&device_a).unwrap(),
        Some(key_a.clone())
    );

    // The same bundle again, and A's own bundle back on A: the key is the one known.
    let again = import(&mut b, &file);
    assert_eq!((again.signature.as_str(), again.note), ("signed", None));
    assert_eq!(import(&mut a, &file).signature, "signed");
    // The public key travels; the seed does not (it is not the public key, and a second
    // export signs with the same key).
    person(&mut a, "Ewa", "Nowak");
    let second = export(&mut a);
    let report = import(&mut b, &second);
    assert_eq!(
        (report.signature.as_str(), report.device_key.as_deref()),
        ("signed", Some(key_a.as_str()))
    );
}

/// A change made to a manifest after it was signed.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn a_manifest_edited_after_signing_is_refused_with_nothing_applied() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    person(&mut b, "Zofia", "Kowalska");
    person(&mut a, "Anna", "Wałęsa");
    person(&mut a, "Ewa", "Nowak");
    let file = export(&mut a);
    let other_device = b.store.device_id().unwrap();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "device.kbundle",
            Box::new(move |m| m["device"] = json!(other_device)),
        ),
        (
            "created.kbundle",
            Box::new(|m| m["created_at"] = json!("2020-01-01T00:00:00.000Z")),
        ),
        ("full.kbundle", Box::new(|m| m["full"] = json!(true))),
        (
            "key.kbundle",
            Box::new(|m| {
                m["device_key"] = json!(DeviceSigner::from_seed_hex(&"11".repeat(32))
                    .unwrap()
                    .public_hex())
            }),
        ),
        (
            "garbage.kbundle",
            Box::new(|m| m["signature"] = json!("00")),
        ),
        (
            "half.kbundle",
            Box::new(|m| {
                m.as_object_mut().unwrap().remove("device_key");
            }),
        ),
        ("added.kbundle", Box::new(|m| m["extra"] = json!(1))),
    ];
    for (name, edit) in edits {
        let edited = reseal(&a, &file, name, edit);
        let message = assert_refused(&mut b, &edited, "Podpis pakietu nie zgadza się");
        assert!(message.contains("nie zastosowano"), "{name}: {message}");
    }
    // Nothing of the refused bundles is remembered: not even A's key.
    let device_a = a.store.device_id().unwrap();
    assert_eq!(b.store.sync_device_key(&device_a).unwrap(), None);
    // The untouched bundle still imports.
    assert_eq!(import(&mut b, &file).applied, 2);
}

#[test]
fn a_bundle_signed_by_another_key_for_a_known_device_is_refused_and_honest_ones_still_import() {
    let clock = clock();
    let (mut a, mut b, mut m) = (site(&clock), site(&clock), site(&clock));
    let device_a = a.store.device_id().unwrap();
    person(&mut a, "Anna", "Wałęsa");
    let first = export(&mut a);
    assert_eq!(import(&mut b, &first).signature, "first_signed");

    // M holds the passphrase, writes a bundle and passes it off as A's, signed by its own key.
    person(&mut m, "Jan", "Podrobiony");
    let forged_from = export(&mut m);
    let forger = DeviceSigner::from_seed_hex(&"42".repeat(32)).unwrap();
    let forged = reseal(&m, &forged_from, "forged.kbundle", |manifest| {
        manifest["device"] = json!(device_a);
        sign_as(&forger, manifest);
    });
    let message = assert_refused(&mut b, &forged, "innym kluczem");
    assert!(message.contains(&device_a) && message.contains("nie zastosowano"));
    // Without a signature at all, claiming A: refused too, as A is known to sign.
    let stripped = reseal(&m, &forged_from, "stripped.kbundle", |manifest| {
        manifest["device"] = json!(device_a);
        let o = manifest.as_object_mut().unwrap();
        o.remove("device_key");
        o.remove("signature");
    });
    assert_refused(&mut b, &stripped, "Pakiet bez podpisu");
    assert_eq!(
        b.store.sync_device_key(&device_a).unwrap(),
        a.store.sync_device_key(&device_a).unwrap()
    );

    // In a folder: the forgeries are listed as refused with the reason, the honest bundle is
    // applied, and the refused ones are read again next time (not marked as seen).
    person(&mut a, "Ewa", "Nowak");
    let honest = export(&mut a);
    let folder = tempfile::tempdir().unwrap();
    for f in [&forged, &stripped, &honest] {
        std::fs::copy(f, folder.path().join(f.file_name().unwrap())).unwrap();
    }
    let report = kartoteka_sync::import_dir(&mut b.store, folder.path()).unwrap();
    assert_eq!(report.applied, 1);
    assert_eq!(report.bundles.len(), 1);
    assert_eq!(report.bundles[0].signature, "signed");
    let mut refused: Vec<(String, String)> = report
        .refused
        .iter()
        .map(|r| {
            let name = Path::new(&r.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, r.error.clone())
        })
        .collect();
    refused.sort();
    assert_eq!(refused.len(), 2);
    assert_eq!(refused[0].0, "forged.kbundle");
    assert!(refused[0].1.contains("innym kluczem"), "{}", refused[0].1);
    assert_eq!(refused[1].0, "stripped.kbundle");
    assert!(refused[1].1.contains("bez podpisu"), "{}", refused[1].1);
    let again = kartoteka_sync::import_dir(&mut b.store, folder.path()).unwrap();
    assert_eq!((again.skipped, again.refused.len()), (1, 2));
    let names: Vec<String> = b
        .store
        .participant_page(0, 10, false)
        .unwrap()
        .rows
        .into_iter()
        .map(|p| p.last_name)
        .collect();
    assert!(!names.iter().any(|n| n == "Podrobiony"), "{names:?}");
}

#[test]
fn unsigned_bundles_of_older_programs_are_accepted_until_their_device_signs() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let device_a = a.store.device_id().unwrap();
    person(&mut a, "Anna", "Wałęsa");
    let file = export(&mut a);
    let unsigned = |name: &str| {
        reseal(&a, &file, name, |m| {
            let o = m.as_object_mut().unwrap();
            o.remove("device_key");
            o.remove("signature");
        })
    };
    let old = unsigned("old.kbundle");
    let report = import(&mut b, &old);
    assert_eq!((report.applied, report.signature.as_str()), (1, "unsigned"));
    assert_eq!(report.device_key, None);
    assert!(report.note.unwrap().contains("bez podpisu"));
    assert_eq!(b.store.sync_device_key(&device_a).unwrap(), None);
    // Once A's signed bundle arrives, its key is known and unsigned ones are refused.
    assert_eq!(import(&mut b, &file).signature, "first_signed");
    let old_again = unsigned("old-again.kbundle");
    assert_refused(&mut b, &old_again, "Pakiet bez podpisu");
}

#[test]
fn a_stray_file_over_the_bundle_size_in_the_folder_is_refused_unread() {
    let clock = clock();
    let mut b = site(&clock);
    let folder = tempfile::tempdir().unwrap();
    // Sparse: 3 GiB long, next to nothing on disk. Reading it whole would take 3 GiB.
    let stray = folder.path().join("stray.kbundle");
    std::fs::File::create(&stray)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let started = std::time::Instant::now();
    let report = kartoteka_sync::import_dir(&mut b.store, folder.path()).unwrap();
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].error.contains("ponad 2 GiB"));
    // Neither hashed nor read: far quicker than reading 3 GiB.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}
