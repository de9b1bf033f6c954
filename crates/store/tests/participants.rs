//! The participants table on a real encrypted database: PESEL rules, duplicates, search with
//! ł, archive, audit, and rollback of a failed write.

mod common;

use common::{input, new_store};
use kartoteka_domain::participant::ParticipantStatus;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, StoreError};
use serde_json::json;

fn walesa() -> serde_json::Value {
    json!({"first_name": "Lech", "last_name": "Wałęsa", "pesel": "44051401359",
           "address": {"town": "Łódź", "street": "Piotrkowska", "postcode": "90-001"},
           "phone": "601 234 567"})
}

#[test]
fn a_participant_is_saved_with_birth_date_and_sex_from_the_pesel() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    let p = store.participant(&id.to_string()).unwrap();
    assert_eq!(p.data.birth_date.to_string(), "1944-05-14");
    assert_eq!(p.data.sex.as_str(), "male");
    assert_eq!(p.data.address.unwrap().town.as_deref(), Some("Łódź"));
}

#[test]
fn a_wrong_pesel_saves_nothing_and_names_the_field() {
    let (_dir, mut store) = new_store();
    let mut bad = walesa();
    bad["pesel"] = json!("44051401358");
    let err = store
        .add_participant(Source::Cli, &input(bad), DuplicateCheck::Refuse)
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "pesel"),
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert_eq!(common::count(&store, "participants"), 0);
    assert_eq!(common::count(&store, "audit_events"), 0);
}

#[test]
fn the_same_pesel_twice_is_refused_naming_the_existing_record() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    let mut again = walesa();
    again["first_name"] = json!("Leszek");
    let err = store
        .add_participant(Source::Cli, &input(again), DuplicateCheck::Confirmed)
        .unwrap_err();
    match err {
        StoreError::Duplicate {
            existing, message, ..
        } => {
            assert_eq!(existing[0].id, id.to_string());
            assert!(message.contains("Lech Wałęsa"), "{message}");
        }
        other => panic!("expected duplicate, got {other:?}"),
    }
    assert_eq!(common::count(&store, "participants"), 1);
}

#[test]
fn a_likely_duplicate_needs_confirmation() {
    let (_dir, mut store) = new_store();
    let first = json!({"first_name": "Łucja", "last_name": "Wałęsa", "sex": "female", "birth_date": "2015-03-12"});
    let id = store
        .add_participant(Source::Cli, &input(first), DuplicateCheck::Refuse)
        .unwrap();
    // Same person typed without diacritics and in capitals.
    let second = json!({"first_name": "LUCJA", "last_name": "walesa", "sex": "female", "birth_date": "12.03.2015"});
    let err = store
        .add_participant(Source::Cli, &input(second.clone()), DuplicateCheck::Refuse)
        .unwrap_err();
    match &err {
        StoreError::LikelyDuplicate { existing } => assert_eq!(existing[0].id, id.to_string()),
        other => panic!("expected likely duplicate, got {other:?}"),
    }
    assert!(err.to_string().contains("Łucja Wałęsa"));
    assert_eq!(common::count(&store, "participants"), 1);
    store
        .add_participant(Source::Cli, &input(second), DuplicateCheck::Confirmed)
        .unwrap();
    assert_eq!(common::count(&store, "participants"), 2);
}

#[test]
fn search_folds_case_and_every_polish_letter_both_ways() {
    let (_dir, mut store) = new_store();
    store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    store
        .add_participant(
            Source::Cli,
            &input(
                json!({"first_name": "Zofia", "last_name": "Żółkiewska", "sex": "female",
                "birth_date": "1990-01-01", "address": {"town": "Lodz"}}),
            ),
            DuplicateCheck::Refuse,
        )
        .unwrap();
    let names = |q: &str| -> Vec<String> {
        store
            .search_participants(q, 10, false)
            .unwrap()
            .into_iter()
            .map(|h| h.last_name)
            .collect()
    };
    assert_eq!(names("walesa"), ["Wałęsa"]);
    assert_eq!(names("WAŁĘSA"), ["Wałęsa"]);
    assert_eq!(names("wal"), ["Wałęsa"]);
    assert_eq!(names("zolk"), ["Żółkiewska"]);
    let mut lodz = names("lodz");
    lodz.sort();
    assert_eq!(lodz, ["Wałęsa", "Żółkiewska"]);
    assert_eq!(names("łódź").len(), 2);
    assert_eq!(names("LODZ").len(), 2);
    assert_eq!(names("440514"), ["Wałęsa"]);
    assert_eq!(names("601 234"), ["Wałęsa"]);
    assert_eq!(names("piotrk"), ["Wałęsa"]);
    assert_eq!(names("lech walesa"), ["Wałęsa"]);
    assert!(names("nowak").is_empty());
    assert!(names("\"*()").is_empty());
}

#[test]
fn the_best_match_comes_first() {
    let (_dir, mut store) = new_store();
    for (first, last, town) in [("Jan", "Nowicki", "Nowak"), ("Jan", "Nowak", "Kraków")] {
        store
            .add_participant(
                Source::Cli,
                &input(
                    json!({"first_name": first, "last_name": last, "sex": "male",
                    "birth_date": "1980-01-01", "address": {"town": town}}),
                ),
                DuplicateCheck::Confirmed,
            )
            .unwrap();
    }
    let hits = store.search_participants("nowak", 10, false).unwrap();
    assert_eq!(
        hits[0].last_name, "Nowak",
        "a surname match outranks a town match"
    );
}

#[test]
fn surname_matches_come_first_then_names_then_the_rest_each_alphabetical() {
    let (_dir, mut store) = new_store();
    let mut ids = std::collections::HashMap::new();
    for (first, last, town) in [
        ("Zofia", "Abacka", "Janów"),
        ("Piotr", "Nowak-Janicki", "Lublin"),
        ("Ewa", "Janowska", "Lublin"),
        ("Jan", "Nowak", "Lublin"),
        ("Adam", "Janik", "Lublin"),
        ("Ewa", "Żak", "Lublin"),
    ] {
        let id = store
            .add_participant(
                Source::Cli,
                &input(
                    json!({"first_name": first, "last_name": last, "sex": "female",
                    "birth_date": "1980-01-01", "address": {"town": town}}),
                ),
                DuplicateCheck::Confirmed,
            )
            .unwrap();
        ids.insert(last, id.to_string());
    }
    let names = |store: &kartoteka_store::Store, q: &str, limit: u32, archived: bool| {
        store
            .search_participants(q, limit, archived)
            .unwrap()
            .into_iter()
            .map(|h| h.last_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&store, "jan", 10, false),
        ["Janik", "Janowska", "Nowak", "Nowak-Janicki", "Abacka"],
        "surnames starting with the word, then other name matches, then the town"
    );
    // A page that ends inside a group takes the best of that group.
    assert_eq!(
        names(&store, "JAN", 3, false),
        ["Janik", "Janowska", "Nowak"]
    );
    assert_eq!(names(&store, "jan", 1, false), ["Janik"]);
    // Two words: every word must match; names before other fields.
    assert_eq!(names(&store, "ewa lub", 10, false), ["Janowska", "Żak"]);
    assert_eq!(names(&store, "zak", 10, false), ["Żak"]);
    store
        .archive_participant(Source::Cli, &ids["Janik"])
        .unwrap();
    assert_eq!(names(&store, "jan", 2, false), ["Janowska", "Nowak"]);
    assert_eq!(names(&store, "jan", 2, true), ["Janik", "Janowska"]);
}

#[test]
fn an_update_changes_only_the_given_keys_and_is_searchable_at_once() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    let changed = store
        .update_participant(
            Source::Cli,
            &id.to_string(),
            &json!({"address": {"town": "Gdańsk"}}),
            DuplicateCheck::Refuse,
        )
        .unwrap();
    assert_eq!(changed, ["address"]);
    let p = store.participant(&id.to_string()).unwrap();
    let address = p.data.address.unwrap();
    assert_eq!(address.town.as_deref(), Some("Gdańsk"));
    assert_eq!(address.street.as_deref(), Some("Piotrkowska"));
    assert!(store
        .search_participants("lodz", 10, false)
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .search_participants("gdansk", 10, false)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_failed_update_rolls_back_everything() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    let other = store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": "Anna", "last_name": "Nowak", "pesel": "02270803624"})),
            DuplicateCheck::Refuse,
        )
        .unwrap();
    let events = common::count(&store, "audit_events");
    // Taking someone else's PESEL fails after the row was read: nothing may change.
    let err = store
        .update_participant(
            Source::Cli,
            &other.to_string(),
            &json!({"pesel": "44051401359", "last_name": "Zmieniona"}),
            DuplicateCheck::Refuse,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }));
    let p = store.participant(&other.to_string()).unwrap();
    assert_eq!(p.data.last_name, "Nowak");
    assert_eq!(common::count(&store, "audit_events"), events);
    assert_eq!(
        store
            .search_participants("zmieniona", 5, false)
            .unwrap()
            .len(),
        0
    );
    let _ = id;
}

#[test]
fn a_write_that_fails_inside_the_transaction_leaves_no_trace() {
    let (_dir, mut store) = new_store();
    let before = common::count(&store, "participants");
    let data = input(walesa()).parse(store.clock().today()).unwrap();
    let result: Result<(), StoreError> = store.write(Source::Cli, |tx| {
        tx.add_participant(&data, DuplicateCheck::Refuse)?;
        Err(StoreError::Conflict("przerwane w połowie".into()))
    });
    assert!(result.is_err());
    assert_eq!(common::count(&store, "participants"), before);
    assert_eq!(common::count(&store, "audit_events"), 0);
    assert!(store
        .search_participants("walesa", 5, false)
        .unwrap()
        .is_empty());
}

#[test]
fn archived_people_stay_but_leave_the_default_list_and_search() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    assert!(store
        .archive_participant(Source::Cli, &id.to_string())
        .unwrap());
    assert!(!store
        .archive_participant(Source::Cli, &id.to_string())
        .unwrap());
    assert_eq!(
        store.participant(&id.to_string()).unwrap().status,
        ParticipantStatus::Archived
    );
    assert!(store
        .search_participants("walesa", 5, false)
        .unwrap()
        .is_empty());
    assert_eq!(
        store.search_participants("walesa", 5, true).unwrap().len(),
        1
    );
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 0);
    assert_eq!(store.participant_page(0, 10, true).unwrap().total, 1);
    store
        .restore_participant(Source::Cli, &id.to_string())
        .unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 1);
}

#[test]
fn every_write_is_audited_with_who_what_and_which_fields() {
    let (_dir, mut store) = new_store();
    let id = store
        .add_participant(Source::Ui, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    store
        .update_participant(
            Source::Cli,
            &id.to_string(),
            &json!({"phone": "602 000 000"}),
            DuplicateCheck::Refuse,
        )
        .unwrap();
    store
        .archive_participant(Source::Cli, &id.to_string())
        .unwrap();
    let events = store.audit_events(Some(&id.to_string()), 10).unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["archive", "update", "create"]);
    assert_eq!(events[1].fields, ["phone"]);
    assert_eq!(events[2].source, "ui");
    assert!(events.iter().all(|e| e.actor == "Anna Pracownik"));
    assert!(events[2].fields.contains(&"pesel".to_string()));
    // Field names only, never the values.
    let all = serde_json::to_string(&events).unwrap();
    assert!(!all.contains("44051401359") && !all.contains("Wałęsa"));
    assert_eq!(store.verify_audit().unwrap().first_broken, None);
}

#[test]
fn the_audit_log_refuses_edits_and_deletions() {
    let (_dir, mut store) = new_store();
    store
        .add_participant(Source::Cli, &input(walesa()), DuplicateCheck::Refuse)
        .unwrap();
    assert!(store
        .execute_raw("UPDATE audit_events SET actor = 'ktoś'")
        .is_err());
    assert!(store.execute_raw("DELETE FROM audit_events").is_err());
}

#[test]
fn the_list_total_is_kept_exact_through_adding_archiving_and_restoring() {
    let (_dir, mut store) = new_store();
    let mut ids = Vec::new();
    for (first, pesel) in [
        ("Jan", "44051401359"),
        ("Anna", "02270803624"),
        ("Ewa", "90090515836"),
    ] {
        ids.push(
            store
                .add_participant(
                    Source::Cli,
                    &input(json!({"first_name": first, "last_name": "Zieliński", "pesel": pesel})),
                    DuplicateCheck::Refuse,
                )
                .unwrap()
                .to_string(),
        );
    }
    store.archive_participant(Source::Cli, &ids[0]).unwrap();
    store.archive_participant(Source::Cli, &ids[1]).unwrap();
    store.restore_participant(Source::Cli, &ids[1]).unwrap();
    assert_eq!(store.participant_page(0, 10, false).unwrap().total, 2);
    assert_eq!(store.participant_page(0, 10, true).unwrap().total, 3);
    let counted: Vec<(String, i64, i64)> = store
        .raw_connection()
        .prepare(
            "SELECT c.status, c.n, (SELECT count(*) FROM participants p WHERE p.status = c.status)
             FROM participant_counts c ORDER BY c.status",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(counted.len(), 3);
    for (status, kept, real) in counted {
        assert_eq!(kept, real, "{status}");
    }
}
