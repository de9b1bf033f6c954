//! `kartoteka group …`, `session …` and `event …`: group work and community events.

use crate::io::{open_app, print_json, read_json, JsonArg};
use clap::Subcommand;
use kartoteka_api::ApiError;
use kartoteka_domain::group::{EventInput, GroupInput, SessionInput};
use std::path::Path;

#[derive(Subcommand)]
pub enum GroupCommand {
    /// Dodaje grupę; JSON: {name, service (kod lub id z katalogu), specialist, start_date,
    /// end_date}; wypisuje {"id": "..."}.
    Add {
        #[arg(long)]
        project: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Uczestnik projektu dołącza do grupy (od --date, domyślnie dziś).
    Join {
        group: String,
        #[arg(long)]
        participant: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Członek grupy odchodzi (z dniem --date, domyślnie dziś); jego obecności zostają.
    Leave {
        group: String,
        #[arg(long)]
        participant: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Grupy projektu z członkami.
    List {
        #[arg(long)]
        project: String,
    },
    /// Grupa z członkami.
    Show { id: String },
    /// Obecni na zajęciach grup projektu bez usługi grupy w planie (obecność zapisana, bez
    /// realizacji): [{group_id, group_name, service_name, participant_id, name, sessions, first, last}].
    Check {
        #[arg(long)]
        project: String,
    },
}

#[derive(Subcommand)]
pub enum SessionCommand {
    /// Zapisuje odbyte zajęcia; JSON: {date, from, to, topic, present: [id uczestników]};
    /// wypisuje {id, deliveries, not_in_plan}.
    Add {
        #[arg(long)]
        group: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Zajęcia grupy (najnowsze pierwsze) z obecnością.
    List {
        #[arg(long)]
        group: String,
    },
}

#[derive(Subcommand)]
pub enum EventCommand {
    /// Zapisuje wydarzenie społeczności; JSON: {date, title, kind, headcount, participants:
    /// [id], note}; wypisuje {"id": "..."}.
    Add {
        #[arg(long)]
        project: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Wydarzenia projektu (najnowsze pierwsze).
    List {
        #[arg(long)]
        project: String,
    },
}

pub fn group(dir: &Path, command: GroupCommand) -> Result<(), ApiError> {
    match command {
        GroupCommand::Add { project, json } => {
            let input: GroupInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.group_add(&project, &input)?);
        }
        GroupCommand::Join {
            group,
            participant,
            date,
        } => print_json(&open_app(dir)?.group_join(&group, &participant, date.as_deref())?),
        GroupCommand::Leave {
            group,
            participant,
            date,
        } => print_json(&open_app(dir)?.group_leave(&group, &participant, date.as_deref())?),
        GroupCommand::List { project } => print_json(&open_app(dir)?.groups(&project)?),
        GroupCommand::Show { id } => print_json(&open_app(dir)?.group(&id)?),
        GroupCommand::Check { project } => print_json(&open_app(dir)?.group_check(&project)?),
    }
    Ok(())
}

pub fn session(dir: &Path, command: SessionCommand) -> Result<(), ApiError> {
    match command {
        SessionCommand::Add { group, json } => {
            let input: SessionInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.session_add(&group, &input)?);
        }
        SessionCommand::List { group } => print_json(&open_app(dir)?.sessions(&group)?),
    }
    Ok(())
}

pub fn event(dir: &Path, command: EventCommand) -> Result<(), ApiError> {
    match command {
        EventCommand::Add { project, json } => {
            let input: EventInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.event_add(&project, &input)?);
        }
        EventCommand::List { project } => print_json(&open_app(dir)?.events(&project)?),
    }
    Ok(())
}
