//! Group work on a real database: members joining and leaving, a session with absences
//! logging deliveries on the plans that have the group's service, and community events.

mod common;

use common::{count, input, new_store};
use kartoteka_domain::enrolment::EnrolmentInput;
use kartoteka_domain::group::{EventInput, GroupInput, SessionInput};
use kartoteka_domain::plan::{PlanInput, PlanSignInput};
use kartoteka_domain::project::ProjectInput;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

struct Office {
    _dir: tempfile::TempDir,
    store: Store,
    project: String,
    /// (participant, enrolment)
    people: Vec<(String, String)>,
}

/// A project with `n` enrolled people; the first `with_plan` have a signed plan with the
/// socio-therapy group's service (TER-SOCJO, in hours: 20 of them).
fn office(n: usize, with_plan: usize) -> Office {
    let (dir, mut store) = new_store();
    let project = store
        .add_project(
            Source::Cli,
            &ProjectInput {
                name: Some("Świetlica na start".into()),
                start_date: Some("2026-01-01".into()),
                end_date: Some("2027-06-30".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .to_string();
    let mut people = Vec::new();
    for i in 0..n {
        let p = store
            .add_participant(
                Source::Cli,
                &input(
                    json!({"first_name": format!("Ola{i}"), "last_name": "Żądło", "sex": "female",
                               "birth_date": format!("1990-03-{:02}", i + 1)}),
                ),
                DuplicateCheck::Confirmed,
            )
            .unwrap()
            .to_string();
        let e = store
            .add_enrolment(
                Source::Cli,
                &p,
                &project,
                &EnrolmentInput {
                    start_date: Some("2026-09-01".into()),
                    ..Default::default()
                },
            )
            .unwrap()
            .to_string();
        if i < with_plan {
            let plan: PlanInput = serde_json::from_value(json!({
                "start_date": "2026-09-01", "end_date": "2026-12-31",
                "diagnosis": {"problem_situation": "Trudności w relacjach z rówieśnikami."},
                "goals": [{"title": "Lepsze relacje w grupie",
                           "services": [{"service": "TER-SOCJO", "quantity": 20}]}]
            }))
            .unwrap();
            let id = store.create_plan(Source::Cli, &e, &plan).unwrap();
            store
                .sign_plan(
                    Source::Cli,
                    &id,
                    &PlanSignInput {
                        participant_signed_on: Some("2026-09-02".into()),
                        worker_signed_on: Some("2026-09-02".into()),
                        guardian_id: None,
                    },
                )
                .unwrap();
        }
        people.push((p, e));
    }
    Office {
        _dir: dir,
        store,
        project,
        people,
    }
}

fn group(o: &mut Office) -> String {
    let g: GroupInput = serde_json::from_value(json!({
        "name": "Socjoterapia — grupa starsza", "service": "TER-SOCJO",
        "specialist": "Marta Zielińska", "start_date": "2026-09-01", "end_date": "2026-12-20"}))
    .unwrap();
    o.store
        .add_group(Source::Cli, &o.project, &g)
        .unwrap()
        .to_string()
}

fn session(date: &str, present: &[&String]) -> SessionInput {
    SessionInput {
        date: Some(date.into()),
        from: Some("16:00".into()),
        to: Some("17:30".into()),
        topic: Some("Jak rozmawiać o emocjach".into()),
        present: Some(present.iter().map(|s| s.to_string()).collect()),
    }
}

#[test]
fn a_session_with_absences_logs_deliveries_on_the_plans_that_have_the_service() {
    let mut o = office(4, 3);
    let g = group(&mut o);
    for (p, _) in o.people.clone() {
        o.store
            .join_group(Source::Cli, &g, &p, Some("2026-09-05".parse().unwrap()))
            .unwrap();
    }
    let deliveries_before = count(&o.store, "deliveries");
    let ids: Vec<&String> = o.people.iter().map(|(p, _)| p).collect();
    // Present: the first, second and fourth (who has no plan with the service); absent: the third.
    let added = o
        .store
        .add_session(
            Source::Cli,
            &g,
            &session("2026-10-07", &[ids[0], ids[1], ids[3]]),
        )
        .unwrap();
    assert_eq!(added.deliveries, 2);
    assert_eq!(added.not_in_plan, vec![ids[3].clone()]);
    assert_eq!(count(&o.store, "deliveries"), deliveries_before + 2);
    let sessions = o.store.sessions(&g).unwrap();
    assert_eq!(sessions.len(), 1);
    let present: Vec<bool> = sessions[0].attendance.iter().map(|a| a.present).collect();
    assert_eq!(present.iter().filter(|p| **p).count(), 3);
    assert_eq!(present.len(), 4);
    // 16:00–17:30 is 1.5 hours of the 20 planned; the absent one's plan is untouched.
    let services = o.store.deliverable_services(ids[0]).unwrap();
    assert_eq!(services[0].progress.delivered, 1.5);
    assert_eq!(
        o.store.deliverable_services(ids[2]).unwrap()[0]
            .progress
            .delivered,
        0.0
    );

    // The same session twice, a stranger among the present, a date in the future: refused.
    assert!(matches!(
        o.store
            .add_session(Source::Cli, &g, &session("2026-10-07", &[ids[0]]))
            .unwrap_err(),
        StoreError::Conflict(_)
    ));
    let stranger = "00000000-0000-7000-8000-00000000beef".to_string();
    let StoreError::Invalid(errors) = o
        .store
        .add_session(
            Source::Cli,
            &g,
            &session("2026-10-14", &[ids[0], &stranger]),
        )
        .unwrap_err()
    else {
        panic!("expected invalid input")
    };
    assert_eq!(errors.0[0].field, "present.1");
    let StoreError::Invalid(errors) = o
        .store
        .add_session(Source::Cli, &g, &session("2026-12-10", &[ids[0]]))
        .unwrap_err()
    else {
        panic!("expected invalid input")
    };
    assert!(errors.0[0].message.contains("przyszłości"), "{errors:?}");
    assert_eq!(count(&o.store, "group_sessions"), 1);
}

#[test]
fn members_join_and_leave_and_only_the_members_of_the_day_are_listed() {
    let mut o = office(3, 0);
    let g = group(&mut o);
    let (a, b, c) = (
        o.people[0].0.clone(),
        o.people[1].0.clone(),
        o.people[2].0.clone(),
    );
    o.store
        .join_group(Source::Cli, &g, &a, Some("2026-09-01".parse().unwrap()))
        .unwrap();
    o.store
        .join_group(Source::Cli, &g, &b, Some("2026-09-01".parse().unwrap()))
        .unwrap();
    assert!(matches!(
        o.store.join_group(Source::Cli, &g, &a, None).unwrap_err(),
        StoreError::Conflict(_)
    ));
    o.store
        .leave_group(Source::Cli, &g, &b, Some("2026-09-30".parse().unwrap()))
        .unwrap();
    o.store
        .join_group(Source::Cli, &g, &c, Some("2026-10-01".parse().unwrap()))
        .unwrap();
    let added = o
        .store
        .add_session(Source::Cli, &g, &session("2026-10-07", &[&a, &c]))
        .unwrap();
    assert_eq!(added.deliveries, 0);
    assert_eq!(added.not_in_plan.len(), 2);
    let s = &o.store.sessions(&g).unwrap()[0];
    assert_eq!(
        s.attendance.len(),
        2,
        "the one who left is not a member on the day"
    );
    // Barbara left: she is no longer among the present allowed.
    assert!(matches!(
        o.store
            .add_session(Source::Cli, &g, &session("2026-10-14", &[&b]))
            .unwrap_err(),
        StoreError::Invalid(_)
    ));
    // Someone outside the project cannot join.
    let outsider = o
        .store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": "Jan", "last_name": "Obcy", "sex": "male", "birth_date": "2011-01-01"})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string();
    assert!(matches!(
        o.store
            .join_group(Source::Cli, &g, &outsider, None)
            .unwrap_err(),
        StoreError::Conflict(_)
    ));
}

#[test]
fn a_group_names_an_unknown_service_and_an_event_counts_people_without_a_plan() {
    let mut o = office(2, 0);
    let bad: GroupInput = serde_json::from_value(json!({
        "name": "Basen", "service": "NIE-MA", "start_date": "2026-09-01", "end_date": "2028-01-01"}))
    .unwrap();
    let StoreError::Invalid(errors) = o
        .store
        .add_group(Source::Cli, &o.project, &bad)
        .unwrap_err()
    else {
        panic!("expected invalid input")
    };
    assert_eq!(errors.0[0].field, "end_date");
    let fixed = GroupInput {
        end_date: Some("2026-12-01".into()),
        ..bad
    };
    let StoreError::Invalid(errors) = o
        .store
        .add_group(Source::Cli, &o.project, &fixed)
        .unwrap_err()
    else {
        panic!("expected invalid input")
    };
    assert_eq!(errors.0[0].field, "service");

    let event: EventInput = serde_json::from_value(json!({
        "date": "2026-10-10", "title": "Piknik sąsiedzki na osiedlu Zielonym", "kind": "integration",
        "headcount": 85, "participants": [o.people[0].0, o.people[1].0]}))
    .unwrap();
    o.store.add_event(Source::Cli, &o.project, &event).unwrap();
    let events = o.store.events(&o.project).unwrap();
    assert_eq!(events[0].data.headcount, 85);
    assert_eq!(events[0].kind_label, "wydarzenie integracyjne");
    assert_eq!(events[0].participants.len(), 2);
    let too_few: EventInput = serde_json::from_value(json!({
        "date": "2026-10-11", "title": "Spotkanie", "headcount": 1,
        "participants": [o.people[0].0, o.people[1].0]}))
    .unwrap();
    assert!(matches!(
        o.store
            .add_event(Source::Cli, &o.project, &too_few)
            .unwrap_err(),
        StoreError::Invalid(_)
    ));
    assert_eq!(count(&o.store, "community_events"), 1);
}
