//! Stamping local changes: a field changed here gets a fresh stamp (remembering the one it
//! replaced), the other fields keep theirs; stores made before the triggers kept the old row
//! are brought up to date when opened.

mod common;

use common::{input, new_store, options, PASSWORD};
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::sync::RowState;
use kartoteka_store::{Source, Store};
use serde_json::json;

fn exported(store: &mut Store, full: bool, id: &str) -> RowState {
    let batch = store.sync_export_batch(full).unwrap();
    batch
        .rows
        .into_iter()
        .find(|r| r.table == "participants" && r.id == id)
        .expect("the person is in the batch")
}

/// Records that everything pending was exported, as a written bundle would.
fn mark_exported(store: &mut Store) {
    let upto = store.sync_export_batch(false).unwrap().upto_seq;
    store
        .sync_mark_exported("b", "sha", "plik", 1, upto, "klucz")
        .unwrap();
}

fn set_phone(store: &mut Store, id: &str, phone: &str) {
    store
        .update_participant(
            Source::Cli,
            id,
            &json!({ "phone": phone }),
            DuplicateCheck::Confirmed,
        )
        .unwrap();
}

#[test]
fn only_the_changed_field_gets_a_fresh_stamp() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(
            Source::Cli,
            &input(
                json!({"first_name": "Łucja", "last_name": "Żółć", "pesel": "02270803624",
                "phone": "600 100 200"}),
            ),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string();
    let first = exported(&mut store, true, &id);
    let created = first.fields["data.first_name"].stamp.clone();
    assert!(!created.is_empty());
    assert!(first
        .fields
        .values()
        .all(|f| f.stamp == created && f.base.is_empty()));
    mark_exported(&mut store);

    set_phone(&mut store, &id, "601 000 000");
    let second = exported(&mut store, false, &id);
    let phone = &second.fields["data.phone"];
    assert!(phone.stamp > created, "{phone:?}");
    assert_eq!(phone.base, created);
    assert_eq!(phone.value, Some(json!("601 000 000")));
    assert_eq!(second.fields["data.first_name"].stamp, created);
    assert_eq!(second.fields["data.pesel"].stamp, created);

    // Saving the same values again is not a change.
    mark_exported(&mut store);
    set_phone(&mut store, &id, "601 000 000");
    let batch = store.sync_export_batch(false).unwrap();
    assert!(
        batch.rows.iter().all(|r| r.table != "participants"),
        "nothing changed, nothing to send"
    );
}

#[test]
fn a_store_with_the_old_triggers_gets_the_new_ones_when_opened() {
    let (dir, mut store) = new_store();
    let id = store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": "Jan", "last_name": "Kowalski", "pesel": "02270803624"})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string();
    let before = exported(&mut store, true, &id);
    // As a store of schema 8 had them: triggers that keep only the row's id.
    store
        .raw_connection()
        .execute_batch(
            "DROP TRIGGER sync_participants_changed;
             CREATE TRIGGER sync_participants_changed AFTER UPDATE ON participants
             BEGIN INSERT OR IGNORE INTO sync_dirty(tbl, id) VALUES ('participants', NEW.id); END;
             ALTER TABLE sync_dirty DROP COLUMN old;",
        )
        .unwrap();
    drop(store);

    let mut store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    let sql: String = store
        .raw_connection()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'sync_participants_changed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("json_array(OLD."), "{sql}");
    set_phone(&mut store, &id, "602 000 001");
    let after = exported(&mut store, true, &id);
    assert_eq!(
        after.fields["data.last_name"].stamp,
        before.fields["data.last_name"].stamp
    );
    assert!(after.fields["data.phone"].stamp > before.fields["data.last_name"].stamp);
}
