//! Recruitment rounds on a real database: candidates, ranking, closing, resignations.

mod common;

use common::{count, input, new_store};
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::recruitment::{CandidateInput, Outcome, RecruitmentInput};
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

fn project(store: &mut Store) -> String {
    let input: ProjectInput = serde_json::from_value(json!({
        "name": "Aktywni seniorzy", "start_date": "2026-01-01", "end_date": "2027-12-31",
        "target_groups": ["osoby starsze"]}))
    .unwrap();
    store.add_project(Source::Cli, &input).unwrap().to_string()
}

fn round(store: &mut Store, project: &str, places: u32, reserve: u32) -> String {
    let input: RecruitmentInput = serde_json::from_value(json!({
    "name": "Nabór I", "opens": "2026-10-01", "closes": "2026-11-30",
    "places": places, "reserve_places": reserve,
    "criteria": [
        {"code": "wiek60", "label": "Wiek 60 lat lub więcej", "required": true},
        {"code": "gmina", "label": "Zamieszkanie w gminie", "required": true},
        {"code": "niepelnosprawnosc", "label": "Niepełnosprawność", "points": 5},
        {"code": "samotna", "label": "Mieszka samotnie", "points": 3}
    ]}))
    .unwrap();
    store
        .add_recruitment(Source::Cli, project, &input)
        .unwrap()
        .to_string()
}

fn person(store: &mut Store, first: &str) -> String {
    store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": first, "last_name": "Wiśniewska", "sex": "female", "birth_date": "1950-03-02"})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string()
}

fn apply(store: &mut Store, round: &str, participant: &str, at: &str, met: &[&str]) -> String {
    let criteria: serde_json::Map<String, serde_json::Value> =
        met.iter().map(|c| (c.to_string(), json!(true))).collect();
    let input: CandidateInput = serde_json::from_value(json!({
        "participant_id": participant, "submitted_at": at, "criteria": criteria,
        "attachments": ["formularz zgłoszeniowy"]}))
    .unwrap();
    store
        .add_candidate(Source::Cli, round, &input, DuplicateCheck::Refuse)
        .unwrap()
        .id
        .to_string()
}

const BOTH: [&str; 2] = ["wiek60", "gmina"];

#[test]
fn ranking_puts_required_criteria_first_then_points_then_submission_time() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let r = round(&mut store, &p, 2, 1);
    let names = ["Anna", "Barbara", "Celina", "Danuta", "Ewa"];
    let ids: Vec<String> = names.iter().map(|n| person(&mut store, n)).collect();
    apply(
        &mut store,
        &r,
        &ids[0],
        "2026-10-02 09:00",
        &[BOTH[0], BOTH[1], "samotna"],
    );
    apply(
        &mut store,
        &r,
        &ids[1],
        "2026-10-03 09:00",
        &[BOTH[0], BOTH[1], "niepelnosprawnosc"],
    );
    apply(
        &mut store,
        &r,
        &ids[2],
        "2026-10-01 08:00",
        &["wiek60", "niepelnosprawnosc", "samotna"],
    );
    // Same points as Anna, and the same minute: the earlier registration (Anna's) comes first.
    apply(
        &mut store,
        &r,
        &ids[3],
        "2026-10-02 09:00",
        &[BOTH[0], BOTH[1], "samotna"],
    );
    apply(&mut store, &r, &ids[4], "2026-10-05 12:00", &BOTH);

    let ranking = store.ranking(&r).unwrap();
    let who = |list: &[kartoteka_domain::recruitment::RankEntry]| -> Vec<u32> {
        list.iter().map(|e| e.number).collect()
    };
    assert_eq!(who(&ranking.qualified), vec![2, 1]);
    assert_eq!(who(&ranking.reserve), vec![4]);
    assert_eq!(who(&ranking.rejected), vec![5, 3]);
    assert_eq!(ranking.qualified[0].points, 5);
    assert_eq!(ranking.qualified[1].rank, Some(2));
    let celina = &ranking.rejected[1];
    assert_eq!(celina.rank, None);
    assert_eq!(
        celina.reason.as_deref(),
        Some("Niespełnione kryterium obowiązkowe: Zamieszkanie w gminie")
    );
    assert_eq!(celina.participant_id.to_string(), ids[2]);
}

#[test]
fn closing_freezes_the_list_and_enrols_the_qualified_and_a_resignation_offers_the_place() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let r = round(&mut store, &p, 2, 1);
    let ids: Vec<String> = ["Anna", "Barbara", "Celina", "Danuta"]
        .iter()
        .map(|n| person(&mut store, n))
        .collect();
    let c: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let at = format!("2026-10-0{} 10:00", i + 1);
            apply(&mut store, &r, id, &at, &BOTH)
        })
        .collect();

    let closed = store.close_recruitment(Source::Cli, &r, None).unwrap();
    assert_eq!(closed.enrolled.len(), 2);
    assert_eq!(closed.ranking.reserve[0].candidate_id.to_string(), c[2]);
    let enrolments = store.enrolments_in_project(&p).unwrap();
    assert_eq!(enrolments.len(), 2);
    assert!(enrolments
        .iter()
        .all(|e| e.start.target_group.as_deref() == Some("osoby starsze")));

    // A closed round takes no more candidates and does not close twice.
    let late: CandidateInput = serde_json::from_value(json!({
        "participant_id": ids[3], "submitted_at": "2026-11-20 10:00"}))
    .unwrap();
    let refused = store
        .add_candidate(Source::Cli, &r, &late, DuplicateCheck::Refuse)
        .unwrap_err();
    assert!(matches!(refused, StoreError::Conflict(_)), "{refused:?}");
    assert!(matches!(
        store.close_recruitment(Source::Cli, &r, None).unwrap_err(),
        StoreError::Conflict(_)
    ));

    // The first qualified candidate resigns: her participation ends, the reserve takes it.
    let resigned = store.resign_candidate(Source::Cli, &c[0], None).unwrap();
    let offered = resigned
        .offered_to
        .expect("the reserve is offered the place");
    assert_eq!(offered.candidate_id.to_string(), c[2]);
    assert!(resigned.ended_enrolment_id.is_some());
    let ranking = store.ranking(&r).unwrap();
    let numbers: Vec<u32> = ranking.qualified.iter().map(|e| e.number).collect();
    assert_eq!(numbers, vec![2, 3]);
    assert!(ranking.reserve.is_empty());
    let first = ranking.rejected.iter().find(|e| e.number == 1).unwrap();
    assert_eq!(first.outcome, Outcome::Rejected);
    assert!(first.reason.as_deref().unwrap().starts_with("Rezygnacja"));
    let active = store
        .enrolments_in_project(&p)
        .unwrap()
        .into_iter()
        .filter(|e| e.end.is_none())
        .count();
    assert_eq!(active, 2);
    assert!(matches!(
        store
            .resign_candidate(Source::Cli, &c[0], None)
            .unwrap_err(),
        StoreError::Conflict(_)
    ));
    // Nobody is left in reserve: the next resignation frees a place nobody takes.
    let second = store.resign_candidate(Source::Cli, &c[1], None).unwrap();
    assert!(second.offered_to.is_none());
}

#[test]
fn the_same_person_twice_in_a_round_is_refused_and_a_new_person_is_added_with_the_candidate() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let r = round(&mut store, &p, 5, 0);
    let anna = person(&mut store, "Anna");
    apply(&mut store, &r, &anna, "2026-10-02 09:00", &BOTH);
    let again: CandidateInput = serde_json::from_value(json!({
        "participant_id": anna, "submitted_at": "2026-10-03 09:00"}))
    .unwrap();
    let err = store
        .add_candidate(Source::Cli, &r, &again, DuplicateCheck::Refuse)
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("nr 1")),
        "{err:?}"
    );

    let people = count(&store, "participants");
    let new: CandidateInput = serde_json::from_value(json!({
        "participant": {"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "44051401458"},
        "submitted_at": "2026-10-04", "criteria": {"wiek60": true, "gmina": true, "samotna": true}}))
    .unwrap();
    let candidate = store
        .add_candidate(Source::Cli, &r, &new, DuplicateCheck::Refuse)
        .unwrap();
    assert_eq!(candidate.number, 2);
    assert_eq!(candidate.initials, "Ł.Ż.");
    assert_eq!(candidate.points, 3);
    assert_eq!(count(&store, "participants"), people + 1);

    // A bad new person and a bad application: every field named, nothing saved.
    let bad: CandidateInput = serde_json::from_value(json!({
        "participant": {"first_name": "Jan", "last_name": "Nowak", "pesel": "44051401459"},
        "submitted_at": "2026-12-24 10:00", "criteria": {"nieznane": true}}))
    .unwrap();
    let StoreError::Invalid(errors) = store
        .add_candidate(Source::Cli, &r, &bad, DuplicateCheck::Refuse)
        .unwrap_err()
    else {
        panic!("expected invalid input")
    };
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["participant.pesel", "submitted_at", "criteria.nieznane"]
    );
    assert_eq!(count(&store, "participants"), people + 1);
    assert_eq!(count(&store, "candidates"), 2);
}

#[test]
fn a_duplicate_new_person_rolls_back_the_candidate_too() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let r = round(&mut store, &p, 5, 0);
    let first: CandidateInput = serde_json::from_value(json!({
        "participant": {"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "44051401458"},
        "submitted_at": "2026-10-04 10:00"}))
    .unwrap();
    store
        .add_candidate(Source::Cli, &r, &first, DuplicateCheck::Refuse)
        .unwrap();
    let other_round = round(&mut store, &p, 5, 0);
    let err = store
        .add_candidate(Source::Cli, &other_round, &first, DuplicateCheck::Refuse)
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    assert_eq!(count(&store, "candidates"), 1);
    assert_eq!(count(&store, "participants"), 1);
}

#[test]
fn a_round_ending_after_the_project_or_an_unknown_project_is_refused() {
    let (_dir, mut store) = new_store();
    let p = project(&mut store);
    let late: RecruitmentInput = serde_json::from_value(json!({
        "name": "Nabór II", "opens": "2027-12-01", "closes": "2028-01-15", "places": 10}))
    .unwrap();
    let StoreError::Invalid(errors) = store.add_recruitment(Source::Cli, &p, &late).unwrap_err()
    else {
        panic!("expected invalid input")
    };
    assert_eq!(errors.0[0].field, "closes");
    assert!(errors.0[0].message.contains("31.12.2027"));
    assert!(matches!(
        store
            .add_recruitment(Source::Cli, "00000000-0000-7000-8000-00000000ffff", &late)
            .unwrap_err(),
        StoreError::NotFound { .. }
    ));
    assert_eq!(count(&store, "recruitments"), 0);
    assert!(store.recruitments(&p).unwrap().is_empty());
}
