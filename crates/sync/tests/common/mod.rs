//! What the sync tests share: installations (`Site`) on one stepping clock, and short ways
//! to record, change, export and import.
#![allow(dead_code, unused_imports)]

pub use chrono::{DateTime, NaiveDate, TimeZone, Utc};
pub use kartoteka_domain::enrolment::EnrolmentInput;
pub use kartoteka_domain::participant::ParticipantInput;
pub use kartoteka_domain::project::ProjectInput;
pub use kartoteka_domain::relation::RelationKind;
pub use kartoteka_store::keyring::KdfCost;
pub use kartoteka_store::participants::DuplicateCheck;
pub use kartoteka_store::{Clock, OpenOptions, Source, Store};
pub use kartoteka_sync::SyncError;
pub use serde_json::json;
pub use std::path::{Path, PathBuf};
pub use std::sync::atomic::{AtomicI64, Ordering};
pub use std::sync::Arc;

pub const PASSPHRASE: &str = "wspólne hasło ośrodka 2026";
pub const ORGANISATION: &str = "MOPS Jastrzębie-Zdrój";

/// A clock shared by all installations that moves one second forward at every reading, so
/// a later action always has a later time (as on real computers with correct clocks).
pub struct SteppingClock(pub AtomicI64);

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<Utc> {
        let s = self.0.fetch_add(1, Ordering::SeqCst);
        Utc.timestamp_opt(s, 0).unwrap()
    }
    fn today(&self) -> NaiveDate {
        Utc.timestamp_opt(self.0.load(Ordering::SeqCst), 0)
            .unwrap()
            .date_naive()
    }
}

pub struct Site {
    pub _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub store: Store,
}

pub fn clock() -> Arc<SteppingClock> {
    Arc::new(SteppingClock(AtomicI64::new(
        Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .unwrap()
            .timestamp(),
    )))
}

pub fn site_with(clock: &Arc<SteppingClock>, passphrase: &str, organisation: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let options = OpenOptions {
        clock: clock.clone(),
        kdf: KdfCost {
            m_cost: 256,
            t_cost: 1,
            p_cost: 1,
        },
    };
    let mut store = Store::init(&dir.path().join("data"), "Anna", "haslo-testowe-1", options)
        .unwrap()
        .store;
    kartoteka_sync::setup(&mut store, Source::Cli, passphrase, Some(organisation)).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    Site {
        _dir: dir,
        out,
        store,
    }
}

pub fn site(clock: &Arc<SteppingClock>) -> Site {
    site_with(clock, PASSPHRASE, ORGANISATION)
}

pub fn person(site: &mut Site, first: &str, last: &str, birth: &str) -> String {
    let input: ParticipantInput = serde_json::from_value(json!({
        "first_name": first, "last_name": last, "sex": "female", "birth_date": birth,
        "phone": "601 000 000", "address": {"town": "Jastrzębie-Zdrój", "street": "Długa"}
    }))
    .unwrap();
    site.store
        .add_participant(Source::Cli, &input, DuplicateCheck::Confirmed)
        .unwrap()
        .to_string()
}

pub fn project(site: &mut Site) -> String {
    let input: ProjectInput = serde_json::from_value(json!({
        "name": "Miasto Rodziny", "agreement_number": "RPSL.09.02.05-24-0123/21",
        "programme": "RPO WSL 2014–2020", "start_date": "2022-01-01", "end_date": "2027-06-30",
        "participant_target": 350, "target_groups": ["rodziny z dziećmi"],
        "retention_until": "2032-12-31"}))
    .unwrap();
    site.store
        .add_project(Source::Cli, &input)
        .unwrap()
        .to_string()
}

pub fn patch(site: &mut Site, id: &str, patch: serde_json::Value) {
    site.store
        .update_participant(Source::Cli, id, &patch, DuplicateCheck::Confirmed)
        .unwrap();
}

pub fn export(site: &mut Site) -> PathBuf {
    let report = kartoteka_sync::export(&mut site.store, &site.out, false).unwrap();
    PathBuf::from(report.file.expect("a bundle was written"))
}

pub fn import(site: &mut Site, file: &Path) -> kartoteka_sync::ImportReport {
    kartoteka_sync::import_file(&mut site.store, file).unwrap()
}

pub fn dump(site: &Site) -> String {
    site.store.sync_canonical_dump().unwrap()
}

pub fn phone(site: &Site, id: &str) -> Option<String> {
    site.store
        .participant(id)
        .unwrap()
        .data
        .phone
        .map(|p| p.as_str().to_owned())
}

pub fn assert_refused(site: &mut Site, file: &Path, expected: fn(&SyncError) -> bool) {
    let before = (dump(site), site.store.sync_row_counts().unwrap());
    let audit_before = site.store.verify_audit().unwrap().events;
    let err = kartoteka_sync::import_file(&mut site.store, file).unwrap_err();
    assert!(expected(&err), "unexpected error: {err:?}");
    assert!(!err.to_string().is_empty());
    assert_eq!(before, (dump(site), site.store.sync_row_counts().unwrap()));
    assert_eq!(site.store.verify_audit().unwrap().events, audit_before);
}
