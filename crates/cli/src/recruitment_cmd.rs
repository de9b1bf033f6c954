//! `kartoteka recruitment …` and `kartoteka candidate …`: recruitment rounds, their
//! candidates, the ranking, closing and resignations.

use crate::io::{open_app, print_json, read_json, JsonArg};
use clap::Subcommand;
use kartoteka_api::ApiError;
use kartoteka_domain::recruitment::{CandidateInput, RecruitmentInput};
use std::path::Path;

#[derive(Subcommand)]
pub enum RecruitmentCommand {
    /// Dodaje nabór do projektu; JSON: {name, opens, closes, places, reserve_places,
    /// criteria: [{code, label, required | points}]}; wypisuje {"id": "..."}.
    Add {
        #[arg(long)]
        project: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Nabory projektu (najnowsze pierwsze).
    List {
        #[arg(long)]
        project: String,
    },
    /// Nabór z kandydatami i listą.
    Show { id: String },
    /// Lista: {qualified, reserve, rejected} — każdy z candidate_id, participant_id, number,
    /// points, rank (i reason u niezakwalifikowanych).
    Rank { id: String },
    /// Zamyka nabór: lista zostaje zamrożona, zakwalifikowani zostają zapisani do projektu.
    Close {
        id: String,
        /// Data rozpoczęcia udziału zakwalifikowanych (RRRR-MM-DD; domyślnie dziś).
        #[arg(long)]
        start_date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CandidateCommand {
    /// Dodaje kandydata; JSON: {participant_id | participant: {…}, submitted_at,
    /// criteria: {kod: true|false}, attachments: [...]}; wypisuje kandydata.
    Add {
        #[arg(long)]
        recruitment: String,
        #[command(flatten)]
        json: JsonArg,
        /// Zapisz nową osobę mimo podobieństwa do kogoś w kartotece.
        #[arg(long)]
        confirm_duplicate: bool,
    },
    /// Kandydaci naboru w kolejności zgłoszeń.
    List {
        #[arg(long)]
        recruitment: String,
    },
    /// Rezygnacja kandydata; w zamkniętym naborze miejsce dostaje pierwsza osoba z listy
    /// rezerwowej.
    Resign {
        id: String,
        /// Dzień rezygnacji (RRRR-MM-DD; domyślnie dziś).
        #[arg(long)]
        date: Option<String>,
    },
}

pub fn recruitment(dir: &Path, command: RecruitmentCommand) -> Result<(), ApiError> {
    match command {
        RecruitmentCommand::Add { project, json } => {
            let input: RecruitmentInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.recruitment_add(&project, &input)?);
        }
        RecruitmentCommand::List { project } => print_json(&open_app(dir)?.recruitments(&project)?),
        RecruitmentCommand::Show { id } => print_json(&open_app(dir)?.recruitment_detail(&id)?),
        RecruitmentCommand::Rank { id } => print_json(&open_app(dir)?.recruitment_rank(&id)?),
        RecruitmentCommand::Close { id, start_date } => {
            print_json(&open_app(dir)?.recruitment_close(&id, start_date.as_deref())?)
        }
    }
    Ok(())
}

pub fn candidate(dir: &Path, command: CandidateCommand) -> Result<(), ApiError> {
    match command {
        CandidateCommand::Add {
            recruitment,
            json,
            confirm_duplicate,
        } => {
            let input: CandidateInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.candidate_add(&recruitment, &input, confirm_duplicate)?);
        }
        CandidateCommand::List { recruitment } => {
            print_json(&open_app(dir)?.candidates(&recruitment)?)
        }
        CandidateCommand::Resign { id, date } => {
            print_json(&open_app(dir)?.candidate_resign(&id, date.as_deref())?)
        }
    }
    Ok(())
}
