//! Projects, enrolments and family ties on a real database.

mod common;

use common::{input, new_store};
use kartoteka_domain::enrolment::{EnrolmentEndInput, EnrolmentInput, ExitStatementInput};
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::relation::RelationKind;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

fn project(store: &mut Store) -> String {
    let input: ProjectInput = serde_json::from_value(json!({
        "name": "Jastrzębie-Zdrój – Miasto Rodziny", "agreement_number": "RPSL.09.02.05-24-0123/21",
        "programme": "RPO WSL 2014–2020", "start_date": "2022-01-01", "end_date": "2023-06-30",
        "participant_target": 350, "target_groups": ["rodziny z dziećmi", "rodziny zastępcze"],
        "retention_until": "2028-12-31"}))
    .unwrap();
    store.add_project(Source::Cli, &input).unwrap().to_string()
}

fn person(store: &mut Store, first: &str, birth: &str) -> String {
    store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": first, "last_name": "Kowalska", "sex": "female", "birth_date": birth})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string()
}

fn enrol_input(start: &str) -> EnrolmentInput {
    EnrolmentInput {
        start_date: Some(start.into()),
        target_group: Some("rodziny z dziećmi".into()),
        status_at_start: Some("inactive".into()),
        substatus_at_start: None,
        education_end: None,
    }
}

#[test]
fn one_person_can_be_in_several_projects_but_once_in_each() {
    let (_dir, mut store) = new_store();
    let p1 = project(&mut store);
    let p2 = project(&mut store);
    let anna = person(&mut store, "Anna", "1985-04-02");
    store
        .add_enrolment(Source::Cli, &anna, &p1, &enrol_input("2022-02-01"))
        .unwrap();
    store
        .add_enrolment(Source::Cli, &anna, &p2, &enrol_input("2022-02-01"))
        .unwrap();
    let again = store
        .add_enrolment(Source::Cli, &anna, &p1, &enrol_input("2022-03-01"))
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)));
    assert_eq!(store.enrolments_of_participant(&anna).unwrap().len(), 2);
    let detail = store.project(&p1).unwrap();
    assert_eq!((detail.enrolled, detail.active), (1, 1));
}

#[test]
fn ending_an_enrolment_records_the_exit_and_keeps_the_count() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let anna = person(&mut store, "Anna", "1985-04-02");
    let e = store
        .add_enrolment(Source::Cli, &anna, &p, &enrol_input("2022-02-01"))
        .unwrap()
        .to_string();
    let early = EnrolmentEndInput {
        end_date: Some("2022-05-31".into()),
        completed_as_planned: Some(false),
        ..Default::default()
    };
    assert!(matches!(
        store.end_enrolment(Source::Cli, &e, &early),
        Err(StoreError::Invalid(_))
    ));
    let end = EnrolmentEndInput {
        end_date: Some("2022-05-31".into()),
        exit_situation: Some("employed".into()),
        completed_as_planned: Some(false),
        early_leave_reason: Some("podjęcie pracy".into()),
    };
    store.end_enrolment(Source::Cli, &e, &end).unwrap();
    let ended = store.enrolment(&e).unwrap();
    assert_eq!(
        ended.end.unwrap().early_leave_reason.as_deref(),
        Some("podjęcie pracy")
    );
    assert!(matches!(
        store.end_enrolment(Source::Cli, &e, &end),
        Err(StoreError::Conflict(_))
    ));
    let detail = store.project(&p).unwrap();
    assert_eq!((detail.enrolled, detail.active), (1, 0));
}

#[test]
fn the_data_of_joining_is_corrected_and_the_exit_statement_recorded_after_the_end() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let anna = person(&mut store, "Anna", "2005-04-02");
    let e = store
        .add_enrolment(Source::Cli, &anna, &p, &enrol_input("2022-02-01"))
        .unwrap()
        .to_string();
    // A pupil: the "w tym" and the planned end of education, corrected after joining.
    let mut corrected = enrol_input("2022-02-03");
    corrected.substatus_at_start = Some("in_education".into());
    let refused = store
        .update_enrolment(Source::Cli, &e, &corrected)
        .unwrap_err();
    assert!(matches!(refused, StoreError::Invalid(ref v) if v.0[0].field == "education_end"));
    corrected.education_end = Some("2023-06-26".into());
    store.update_enrolment(Source::Cli, &e, &corrected).unwrap();
    let start = store.enrolment(&e).unwrap().start;
    assert_eq!(start.start_date.to_string(), "2022-02-03");
    assert_eq!(start.education_end.unwrap().to_string(), "2023-06-26");

    // No statement while the participation lasts.
    let statement = ExitStatementInput {
        exit_situation: Some("osoba ucząca się lub szkoląca się".into()),
        statement_date: Some("2022-06-20".into()),
    };
    assert!(matches!(
        store.record_exit_statement(Source::Cli, &e, &statement),
        Err(StoreError::Conflict(_))
    ));
    let end = EnrolmentEndInput {
        end_date: Some("2022-05-31".into()),
        completed_as_planned: Some(true),
        ..Default::default()
    };
    store.end_enrolment(Source::Cli, &e, &end).unwrap();
    // The start may not move past the end.
    let late = store
        .update_enrolment(Source::Cli, &e, &{
            let mut c = corrected.clone();
            c.start_date = Some("2022-06-01".into());
            c
        })
        .unwrap_err();
    assert!(matches!(late, StoreError::Invalid(ref v) if v.0[0].field == "start_date"));
    let too_late = ExitStatementInput {
        statement_date: Some("2022-07-01".into()),
        ..statement.clone()
    };
    assert!(matches!(
        store.record_exit_statement(Source::Cli, &e, &too_late),
        Err(StoreError::Invalid(_))
    ));
    store
        .record_exit_statement(Source::Cli, &e, &statement)
        .unwrap();
    let ended = store.enrolment(&e).unwrap().end.unwrap();
    assert_eq!(ended.exit_situation.as_deref(), Some("in_education"));
    assert_eq!(ended.exit_statement_date.unwrap().to_string(), "2022-06-20");
    assert!(ended.completed_as_planned);
    let events: Vec<String> = store
        .audit_events(Some(&e), 10)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(events.contains(&"update".to_owned()), "{events:?}");
    assert!(events.contains(&"exit_statement".to_owned()), "{events:?}");
}

#[test]
fn an_enrolment_outside_the_project_period_or_group_is_refused() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let anna = person(&mut store, "Anna", "1985-04-02");
    let err = store
        .add_enrolment(Source::Cli, &anna, &p, &enrol_input("2024-01-01"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(ref e) if e.0[0].field == "start_date"));
    let mut wrong_group = enrol_input("2022-02-01");
    wrong_group.target_group = Some("seniorzy".into());
    assert!(matches!(
        store.add_enrolment(Source::Cli, &anna, &p, &wrong_group),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.add_enrolment(Source::Cli, "brak", &p, &enrol_input("2022-02-01")),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(common::count(&store, "enrolments"), 0);
}

#[test]
fn a_minor_without_a_guardian_is_flagged_until_one_is_linked() {
    let (_dir, mut store) = new_store();
    let child = person(&mut store, "Zuzanna", "2015-06-01");
    let mother = person(&mut store, "Maria", "1988-02-02");
    let sister = person(&mut store, "Ewa", "2010-02-02");
    assert!(store.needs_guardian(&child).unwrap());
    assert!(!store.needs_guardian(&mother).unwrap());
    store
        .add_relation(Source::Cli, &child, &sister, RelationKind::Sibling)
        .unwrap();
    assert!(
        store.needs_guardian(&child).unwrap(),
        "a sibling cannot sign"
    );
    store
        .add_relation(Source::Cli, &mother, &child, RelationKind::Child)
        .unwrap();
    assert!(!store.needs_guardian(&child).unwrap());
    let family = store.related_people(&child).unwrap();
    let mum = family
        .iter()
        .find(|r| r.person_id.to_string() == mother)
        .unwrap();
    assert_eq!(mum.kind, RelationKind::Parent);
    assert!(mum.can_sign);
    let from_mother = store.related_people(&mother).unwrap();
    assert_eq!(from_mother[0].kind, RelationKind::Child);
    assert!(matches!(
        store.add_relation(Source::Cli, &child, &mother, RelationKind::Parent),
        Err(StoreError::Conflict(_))
    ));
}
