//! Encrypted backups and restoring a damaged database from one.

mod common;

use common::{input, new_store, options, PASSWORD};
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{backup, Source, Store, StoreError, DB_FILE};
use serde_json::json;

fn add(store: &mut Store, first: &str, pesel: &str) {
    store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": first, "last_name": "Zieliński", "pesel": pesel})),
            DuplicateCheck::Refuse,
        )
        .unwrap();
}

#[test]
fn a_backup_is_encrypted_and_restores_a_damaged_database() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    let target = tempfile::tempdir().unwrap();
    let file = store.backup(Some(target.path()), "reczna").unwrap();
    add(&mut store, "Anna", "02270803624");
    drop(store);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes
        .windows(9)
        .any(|w| w == "Zieliński".as_bytes()[..9].as_ref()));
    assert!(!file
        .file_name()
        .unwrap()
        .to_string_lossy()
        .contains("Zieli"));

    // Damage the live database in the middle of the file.
    let db = dir.path().join(DB_FILE);
    let mut damaged = std::fs::read(&db).unwrap();
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 2048] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &damaged).unwrap();

    let kept = Store::restore(dir.path(), &file, PASSWORD, options()).unwrap();
    assert!(kept.unwrap().exists(), "the replaced file is kept");
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    store.integrity_check().unwrap();
    let names: Vec<_> = store
        .participant_page(0, 10, false)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.first_name)
        .collect();
    assert_eq!(names, ["Jan"]);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_is_replaced() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    let file = store.backup(None, "reczna").unwrap();
    drop(store);
    let before = std::fs::read(dir.path().join(DB_FILE)).unwrap();

    let broken = dir.path().join("broken.kbak");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, &bytes).unwrap();
    assert!(Store::restore(dir.path(), &broken, PASSWORD, options()).is_err());

    let (_other_dir, other) = new_store();
    let foreign = other.backup(None, "obca").unwrap();
    let err = Store::restore(dir.path(), &foreign, PASSWORD, options()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    assert!(matches!(
        Store::restore(dir.path(), &file, "zle-haslo-000", options()),
        Err(StoreError::WrongPassword)
    ));
    assert_eq!(std::fs::read(dir.path().join(DB_FILE)).unwrap(), before);
}

#[test]
fn automatic_backups_rotate_and_are_listed_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let real_time = kartoteka_store::OpenOptions {
        clock: std::sync::Arc::new(kartoteka_store::SystemClock),
        ..options()
    };
    let mut store = Store::init(dir.path(), "Anna", PASSWORD, real_time)
        .unwrap()
        .store;
    // (A registry with nobody in it prunes nothing: see the test of an emptied registry.)
    add(&mut store, "Jan", "44051401359");
    for _ in 0..4 {
        store.automatic_backup("auto", 2).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let listed = backup::list(&dir.path().join(backup::BACKUP_DIR)).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|b| b.label == "auto" && b.bytes > 0));
    assert!(store.backed_up_today().unwrap());
}

#[test]
fn a_backup_on_a_second_connection_is_one_snapshot_while_the_first_keeps_writing() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    let second = store.second_connection().unwrap();
    let target = tempfile::tempdir().unwrap();
    let path = target.path().to_path_buf();
    let copying = std::thread::spawn(move || second.backup(Some(&path), "dzienna").unwrap());
    // The window goes on saving while the copy is made.
    add(&mut store, "Anna", "02270803624");
    let file = copying.join().unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 2);
    drop(store);

    let kept = Store::restore(dir.path(), &file, PASSWORD, options()).unwrap();
    assert!(kept.is_some());
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    store.integrity_check().unwrap();
    let total = store.participant_page(0, 10, false).unwrap().total;
    assert!(
        total == 1 || total == 2,
        "the backup holds the registry as it was at one moment ({total})"
    );
    assert_eq!(store.verify_audit().unwrap().first_broken, None);
}

#[test]
fn a_missing_database_is_refused_never_replaced_by_an_empty_one() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    store.automatic_backup("dzienna", 2).unwrap();
    drop(store);
    let db = dir.path().join(DB_FILE);
    std::fs::remove_file(&db).unwrap();

    let err = Store::open(dir.path(), PASSWORD, options()).err().unwrap();
    assert!(matches!(err, StoreError::DatabaseMissing(_)), "{err}");
    let message = err.to_string();
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains("kartoteka backup restore"), "{message}");
    assert!(!db.exists(), "no empty database was created in its place");

    // The newest backup brings the registry back.
    let newest = backup::list(&dir.path().join(backup::BACKUP_DIR)).unwrap();
    let kept = Store::restore(dir.path(), newest[0].file.as_ref(), PASSWORD, options()).unwrap();
    assert!(kept.is_none(), "there was no file to keep aside");
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(store.count_rows("participants").unwrap(), 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn backups_of_an_empty_registry_never_push_out_the_last_real_one() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    let real = store.automatic_backup("dzienna", 2).unwrap();
    drop(store);
    // The registry is emptied behind the program's back (a new store in the same folder).
    let other = tempfile::tempdir().unwrap();
    let empty = Store::init(other.path(), "Anna Pracownik", PASSWORD, options()).unwrap();
    drop(empty.store);
    std::fs::copy(other.path().join(DB_FILE), dir.path().join(DB_FILE)).unwrap();
    std::fs::copy(other.path().join("keys.json"), dir.path().join("keys.json")).unwrap();
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    for _ in 0..4 {
        std::thread::sleep(std::time::Duration::from_millis(2));
        store.automatic_backup("dzienna", 2).unwrap();
    }
    assert!(real.exists(), "the backup of the real registry was pruned");
}

#[test]
fn a_backup_of_a_damaged_database_is_refused_and_leaves_no_temporary_file() {
    let (dir, mut store) = new_store();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    store
        .write_bulk(
            Source::Cli,
            &kartoteka_store::bulk::test_people(3000, today),
        )
        .unwrap();
    drop(store);
    // Damage pages in the middle of the file, far from the schema on the first page.
    let db = dir.path().join(DB_FILE);
    let mut damaged = std::fs::read(&db).unwrap();
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 8192] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &damaged).unwrap();
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert!(store.integrity_check().is_err());
    let target = tempfile::tempdir().unwrap();
    let err = store.backup(Some(target.path()), "reczna").unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    assert!(
        err.to_string().contains("kopii zapasowej nie wykonano"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(target.path()).unwrap().count(), 0);
}

#[test]
fn only_a_backup_for_another_computer_carries_the_key_slots() {
    let (dir, mut store) = new_store();
    add(&mut store, "Jan", "44051401359");
    let daily = store.automatic_backup("dzienna", 5).unwrap();
    let target = tempfile::tempdir().unwrap();
    let manual = store.backup(Some(target.path()), "reczna").unwrap();
    let moved = store
        .backup_for_another_computer(Some(target.path()))
        .unwrap();
    drop(store);
    let beside =
        |p: &std::path::Path| std::path::PathBuf::from(format!("{}.keys.json", p.display()));
    assert!(
        !beside(&daily).exists(),
        "an automatic backup has no key slots beside it"
    );
    assert!(!beside(&manual).exists());
    assert!(beside(&moved).exists());
    assert_eq!(
        std::fs::read(beside(&moved)).unwrap(),
        std::fs::read(dir.path().join("keys.json")).unwrap()
    );
    // On a new computer: the copy and its keys open with the same password.
    let new_computer = tempfile::tempdir().unwrap();
    Store::restore(new_computer.path(), &moved, PASSWORD, options()).unwrap();
    let store = Store::open(new_computer.path(), PASSWORD, options()).unwrap();
    assert_eq!(store.count_rows("participants").unwrap(), 1);
}
