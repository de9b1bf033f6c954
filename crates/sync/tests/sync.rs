//! Sync between real encrypted stores in temp folders: bundles exchanged in different orders,
//! conflicts surfaced and resolved, duplicates ignored, every damaged bundle refused.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kartoteka_domain::enrolment::EnrolmentInput;
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::relation::RelationKind;
use kartoteka_store::keyring::KdfCost;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Clock, OpenOptions, Source, Store};
use kartoteka_sync::SyncError;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

const PASSPHRASE: &str = "wspólne hasło ośrodka 2026";
const ORGANISATION: &str = "MOPS Jastrzębie-Zdrój";

/// A clock shared by all installations that moves one second forward at every reading, so
/// a later action always has a later time (as on real computers with correct clocks).
struct SteppingClock(AtomicI64);

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

struct Site {
    _dir: tempfile::TempDir,
    out: PathBuf,
    store: Store,
}

fn clock() -> Arc<SteppingClock> {
    Arc::new(SteppingClock(AtomicI64::new(
        Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .unwrap()
            .timestamp(),
    )))
}

fn site_with(clock: &Arc<SteppingClock>, passphrase: &str, organisation: &str) -> Site {
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

fn site(clock: &Arc<SteppingClock>) -> Site {
    site_with(clock, PASSPHRASE, ORGANISATION)
}

fn person(site: &mut Site, first: &str, last: &str, birth: &str) -> String {
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

fn project(site: &mut Site) -> String {
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

fn patch(site: &mut Site, id: &str, patch: serde_json::Value) {
    site.store
        .update_participant(Source::Cli, id, &patch, DuplicateCheck::Confirmed)
        .unwrap();
}

fn export(site: &mut Site) -> PathBuf {
    let report = kartoteka_sync::export(&mut site.store, &site.out, false).unwrap();
    PathBuf::from(report.file.expect("a bundle was written"))
}

fn import(site: &mut Site, file: &Path) -> kartoteka_sync::ImportReport {
    kartoteka_sync::import_file(&mut site.store, file).unwrap()
}

fn dump(site: &Site) -> String {
    site.store.sync_canonical_dump().unwrap()
}

fn phone(site: &Site, id: &str) -> Option<String> {
    site.store
        .participant(id)
        .unwrap()
        .data
        .phone
        .map(|p| p.as_str().to_owned())
}

#[test]
fn three_installations_converge_whatever_the_order_and_see_the_same_conflict() {
    let clock = clock();
    let (mut a, mut b, mut c) = (site(&clock), site(&clock), site(&clock));

    // Offline work on each computer.
    let anna = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let proj = project(&mut a);
    let enrolment: EnrolmentInput = serde_json::from_value(json!({
        "start_date": "2023-02-01", "target_group": "rodziny z dziećmi", "status_at_start": "inactive"}))
    .unwrap();
    a.store
        .add_enrolment(Source::Cli, &anna, &proj, &enrolment)
        .unwrap();
    let ewa = person(&mut b, "Ewa", "Nowak", "1975-03-02");
    let jan = person(&mut b, "Jan", "Nowak", "2015-07-09");
    b.store
        .add_relation(Source::Cli, &jan, &ewa, RelationKind::Parent)
        .unwrap();
    let _ola = person(&mut c, "Ola", "Zięba", "1990-11-30");

    let (ea, eb, ec) = (export(&mut a), export(&mut b), export(&mut c));
    // Different orders on each computer.
    for f in [&eb, &ec] {
        import(&mut a, f);
    }
    for f in [&ec, &ea] {
        import(&mut b, f);
    }
    for f in [&ea, &eb] {
        import(&mut c, f);
    }
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(dump(&a), dump(&c));
    assert_eq!(
        a.store
            .search_participants("nowak", 10, false)
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        c.store
            .search_participants("walesa", 10, false)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(b.store.related_people(&jan).unwrap().len(), 1);
    assert_eq!(c.store.related_people(&jan).unwrap().len(), 1);
    assert_eq!(c.store.enrolments_of_participant(&anna).unwrap().len(), 1);

    // A and B both change Ewa's phone without having met; B also changes her e-mail.
    patch(&mut a, &ewa, json!({"phone": "602 111 111"}));
    patch(
        &mut b,
        &ewa,
        json!({"phone": "603 222 222", "email": "ewa@example.pl"}),
    );
    let (ea2, eb2) = (export(&mut a), export(&mut b));
    let at_a = import(&mut a, &eb2);
    let at_b = import(&mut b, &ea2);
    assert_eq!(at_a.conflicts, 1, "{at_a:?}");
    assert_eq!(at_b.conflicts, 1, "{at_b:?}");
    // C gets them in the other order (and A's first bundle again: nothing changes).
    import(&mut c, &ea2);
    import(&mut c, &eb2);
    assert_eq!(import(&mut c, &ea).applied, 0);
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(dump(&a), dump(&c));
    // B's change is the newer one: it won, and both keep A's value for review.
    assert_eq!(phone(&a, &ewa).as_deref(), Some("603 222 222"));
    let conflicts = a.store.sync_conflicts(false).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "data.phone");
    assert_eq!(conflicts[0].winner, "theirs");
    assert_eq!(conflicts[0].mine, Some(json!("602 111 111")));
    assert_eq!(b.store.sync_conflicts(false).unwrap()[0].winner, "mine");
    // The e-mail changed only on B: no conflict for it.
    assert!(conflicts.iter().all(|c| c.field != "data.email"));

    // A person on A decides to keep A's number; the decision travels.
    let resolved =
        kartoteka_sync::resolve(&mut a.store, Source::Cli, &conflicts[0].id, true).unwrap();
    assert_eq!(resolved.resolution.as_deref(), Some("mine"));
    assert!(a.store.sync_conflicts(false).unwrap().is_empty());
    assert_eq!(phone(&a, &ewa).as_deref(), Some("602 111 111"));
    let ea3 = export(&mut a);
    let at_b = import(&mut b, &ea3);
    assert_eq!(at_b.conflicts, 0);
    import(&mut c, &ea3);
    assert_eq!(phone(&b, &ewa).as_deref(), Some("602 111 111"));
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(dump(&a), dump(&c));
    assert_eq!(
        b.store
            .search_participants("602111", 5, false)
            .unwrap()
            .len(),
        1
    );
    // The audit chain stays intact everywhere.
    for s in [&a, &b, &c] {
        assert_eq!(s.store.verify_audit().unwrap().first_broken, None);
    }
}

#[test]
fn resolving_a_stale_conflict_never_goes_back_past_a_newer_change() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let ewa = person(&mut a, "Ewa", "Nowak", "1975-03-02");
    let first = export(&mut a);
    import(&mut b, &first);
    patch(&mut a, &ewa, json!({"phone": "602 111 111"}));
    patch(&mut b, &ewa, json!({"phone": "603 222 222"}));
    let (ea, eb) = (export(&mut a), export(&mut b));
    import(&mut a, &eb);
    import(&mut b, &ea);
    let conflict = a.store.sync_conflicts(false).unwrap().remove(0);
    assert_eq!(conflict.mine, Some(json!("602 111 111")));
    // After the conflict the number is changed once more (here: the newest value there is).
    patch(&mut a, &ewa, json!({"phone": "604 333 333"}));

    let err = kartoteka_sync::resolve(&mut a.store, Source::Cli, &conflict.id, true).unwrap_err();
    assert!(
        err.to_string().contains("zostaje ta nowsza wartość"),
        "{err}"
    );
    assert!(
        a.store.sync_conflicts(false).unwrap().is_empty(),
        "the conflict is closed"
    );
    assert_eq!(phone(&a, &ewa).as_deref(), Some("604 333 333"));
    // The same on the other side, where the newer change arrives in a bundle.
    let ea2 = export(&mut a);
    import(&mut b, &ea2);
    let at_b = b.store.sync_conflicts(false).unwrap().remove(0);
    assert!(kartoteka_sync::resolve(&mut b.store, Source::Cli, &at_b.id, true).is_err());
    assert_eq!(phone(&b, &ewa).as_deref(), Some("604 333 333"));
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn a_removed_relation_and_an_archive_travel() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let ewa = person(&mut a, "Ewa", "Nowak", "1975-03-02");
    let jan = person(&mut a, "Jan", "Nowak", "2015-07-09");
    let rel = a
        .store
        .add_relation(Source::Cli, &jan, &ewa, RelationKind::Parent)
        .unwrap();
    import(&mut b, &export(&mut a));
    assert_eq!(b.store.related_people(&jan).unwrap().len(), 1);
    a.store
        .remove_relation(Source::Cli, &rel.to_string())
        .unwrap();
    a.store.archive_participant(Source::Cli, &jan).unwrap();
    let second = export(&mut a);
    let report = import(&mut b, &second);
    assert_eq!(report.applied, 2, "{report:?}");
    assert!(b.store.related_people(&jan).unwrap().is_empty());
    assert_eq!(
        b.store.participant(&jan).unwrap().status,
        kartoteka_domain::participant::ParticipantStatus::Archived
    );
    assert_eq!(dump(&a), dump(&b));
    // Nothing new since: no bundle.
    let nothing = kartoteka_sync::export(&mut a.store, &a.out, false).unwrap();
    assert_eq!((nothing.file, nothing.records), (None, 0));
}

#[test]
fn the_same_family_tie_recorded_on_two_computers_ends_as_one() {
    let clock = clock();
    let (mut a, mut b, mut c) = (site(&clock), site(&clock), site(&clock));
    let ewa = person(&mut a, "Ewa", "Nowak", "1975-03-02");
    let jan = person(&mut a, "Jan", "Nowak", "2015-07-09");
    let first = export(&mut a);
    import(&mut b, &first);
    import(&mut c, &first);
    for s in [&mut a, &mut b] {
        s.store
            .add_relation(Source::Cli, &jan, &ewa, RelationKind::Parent)
            .unwrap();
    }
    let (ea, eb) = (export(&mut a), export(&mut b));
    import(&mut a, &eb);
    import(&mut b, &ea);
    import(&mut c, &eb);
    import(&mut c, &ea);
    for s in [&a, &b, &c] {
        assert_eq!(s.store.related_people(&jan).unwrap().len(), 1);
    }
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(dump(&a), dump(&c));
    // And passing the decision on changes nothing more.
    let again = export(&mut a);
    import(&mut b, &again);
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn importing_the_same_bundle_twice_writes_nothing_the_second_time() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    person(&mut a, "Ewa", "Nowak", "1975-03-02");
    let file = export(&mut a);
    let first = import(&mut b, &file);
    assert_eq!((first.applied, first.unchanged, first.conflicts), (2, 0, 0));
    let before = (dump(&b), b.store.sync_row_counts().unwrap());
    let again = import(&mut b, &file);
    assert_eq!((again.applied, again.unchanged, again.conflicts), (0, 2, 0));
    assert_eq!(before, (dump(&b), b.store.sync_row_counts().unwrap()));
    // A folder import skips bundles already seen (and the installation's own).
    let folder = kartoteka_sync::import_dir(&mut b.store, &a.out).unwrap();
    assert_eq!((folder.skipped, folder.applied), (1, 0));
    let own = kartoteka_sync::import_dir(&mut a.store, &a.out).unwrap();
    assert_eq!((own.skipped, own.bundles.len()), (1, 0));
}

#[test]
fn the_bundle_holds_no_plain_text_and_its_name_no_personal_data() {
    let clock = clock();
    let mut a = site(&clock);
    person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let file = export(&mut a);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("kartoteka-") && name.ends_with(".kbundle"),
        "{name}"
    );
    assert!(!name.to_lowercase().contains("wal"));
    let bytes = std::fs::read(&file).unwrap();
    for needle in [
        "Wałęsa",
        "Walesa",
        "Anna",
        "601 000 000",
        "Jastrz",
        "participants",
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} found in the bundle"
        );
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&a.out).unwrap().collect();
    assert_eq!(names.len(), 1);
}

fn assert_refused(site: &mut Site, file: &Path, expected: fn(&SyncError) -> bool) {
    let before = (dump(site), site.store.sync_row_counts().unwrap());
    let audit_before = site.store.verify_audit().unwrap().events;
    let err = kartoteka_sync::import_file(&mut site.store, file).unwrap_err();
    assert!(expected(&err), "unexpected error: {err:?}");
    assert!(!err.to_string().is_empty());
    assert_eq!(before, (dump(site), site.store.sync_row_counts().unwrap()));
    assert_eq!(site.store.verify_audit().unwrap().events, audit_before);
}

#[test]
fn a_bundle_from_a_clock_more_than_a_day_ahead_is_refused() {
    let here = clock();
    let ahead = |seconds: i64| {
        Arc::new(SteppingClock(AtomicI64::new(
            here.0.load(Ordering::SeqCst) + seconds,
        )))
    };
    let mut b = site(&here);
    let mut far = site(&ahead(3 * 24 * 3600));
    person(&mut far, "Anna", "Wałęsa", "1980-05-01");
    let file = export(&mut far);
    assert_refused(
        &mut b,
        &file,
        |e| matches!(e, SyncError::Bundle(m) if m.contains("o ponad dobę późniejszym")),
    );
    // A computer a few hours ahead is within the day allowed.
    let mut near = site(&ahead(5 * 3600));
    person(&mut near, "Ewa", "Nowak", "1975-03-02");
    let file = export(&mut near);
    assert_eq!(import(&mut b, &file).applied, 1);
}

#[test]
fn a_bundle_that_deletes_a_person_is_refused() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let anna = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let first = export(&mut a);
    import(&mut b, &first);
    // Only a damaged or hostile program could delete a person: the app archives.
    a.store
        .execute_raw(&format!(
            "DELETE FROM participant_search; DELETE FROM participants WHERE id = '{anna}'"
        ))
        .unwrap();
    person(&mut a, "Jan", "Nowak", "1970-01-01");
    let file = export(&mut a);
    assert_refused(
        &mut b,
        &file,
        |e| matches!(e, SyncError::Bundle(m) if m.contains("nigdy nie usuwa")),
    );
    assert!(
        b.store.participant(&anna).is_ok(),
        "the person is still here"
    );
}

#[test]
fn damaged_foreign_and_newer_bundles_are_refused_and_nothing_is_written() {
    let clock = clock();
    let mut a = site(&clock);
    let mut b = site(&clock);
    person(&mut b, "Zofia", "Kowalska", "1970-01-01");
    for i in 0..20 {
        person(&mut a, "Anna", &format!("Wałęsa{i}"), "1980-05-01");
    }
    let good = export(&mut a);
    let bytes = std::fs::read(&good).unwrap();
    let work = tempfile::tempdir().unwrap();
    let write = |name: &str, content: &[u8]| {
        let p = work.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    };

    // Cut off: at the end, in the middle, in the header, empty.
    for (name, len) in [
        ("end.kbundle", bytes.len() - 1),
        ("middle.kbundle", bytes.len() / 2),
        ("header.kbundle", 20),
        ("empty.kbundle", 0),
    ] {
        assert_refused(&mut b, &write(name, &bytes[..len]), |e| {
            matches!(e, SyncError::Bundle(_))
        });
    }
    // One byte changed in the encrypted body, and near the end.
    for at in [bytes.len() / 2, bytes.len() - 3] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        assert_refused(&mut b, &write("flipped.kbundle", &flipped), |e| {
            matches!(e, SyncError::Bundle(_))
        });
    }
    // Not a bundle at all.
    assert_refused(&mut b, &write("other.kbundle", b"hello"), |e| {
        matches!(e, SyncError::Bundle(_))
    });
    // A newer format.
    let text = String::from_utf8_lossy(&bytes[..200]).into_owned();
    let newer = text.replacen("\"format\":1", "\"format\":2", 1);
    let mut newer_bytes = newer.as_bytes().to_vec();
    newer_bytes.extend_from_slice(&bytes[200..]);
    assert_refused(&mut b, &write("newer.kbundle", &newer_bytes), |e| {
        matches!(e, SyncError::NewerFormat { found: 2, .. })
    });
    // Another passphrase, same organisation.
    let mut stranger = site_with(&clock, "zupełnie inne hasło 123", ORGANISATION);
    assert_refused(&mut stranger, &good, |e| {
        matches!(e, SyncError::WrongPassphrase)
    });
    // Same passphrase, another organisation.
    let mut elsewhere = site_with(&clock, PASSPHRASE, "MOPS Gdańsk");
    assert_refused(&mut elsewhere, &good, |e| {
        matches!(e, SyncError::WrongOrganisation)
    });
    // A folder with a damaged bundle applies the good one and reports the other.
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(&good, folder.path().join("a-good.kbundle")).unwrap();
    std::fs::write(
        folder.path().join("b-bad.kbundle"),
        &bytes[..bytes.len() / 3],
    )
    .unwrap();
    let report = kartoteka_sync::import_dir(&mut b.store, folder.path()).unwrap();
    assert_eq!(report.applied, 20);
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].file.ends_with("b-bad.kbundle"));
}

#[test]
fn without_setup_sync_says_what_to_do() {
    let clock = clock();
    let dir = tempfile::tempdir().unwrap();
    let options = OpenOptions {
        clock: clock.clone(),
        kdf: KdfCost {
            m_cost: 256,
            t_cost: 1,
            p_cost: 1,
        },
    };
    let mut store = Store::init(dir.path(), "Anna", "haslo-testowe-1", options)
        .unwrap()
        .store;
    let status = kartoteka_sync::status(&store).unwrap();
    assert!(!status.configured);
    let err = kartoteka_sync::export(&mut store, dir.path(), false).unwrap_err();
    assert!(matches!(err, SyncError::NotConfigured));
    assert!(err.to_string().contains("sync setup"));
    let err = kartoteka_sync::setup(&mut store, Source::Cli, "krótkie", Some("MOPS")).unwrap_err();
    assert!(matches!(
        err,
        SyncError::Invalid {
            field: "passphrase",
            ..
        }
    ));
}

#[test]
fn status_counts_pending_changes_until_they_are_exported() {
    let clock = clock();
    let mut a = site(&clock);
    assert_eq!(kartoteka_sync::status(&a.store).unwrap().pending_changes, 0);
    let id = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    person(&mut a, "Ewa", "Nowak", "1975-03-02");
    let status = kartoteka_sync::status(&a.store).unwrap();
    assert!(status.configured);
    assert_eq!(status.pending_changes, 2);
    assert_eq!(status.last_export_at, None);
    export(&mut a);
    let status = kartoteka_sync::status(&a.store).unwrap();
    assert_eq!(status.pending_changes, 0);
    assert!(status.last_export_at.is_some());
    patch(&mut a, &id, json!({"phone": "609 999 999"}));
    assert_eq!(kartoteka_sync::status(&a.store).unwrap().pending_changes, 1);
    // A delta bundle carries the changed row; a full one carries all.
    let delta = kartoteka_sync::export(&mut a.store, &a.out, false).unwrap();
    assert_eq!(delta.records, 1);
    let full = kartoteka_sync::export(&mut a.store, &a.out, true).unwrap();
    assert_eq!(full.records, 2);
}

#[test]
fn an_incoming_anonymisation_of_someone_this_computer_must_keep_is_refused() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let anna = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let project = |site: &mut Site, name: &str, retention: &str| {
        let input: ProjectInput = serde_json::from_value(json!({
            "name": name, "start_date": "2019-01-01", "end_date": "2020-06-30",
            "retention_until": retention}))
        .unwrap();
        site.store
            .add_project(Source::Cli, &input)
            .unwrap()
            .to_string()
    };
    let enrol = |site: &mut Site, project: &str| {
        let e: EnrolmentInput =
            serde_json::from_value(json!({"start_date": "2019-02-01"})).unwrap();
        site.store
            .add_enrolment(Source::Cli, &anna, project, &e)
            .unwrap();
    };
    let old = project(&mut a, "Stary projekt", "2025-12-31");
    enrol(&mut a, &old);
    import(&mut b, &export(&mut a));
    // B enrols her in a project whose documents must be kept until 2031; A does not know yet.
    let current = project(&mut b, "Nowy projekt", "2031-12-31");
    enrol(&mut b, &current);
    assert_eq!(
        a.store.anonymise_expired(Source::Cli).unwrap(),
        vec![anna.clone()]
    );
    let ea = export(&mut a);
    assert_refused(
        &mut b,
        &ea,
        |e| matches!(e, SyncError::Store(kartoteka_store::StoreError::Conflict(m)) if m.contains("trzeba jeszcze przechowywać")),
    );
    assert_eq!(b.store.participant(&anna).unwrap().data.last_name, "Wałęsa");
}

#[test]
fn anonymisation_is_final_across_installations() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let anna = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    import(&mut b, &export(&mut a));
    // The project's retention has passed: A anonymises Anna while B edits her phone.
    let input: ProjectInput = serde_json::from_value(json!({
        "name": "Stary projekt", "agreement_number": "RPSL.09.02.05-24-0001/19",
        "programme": "RPO WSL 2014–2020", "start_date": "2019-01-01", "end_date": "2020-06-30",
        "participant_target": 10, "target_groups": ["rodziny z dziećmi"],
        "retention_until": "2025-12-31"}))
    .unwrap();
    let old = a
        .store
        .add_project(Source::Cli, &input)
        .unwrap()
        .to_string();
    let enrolment: EnrolmentInput = serde_json::from_value(json!({
        "start_date": "2019-02-01", "target_group": "rodziny z dziećmi", "status_at_start": "inactive"}))
    .unwrap();
    a.store
        .add_enrolment(Source::Cli, &anna, &old, &enrolment)
        .unwrap();
    patch(&mut b, &anna, json!({"phone": "605 555 555"}));
    let eb = export(&mut b);
    assert_eq!(
        a.store.anonymise_expired(Source::Cli).unwrap(),
        vec![anna.clone()]
    );
    let ea = export(&mut a);
    import(&mut a, &eb);
    import(&mut b, &ea);
    assert_eq!(dump(&a), dump(&b));
    let p = b.store.participant(&anna).unwrap();
    assert_eq!(p.data.phone, None);
    assert_eq!(p.data.last_name, "");
    assert!(b
        .store
        .search_participants("walesa", 5, true)
        .unwrap()
        .is_empty());
}

#[test]
fn a_bundle_that_fails_part_way_leaves_nothing_behind() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    // Rows are applied as they are read: make the failing one come after others.
    for (first, birth) in [
        ("Alicja", "1980-01-02"),
        ("Beata", "1981-03-04"),
        ("Celina", "1982-05-06"),
    ] {
        person(&mut a, first, "Wróbel", birth);
    }
    let with_pesel = |site: &mut Site, first: &str| {
        let input: ParticipantInput = serde_json::from_value(json!({
            "first_name": first, "last_name": "Źrebiec", "pesel": "02270803624"
        }))
        .unwrap();
        site.store
            .add_participant(Source::Cli, &input, DuplicateCheck::Confirmed)
            .unwrap()
    };
    with_pesel(&mut a, "Zofia");
    with_pesel(&mut b, "Zofia");
    let file = export(&mut a);
    // The same PESEL registered on both computers under different records: refused whole.
    assert_refused(&mut b, &file, |e| matches!(e, SyncError::Store(_)));
    assert!(b.store.participant_page(0, 10, false).unwrap().rows.len() == 1);
}

#[test]
fn a_stopped_import_keeps_the_bundles_before_it_and_nothing_of_its_own() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    person(&mut a, "Ewa", "Nowak", "1975-03-02");
    export(&mut a);
    person(&mut a, "Łucja", "Żółć", "1990-07-08");
    export(&mut a);

    // Stop as soon as the second bundle reports: the first stays, the second writes nothing.
    let mut seen = Vec::new();
    let stop = std::cell::Cell::new(false);
    let err = kartoteka_sync::import_dir_watched(
        &mut b.store,
        &a.out,
        &mut kartoteka_sync::ImportWatch {
            progress: &mut |p| {
                if p.bundle == 2 {
                    stop.set(true);
                }
                seen.push((p.bundle, p.bundles, p.done, p.total));
            },
            cancelled: &|| stop.get(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::Cancelled(_)), "{err:?}");
    assert!(err.to_string().contains("(1)"), "{err}");
    assert_eq!(seen, vec![(1, 2, 0, 2), (1, 2, 2, 2), (2, 2, 0, 1)]);
    let names = |site: &Site| -> Vec<String> {
        let page = site.store.participant_page(0, 10, false).unwrap();
        page.rows.iter().map(|r| r.last_name.clone()).collect()
    };
    assert_eq!(names(&b), ["Nowak", "Wałęsa"]);
    assert_eq!(b.store.sync_status().unwrap().open_conflicts, 0);

    // Nothing of the stopped bundle counts as seen: the next import applies it.
    let again = kartoteka_sync::import_dir(&mut b.store, &a.out).unwrap();
    assert_eq!(
        (again.skipped, again.bundles.len(), again.applied),
        (1, 1, 1)
    );
    assert_eq!(names(&b), ["Nowak", "Wałęsa", "Żółć"]);
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn a_stopped_single_bundle_changes_nothing() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let file = export(&mut a);
    let before = (dump(&b), b.store.sync_row_counts().unwrap());
    let audit_before = b.store.verify_audit().unwrap().events;
    let err = kartoteka_sync::import_file_watched(
        &mut b.store,
        &file,
        &mut kartoteka_sync::ImportWatch {
            progress: &mut |_| {},
            cancelled: &|| true,
        },
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::Cancelled(_)), "{err:?}");
    assert_eq!(before, (dump(&b), b.store.sync_row_counts().unwrap()));
    assert_eq!(b.store.verify_audit().unwrap().events, audit_before);
    assert_eq!(import(&mut b, &file).applied, 1);
}

/// 2,500 people written in one bulk transaction (enough rows for progress to move).
fn many_people(site: &mut Site) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let people = kartoteka_store::bulk::test_people(2500, today);
    site.store.write_bulk(Source::Cli, &people).unwrap();
}

fn bundles_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).unwrap().count()
}

#[test]
fn an_export_reports_how_many_records_it_has_written_of_how_many() {
    let clock = clock();
    let mut a = site(&clock);
    many_people(&mut a);
    let mut seen = Vec::new();
    let report = kartoteka_sync::export_watched(
        &mut a.store,
        &a.out.clone(),
        false,
        &mut kartoteka_sync::ExportWatch {
            progress: &mut |p| seen.push((p.done, p.total)),
            cancelled: &|| false,
        },
    )
    .unwrap();
    assert_eq!(report.records, 2500);
    assert_eq!(seen, [(0, 2500), (2000, 2500), (2500, 2500)]);
    // A full export knows its count before reading too.
    seen.clear();
    let full = kartoteka_sync::export_watched(
        &mut a.store,
        &a.out.clone(),
        true,
        &mut kartoteka_sync::ExportWatch {
            progress: &mut |p| seen.push((p.done, p.total)),
            cancelled: &|| false,
        },
    )
    .unwrap();
    assert_eq!(seen.first(), Some(&(0, full.records)));
    assert_eq!(seen.last(), Some(&(full.records, full.records)));
}

#[test]
fn a_stopped_export_writes_no_bundle_and_the_changes_still_wait() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    many_people(&mut a);
    let waiting = kartoteka_sync::status(&a.store).unwrap().pending_changes;
    assert_eq!(waiting, 2500);
    for stop_after in [1, 2] {
        // Stopped while reading (at the first check, 2,000 rows), then just before writing.
        let asked = std::cell::Cell::new(0);
        let err = kartoteka_sync::export_watched(
            &mut a.store,
            &a.out.clone(),
            false,
            &mut kartoteka_sync::ExportWatch {
                progress: &mut |_| {},
                cancelled: &|| {
                    asked.set(asked.get() + 1);
                    asked.get() >= stop_after
                },
            },
        )
        .unwrap_err();
        assert!(matches!(err, SyncError::Cancelled(_)), "{err:?}");
        assert_eq!(bundles_in(&a.out), 0, "no bundle, no temporary file");
        let status = kartoteka_sync::status(&a.store).unwrap();
        assert_eq!(status.pending_changes, waiting);
        assert_eq!(status.last_export_at, None);
    }
    // The next export carries every change, and the other computer gets them all.
    let file = export(&mut a);
    assert_eq!(import(&mut b, &file).applied, 2500);
    assert_eq!(dump(&a), dump(&b));
}
