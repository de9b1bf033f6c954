//! Support plans, the service catalogue, deliveries, case notes and the timeline.

use crate::args::JsonArg;
use crate::commands::open;
use crate::io::{print_json, read_json};
use clap::Subcommand;
use kartoteka_api::ApiError;
use kartoteka_domain::plan::{
    CaseNoteInput, DeliveryInput, PlanCloseInput, PlanInput, PlanReviewInput, PlanSignInput,
    ServiceInput,
};
use kartoteka_store::Source;
use serde_json::json;
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
    /// Zakłada plan wsparcia (szkic) dla udziału w projekcie; wypisuje {"id": "..."}.
    Create {
        #[arg(long)]
        enrolment: String,
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
        ServiceCommand::List { all } => print_json(&open(dir)?.services(all)?),
        ServiceCommand::Add { json } => {
            let input: ServiceInput = read_json(&json.json)?;
            print_json(&open(dir)?.add_service(Source::Cli, &input)?);
        }
        ServiceCommand::Update { id, json } => {
            let input: ServiceInput = read_json(&json.json)?;
            print_json(&open(dir)?.update_service(Source::Cli, &id, &input)?);
        }
        ServiceCommand::Retire { id } => {
            let input = ServiceInput {
                active: Some(false),
                ..Default::default()
            };
            print_json(&open(dir)?.update_service(Source::Cli, &id, &input)?);
        }
    }
    Ok(())
}

pub fn plan(dir: &Path, command: PlanCommand) -> Result<(), ApiError> {
    match command {
        PlanCommand::Create { enrolment, json } => {
            let input: PlanInput = read_json(&json.json)?;
            let id = open(dir)?.create_plan(Source::Cli, &enrolment, &input)?;
            print_json(&json!({ "id": id }));
        }
        PlanCommand::Show { id } => print_json(&open(dir)?.plan(&id)?),
        PlanCommand::List { participant } => {
            print_json(&open(dir)?.plans_of_participant(&participant)?)
        }
        PlanCommand::Update { id, json } => {
            let input: PlanInput = read_json(&json.json)?;
            print_json(&open(dir)?.update_plan(Source::Cli, &id, &input)?);
        }
        PlanCommand::Sign { id, json } => {
            let input: PlanSignInput = read_json(&json.json)?;
            print_json(&open(dir)?.sign_plan(Source::Cli, &id, &input)?);
        }
        PlanCommand::Amend { id } => {
            let id = open(dir)?.amend_plan(Source::Cli, &id)?;
            print_json(&json!({ "id": id }));
        }
        PlanCommand::Review { id, json } => {
            let input: PlanReviewInput = read_json(&json.json)?;
            print_json(&open(dir)?.review_plan(Source::Cli, &id, &input)?);
        }
        PlanCommand::Close { id, json } => {
            let input: PlanCloseInput = read_json(&json.json)?;
            print_json(&open(dir)?.close_plan(Source::Cli, &id, &input)?);
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
            print_json(&open(dir)?.add_delivery(Source::Cli, &planned_service, &input)?);
        }
        DeliveryCommand::List { plan, participant } => {
            let store = open(dir)?;
            match (plan, participant) {
                (Some(plan), _) => print_json(&store.deliveries_of_plan(&plan)?),
                (None, Some(p)) => print_json(&store.deliveries_of_participant(&p)?),
                (None, None) => unreachable!("clap requires one of them"),
            }
        }
    }
    Ok(())
}

pub fn note(dir: &Path, command: NoteCommand) -> Result<(), ApiError> {
    match command {
        NoteCommand::Add { participant, json } => {
            let input: CaseNoteInput = read_json(&json.json)?;
            let note = open(dir)?.add_note(Source::Cli, &participant, &input)?;
            print_json(&json!({ "id": note.id }));
        }
        NoteCommand::List { participant } => print_json(&open(dir)?.notes_of(&participant)?),
    }
    Ok(())
}

pub fn timeline(dir: &Path, participant: &str) -> Result<(), ApiError> {
    print_json(&open(dir)?.timeline(participant)?);
    Ok(())
}
