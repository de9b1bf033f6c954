//! Sync between real encrypted stores in temp folders: bundles exchanged in different orders,
//! conflicts surfaced and resolved, duplicates ignored, every damaged bundle refused.

mod common;
use common::*;

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
