//! `kartoteka form …`, `recovery-key print` and `organisation`: documents to print.

use crate::args::{
    AttendanceArgs, ConsentFormArgs, FormArgs, FormCommand, PlanFormArgs, RecoveryKeyCommand,
    RoundFormArgs,
};
use crate::io::{print_json, read_json};
use kartoteka_api::dto::{BatchWritten, PrintedFile, Regenerated, SavedDocument};
use kartoteka_api::groups::AttendanceScope;
use kartoteka_api::printing::DocumentKind;
use kartoteka_api::printing::{self, AttendanceRequest, BatchHooks, BatchOutput, PrintRequest};
use kartoteka_api::recruitment::RoundDocument;
use kartoteka_api::settings::OrganisationPatch;
use kartoteka_api::App;
use kartoteka_api::{ApiError, ErrorCode};
use std::path::Path;

/// A PDF for the user alone (0600; a folder it needs is made 0700).
fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    kartoteka_api::print_folder::write_private(path, bytes)
}

fn single(app: &mut App, kind: DocumentKind, args: &FormArgs) -> Result<(), ApiError> {
    single_text(app, kind, args, None)
}

fn single_text(
    app: &mut App,
    kind: DocumentKind,
    args: &FormArgs,
    text: Option<&str>,
) -> Result<(), ApiError> {
    let req = PrintRequest {
        kind: Some(kind),
        participant_id: if args.blank {
            None
        } else {
            args.participant.clone()
        },
        project_id: args.project.clone(),
        text_id: text.map(str::to_owned),
        ..PrintRequest::default()
    };
    let printed = app.print(&req)?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&PrintedFile {
        file: args.out.display().to_string(),
        document: printed.record,
        open_error: None,
    });
    Ok(())
}

fn round_document(app: &App, which: RoundDocument, args: &RoundFormArgs) -> Result<(), ApiError> {
    let bytes = app.recruitment_document(&args.recruitment, which)?;
    saved(&args.out, &bytes)
}

/// Writes a document outside the register and says what was written.
fn saved(out: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    write_pdf(out, bytes)?;
    print_json(&SavedDocument {
        file: out.display().to_string(),
        bytes: bytes.len(),
        sha256: printing::sha256_hex(bytes),
    });
    Ok(())
}

fn plan(app: &mut App, args: &PlanFormArgs) -> Result<(), ApiError> {
    let req = PrintRequest {
        kind: Some(DocumentKind::Plan),
        participant_id: args.participant.clone().filter(|_| !args.blank),
        project_id: args.project.clone(),
        plan_id: args.plan.clone().filter(|_| !args.blank),
        ..PrintRequest::default()
    };
    let printed = app.print(&req)?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&PrintedFile {
        file: args.out.display().to_string(),
        document: printed.record,
        open_error: None,
    });
    Ok(())
}

fn attendance(app: &mut App, args: &AttendanceArgs) -> Result<(), ApiError> {
    if let Some(group) = &args.group {
        let scope = match (&args.session, &args.month) {
            (Some(session), _) => AttendanceScope::Session(session.clone()),
            (None, Some(month)) => AttendanceScope::Month(month.clone()),
            (None, None) => AttendanceScope::Blank,
        };
        let bytes = app.group_attendance(group, &scope)?;
        return saved(&args.out, &bytes);
    }
    let (service, month) = (
        args.service.clone().unwrap_or_default(),
        args.month.clone().unwrap_or_default(),
    );
    let month = chrono::NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| ApiError::invalid("month", "Miesiąc: podaj RRRR-MM, np. 2026-11"))?;
    if service.trim().is_empty() {
        return Err(ApiError::invalid("service", "Usługa: pole jest wymagane"));
    }
    use chrono::Datelike;
    let req = PrintRequest {
        kind: Some(DocumentKind::Attendance),
        participant_id: None,
        project_id: args.project.clone(),
        attendance: Some(AttendanceRequest {
            service: service.trim().to_owned(),
            unit: args.unit.trim().to_owned(),
            specialist: args.specialist.trim().to_owned(),
            year: month.year(),
            month: month.month(),
        }),
        ..PrintRequest::default()
    };
    let printed = app.print(&req)?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&PrintedFile {
        file: args.out.display().to_string(),
        document: printed.record,
        open_error: None,
    });
    Ok(())
}

fn batch(app: &mut App, kind: &str, project: &str, out: &Path) -> Result<(), ApiError> {
    let kind = DocumentKind::parse(kind)
        .filter(|k| !matches!(k, DocumentKind::Attendance | DocumentKind::RecoveryKey))
        .ok_or_else(|| {
            ApiError::invalid(
                "kind",
                "Rodzaj: enrolment, declaration, data-statement, image-consent, plan, record",
            )
        })?;
    let one_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let mut files = Vec::new();
    let mut write_each = |i: usize, participant: &str, bytes: &[u8]| {
        // File names carry the record's id, never the person's name.
        let file = out.join(format!(
            "{:04}-{}-{}.pdf",
            i + 1,
            kind.as_str(),
            participant
        ));
        write_pdf(&file, bytes)?;
        files.push(file);
        Ok(())
    };
    let output = if one_file {
        BatchOutput::OneFile
    } else {
        BatchOutput::EachFile(&mut write_each)
    };
    let mut progress = |done: usize, total: usize| {
        if done > 0 {
            eprintln!("{done}/{total}");
        }
    };
    let outcome = printing::print_batch(
        &mut |f| f(app),
        kind,
        project,
        &printing::now,
        output,
        BatchHooks {
            progress: &mut progress,
            cancelled: &|| false,
        },
    )?;
    for id in &outcome.skipped {
        eprintln!("Pominięto uczestnika {id}: brak planu wsparcia w tym projekcie.");
    }
    if one_file {
        let Some(bytes) = outcome.combined else {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "Nie ma czego wydrukować: nikt w tym projekcie nie ma takiego dokumentu.",
            ));
        };
        write_pdf(out, &bytes)?;
        print_json(&BatchWritten::OneFile {
            count: outcome.printed,
            file: out.display().to_string(),
            pages: outcome.pages,
            skipped: outcome.skipped,
        });
    } else {
        print_json(&BatchWritten::Files {
            count: files.len(),
            files: files.iter().map(|f| f.display().to_string()).collect(),
            skipped: outcome.skipped,
        });
    }
    Ok(())
}

pub fn run(app: &mut App, command: FormCommand) -> Result<(), ApiError> {
    match command {
        FormCommand::Enrolment(a) => single(app, DocumentKind::Enrolment, &a),
        FormCommand::Declaration(a) => single(app, DocumentKind::Declaration, &a),
        FormCommand::DataStatement(a) => single(app, DocumentKind::DataStatement, &a),
        FormCommand::ImageConsent(a) => single(app, DocumentKind::ImageConsent, &a),
        FormCommand::Consent(ConsentFormArgs { form, text }) => {
            single_text(app, DocumentKind::Consent, &form, Some(&text))
        }
        FormCommand::Record(a) => single(app, DocumentKind::Record, &a),
        FormCommand::ExitStatement(a) => single(app, DocumentKind::ExitStatement, &a),
        FormCommand::Plan(a) => plan(app, &a),
        FormCommand::RecruitmentProtocol(a) => round_document(app, RoundDocument::Protocol, &a),
        FormCommand::RecruitmentResults(a) => round_document(app, RoundDocument::Results, &a),
        FormCommand::RecruitmentLetter { candidate, out } => {
            let bytes = app.recruitment_letter(&candidate)?;
            saved(&out, &bytes)
        }
        FormCommand::Attendance(a) => attendance(app, &a),
        FormCommand::Batch { kind, project, out } => batch(app, &kind, &project, &out),
        FormCommand::Regenerate { id, out } => {
            let bytes = app.regenerate(&id)?;
            write_pdf(&out, &bytes)?;
            print_json(&Regenerated {
                file: out.display().to_string(),
                sha256: printing::sha256_hex(&bytes),
            });
            Ok(())
        }
        FormCommand::List { participant, limit } => {
            print_json(&app.documents(participant.as_deref(), limit)?);
            Ok(())
        }
    }
}

pub fn recovery_key(app: &mut App, command: RecoveryKeyCommand) -> Result<(), ApiError> {
    match command {
        RecoveryKeyCommand::Print { out } => {
            let printed = app.recovery_key_print(
                |bytes| {
                    write_pdf(&out, bytes)?;
                    Ok(out.display().to_string())
                },
                |file| {
                    let _ = std::fs::remove_file(file);
                },
            )?;
            print_json(&printed);
            Ok(())
        }
    }
}

/// Shows the organisation's settings, or sets them from JSON (a logo strip file is read).
pub fn organisation(app: &mut App, json: Option<String>) -> Result<(), ApiError> {
    let summary = match json {
        Some(source) => app.organisation_update(&read_json::<OrganisationPatch>(&source)?)?,
        None => app.organisation_summary()?,
    };
    print_json(&summary);
    Ok(())
}
