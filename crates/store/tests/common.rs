//! Helpers shared by the store tests: a real encrypted database file in a temp folder.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_store::keyring::KdfCost;
use kartoteka_store::{FixedClock, OpenOptions, Store};
use std::sync::Arc;

pub const PASSWORD: &str = "haslo-testowe-1";

pub fn options() -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock(
            Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap(),
        )),
        // Cheap key derivation keeps the tests fast; the real cost is tested in keyring tests.
        kdf: KdfCost {
            m_cost: 256,
            t_cost: 1,
            p_cost: 1,
        },
    }
}

pub fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let created = Store::init(dir.path(), "Anna Pracownik", PASSWORD, options()).unwrap();
    (dir, created.store)
}

pub fn input(json: serde_json::Value) -> ParticipantInput {
    serde_json::from_value(json).unwrap()
}

pub fn count(store: &Store, table: &str) -> i64 {
    store.count_rows(table).unwrap()
}
