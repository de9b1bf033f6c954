//! Support plans, the service catalogue, deliveries, case notes and the timeline.

use crate::io::{open_app, print_json, read_json, JsonArg};
use clap::Subcommand;
use kartoteka_api::casework::DeliveriesOf;
use kartoteka_api::participants::Created;
use kartoteka_api::ApiError;
use kartoteka_domain::plan::{
    CaseNoteInput, DeliveryInput, PlanCloseInput, PlanInput, PlanReviewInput, PlanSignInput,
    ServiceInput,
};
use std::path::Path;

#[derive(Subcommand)]
pub enum ServiceCommand {
    /// Katalog usług (JSON); z --all także usługi wycofane.
    List {
        #[arg(long)]
        all: bool,
    },
    /// Dodaje usługę; JSON: {code, name, category, unit}; wypisuje usługę.
    Add {
        #[command(flatten)]
        json: JsonArg,
    },
    /// Zmienia nazwę, kategorię lub kod usługi; JSON z polami do zmiany.
    Update {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Wycofuje usługę z katalogu (zostaje w planach, które już ją mają).
    Retire { id: String },
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Zakłada plan (szkic) dla udziału w projekcie (--enrolment) albo poza projektem dla osoby
    /// (--participant: kontrakt socjalny, plan pracy z rodziną); rodzaj w JSON: "kind":
    /// support_plan | reintegration_path | social_contract | family_work_plan; wypisuje {"id": "..."}.
    Create {
        #[arg(
            long,
            conflicts_with = "participant",
            required_unless_present = "participant"
        )]
        enrolment: Option<String>,
        #[arg(long)]
        participant: Option<String>,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Pokazuje plan jako JSON, z postępem realizacji.
    Show { id: String },
    /// Plany jednego uczestnika.
    List {
        #[arg(long)]
        participant: String,
    },
    /// Wszystkie aktualne plany (bez zastąpionych aneksem): osoba, projekt, status, najbliższy
    /// przegląd; filtry projektu, statusu i przeglądu w ciągu N dni.
    Overview {
        #[arg(long)]
        project: Option<String>,
        /// support_plan | reintegration_path | social_contract | family_work_plan
        #[arg(long)]
        kind: Option<String>,
        /// draft | signed | closed
        #[arg(long)]
        status: Option<String>,
        /// Tylko podpisane plany z przeglądem w ciągu tylu dni (także zaległym).
        #[arg(long, value_name = "DAYS")]
        review_due: Option<u32>,
    },
    /// Zmienia szkic planu (cały plan w JSON); podpisany plan zmienia się aneksem.
    Update {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Podpisuje plan; JSON: {participant_signed_on, worker_signed_on, guardian_id}.
    Sign {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Tworzy aneks (nową wersję jako szkic) do podpisanego planu; wypisuje {"id": "..."}.
    Amend { id: String },
    /// Dodaje przegląd planu; JSON: {review_date, changes, goals: [{goal_id, status, comment}]}.
    Review {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Zamyka plan z oceną końcową; JSON: {closed_on, final_evaluation}.
    Close {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
}

#[derive(Subcommand)]
pub enum DeliveryCommand {
    /// Zapisuje realizację usługi z planu; JSON: {date, quantity, delivered_by, attendance, note}.
    Add {
        #[arg(long)]
        planned_service: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Realizacje w planie (z jego wcześniejszymi wersjami) albo jednego uczestnika.
    List {
        #[arg(
            long,
            conflicts_with = "participant",
            required_unless_present = "participant"
        )]
        plan: Option<String>,
        #[arg(long)]
        participant: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Dodaje notatkę; JSON: {at, kind, text}; wypisuje {"id": "..."}.
    Add {
        #[arg(long)]
        participant: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Notatki jednego uczestnika.
    List {
        #[arg(long)]
        participant: String,
    },
}

pub fn service(dir: &Path, command: ServiceCommand) -> Result<(), ApiError> {
    match command {
        ServiceCommand::List { all } => print_json(&open_app(dir)?.services(all)?),
        ServiceCommand::Add { json } => {
            let input: ServiceInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.service_add(&input)?);
        }
        ServiceCommand::Update { id, json } => {
            let input: ServiceInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.service_update(&id, &input)?);
        }
        ServiceCommand::Retire { id } => {
            let input = ServiceInput {
                active: Some(false),
                ..Default::default()
            };
            print_json(&open_app(dir)?.service_update(&id, &input)?);
        }
    }
    Ok(())
}

pub fn plan(dir: &Path, command: PlanCommand) -> Result<(), ApiError> {
    match command {
        PlanCommand::Create {
            enrolment,
            participant,
            json,
        } => {
            let input: PlanInput = read_json(&json.json)?;
            let mut app = open_app(dir)?;
            let created = match (&enrolment, &participant) {
                (Some(enrolment), _) => app.plan_create(enrolment, &input)?,
                (None, Some(person)) => app.plan_create_for_person(person, &input)?,
                (None, None) => unreachable!("clap requires one of them"),
            };
            print_json(&created);
        }
        PlanCommand::Show { id } => print_json(&open_app(dir)?.plan(&id)?),
        PlanCommand::List { participant } => print_json(&open_app(dir)?.plans_of(&participant)?),
        PlanCommand::Overview {
            project,
            kind,
            status,
            review_due,
        } => print_json(
            &open_app(dir)?.plan_list(&kartoteka_api::plan_list::PlanFilter {
                project_id: project,
                kind,
                status,
                review_within_days: review_due,
            })?,
        ),
        PlanCommand::Update { id, json } => {
            let input: PlanInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.plan_update(&id, &input)?);
        }
        PlanCommand::Sign { id, json } => {
            let input: PlanSignInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.plan_sign(&id, &input)?);
        }
        PlanCommand::Amend { id } => print_json(&open_app(dir)?.plan_amend(&id)?),
        PlanCommand::Review { id, json } => {
            let input: PlanReviewInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.plan_review(&id, &input)?);
        }
        PlanCommand::Close { id, json } => {
            let input: PlanCloseInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.plan_close(&id, &input)?);
        }
    }
    Ok(())
}

pub fn delivery(dir: &Path, command: DeliveryCommand) -> Result<(), ApiError> {
    match command {
        DeliveryCommand::Add {
            planned_service,
            json,
        } => {
            let input: DeliveryInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.delivery_add(&planned_service, &input)?);
        }
        DeliveryCommand::List { plan, participant } => {
            let of = match (&plan, &participant) {
                (Some(plan), _) => DeliveriesOf::Plan(plan),
                (None, Some(p)) => DeliveriesOf::Participant(p),
                (None, None) => unreachable!("clap requires one of them"),
            };
            print_json(&open_app(dir)?.deliveries(of)?);
        }
    }
    Ok(())
}

pub fn note(dir: &Path, command: NoteCommand) -> Result<(), ApiError> {
    match command {
        NoteCommand::Add { participant, json } => {
            let input: CaseNoteInput = read_json(&json.json)?;
            let note = open_app(dir)?.note_add(&participant, &input)?;
            // The contract prints the new note's id only.
            print_json(&Created {
                id: note.id.to_string(),
            });
        }
        NoteCommand::List { participant } => print_json(&open_app(dir)?.notes_of(&participant)?),
    }
    Ok(())
}

pub fn timeline(dir: &Path, participant: &str) -> Result<(), ApiError> {
    print_json(&open_app(dir)?.timeline(participant)?);
    Ok(())
}
