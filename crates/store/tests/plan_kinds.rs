//! Plan kinds on a real database: an IŚR and a support plan in a project; a social contract and
//! a family work plan kept for a person outside any project — created, signed, amended, closed,
//! delivered against, refused where the kind or the family says no, anonymised; and a database
//! of the previous schema keeping its plans (and their sync stamps) through the migration.

mod common;

use common::{input, new_store, options, PASSWORD};
use kartoteka_domain::enrolment::EnrolmentInput;
use kartoteka_domain::plan::{
    DeliveryInput, PlanCloseInput, PlanInput, PlanKind, PlanSignInput, PlanStatus,
};
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::relation::RelationKind;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

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

fn project(store: &mut Store, end: &str, retention: Option<&str>) -> String {
    store
        .add_project(
            Source::Cli,
            &ProjectInput {
                name: Some("Aktywni razem".into()),
                start_date: Some("2018-01-01".into()),
                end_date: Some(end.into()),
                retention_until: retention.map(Into::into),
                ..Default::default()
            },
        )
        .unwrap()
        .to_string()
}

fn enrol(store: &mut Store, participant: &str, project: &str, start: &str) -> String {
    store
        .add_enrolment(
            Source::Cli,
            participant,
            project,
            &EnrolmentInput {
                start_date: Some(start.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .to_string()
}

fn plan(v: serde_json::Value) -> PlanInput {
    serde_json::from_value(v).unwrap()
}

fn contract() -> PlanInput {
    plan(json!({
        "kind": "social_contract",
        "start_date": "2026-11-01", "end_date": "2027-04-30",
        "diagnosis": {"problem_situation": "Długotrwałe bezrobocie, zadłużenie czynszowe."},
        "goals": [{"title": "Podjęcie zatrudnienia", "services": [{"service": "PRA-DORAD", "quantity": 4}]}],
        "commitments": "Rejestracja w urzędzie pracy, udział w spotkaniach z doradcą.",
        "worker_obligations": "Pomoc w przygotowaniu CV, wizyta co dwa tygodnie."
    }))
}

fn sign(store: &mut Store, id: &str, on: &str) -> Result<(), StoreError> {
    store
        .sign_plan(
            Source::Ui,
            id,
            &PlanSignInput {
                participant_signed_on: Some(on.into()),
                worker_signed_on: Some(on.into()),
                guardian_id: None,
            },
        )
        .map(|_| ())
}

fn fields(e: StoreError) -> Vec<String> {
    match e {
        StoreError::Invalid(errors) => errors.0.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_social_contract_outside_projects_is_signed_delivered_amended_and_closed() {
    let (_dir, mut store) = new_store();
    let p = person(&mut store, "Łucja", "1979-05-03");
    let id = store
        .create_plan_for_person(Source::Ui, &p, &contract())
        .unwrap();
    let view = store.plan(&id).unwrap();
    assert_eq!(view.kind, PlanKind::SocialContract);
    assert_eq!(view.kind_label, "Kontrakt socjalny");
    assert_eq!(
        (view.enrolment_id.as_deref(), view.project_name.as_deref()),
        (None, None)
    );
    assert!(view.legal_basis.unwrap().contains("art. 108"));
    assert_eq!(
        view.worker_obligations.as_deref(),
        Some("Pomoc w przygotowaniu CV, wizyta co dwa tygodnie.")
    );

    // One open contract per person: a second is refused until the first is closed.
    let again = store
        .create_plan_for_person(Source::Ui, &p, &contract())
        .unwrap_err();
    assert!(
        matches!(&again, StoreError::Conflict(m) if m.contains("Kontrakt socjalny")),
        "{again:?}"
    );

    sign(&mut store, &id, "2026-11-02").unwrap();
    let service = store.plan(&id).unwrap().goals[0].services[0].id.clone();
    let deliverable = store.deliverable_services(&p).unwrap();
    assert_eq!(deliverable.len(), 1);
    assert_eq!(deliverable[0].project_name, "Kontrakt socjalny");
    store
        .add_delivery(
            Source::Ui,
            &service,
            &DeliveryInput {
                date: Some("2026-11-10".into()),
                quantity: Some(1.0),
                ..Default::default()
            },
        )
        .unwrap();

    let amendment = store.amend_plan(Source::Ui, &id).unwrap();
    let draft = store.plan(&amendment).unwrap();
    assert_eq!((draft.version, draft.kind), (2, PlanKind::SocialContract));
    assert_eq!(draft.participant_id, p);
    assert_eq!(draft.enrolment_id, None);
    // The kind stays what it was: an amendment cannot turn a contract into a family plan.
    let mut other = contract();
    other.kind = Some("family_work_plan".into());
    assert_eq!(
        fields(
            store
                .update_plan(Source::Ui, &amendment, &other)
                .unwrap_err()
        ),
        ["kind"]
    );
    sign(&mut store, &amendment, "2026-11-20").unwrap();
    assert_eq!(store.plan(&id).unwrap().status, PlanStatus::Superseded);
    let signed = store.plan(&amendment).unwrap();
    assert_eq!(signed.goals[0].services[0].progress.delivered, 1.0);

    let plans = store.plans_of_participant(&p).unwrap();
    assert_eq!(plans.len(), 2);
    assert!(plans
        .iter()
        .all(|s| s.project_name.is_none() && s.kind == PlanKind::SocialContract));
    let overview = store.plans_overview().unwrap();
    assert_eq!(overview.len(), 1, "only the current version is listed");

    store
        .close_plan(
            Source::Ui,
            &amendment,
            &PlanCloseInput {
                closed_on: Some("2026-11-21".into()),
                final_evaluation: Some("Podjęła pracę.".into()),
            },
        )
        .unwrap();
    // Closed: a new contract may be made.
    store
        .create_plan_for_person(Source::Ui, &p, &contract())
        .unwrap();
}

#[test]
fn each_kind_needs_its_own_parts_before_signing() {
    let (_dir, mut store) = new_store();
    let p = person(&mut store, "Łucja", "1979-05-03");
    let pr = project(&mut store, "2027-12-31", None);
    let e = enrol(&mut store, &p, &pr, "2026-02-01");
    let goals = json!([{"title": "Powrót na rynek pracy"}]);

    // An IŚR lives in a project and is signed by its diagnosis team.
    let path = store
        .create_plan(
            Source::Ui,
            &e,
            &plan(json!({"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31", "goals": goals})),
        )
        .unwrap();
    let refused = sign(&mut store, &path, "2026-03-02").unwrap_err();
    assert_eq!(fields(refused), ["team"]);
    let half_member = store
        .update_plan(
            Source::Ui,
            &path,
            &plan(json!({"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31", "goals": goals,
                "team": [{"name": "Ewa Nowak", "role": "psycholog"}, {"name": "Jan Kowal"}]})),
        )
        .unwrap_err();
    assert_eq!(fields(half_member), ["team.1.role"]);
    let with_team = store
        .update_plan(
            Source::Ui,
            &path,
            &plan(json!({"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31", "goals": goals,
                "team": [{"name": "Ewa Nowak", "role": "psycholog"}, {"name": "Jan Kowal", "role": "doradca zawodowy"}]})),
        )
        .unwrap();
    assert_eq!(with_team.team.len(), 2);
    assert_eq!(with_team.project_name.as_deref(), Some("Aktywni razem"));
    sign(&mut store, &path, "2026-03-02").unwrap();

    // Neither a support plan nor an IŚR can be kept outside a project.
    let outside = store
        .create_plan_for_person(
            Source::Ui,
            &p,
            &plan(json!({"kind": "reintegration_path", "start_date": "2026-03-01", "end_date": "2026-12-31"})),
        )
        .unwrap_err();
    assert_eq!(fields(outside), ["kind"]);
    let unknown = store
        .create_plan_for_person(
            Source::Ui,
            &p,
            &plan(json!({"kind": "umowa", "start_date": "2026-03-01", "end_date": "2026-12-31"})),
        )
        .unwrap_err();
    assert_eq!(fields(unknown), ["kind"]);

    // A contract is signed only with both parties' obligations.
    let c = store
        .create_plan_for_person(
            Source::Ui,
            &p,
            &plan(json!({"kind": "social_contract", "start_date": "2026-11-01", "end_date": "2027-04-30", "goals": goals})),
        )
        .unwrap();
    assert_eq!(
        fields(sign(&mut store, &c, "2026-11-02").unwrap_err()),
        ["worker_obligations", "commitments"]
    );
    // Outside a project the period is the worker's to set: no project bounds it.
    assert_eq!(store.plan(&c).unwrap().end_date.to_string(), "2027-04-30");
}

#[test]
fn a_family_work_plan_names_only_the_persons_family() {
    let (_dir, mut store) = new_store();
    let mother = person(&mut store, "Łucja", "1984-05-03");
    let son = person(&mut store, "Staś", "2015-02-11");
    let stranger = person(&mut store, "Żaneta", "1990-01-01");
    store
        .add_relation(Source::Ui, &son, &mother, RelationKind::Parent)
        .unwrap();
    let family_plan = |members: Vec<&str>| {
        plan(json!({
            "kind": "family_work_plan", "start_date": "2026-11-01", "end_date": "2027-04-30",
            "goals": [{"title": "Regularne chodzenie Stasia do szkoły"}],
            "family_members": members,
            "initial_assessment": "Rodzina niewydolna wychowawczo, zaległości w szkole."
        }))
    };
    let refused = store
        .create_plan_for_person(Source::Ui, &mother, &family_plan(vec![&son, &stranger]))
        .unwrap_err();
    assert_eq!(fields(refused), ["family_members.1"]);
    assert_eq!(store.plans_of_participant(&mother).unwrap().len(), 0);

    let id = store
        .create_plan_for_person(Source::Ui, &mother, &family_plan(vec![&son]))
        .unwrap();
    let view = store.plan(&id).unwrap();
    assert_eq!(view.family_members.len(), 1);
    assert_eq!(view.family_members[0].name, "Staś Wałęsa");
    assert_eq!(view.family_members[0].relation.as_deref(), Some("dziecko"));
    assert!(view
        .legal_basis
        .unwrap()
        .contains("o wspieraniu rodziny i systemie pieczy zastępczej"));
    sign(&mut store, &id, "2026-11-03").unwrap();
    // A contract and a family plan may run side by side: one open document per kind.
    store
        .create_plan_for_person(Source::Ui, &mother, &contract())
        .unwrap();
}

#[test]
fn anonymisation_clears_the_text_of_plans_kept_outside_projects() {
    let (_dir, mut store) = new_store();
    let p = person(&mut store, "Łucja", "1979-05-03");
    let expired = project(&mut store, "2019-12-31", Some("2025-12-31"));
    enrol(&mut store, &p, &expired, "2018-03-01");
    let kid = person(&mut store, "Staś", "2015-02-11");
    store
        .add_relation(Source::Ui, &kid, &p, RelationKind::Parent)
        .unwrap();
    let c = store
        .create_plan_for_person(Source::Ui, &p, &contract())
        .unwrap();
    let f = store
        .create_plan_for_person(
            Source::Ui,
            &p,
            &plan(json!({
                "kind": "family_work_plan", "start_date": "2026-11-01", "end_date": "2027-04-30",
                "family_members": [kid], "initial_assessment": "Przemoc domowa ze strony ojca."
            })),
        )
        .unwrap();
    let done = store.anonymise_expired(Source::Cli).unwrap();
    assert_eq!(done, std::slice::from_ref(&p));
    let cleared = store.plan(&c).unwrap();
    assert_eq!(
        (
            cleared.worker_obligations,
            cleared.commitments,
            cleared.diagnosis.problem_situation
        ),
        (None, None, None)
    );
    assert_eq!(cleared.goals[0].title, "Cel 1");
    let family = store.plan(&f).unwrap();
    assert_eq!(family.initial_assessment, None);
    assert!(family.family_members.is_empty());
    let everything = serde_json::to_string(&store.personal_record(&p).unwrap()).unwrap();
    for secret in ["Przemoc", "CV", "zadłużenie", "urzędzie"] {
        assert!(!everything.contains(secret), "{secret} survived");
    }
    // Nothing new for an anonymised person.
    assert!(matches!(
        store.create_plan_for_person(Source::Ui, &p, &contract()),
        Err(StoreError::Conflict(_))
    ));
}

#[test]
fn plans_of_the_previous_schema_survive_the_migration_with_their_sync_stamps() {
    let dir = tempfile::tempdir().unwrap();
    // Schema 13: plans before kinds (0014 rebuilt the table).
    let previous = 13;
    let mut store =
        Store::init_with_schema(dir.path(), "Anna Pracownik", PASSWORD, options(), previous)
            .unwrap()
            .store;
    let p = person(&mut store, "Łucja", "1979-05-03");
    let pr = project(&mut store, "2027-12-31", None);
    let e = enrol(&mut store, &p, &pr, "2026-02-01");
    let data = json!({"worker": "Anna", "start_date": "2026-03-01", "end_date": "2026-12-31",
        "diagnosis": {"problem_situation": "Zadłużenie", "strengths": null, "needs": null, "areas": []},
        "goals": [], "commitments": "Spotkania"});
    store
        .execute_raw(&format!(
            "INSERT INTO plans(id, enrolment_id, version, replaces_id, status, data, created_at, updated_at)
             VALUES ('019300aa-0000-7000-8000-000000000001', '{e}', 1, NULL, 'draft', '{data}', '2026-03-01', '2026-03-01')"
        ))
        .unwrap();
    // The next save stamps the row the raw insert queued, as the old program's save did.
    person(&mut store, "Zofia", "1950-01-01");
    let stamp = |store: &Store| -> String {
        store
            .raw_connection()
            .query_row(
                "SELECT meta FROM sync_rows WHERE tbl = 'plans' AND id = '019300aa-0000-7000-8000-000000000001'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = stamp(&store);
    drop(store);

    let store = Store::open(dir.path(), PASSWORD, options()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        kartoteka_store::migrate::latest_version()
    );
    let view = store.plan("019300aa-0000-7000-8000-000000000001").unwrap();
    assert_eq!(view.kind, PlanKind::SupportPlan);
    assert_eq!(view.enrolment_id.as_deref(), Some(e.as_str()));
    assert_eq!(view.project_name.as_deref(), Some("Aktywni razem"));
    assert_eq!(view.commitments.as_deref(), Some("Spotkania"));
    assert_eq!(
        stamp(&store),
        before,
        "the migration kept the row's sync stamp"
    );
    assert_eq!(store.plans_of_participant(&p).unwrap().len(), 1);
}
