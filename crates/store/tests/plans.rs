//! Support plans on a real database: lifecycle, freezing, amendments, progress arithmetic,
//! refused deliveries, the catalogue, notes and the timeline.

mod common;

use common::{count, input, new_store};
use kartoteka_domain::enrolment::EnrolmentInput;
use kartoteka_domain::plan::{
    CaseNoteInput, DeliveryInput, GoalStatus, PlanCloseInput, PlanInput, PlanReviewInput,
    PlanSignInput, PlanStatus, ServiceInput,
};
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::relation::RelationKind;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::TimelineKind;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    participant: String,
    enrolment: String,
}

fn person(store: &mut Store, first: &str, birth: &str) -> String {
    store
        .add_participant(
            Source::Cli,
            &input(json!({"first_name": first, "last_name": "Wałęsa", "sex": "female", "birth_date": birth})),
            DuplicateCheck::Refuse,
        )
        .unwrap()
        .to_string()
}

fn fixture(birth: &str) -> Fixture {
    let (dir, mut store) = new_store();
    let participant = person(&mut store, "Łucja", birth);
    let project = store
        .add_project(
            Source::Cli,
            &ProjectInput {
                name: Some("Rodzina w centrum".into()),
                start_date: Some("2026-01-01".into()),
                end_date: Some("2027-06-30".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .to_string();
    let enrolment = store
        .add_enrolment(
            Source::Cli,
            &participant,
            &project,
            &EnrolmentInput {
                start_date: Some("2026-02-01".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .to_string();
    Fixture {
        _dir: dir,
        store,
        participant,
        enrolment,
    }
}

fn plan_json() -> serde_json::Value {
    json!({
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        "diagnosis": {
            "problem_situation": "Zadłużenie czynszowe, brak pracy.",
            "strengths": "Motywacja, wsparcie siostry.",
            "needs": "Stabilizacja finansowa.",
            "areas": [{"area": "housing", "score": 2, "comment": "Zaległości"}, {"area": "work", "score": 1}]
        },
        "goals": [
            {"title": "Spłata zadłużenia", "measure": "Ugoda ze spółdzielnią", "target_date": "2026-09-30",
             "services": [
                {"service": "TER-PSY", "quantity": 10, "specialist": "psycholog"},
                {"service": "ROD-ASYST", "quantity": 8, "frequency": "co tydzień"}
             ]},
            {"title": "Podjęcie pracy",
             "services": [{"service": "PRA-DORAD", "quantity": 6}]}
        ],
        "commitments": "Udział w spotkaniach, terminowe opłaty."
    })
}

fn plan_input(v: serde_json::Value) -> PlanInput {
    serde_json::from_value(v).unwrap()
}

fn delivery(date: &str, quantity: f64) -> DeliveryInput {
    DeliveryInput {
        date: Some(date.into()),
        quantity: Some(quantity),
        ..Default::default()
    }
}

fn sign(store: &mut Store, id: &str) {
    store
        .sign_plan(
            Source::Cli,
            id,
            &PlanSignInput {
                participant_signed_on: Some("2026-03-02".into()),
                worker_signed_on: Some("2026-03-02".into()),
                guardian_id: None,
            },
        )
        .unwrap();
}

#[test]
fn the_catalogue_is_seeded_and_editable() {
    let (_dir, mut store) = new_store();
    let services = store.services(false).unwrap();
    assert!(services.len() >= 30, "{}", services.len());
    assert!(services
        .iter()
        .any(|s| s.data.code == "SEN-TAXI" && s.unit_label == "przejazd"));
    let added = store
        .add_service(
            Source::Cli,
            &ServiceInput {
                code: Some("ter-art".into()),
                name: Some("Arteterapia".into()),
                category: Some("Terapia".into()),
                unit: Some("sesja".into()),
                active: None,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(added.data.code, "TER-ART");
    let again = store
        .add_service(
            Source::Cli,
            &ServiceInput {
                code: Some("TER-ART".into()),
                name: Some("Coś innego".into()),
                category: Some("Terapia".into()),
                unit: Some("hour".into()),
                active: None,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(again, StoreError::Duplicate { .. }));
    let bad = store
        .add_service(Source::Cli, &ServiceInput::default())
        .unwrap_err();
    let StoreError::Invalid(errors) = bad else {
        panic!()
    };
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["code", "name", "category", "unit"]);
    let renamed = store
        .update_service(
            Source::Ui,
            "TER-ART",
            &ServiceInput {
                name: Some("Arteterapia grupowa".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(renamed.data.name, "Arteterapia grupowa");
    store
        .update_service(
            Source::Ui,
            "TER-ART",
            &ServiceInput {
                active: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!store
        .services(false)
        .unwrap()
        .iter()
        .any(|s| s.data.code == "TER-ART"));
    assert!(store
        .services(true)
        .unwrap()
        .iter()
        .any(|s| s.data.code == "TER-ART"));
}

#[test]
fn a_plan_goes_from_draft_to_signed_to_closed_and_freezes() {
    let mut f = fixture("1985-04-12");
    let id = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    let draft = f.store.plan(&id).unwrap();
    assert_eq!(
        (draft.version, draft.status, draft.editable),
        (1, PlanStatus::Draft, true)
    );
    assert_eq!(draft.goals.len(), 2);
    assert_eq!(draft.goals[0].services.len(), 2);
    assert_eq!(draft.goals[0].services[0].unit_label, "godz.");
    assert_eq!(draft.diagnosis.areas.len(), 2);
    assert_eq!(draft.participant_id, f.participant);

    // A draft is edited freely; services keep their ids when given back.
    let mut edited = plan_json();
    edited["goals"][0]["id"] = json!(draft.goals[0].id);
    edited["goals"][0]["services"][0]["id"] = json!(draft.goals[0].services[0].id);
    edited["goals"][0]["services"][0]["quantity"] = json!(12);
    edited["goals"][1]["id"] = json!(draft.goals[1].id);
    let updated = f
        .store
        .update_plan(Source::Ui, &id, &plan_input(edited))
        .unwrap();
    assert_eq!(
        updated.goals[0].services[0].id,
        draft.goals[0].services[0].id
    );
    assert_eq!(updated.goals[0].services[0].quantity, 12.0);
    assert_eq!(count(&f.store, "planned_services"), 3);

    // A second plan for the same enrolment is refused.
    let twice = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap_err();
    assert!(matches!(twice, StoreError::Conflict(_)));

    sign(&mut f.store, &id);
    let signed = f.store.plan(&id).unwrap();
    assert_eq!(
        (signed.status, signed.editable),
        (PlanStatus::Signed, false)
    );
    assert_eq!(signed.signing.as_ref().unwrap().signed_by, "self");

    // Frozen: an edit is refused and changes nothing.
    let before = serde_json::to_value(f.store.plan(&id).unwrap()).unwrap();
    let refused = f
        .store
        .update_plan(Source::Ui, &id, &plan_input(plan_json()))
        .unwrap_err();
    let StoreError::Conflict(message) = refused else {
        panic!()
    };
    assert!(message.contains("aneks"), "{message}");
    assert_eq!(
        serde_json::to_value(f.store.plan(&id).unwrap()).unwrap(),
        before
    );

    // Review: goal statuses move, the content does not.
    let reviewed = f
        .store
        .review_plan(
            Source::Cli,
            &id,
            &PlanReviewInput {
                review_date: Some("2026-06-01".into()),
                changes: Some("Ugoda podpisana.".into()),
                goals: Some(vec![kartoteka_domain::plan::GoalReviewInput {
                    goal_id: Some(signed.goals[0].id.clone()),
                    status: Some("achieved".into()),
                    comment: None,
                }]),
            },
        )
        .unwrap();
    assert_eq!(reviewed.goals[0].status, GoalStatus::Achieved);
    assert_eq!(reviewed.goals[1].status, GoalStatus::Open);
    assert_eq!(reviewed.reviews.len(), 1);

    let closed = f
        .store
        .close_plan(
            Source::Cli,
            &id,
            &PlanCloseInput {
                closed_on: Some("2026-11-20".into()),
                final_evaluation: Some("Cele osiągnięte częściowo.".into()),
            },
        )
        .unwrap();
    assert_eq!(closed.status, PlanStatus::Closed);
    let after_close = f
        .store
        .add_delivery(
            Source::Cli,
            &closed.goals[0].services[0].id,
            &delivery("2026-11-01", 1.0),
        )
        .unwrap_err();
    assert!(matches!(after_close, StoreError::Conflict(_)));
    assert_eq!(f.store.verify_audit().unwrap().first_broken, None);
}

#[test]
fn an_amendment_is_a_new_version_that_keeps_the_deliveries() {
    let mut f = fixture("1985-04-12");
    let v1 = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    sign(&mut f.store, &v1);
    let plan = f.store.plan(&v1).unwrap();
    let psy = plan.goals[0].services[0].id.clone();
    f.store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-10", 2.0))
        .unwrap();

    let v2 = f.store.amend_plan(Source::Ui, &v1).unwrap();
    let again = f.store.amend_plan(Source::Ui, &v1).unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)));
    let draft = f.store.plan(&v2).unwrap();
    assert_eq!((draft.version, draft.status), (2, PlanStatus::Draft));
    assert_eq!(draft.replaces_id.as_deref(), Some(v1.as_str()));
    assert_eq!(
        f.store.plan(&v1).unwrap().replaced_by_id.as_deref(),
        Some(v2.as_str())
    );
    // The carried service counts what was delivered on the old version.
    let carried = &draft.goals[0].services[0];
    assert_eq!(carried.carried_from.as_deref(), Some(psy.as_str()));
    assert_eq!(carried.progress.delivered, 2.0);

    // While the amendment is a draft the signed version stays in force.
    f.store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-17", 1.5))
        .unwrap();
    // Edit the amendment: more hours of therapy, a new goal.
    let mut amended = plan_json();
    amended["goals"][0]["id"] = json!(draft.goals[0].id);
    amended["goals"][0]["services"][0]["id"] = json!(carried.id);
    amended["goals"][0]["services"][0]["quantity"] = json!(20);
    amended["goals"][0]["services"][1]["id"] = json!(draft.goals[0].services[1].id);
    amended["goals"][1]["id"] = json!(draft.goals[1].id);
    amended["goals"][1]["services"][0]["id"] = json!(draft.goals[1].services[0].id);
    amended["goals"]
        .as_array_mut()
        .unwrap()
        .push(json!({"title": "Zdrowie", "services": [{"service": "SEN-PIEL", "quantity": 4}]}));
    let edited = f
        .store
        .update_plan(Source::Ui, &v2, &plan_input(amended))
        .unwrap();
    assert_eq!(edited.goals.len(), 3);
    assert_eq!(edited.goals[0].services[0].progress.delivered, 3.5);
    assert_eq!(edited.goals[0].services[0].progress.percent, 17);

    sign(&mut f.store, &v2);
    assert_eq!(f.store.plan(&v1).unwrap().status, PlanStatus::Superseded);
    // The old version stays readable but takes no more deliveries.
    let old = f
        .store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-24", 1.0))
        .unwrap_err();
    let StoreError::Conflict(message) = old else {
        panic!()
    };
    assert!(message.contains("aneksem"), "{message}");
    let new_psy = f.store.plan(&v2).unwrap().goals[0].services[0].id.clone();
    let added = f
        .store
        .add_delivery(Source::Cli, &new_psy, &delivery("2026-03-24", 1.0))
        .unwrap();
    assert_eq!(added.progress.delivered, 4.5);
    assert_eq!(f.store.deliveries_of_plan(&v2).unwrap().len(), 3);
    assert_eq!(
        f.store.plans_of_participant(&f.participant).unwrap().len(),
        2
    );
}

#[test]
fn progress_counts_attended_deliveries_against_the_plan() {
    let mut f = fixture("1985-04-12");
    let id = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    sign(&mut f.store, &id);
    let plan = f.store.plan(&id).unwrap();
    let psy = plan.goals[0].services[0].id.clone();
    let visit = plan.goals[0].services[1].id.clone();
    f.store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-10", 1.5))
        .unwrap();
    f.store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-17", 2.0))
        .unwrap();
    f.store
        .add_delivery(
            Source::Cli,
            &psy,
            &DeliveryInput {
                date: Some("2026-03-24".into()),
                quantity: Some(1.0),
                attendance: Some("absent_excused".into()),
                ..Default::default()
            },
        )
        .unwrap();
    for day in ["2026-03-05", "2026-03-12", "2026-03-19", "2026-03-26"] {
        f.store
            .add_delivery(Source::Cli, &visit, &delivery(day, 1.0))
            .unwrap();
    }
    let plan = f.store.plan(&id).unwrap();
    let s = &plan.goals[0].services;
    assert_eq!(
        (
            s[0].progress.planned,
            s[0].progress.delivered,
            s[0].progress.percent
        ),
        (10.0, 3.5, 35)
    );
    assert_eq!(s[0].deliveries, 3);
    assert_eq!((s[1].progress.delivered, s[1].progress.percent), (4.0, 50));
    // The goal: the mean of its services' percentages.
    assert_eq!(plan.goals[0].progress.percent, 42);
    assert_eq!(plan.goals[1].progress.percent, 0);
    assert_eq!(plan.progress.percent, (35 + 50) / 3);
}

#[test]
fn deliveries_outside_the_plan_or_on_a_draft_are_refused_and_nothing_is_saved() {
    let mut f = fixture("1985-04-12");
    let id = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    let psy = f.store.plan(&id).unwrap().goals[0].services[0].id.clone();
    let draft = f
        .store
        .add_delivery(Source::Cli, &psy, &delivery("2026-03-10", 1.0))
        .unwrap_err();
    assert!(matches!(draft, StoreError::Conflict(_)));
    sign(&mut f.store, &id);
    let events = f.store.verify_audit().unwrap().events;
    for (bad, field) in [
        (delivery("2026-02-27", 1.0), "date"),      // before the plan
        (delivery("2026-11-23", 1.0), "date"),      // in the future (today is 22.11.2026)
        (delivery("2026-03-10", -1.0), "quantity"), // negative
        (delivery("2026-03-10", 0.0), "quantity"),  // nothing, though present
    ] {
        let err = f.store.add_delivery(Source::Cli, &psy, &bad).unwrap_err();
        let StoreError::Invalid(errors) = err else {
            panic!("{err}")
        };
        assert_eq!(errors.0[0].field, field, "{:?}", errors.0);
    }
    let unknown = f
        .store
        .add_delivery(Source::Cli, "nie-ma-takiej", &delivery("2026-03-10", 1.0))
        .unwrap_err();
    assert!(matches!(unknown, StoreError::NotFound { .. }));
    assert_eq!(count(&f.store, "deliveries"), 0);
    assert_eq!(f.store.verify_audit().unwrap().events, events);
}

#[test]
fn bad_plans_name_their_fields_and_save_nothing() {
    let mut f = fixture("1985-04-12");
    let mut bad = plan_json();
    bad["end_date"] = json!("2027-12-31"); // after the project
    let err = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(bad))
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    let mut bad = plan_json();
    bad["goals"][0]["services"][0]["service"] = json!("NIE-MA");
    bad["goals"][1]["services"][0]["quantity"] = json!(-2);
    let StoreError::Invalid(errors) = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(bad))
        .unwrap_err()
    else {
        panic!()
    };
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["goals.1.services.0.quantity"]);
    let mut bad = plan_json();
    bad["goals"][0]["services"][0]["service"] = json!("NIE-MA");
    let StoreError::Invalid(errors) = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(bad))
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(errors.0[0].field, "goals.0.services.0.service");
    assert_eq!(count(&f.store, "plans"), 0);
    assert_eq!(count(&f.store, "planned_services"), 0);
}

#[test]
fn a_minors_plan_is_signed_by_a_guardian() {
    let mut f = fixture("2012-05-05");
    let mother = person(&mut f.store, "Barbara", "1980-01-01");
    f.store
        .add_relation(Source::Cli, &f.participant, &mother, RelationKind::Parent)
        .unwrap();
    let id = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    let refused = f
        .store
        .sign_plan(Source::Cli, &id, &PlanSignInput::default())
        .unwrap_err();
    let StoreError::Invalid(errors) = refused else {
        panic!()
    };
    assert_eq!(errors.0[0].field, "guardian_id");
    assert_eq!(f.store.plan(&id).unwrap().status, PlanStatus::Draft);
    let signed = f
        .store
        .sign_plan(
            Source::Cli,
            &id,
            &PlanSignInput {
                guardian_id: Some(mother.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(signed.signing.unwrap().signed_by, "Barbara Wałęsa");
}

#[test]
fn notes_and_the_timeline_mix_everything_newest_first() {
    let mut f = fixture("1985-04-12");
    let id = f
        .store
        .create_plan(Source::Cli, &f.enrolment, &plan_input(plan_json()))
        .unwrap();
    sign(&mut f.store, &id);
    let psy = f.store.plan(&id).unwrap().goals[0].services[0].id.clone();
    f.store
        .add_delivery(Source::Cli, &psy, &delivery("2026-04-10", 1.5))
        .unwrap();
    f.store
        .add_note(
            Source::Cli,
            &f.participant,
            &CaseNoteInput {
                at: Some("2026-05-01T09:30".into()),
                kind: Some("home_visit".into()),
                text: Some("Rozmowa o budżecie; lodówka pusta.".into()),
            },
        )
        .unwrap();
    let bad = f
        .store
        .add_note(Source::Cli, &f.participant, &CaseNoteInput::default())
        .unwrap_err();
    assert!(matches!(bad, StoreError::Invalid(_)));
    f.store
        .review_plan(
            Source::Cli,
            &id,
            &PlanReviewInput {
                review_date: Some("2026-06-01".into()),
                changes: Some("Bez zmian.".into()),
                goals: None,
            },
        )
        .unwrap();
    let timeline = f.store.timeline(&f.participant).unwrap();
    let kinds: Vec<_> = timeline.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TimelineKind::Review,
            TimelineKind::Note,
            TimelineKind::Delivery
        ]
    );
    assert_eq!(timeline[1].title, "Wizyta domowa");
    assert!(
        timeline[2].title.contains("1,5 godz."),
        "{}",
        timeline[2].title
    );
    assert_eq!(f.store.notes_of(&f.participant).unwrap().len(), 1);
}
