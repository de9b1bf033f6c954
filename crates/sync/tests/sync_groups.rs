//! Recruitment rounds, groups with their sessions and community events travel in bundles:
//! the second installation ends with the same rows (a round closed on one computer is closed on
//! the other, with the same frozen list and the same participations).

mod common;

use common::*;
use kartoteka_domain::group::{EventInput, GroupInput, SessionInput};
use kartoteka_domain::recruitment::{CandidateInput, RecruitmentInput};

#[test]
fn a_closed_round_a_group_session_and_an_event_arrive_whole_on_the_other_computer() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let project = project(&mut a);
    let round: RecruitmentInput = serde_json::from_value(json!({
        "name": "Nabór I", "opens": "2026-10-01", "closes": "2026-11-30", "places": 2,
        "reserve_places": 1, "criteria": [{"code": "wiek60", "label": "Wiek 60+", "required": true}]}))
    .unwrap();
    let round = a
        .store
        .add_recruitment(Source::Cli, &project, &round)
        .unwrap()
        .to_string();
    let mut people = Vec::new();
    for (i, name) in ["Anna", "Bogna", "Celina"].iter().enumerate() {
        let p = person(&mut a, name, "Wałęsa", &format!("1950-01-0{}", i + 1));
        let c: CandidateInput = serde_json::from_value(json!({
            "participant_id": p, "submitted_at": format!("2026-10-0{} 10:00", i + 1),
            "criteria": {"wiek60": true}}))
        .unwrap();
        a.store
            .add_candidate(Source::Cli, &round, &c, DuplicateCheck::Refuse)
            .unwrap();
        people.push(p);
    }
    let closed = a
        .store
        .close_recruitment(Source::Cli, &round, NaiveDate::from_ymd_opt(2026, 11, 2))
        .unwrap();
    assert_eq!(closed.enrolled.len(), 2);
    let group: GroupInput = serde_json::from_value(json!({
        "name": "Gimnastyka seniorów", "service": "TER-SOCJO", "start_date": "2026-11-01",
        "end_date": "2026-12-31"}))
    .unwrap();
    let group = a
        .store
        .add_group(Source::Cli, &project, &group)
        .unwrap()
        .to_string();
    for p in &people[..2] {
        a.store
            .join_group(Source::Cli, &group, p, NaiveDate::from_ymd_opt(2026, 11, 3))
            .unwrap();
    }
    a.store
        .add_session(
            Source::Cli,
            &group,
            &SessionInput {
                date: Some("2026-11-10".into()),
                from: Some("10:00".into()),
                to: Some("11:00".into()),
                topic: Some("Rozciąganie".into()),
                present: Some(vec![people[0].clone()]),
            },
        )
        .unwrap();
    let event: EventInput = serde_json::from_value(json!({
        "date": "2026-11-11", "title": "Spotkanie mieszkańców", "kind": "meeting", "headcount": 40,
        "participants": [people[2]]}))
    .unwrap();
    a.store.add_event(Source::Cli, &project, &event).unwrap();

    let file = export(&mut a);
    let report = import(&mut b, &file);
    assert_eq!(report.conflicts, 0);
    assert_eq!(dump(&a), dump(&b));
    let on_b = b.store.recruitment(&round).unwrap();
    assert!(on_b.closing.is_some());
    assert_eq!(
        b.store.ranking(&round).unwrap(),
        a.store.ranking(&round).unwrap()
    );
    assert_eq!(b.store.sessions(&group).unwrap()[0].attendance.len(), 2);
    assert_eq!(b.store.events(&project).unwrap()[0].data.headcount, 40);
    assert_eq!(b.store.enrolments_in_project(&project).unwrap().len(), 2);
}

/// A plan refers to a service of the seeded catalogue, whose rows carry the genesis stamp on
/// every installation: the bundle that carries them is accepted (it was refused as malformed).
#[test]
fn a_support_plan_with_a_catalogue_service_travels() {
    let clock = clock();
    let (mut a, mut b) = (site(&clock), site(&clock));
    let project = project(&mut a);
    let p = person(&mut a, "Anna", "Wałęsa", "1980-05-01");
    let e = a
        .store
        .add_enrolment(
            Source::Cli,
            &p,
            &project,
            &serde_json::from_value(
                json!({"start_date": "2026-02-01", "target_group": "rodziny z dziećmi"}),
            )
            .unwrap(),
        )
        .unwrap()
        .to_string();
    let plan: kartoteka_domain::plan::PlanInput = serde_json::from_value(json!({
        "start_date": "2026-03-01", "end_date": "2026-12-31",
        "diagnosis": {"problem_situation": "Zadłużenie."},
        "goals": [{"title": "Spłata", "services": [{"service": "TER-PSY", "quantity": 10}]}]}))
    .unwrap();
    a.store.create_plan(Source::Cli, &e, &plan).unwrap();
    let file = export(&mut a);
    let report = import(&mut b, &file);
    assert_eq!(report.conflicts, 0);
    assert_eq!(dump(&a), dump(&b));
}
