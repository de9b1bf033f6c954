//! Anonymisation after the retention date, and the full record of one person.

mod common;

use common::{input, new_store};
use kartoteka_domain::enrolment::EnrolmentInput;
use kartoteka_domain::participant::ParticipantStatus;
use kartoteka_domain::project::ProjectInput;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

fn project(store: &mut Store, retention: Option<&str>) -> String {
    let input: ProjectInput =
        serde_json::from_value(json!({"name": "Projekt", "start_date": "2018-01-01",
        "end_date": "2019-12-31", "retention_until": retention}))
        .unwrap();
    store.add_project(Source::Cli, &input).unwrap().to_string()
}

fn person(store: &mut Store, first: &str, pesel: &str) -> String {
    store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": first, "last_name": "Wiśniewska", "pesel": pesel,
                "phone": "601 234 567", "notes": "trudna sytuacja rodzinna",
                "address": {"street": "Długa", "building": "5", "town": "Starachowice", "voivodeship": "świętokrzyskie", "degurba": 2}})),
            DuplicateCheck::Confirmed,
        )
        .unwrap()
        .to_string()
}

fn enrol(store: &mut Store, participant: &str, project: &str) {
    let e = EnrolmentInput {
        start_date: Some("2018-03-01".into()),
        ..Default::default()
    };
    store
        .add_enrolment(Source::Cli, participant, project, &e)
        .unwrap();
}

#[test]
fn only_people_whose_every_project_has_passed_retention_are_anonymised() {
    let (_dir, mut store) = new_store();
    let expired = project(&mut store, Some("2025-12-31"));
    let running = project(&mut store, Some("2030-12-31"));
    let no_date = project(&mut store, None);
    let a = person(&mut store, "Alicja", "44051401359");
    let b = person(&mut store, "Barbara", "02270803624");
    let c = person(&mut store, "Celina", "85010112345");
    let never_enrolled = person(&mut store, "Dorota", "90010112349");
    enrol(&mut store, &a, &expired);
    enrol(&mut store, &b, &expired);
    enrol(&mut store, &b, &running);
    enrol(&mut store, &c, &no_date);

    let preview = store
        .anonymisation_candidates(store.clock().today())
        .unwrap();
    assert_eq!(
        preview.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [a.as_str()]
    );
    assert_eq!(preview[0].retention_until, "2025-12-31");
    // The preview changed nothing.
    assert_eq!(
        store.participant(&a).unwrap().status,
        ParticipantStatus::Active
    );

    let done = store.anonymise_expired(Source::Cli).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0], a);
    let anon = store.participant(&a).unwrap();
    assert_eq!(anon.status, ParticipantStatus::Anonymised);
    assert!(
        anon.data.first_name.is_empty() && anon.data.pesel.is_none() && anon.data.phone.is_none()
    );
    assert!(anon.data.notes.is_none());
    let area = anon.data.address.unwrap();
    assert_eq!(
        (area.town.as_deref(), area.street, area.degurba),
        (Some("Starachowice"), None, Some(2))
    );
    assert_eq!(anon.data.birth_date.to_string(), "1944-01-01");
    assert!(store
        .search_participants("wisniewska alicja", 10, true)
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .search_participants("wisniewska", 10, true)
            .unwrap()
            .len(),
        3
    );
    // Counts for reports stay: the enrolment is still there.
    assert_eq!(store.enrolments_of_participant(&a).unwrap().len(), 1);
    assert_eq!(
        store.audit_events(Some(&a), 1).unwrap()[0].action,
        "anonymise"
    );
    assert!(matches!(
        store.update_participant(
            Source::Cli,
            &a,
            &json!({"first_name": "X"}),
            DuplicateCheck::Refuse
        ),
        Err(StoreError::Conflict(_))
    ));
    for id in [&b, &c, &never_enrolled] {
        assert_eq!(
            store.participant(id).unwrap().status,
            ParticipantStatus::Active
        );
    }
    assert!(store.anonymise_expired(Source::Cli).unwrap().is_empty());
}

#[test]
fn the_full_record_holds_data_family_enrolments_and_history() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store, None);
    let a = person(&mut store, "Alicja", "44051401359");
    enrol(&mut store, &a, &p);
    let record = store.personal_record(&a).unwrap();
    assert_eq!(record.participant.data.first_name, "Alicja");
    assert_eq!(record.enrolments.len(), 1);
    assert!(!record.history.is_empty());
}

#[test]
fn anonymisation_removes_the_free_text_of_plans_notes_and_deliveries_but_keeps_the_counts() {
    use kartoteka_domain::plan::{CaseNoteInput, DeliveryInput, PlanInput, PlanSignInput};
    let (_dir, mut store) = new_store();
    let expired = project(&mut store, Some("2025-12-31"));
    let a = person(&mut store, "Alicja", "44051401359");
    enrol(&mut store, &a, &expired);
    let enrolment = store.enrolments_of_participant(&a).unwrap()[0]
        .id
        .to_string();
    let plan: PlanInput = serde_json::from_value(json!({
        "start_date": "2018-03-01", "end_date": "2019-06-30",
        "diagnosis": {"problem_situation": "Przemoc w rodzinie", "areas": [{"area": "family", "score": 1, "comment": "konflikt z mężem"}]},
        "goals": [{"title": "Bezpieczne mieszkanie dla Alicji", "services": [{"service": "TER-KRYZ", "quantity": 5}]}],
        "commitments": "Kontakt z prawnikiem"
    }))
    .unwrap();
    let plan_id = store.create_plan(Source::Cli, &enrolment, &plan).unwrap();
    store
        .sign_plan(
            Source::Cli,
            &plan_id,
            &PlanSignInput {
                participant_signed_on: Some("2018-03-02".into()),
                worker_signed_on: Some("2018-03-02".into()),
                guardian_id: None,
            },
        )
        .unwrap();
    let ps = store.plan(&plan_id).unwrap().goals[0].services[0]
        .id
        .clone();
    store
        .add_delivery(
            Source::Cli,
            &ps,
            &DeliveryInput {
                date: Some("2018-04-01".into()),
                quantity: Some(2.0),
                note: Some("Alicja płakała".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_note(
            Source::Cli,
            &a,
            &CaseNoteInput {
                at: Some("2018-04-02T10:00".into()),
                kind: Some("phone".into()),
                text: Some("Zgłoszenie na policję".into()),
            },
        )
        .unwrap();
    let record = store.personal_record(&a).unwrap();
    assert_eq!(
        (
            record.plans.len(),
            record.deliveries.len(),
            record.notes.len()
        ),
        (1, 1, 1)
    );

    // A sync conflict on the person's name keeps the losing value until anonymisation.
    store
        .execute_raw(&format!(
            "INSERT INTO sync_conflicts(id, tbl, row_id, field, mine, theirs, mine_stamp, theirs_stamp, winner, bundle_id, detected_at)
             VALUES ('c1', 'participants', '{a}', 'data.first_name', '\"Alicja\"', '\"Alicja Maria\"', 's1', 's2', 'theirs', 'b1', '2026-11-01')"
        ))
        .unwrap();
    assert_eq!(store.sync_conflicts(false).unwrap().len(), 1);

    store.anonymise_expired(Source::Cli).unwrap();
    assert!(store.sync_conflicts(false).unwrap().is_empty());
    let settled = store.sync_conflicts(true).unwrap();
    assert_eq!(
        (settled[0].mine.as_ref(), settled[0].theirs.as_ref()),
        (None, None)
    );
    let after = store.plan(&plan_id).unwrap();
    assert_eq!(after.diagnosis.problem_situation, None);
    assert_eq!(after.diagnosis.areas[0].comment, None);
    assert_eq!(after.diagnosis.areas[0].score, 1);
    assert_eq!(after.goals[0].title, "Cel 1");
    assert_eq!(after.commitments, None);
    assert_eq!(after.goals[0].services[0].progress.delivered, 2.0);
    let deliveries = store.deliveries_of_participant(&a).unwrap();
    assert_eq!((deliveries.len(), deliveries[0].note.as_deref()), (1, None));
    assert_eq!(store.notes_of(&a).unwrap()[0].text, "—");
    let everything = serde_json::to_string(&store.personal_record(&a).unwrap()).unwrap();
    for secret in [
        "Przemoc",
        "Alicja",
        "prawnikiem",
        "płakała",
        "policję",
        "mężem",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} survived anonymisation"
        );
    }
    assert_eq!(store.verify_audit().unwrap().first_broken, None);
}

#[test]
fn drafts_are_kept_replaced_and_forgotten_with_an_anonymised_person() {
    let (_dir, mut store) = new_store();
    let expired = project(&mut store, Some("2025-12-31"));
    let a = person(&mut store, "Alicja", "44051401359");
    enrol(&mut store, &a, &expired);
    let key = format!("note:{a}");
    let route = format!(r#"{{"view":"participant","id":"{a}","tab":"timeline"}}"#);
    store
        .draft_save(Source::Ui, &key, &route, r#"{"text":"Wizyta: rozmowa o"}"#)
        .unwrap();
    store
        .draft_save(
            Source::Ui,
            &key,
            &route,
            r#"{"text":"Wizyta: rozmowa o budżecie"}"#,
        )
        .unwrap();
    store
        .draft_save(
            Source::Ui,
            "participant-new",
            r#"{"view":"participant-new"}"#,
            r#"{"first_name":"Zo"}"#,
        )
        .unwrap();
    let kept = store.draft(&key).unwrap().unwrap();
    assert_eq!(kept.data, r#"{"text":"Wizyta: rozmowa o budżecie"}"#);
    assert_eq!(kept.route, route);
    assert!(store.draft_latest().unwrap().is_some());
    // Not JSON, or too long: refused, nothing kept.
    let long = format!(r#"{{"text":"{}"}}"#, "a".repeat(300_000));
    for data in ["nie json", long.as_str()] {
        assert!(matches!(
            store.draft_save(Source::Ui, "project-new", r#"{"view":"project-new"}"#, data),
            Err(StoreError::Invalid(_))
        ));
    }
    assert!(store.draft("project-new").unwrap().is_none());
    // Drafts are not records: nothing of them reaches the audit log.
    let audit = store.audit_events(None, 1000).unwrap();
    assert!(!audit
        .iter()
        .any(|e| e.entity_id.contains("note:") || e.fields.iter().any(|f| f.contains("Wizyta"))));

    store.anonymise_expired(Source::Cli).unwrap();
    assert!(store.draft(&key).unwrap().is_none());
    assert!(store.draft("participant-new").unwrap().is_some());
    assert!(store.draft_delete(Source::Ui, "participant-new").unwrap());
    assert!(!store.draft_delete(Source::Ui, "participant-new").unwrap());
    assert!(store.draft_latest().unwrap().is_none());
}
