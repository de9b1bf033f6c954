//! Removing a worker and replacing the recovery key give the database a new key: a key file
//! copied before (with a backup for another computer, say) opens nothing current any more,
//! older backups still restore, and a crash in the middle loses nothing.

mod common;

use common::{input, options, PASSWORD};
use kartoteka_store::keyring::Keyring;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use std::path::Path;

const BEATA: &str = "haslo-beaty-123";

/// Anna's store with one person and a second worker, Beata.
fn anna_and_beata(dir: &Path) -> Store {
    let mut store = Store::init(dir, "Anna", PASSWORD, options()).unwrap().store;
    store.add_worker("Beata", BEATA, options().kdf).unwrap();
    add_person(&mut store, "Jan", "44051401359");
    store
}

fn add_person(store: &mut Store, first: &str, pesel: &str) {
    store
        .add_participant(
            Source::Cli,
            &input(serde_json::json!({"first_name": first, "last_name": "Nowak", "pesel": pesel})),
            DuplicateCheck::Refuse,
        )
        .unwrap();
}

fn people(dir: &Path, password: &str) -> u32 {
    Store::open(dir, password, options())
        .unwrap()
        .participant_page(0, 10, false)
        .unwrap()
        .total
}

#[test]
fn a_removed_workers_copied_key_file_no_longer_opens_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna_and_beata(dir.path());
    // What Beata could have taken home: the key file of today.
    let copied = std::fs::read(dir.path().join("keys.json")).unwrap();

    let removed = store.remove_worker("Beata").unwrap();
    assert_eq!(removed.worker, "Beata");
    add_person(&mut store, "Ewa", "02270803624");
    drop(store);

    assert_eq!(Store::workers(dir.path()).unwrap(), ["Anna"]);
    assert!(matches!(
        Store::open(dir.path(), BEATA, options()),
        Err(StoreError::WrongPassword)
    ));
    // With the copied key file, her password unwraps the old key: it opens nothing.
    let current = std::fs::read(dir.path().join("keys.json")).unwrap();
    std::fs::write(dir.path().join("keys.json"), &copied).unwrap();
    assert!(matches!(
        Store::open(dir.path(), BEATA, options()),
        Err(StoreError::Corrupt(_))
    ));
    std::fs::write(dir.path().join("keys.json"), &current).unwrap();
    assert_eq!(people(dir.path(), PASSWORD), 2);
}

#[test]
fn removing_oneself_or_nobody_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna_and_beata(dir.path());
    let keys = std::fs::read(dir.path().join("keys.json")).unwrap();
    let err = store.remove_worker("Anna").unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("własnego dostępu")),
        "{err}"
    );
    assert!(matches!(
        store.remove_worker("Celina"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(std::fs::read(dir.path().join("keys.json")).unwrap(), keys);
    drop(store);
    assert_eq!(people(dir.path(), BEATA), 1);
}

#[test]
fn a_key_change_waits_for_a_window_or_command_that_has_the_store_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna_and_beata(dir.path());
    let keys = std::fs::read(dir.path().join("keys.json")).unwrap();
    let other = Store::open(dir.path(), BEATA, options()).unwrap();
    let err = store.remove_worker("Beata").unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("zamknij je")),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.path().join("keys.json")).unwrap(), keys);
    assert!(!dir.path().join("keys.next.json").exists());
    // Both connections still work on the unchanged database.
    assert_eq!(other.participant_page(0, 10, false).unwrap().total, 1);
    add_person(&mut store, "Ewa", "02270803624");
    drop(other);
    store.remove_worker("Beata").unwrap();
}

#[test]
fn a_backup_from_before_the_key_change_still_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna_and_beata(dir.path());
    let backup = store.backup(None, "przed-zmiana").unwrap();
    store.remove_worker("Beata").unwrap();
    add_person(&mut store, "Ewa", "02270803624");
    drop(store);
    assert_eq!(people(dir.path(), PASSWORD), 2);

    Store::restore(dir.path(), &backup, PASSWORD, options()).unwrap();
    // The restored data is encrypted under the current key: it opens again and again.
    assert_eq!(people(dir.path(), PASSWORD), 1);
    assert_eq!(people(dir.path(), PASSWORD), 1);
    // Beata's slot is not brought back by the old data.
    assert!(matches!(
        Store::open(dir.path(), BEATA, options()),
        Err(StoreError::WrongPassword)
    ));
}

#[test]
fn a_new_recovery_key_changes_the_database_key() {
    let dir = tempfile::tempdir().unwrap();
    let created = Store::init(dir.path(), "Anna", PASSWORD, options()).unwrap();
    let old_recovery = created.recovery_key.to_string();
    let mut store = created.store;
    add_person(&mut store, "Jan", "44051401359");
    let copied = std::fs::read(dir.path().join("keys.json")).unwrap();
    let new_recovery = store.rotate_recovery_key(options().kdf).unwrap();
    drop(store);

    // The old recovery key with the old key file: the old database key, which opens nothing.
    let current = std::fs::read(dir.path().join("keys.json")).unwrap();
    std::fs::write(dir.path().join("keys.json"), &copied).unwrap();
    assert!(matches!(
        Store::reset_password_with_recovery_key(
            dir.path(),
            &old_recovery,
            "Anna",
            "nowe-haslo-2027",
            options()
        ),
        Err(StoreError::Corrupt(_))
    ));
    std::fs::write(dir.path().join("keys.json"), &current).unwrap();
    let store = Store::reset_password_with_recovery_key(
        dir.path(),
        &new_recovery,
        "Anna",
        "nowe-haslo-2027",
        options(),
    )
    .unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 1);
}

/// Copies the database and key files of `from` over those in `to`.
fn copy_store(from: &Path, to: &Path) {
    for name in ["kartoteka.db", "keys.json"] {
        std::fs::copy(from.join(name), to.join(name)).unwrap();
    }
}

#[test]
fn a_crash_in_the_middle_of_a_key_change_keeps_whichever_key_opens_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = anna_and_beata(dir.path());
    let before = tempfile::tempdir().unwrap();
    drop(store);
    copy_store(dir.path(), before.path());
    let mut store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    store.remove_worker("Beata").unwrap();
    drop(store);
    let after = tempfile::tempdir().unwrap();
    copy_store(dir.path(), after.path());

    // Crash after the database was re-encrypted, before the new key file replaced the old.
    std::fs::copy(
        after.path().join("keys.json"),
        dir.path().join("keys.next.json"),
    )
    .unwrap();
    std::fs::copy(
        before.path().join("keys.json"),
        dir.path().join("keys.json"),
    )
    .unwrap();
    assert_eq!(people(dir.path(), PASSWORD), 1);
    assert!(!dir.path().join("keys.next.json").exists());
    assert_eq!(Store::workers(dir.path()).unwrap(), ["Anna"]);

    // Crash after the new key file was written, before the database was re-encrypted.
    copy_store(before.path(), dir.path());
    std::fs::copy(
        after.path().join("keys.json"),
        dir.path().join("keys.next.json"),
    )
    .unwrap();
    assert_eq!(people(dir.path(), PASSWORD), 1);
    assert!(!dir.path().join("keys.next.json").exists());
    assert_eq!(Store::workers(dir.path()).unwrap(), ["Anna", "Beata"]);
    assert_eq!(people(dir.path(), BEATA), 1);
}

#[test]
fn a_slot_from_an_older_version_gets_a_key_pair_at_its_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "Anna", PASSWORD, options())
        .unwrap()
        .store;
    store.add_format1_worker_for_tests("Beata", BEATA, options().kdf);
    let has_pair = |dir: &Path| {
        Keyring::load(dir)
            .unwrap()
            .slots
            .iter()
            .find(|s| s.worker == "Beata")
            .unwrap()
            .has_key_pair()
    };
    assert!(!has_pair(dir.path()));
    // Until Beata unlocks once, the key cannot change without locking her out: refused.
    let err = store.remove_worker("Anna-nie").unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }));
    store
        .add_worker("Celina", "haslo-celiny-123", options().kdf)
        .unwrap();
    let err = store.remove_worker("Celina").unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("„Beata”")),
        "{err}"
    );
    drop(store);
    assert_eq!(people(dir.path(), BEATA), 0);
    assert!(has_pair(dir.path()));
    let mut store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    store.remove_worker("Celina").unwrap();
    drop(store);
    assert_eq!(people(dir.path(), BEATA), 0);
}
