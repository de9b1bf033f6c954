//! Passwords, workers, the recovery key, and the slow-down after wrong passwords.

mod common;

use common::{options, PASSWORD};
use kartoteka_store::delay_after;
use kartoteka_store::keyring::KdfCost;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use std::time::Duration;

fn cheap() -> KdfCost {
    options().kdf
}

/// A new store in `dir` with one worker, Anna.
fn anna(dir: &std::path::Path) -> Store {
    Store::init(dir, "Anna", PASSWORD, options()).unwrap().store
}

#[test]
fn a_password_change_keeps_the_data_and_retires_the_old_password() {
    let dir = tempfile::tempdir().unwrap();
    let created = Store::init(dir.path(), "Anna", PASSWORD, options()).unwrap();
    let recovery_key = created.recovery_key.to_string();
    let mut store = created.store;
    store
        .add_participant(Source::Cli, &common::input(serde_json::json!({"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401359"})), DuplicateCheck::Refuse)
        .unwrap();
    store
        .change_password(PASSWORD, "nowe-haslo-2027", cheap())
        .unwrap();
    drop(store);
    assert!(matches!(
        Store::open(dir.path(), PASSWORD, options()),
        Err(StoreError::WrongPassword)
    ));
    let store = Store::open(dir.path(), "nowe-haslo-2027", options()).unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 1);
    drop(store);
    // The database key did not change: the untouched recovery slot still opens the data.
    let store = Store::reset_password_with_recovery_key(
        dir.path(),
        &recovery_key,
        "Anna",
        "trzecie-haslo-1",
        options(),
    )
    .unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 1);
}

#[test]
fn two_workers_share_one_store_with_their_own_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna(dir.path());
    store
        .add_worker("Beata", "haslo-beaty-123", cheap())
        .unwrap();
    assert!(matches!(
        store.add_worker("Beata", "inne-haslo-123", cheap()),
        Err(StoreError::Conflict(_))
    ));
    drop(store);
    assert_eq!(
        Store::open(dir.path(), "haslo-beaty-123", options())
            .unwrap()
            .worker(),
        "Beata"
    );
    assert_eq!(
        Store::open(dir.path(), PASSWORD, options())
            .unwrap()
            .worker(),
        "Anna"
    );
    assert_eq!(Store::workers(dir.path()).unwrap(), ["Anna", "Beata"]);
}

#[test]
fn the_recovery_key_resets_a_forgotten_password() {
    let dir = tempfile::tempdir().unwrap();
    let created = Store::init(dir.path(), "Anna", PASSWORD, options()).unwrap();
    let key = created.recovery_key.to_string();
    drop(created);
    let wrong = Store::reset_password_with_recovery_key(
        dir.path(),
        "AAAAA-BBBBB",
        "Anna",
        "nowe-haslo-2027",
        options(),
    );
    assert!(matches!(wrong, Err(StoreError::WrongRecoveryKey)));
    // Typed in lower case and without dashes, as people do.
    let typed = key.replace('-', " ").to_lowercase();
    let store = Store::reset_password_with_recovery_key(
        dir.path(),
        &typed,
        "Anna",
        "nowe-haslo-2027",
        options(),
    )
    .unwrap();
    assert_eq!(store.worker(), "Anna");
    drop(store);
    assert!(Store::open(dir.path(), "nowe-haslo-2027", options()).is_ok());
    assert!(matches!(
        Store::open(dir.path(), PASSWORD, options()),
        Err(StoreError::WrongPassword)
    ));
}

#[test]
fn repeated_wrong_passwords_slow_down_and_a_right_one_resets_the_count() {
    assert_eq!(delay_after(0), Duration::ZERO);
    assert_eq!(delay_after(2), Duration::ZERO);
    assert_eq!(delay_after(3), Duration::from_secs(1));
    assert_eq!(delay_after(5), Duration::from_secs(4));
    assert_eq!(delay_after(50), Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    drop(Store::init(dir.path(), "Anna", PASSWORD, options()).unwrap());
    for _ in 0..3 {
        assert!(matches!(
            Store::open(dir.path(), "zle-haslo-000", options()),
            Err(StoreError::WrongPassword)
        ));
    }
    let counted = std::fs::read_to_string(dir.path().join("unlock-attempts.json")).unwrap();
    assert!(counted.contains('3'));
    let start = std::time::Instant::now();
    Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "the fourth attempt waits"
    );
    let reset = std::fs::read_to_string(dir.path().join("unlock-attempts.json")).unwrap();
    assert!(reset.contains('0'));
}

#[test]
fn a_password_change_needs_the_signed_in_workers_own_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna(dir.path());
    store
        .add_worker("Beata", "haslo-beaty-123", cheap())
        .unwrap();
    // Beata's password, typed at Anna's unlocked session, changes nothing.
    let err = store
        .change_password("haslo-beaty-123", "przejete-haslo-9", cheap())
        .unwrap_err();
    match &err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "current"),
        other => panic!("{other:?}"),
    }
    drop(store);
    assert!(Store::open(dir.path(), "przejete-haslo-9", options()).is_err());
    assert_eq!(
        Store::open(dir.path(), PASSWORD, options())
            .unwrap()
            .worker(),
        "Anna"
    );
    assert_eq!(
        Store::open(dir.path(), "haslo-beaty-123", options())
            .unwrap()
            .worker(),
        "Beata"
    );
}

#[test]
fn short_and_common_passwords_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    for (password, why) in [
        ("krotkie-123", "co najmniej 12 znaków"),
        ("Kartoteka2026", "zbyt popularne"),
        ("1234 5678 9012", "zbyt popularne"),
        ("ąąąąąąąąąąąąą", "zbyt popularne"),
    ] {
        let err = Store::init(dir.path(), "Anna", password, options())
            .err()
            .unwrap();
        assert!(err.to_string().contains(why), "{password}: {err}");
    }
    assert!(!Store::exists(dir.path()));
    Store::init(dir.path(), "Anna", "zielony rower nad Wartą", options()).unwrap();
}

#[test]
fn a_slot_made_at_a_lower_cost_is_wrapped_again_at_the_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    drop(
        Store::init(dir.path(), "Anna", PASSWORD, options())
            .unwrap()
            .store,
    );
    let cost = |dir: &std::path::Path| {
        kartoteka_store::keyring::Keyring::load(dir).unwrap().slots[0].cost()
    };
    assert_eq!(cost(dir.path()), cheap());
    let stronger = kartoteka_store::OpenOptions {
        kdf: KdfCost {
            m_cost: 1024,
            t_cost: 3,
            p_cost: 1,
        },
        ..options()
    };
    drop(Store::open(dir.path(), PASSWORD, stronger.clone()).unwrap());
    assert_eq!(cost(dir.path()), stronger.kdf);
    // The same password still opens it, and nothing else changed.
    assert_eq!(
        Store::open(dir.path(), PASSWORD, options())
            .unwrap()
            .worker(),
        "Anna"
    );
}

#[test]
fn new_slots_resist_an_offline_attack() {
    let cost = KdfCost::default();
    assert!(cost.m_cost >= 64 * 1024, "at least 64 MiB");
    assert!(cost.t_cost >= 3, "at least three passes");
}

#[test]
fn a_session_ends_when_it_expires_and_its_file_goes() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna(dir.path());
    let session = store.start_session(30).unwrap();
    drop(store);
    let at = |minutes: i64| kartoteka_store::OpenOptions {
        clock: std::sync::Arc::new(kartoteka_store::FixedClock(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
                .unwrap()
                + chrono::Duration::minutes(minutes),
        )),
        ..options()
    };
    let store = Store::open_session(dir.path(), &session.token, at(29)).unwrap();
    assert_eq!(store.worker(), "Anna");
    drop(store);
    let err = Store::open_session(dir.path(), &session.token, at(31))
        .err()
        .unwrap();
    assert!(err.to_string().contains("wygasła"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("sessions"))
            .unwrap()
            .count(),
        0,
        "the expired session's file is deleted"
    );
}

#[test]
fn a_session_file_being_written_is_not_taken_for_an_expired_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = anna(dir.path());
    let session = store.start_session(30).unwrap();
    drop(store);
    // Another `kartoteka unlock` is half-way through writing its session.
    let writing = dir
        .path()
        .join("sessions")
        .join("0123456789abcdef0123456789abcdef.tmp");
    std::fs::write(&writing, b"{\"worker\": \"An").unwrap();
    Store::open_session(dir.path(), &session.token, options()).unwrap();
    assert!(
        writing.exists(),
        "the cleanup of expired sessions left it alone"
    );
}
