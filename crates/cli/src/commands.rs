//! Runs one parsed command against the store.

use crate::args::{
    AuditCommand, Cli, Command, EnrolmentCommand, ParticipantCommand, ProjectCommand,
};
use crate::args::{BackupCommand, ConsentCommand, GdprCommand, WorkerCommand};
use crate::io::{self, open_app, print_json, read_json, read_json_value};
use kartoteka_api::records::Anonymisation;
use kartoteka_api::{access, resolve_data_dir, settings, ApiError, ErrorCode, Frontend};
use kartoteka_domain::enrolment::{EnrolmentEndInput, EnrolmentInput, ExitStatementInput};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_domain::project::ProjectInput;
use kartoteka_domain::relation::RelationKind;
use std::path::Path;

pub fn run(cli: Cli) -> Result<(), ApiError> {
    let dir = resolve_data_dir(cli.data_dir);
    match cli.command {
        Command::Init { worker } => init(&dir, &worker),
        Command::Participant(c) => participant(&dir, c),
        Command::Project(c) => project(&dir, c),
        Command::Enrolment(c) => enrolment(&dir, c),
        Command::Recruitment(c) => crate::recruitment_cmd::recruitment(&dir, c),
        Command::Candidate(c) => crate::recruitment_cmd::candidate(&dir, c),
        Command::Group(c) => crate::group_cmd::group(&dir, c),
        Command::Session(c) => crate::group_cmd::session(&dir, c),
        Command::Event(c) => crate::group_cmd::event(&dir, c),
        Command::Audit(c) => audit(&dir, c),
        Command::Passwd {
            recovery_key,
            worker,
        } => passwd(&dir, recovery_key, worker),
        Command::Unlock { minutes } => {
            print_json(&open_app(&dir)?.start_session(minutes)?);
            Ok(())
        }
        Command::Lock => {
            print_json(&access::end_sessions(&dir)?);
            Ok(())
        }
        Command::Worker(c) => worker(&dir, c),
        Command::Backup(c) => backup(&dir, c),
        Command::Gdpr(c) => gdpr(&dir, c),
        Command::Sync(c) => crate::sync_cmd::run(&dir, c),
        Command::Report(c) => crate::report_cmd::run(&dir, c),
        Command::Seed { participants, seed } => crate::seed::run(&dir, participants, seed),
        Command::Bench { participants, out } => kartoteka_api::bench::run(participants, &out),
        Command::Consent(c) => consent(&dir, c),
        Command::Form(c) => crate::form::run(&mut open_app(&dir)?, c),
        Command::RecoveryKey(c) => crate::form::recovery_key(&mut open_app(&dir)?, c),
        Command::Demo(c) => {
            let mut app = open_app(&dir)?;
            match c {
                crate::args::DemoCommand::Add => print_json(&app.demo_add()?),
                crate::args::DemoCommand::Remove => print_json(&app.demo_remove()?),
            }
            Ok(())
        }
        Command::Organisation { json } => crate::form::organisation(&mut open_app(&dir)?, json),
        Command::Service(c) => crate::plan_cmd::service(&dir, c),
        Command::Plan(c) => crate::plan_cmd::plan(&dir, c),
        Command::Delivery(c) => crate::plan_cmd::delivery(&dir, c),
        Command::Note(c) => crate::plan_cmd::note(&dir, c),
        Command::Timeline { participant } => crate::plan_cmd::timeline(&dir, &participant),
        Command::Check => {
            print_json(&open_app(&dir)?.check()?);
            Ok(())
        }
    }
}

fn passwd(
    dir: &Path,
    recovery_key: Option<String>,
    worker: Option<String>,
) -> Result<(), ApiError> {
    match recovery_key {
        Some(key) => {
            let new = io::new_password_from(io::NEW_PASSWORD_ENV)?;
            let app = access::reset_password(dir, &key, worker.as_deref(), &new, Frontend::Cli)?;
            print_json(&access::PasswordSet::reset(&app));
        }
        None => {
            // The worker is the one whose current password this is.
            access::require_store(dir)?;
            let current = io::password("Obecne hasło: ")?;
            let mut app = access::unlock(dir, &current, Frontend::Cli)?;
            let new = io::new_password_from(io::NEW_PASSWORD_ENV)?;
            print_json(&app.change_password(&current, &new)?);
        }
    }
    Ok(())
}

fn worker(dir: &Path, command: WorkerCommand) -> Result<(), ApiError> {
    match command {
        WorkerCommand::Add { name } => {
            let mut app = open_app(dir)?;
            let password = io::new_password_from(io::NEW_PASSWORD_ENV)?;
            print_json(&app.add_worker(&name, &password)?);
        }
        WorkerCommand::List => print_json(&access::workers(dir)?),
        WorkerCommand::Remove { name } => print_json(&open_app(dir)?.remove_worker(&name)?),
    }
    Ok(())
}

fn backup(dir: &Path, command: BackupCommand) -> Result<(), ApiError> {
    match command {
        BackupCommand::Create {
            to,
            for_another_computer,
        } => print_json(&open_app(dir)?.backup_create(to.as_deref(), for_another_computer)?),
        BackupCommand::Restore { file } => {
            let password = io::password("Hasło: ")?;
            print_json(&settings::restore(dir, &file, &password)?);
        }
        BackupCommand::List { dir: list_dir } => {
            let folder = list_dir.unwrap_or_else(|| settings::backup_dir(dir));
            print_json(&settings::backups(&folder)?);
        }
    }
    Ok(())
}

fn init(dir: &Path, worker: &str) -> Result<(), ApiError> {
    access::require_new(dir)?;
    let password = io::new_password_from(io::PASSWORD_ENV)?;
    let created = access::setup(dir, worker, &password, Frontend::Cli)?;
    println!(
        "Utworzono zaszyfrowaną kartotekę w folderze {}.",
        dir.display()
    );
    println!("Pracownik: {}", created.app.worker());
    println!();
    println!(
        "KLUCZ ODZYSKIWANIA — zapisz go teraz i przechowuj w bezpiecznym miejscu (np. w sejfie)."
    );
    println!("Pozwala ustawić nowe hasło, gdy to zostanie zapomniane. Nie pokażemy go ponownie.");
    println!();
    println!("    {}", created.recovery_key.as_str());
    Ok(())
}

fn participant(dir: &Path, command: ParticipantCommand) -> Result<(), ApiError> {
    match command {
        ParticipantCommand::Add {
            json,
            confirm_duplicate,
        } => {
            let input: ParticipantInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.participant_add(&input, confirm_duplicate)?);
        }
        ParticipantCommand::Update {
            id,
            json,
            confirm_duplicate,
        } => {
            let patch = read_json_value(&json.json)?;
            // Check the keys before opening: a typo must not be silently ignored.
            let _: ParticipantInput = io::parse_json(patch.clone())?;
            print_json(&open_app(dir)?.participant_update(&id, &patch, confirm_duplicate)?);
        }
        ParticipantCommand::Show { id } => print_json(&open_app(dir)?.participant(&id)?),
        ParticipantCommand::Search {
            query,
            limit,
            archived,
        } => print_json(&open_app(dir)?.participant_search(&query, limit, archived)?),
        ParticipantCommand::List {
            offset,
            limit,
            archived,
        } => print_json(&open_app(dir)?.participant_page(offset, limit, archived)?),
        ParticipantCommand::Archive { id } => print_json(&open_app(dir)?.participant_archive(&id)?),
        ParticipantCommand::Restore { id } => print_json(&open_app(dir)?.participant_restore(&id)?),
        ParticipantCommand::Relate { id, related, kind } => {
            let kind = RelationKind::parse(&kind).ok_or_else(|| {
                ApiError::invalid(
                    "kind",
                    "Rodzaj powiązania: dozwolone parent, legal_guardian, foster_parent, child, spouse, sibling, other",
                )
            })?;
            print_json(&open_app(dir)?.relation_add(&id, &related, kind)?);
        }
        ParticipantCommand::Family { id } => print_json(&open_app(dir)?.participant_family(&id)?),
    }
    Ok(())
}

fn project(dir: &Path, command: ProjectCommand) -> Result<(), ApiError> {
    match command {
        ProjectCommand::Add { json } => {
            let input: ProjectInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.project_add(&input)?);
        }
        ProjectCommand::Update { id, json } => {
            let input: ProjectInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.project_update(&id, &input)?);
        }
        ProjectCommand::List => print_json(&open_app(dir)?.projects()?),
        ProjectCommand::Show { id } => {
            // The project's own keys with its enrolments beside them.
            let detail = open_app(dir)?.project_detail(&id)?;
            let mut value = serde_json::to_value(&detail.project).expect("serialises");
            value["enrolments"] = serde_json::to_value(&detail.enrolments).expect("serialises");
            value["by_sex"] = serde_json::to_value(&detail.by_sex).expect("serialises");
            print_json(&value);
        }
    }
    Ok(())
}

fn enrolment(dir: &Path, command: EnrolmentCommand) -> Result<(), ApiError> {
    match command {
        EnrolmentCommand::Add {
            participant,
            project,
            json,
        } => {
            let input: EnrolmentInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.enrolment_add(&participant, &project, &input)?);
        }
        EnrolmentCommand::End { id, json } => {
            let input: EnrolmentEndInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.enrolment_end(&id, &input)?);
        }
        EnrolmentCommand::Update { id, json } => {
            let input: EnrolmentInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.enrolment_update(&id, &input)?);
        }
        EnrolmentCommand::ExitStatement { id, json } => {
            let input: ExitStatementInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.enrolment_exit_statement(&id, &input)?);
        }
        EnrolmentCommand::Show { id } => print_json(&open_app(dir)?.enrolment(&id)?),
        EnrolmentCommand::List { participant } => {
            print_json(&open_app(dir)?.participant_enrolments(&participant)?)
        }
    }
    Ok(())
}

fn audit(dir: &Path, command: AuditCommand) -> Result<(), ApiError> {
    let app = open_app(dir)?;
    match command {
        AuditCommand::Verify => {
            let v = app.audit_verify()?;
            print_json(&v);
            if let Some(seq) = v.first_broken {
                return Err(ApiError::new(
                    ErrorCode::Corrupt,
                    format!(
                        "Dziennik zdarzeń został zmieniony: łańcuch przerwany na wpisie nr {seq}."
                    ),
                ));
            }
        }
        AuditCommand::List { record, limit } => {
            print_json(&app.audit_events(record.as_deref(), limit)?);
        }
    }
    Ok(())
}

fn gdpr(dir: &Path, command: GdprCommand) -> Result<(), ApiError> {
    match command {
        GdprCommand::Export { participant, out } => {
            print_json(&open_app(dir)?.gdpr_export(&participant, &out)?)
        }
        GdprCommand::Anonymise { dry_run, apply } => {
            let mut app = open_app(dir)?;
            if dry_run || !apply {
                print_json(&Anonymisation {
                    applied: false,
                    candidates: Some(app.anonymisation_candidates()?),
                    anonymised: None,
                });
            } else {
                print_json(&Anonymisation {
                    applied: true,
                    candidates: None,
                    anonymised: Some(app.anonymise_expired(None)?),
                });
            }
        }
    }
    Ok(())
}

fn consent(dir: &Path, command: ConsentCommand) -> Result<(), ApiError> {
    use kartoteka_domain::consent::{ConsentGiveInput, ConsentTextInput, ConsentWithdrawInput};
    match command {
        ConsentCommand::Text {
            project,
            template,
            json,
        } => {
            let input: ConsentTextInput = read_json(&json.json)?;
            print_json(&open_app(dir)?.consent_text_add(
                project.as_deref(),
                template.as_deref(),
                &input,
            )?);
        }
        ConsentCommand::Texts { project } => {
            print_json(&open_app(dir)?.consent_texts(project.as_deref())?)
        }
        ConsentCommand::Give {
            participant,
            text,
            json,
        } => {
            let input: ConsentGiveInput = match json {
                Some(source) => read_json(&source)?,
                None => ConsentGiveInput::default(),
            };
            print_json(&open_app(dir)?.consent_give(&participant, &text, &input)?);
        }
        ConsentCommand::Withdraw { id, json } => {
            let input: ConsentWithdrawInput = match json {
                Some(source) => read_json(&source)?,
                None => ConsentWithdrawInput::default(),
            };
            print_json(&open_app(dir)?.consent_withdraw(&id, &input)?);
        }
        ConsentCommand::List { participant } => {
            print_json(&open_app(dir)?.consents_of(&participant)?)
        }
    }
    Ok(())
}
