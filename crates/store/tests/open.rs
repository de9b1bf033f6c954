//! Creating and unlocking the encrypted store.

mod common;

use common::{input, new_store, options, PASSWORD};
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError, DB_FILE};
use serde_json::json;

#[test]
fn a_new_store_is_encrypted_on_disk() {
    let (dir, store) = new_store();
    drop(store);
    let bytes = std::fs::read(dir.path().join(DB_FILE)).unwrap();
    assert!(bytes.len() >= 4096);
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let keys = std::fs::read_to_string(dir.path().join("keys.json")).unwrap();
    assert!(!keys.contains(PASSWORD));
}

#[test]
fn the_right_password_opens_and_a_wrong_one_is_refused() {
    let (dir, store) = new_store();
    drop(store);
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(store.worker(), "Anna Pracownik");
    store.integrity_check().unwrap();
    drop(store);
    let err = Store::open(dir.path(), "zle-haslo-123", options())
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::WrongPassword));
}

#[test]
fn init_refuses_an_existing_store_and_short_passwords() {
    let (dir, store) = new_store();
    drop(store);
    let again = Store::init(dir.path(), "Ktoś", PASSWORD, options())
        .err()
        .unwrap();
    assert!(matches!(again, StoreError::AlreadyInitialized(_)));
    let other = tempfile::tempdir().unwrap();
    let short = Store::init(other.path(), "Ktoś", "krótkie", options())
        .err()
        .unwrap();
    assert!(matches!(short, StoreError::Invalid(_)));
    assert!(!Store::exists(other.path()));
}

#[test]
fn opening_a_folder_without_a_store_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path(), PASSWORD, options()).err().unwrap();
    assert!(matches!(err, StoreError::NotInitialized(_)));
    assert!(err.to_string().contains("kartoteka init"));
}

#[test]
fn an_older_program_refuses_a_newer_database_and_leaves_it_untouched() {
    let (dir, store) = new_store();
    let newer = kartoteka_store::migrate::latest_version() + 1;
    store
        .execute_raw(&format!("PRAGMA user_version = {newer}"))
        .unwrap();
    drop(store);
    let before = std::fs::read(dir.path().join(DB_FILE)).unwrap();
    let err = Store::open(dir.path(), PASSWORD, options()).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == newer));
    assert!(err.to_string().contains("nowszą wersją"));
    assert_eq!(std::fs::read(dir.path().join(DB_FILE)).unwrap(), before);
}

#[test]
fn the_recovery_key_is_not_stored_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let created = Store::init(dir.path(), "Anna", PASSWORD, options()).unwrap();
    let key = created.recovery_key.to_string();
    drop(created);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()));
    }
}

#[test]
fn settings_are_validated_and_kept() {
    let (dir, mut store) = new_store();
    assert_eq!(store.settings().unwrap().idle_lock_minutes, 10);
    let bad = kartoteka_store::settings::Settings {
        idle_lock_minutes: 0,
        backups_to_keep: 5,
        print_files_keep_days: 30,
    };
    assert!(matches!(
        store.save_settings(kartoteka_store::Source::Ui, &bad),
        Err(StoreError::Invalid(_))
    ));
    let too_long = kartoteka_store::settings::Settings {
        print_files_keep_days: 0,
        ..Default::default()
    };
    assert!(matches!(
        store.save_settings(kartoteka_store::Source::Ui, &too_long),
        Err(StoreError::Invalid(_))
    ));
    let good = kartoteka_store::settings::Settings {
        idle_lock_minutes: 3,
        backups_to_keep: 5,
        print_files_keep_days: 14,
    };
    store
        .save_settings(kartoteka_store::Source::Ui, &good)
        .unwrap();
    drop(store);
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(store.settings().unwrap(), good);
}

#[test]
fn an_older_schema_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    // A file made by the previous version: one migration behind.
    let previous = kartoteka_store::migrate::latest_version() - 1;
    let store =
        Store::init_with_schema(dir.path(), "Anna Pracownik", PASSWORD, options(), previous)
            .unwrap()
            .store;
    assert_eq!(store.schema_version().unwrap(), previous);
    drop(store);
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        kartoteka_store::migrate::latest_version()
    );
    let backups =
        kartoteka_store::backup::list(&dir.path().join(kartoteka_store::backup::BACKUP_DIR))
            .unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].label, "przed-migracja");
}

/// A copy of the store folder without the log (`-wal`, `-shm`): what the database file holds.
fn file_alone(dir: &std::path::Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with("-wal") && !name.ends_with("-shm") && path.is_file() {
            std::fs::copy(&path, copy.path().join(&name)).unwrap();
        }
    }
    copy
}

#[test]
fn a_save_reaches_the_database_file_at_the_next_checkpoint() {
    let (dir, mut store) = new_store();
    store.checkpoint().unwrap();
    let id = store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": "Łucja", "last_name": "Żółć", "pesel": "02270803624"})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string();
    // The save is in the log (durable there), not yet in the file: no save waits for a copy.
    let before = file_alone(dir.path());
    let opened = Store::open(before.path(), PASSWORD, options()).unwrap();
    assert!(opened.participant(&id).is_err());
    drop(opened);
    // The pause copies it into the file.
    assert!(store.checkpoint().unwrap() > 0);
    let after = file_alone(dir.path());
    let opened = Store::open(after.path(), PASSWORD, options()).unwrap();
    assert_eq!(opened.participant(&id).unwrap().data.last_name, "Żółć");
}

#[test]
fn an_init_that_fails_part_way_leaves_nothing_and_can_be_run_again() {
    let dir = tempfile::tempdir().unwrap();
    // The key file cannot be written (its temporary name is taken by a folder): the database
    // was already made when this fails, as it would be on a disk that fills up at the end.
    let blocker = dir.path().join("keys.json.tmp");
    std::fs::create_dir(&blocker).unwrap();
    assert!(Store::init(dir.path(), "Anna Pracownik", PASSWORD, options()).is_err());
    assert!(!Store::exists(dir.path()));
    assert!(
        !dir.path().join(DB_FILE).exists(),
        "no half-made database is left"
    );
    std::fs::remove_dir(&blocker).unwrap();
    let again = Store::init(dir.path(), "Anna Pracownik", PASSWORD, options()).unwrap();
    again.store.integrity_check().unwrap();
}
