//! Sync over time between real encrypted stores: set-up, pending changes, anonymisation
//! across installations, and imports and exports that fail or are stopped part-way.

mod common;
use common::*;

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
