//! The periodic-export settings: validated, kept across unlocks, local to this computer.

mod common;

use common::{new_store, options, PASSWORD};
use kartoteka_store::settings::SyncExportSettings;
use kartoteka_store::{Source, Store, StoreError};

#[test]
fn export_settings_are_validated_and_kept() {
    let (dir, mut store) = new_store();
    let default = store.sync_export_settings().unwrap();
    assert_eq!(default.interval_minutes, 15);
    assert_eq!(default.folder, "");

    let fields = |s: &SyncExportSettings, store: &mut Store| match store
        .save_sync_export_settings(Source::Ui, s)
    {
        Err(StoreError::Invalid(e)) => e.0.into_iter().map(|f| f.field).collect::<Vec<_>>(),
        other => panic!("expected field errors, got {other:?}"),
    };
    let too_often = SyncExportSettings {
        folder: "/media/usb".into(),
        interval_minutes: 1441,
    };
    assert_eq!(fields(&too_often, &mut store), ["interval_minutes"]);
    let nowhere = SyncExportSettings {
        folder: "  ".into(),
        interval_minutes: 5,
    };
    assert_eq!(fields(&nowhere, &mut store), ["folder"]);

    // Off needs no folder; on needs one.
    let off = SyncExportSettings {
        folder: String::new(),
        interval_minutes: 0,
    };
    store.save_sync_export_settings(Source::Ui, &off).unwrap();
    let on = SyncExportSettings {
        folder: "/media/usb/kartoteka".into(),
        interval_minutes: 1440,
    };
    store.save_sync_export_settings(Source::Ui, &on).unwrap();
    // The general settings are a separate value.
    assert_eq!(store.settings().unwrap().idle_lock_minutes, 10);
    drop(store);
    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(store.sync_export_settings().unwrap(), on);
    // Not a syncable change: nothing waits to be exported because of it.
    assert_eq!(store.sync_status().unwrap().pending_changes, 0);
}
