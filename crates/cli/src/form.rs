//! `kartoteka form …`, `recovery-key print` and `organisation`: documents to print.

use crate::args::{AttendanceArgs, FormArgs, FormCommand, PlanFormArgs, RecoveryKeyCommand};
use crate::io::{print_json, read_json_value};
use kartoteka_api::printing::{self, AttendanceRequest, BatchHooks, BatchOutput, PrintRequest};
use kartoteka_api::{ApiError, ErrorCode};
use kartoteka_forms::DocumentKind;
use kartoteka_store::{Source, Store};
use serde_json::json;
use std::path::Path;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie można utworzyć folderu {}: {e}", parent.display()),
            )
        })?;
    }
    std::fs::write(path, bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("Nie można zapisać {}: {e}", path.display()),
        )
    })
}

fn single(store: &mut Store, kind: DocumentKind, args: &FormArgs) -> Result<(), ApiError> {
    let req = PrintRequest {
        kind: Some(kind),
        participant_id: if args.blank {
            None
        } else {
            args.participant.clone()
        },
        project_id: args.project.clone(),
        ..PrintRequest::default()
    };
    let printed = printing::print(store, Source::Cli, &req, now())?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&json!({ "file": args.out, "document": printed.record }));
    Ok(())
}

fn plan(store: &mut Store, args: &PlanFormArgs) -> Result<(), ApiError> {
    let req = PrintRequest {
        kind: Some(DocumentKind::Plan),
        participant_id: args.participant.clone().filter(|_| !args.blank),
        project_id: args.project.clone(),
        plan_id: args.plan.clone().filter(|_| !args.blank),
        ..PrintRequest::default()
    };
    let printed = printing::print(store, Source::Cli, &req, now())?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&json!({ "file": args.out, "document": printed.record }));
    Ok(())
}

fn attendance(store: &mut Store, args: &AttendanceArgs) -> Result<(), ApiError> {
    let month = chrono::NaiveDate::parse_from_str(&format!("{}-01", args.month.trim()), "%Y-%m-%d")
        .map_err(|_| ApiError::invalid("month", "Miesiąc: podaj RRRR-MM, np. 2026-11"))?;
    if args.service.trim().is_empty() {
        return Err(ApiError::invalid("service", "Usługa: pole jest wymagane"));
    }
    use chrono::Datelike;
    let req = PrintRequest {
        kind: Some(DocumentKind::Attendance),
        participant_id: None,
        project_id: args.project.clone(),
        attendance: Some(AttendanceRequest {
            service: args.service.trim().to_owned(),
            unit: args.unit.trim().to_owned(),
            specialist: args.specialist.trim().to_owned(),
            year: month.year(),
            month: month.month(),
        }),
        ..PrintRequest::default()
    };
    let printed = printing::print(store, Source::Cli, &req, now())?;
    write_pdf(&args.out, &printed.bytes)?;
    print_json(&json!({ "file": args.out, "document": printed.record }));
    Ok(())
}

fn batch(store: &mut Store, kind: &str, project: &str, out: &Path) -> Result<(), ApiError> {
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
        &mut |f| f(store),
        Source::Cli,
        kind,
        project,
        &now,
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
        print_json(&json!({
            "count": outcome.printed,
            "file": out,
            "pages": outcome.pages,
            "skipped": outcome.skipped,
        }));
    } else {
        print_json(&json!({ "count": files.len(), "files": files, "skipped": outcome.skipped }));
    }
    Ok(())
}

pub fn run(store: &mut Store, command: FormCommand) -> Result<(), ApiError> {
    match command {
        FormCommand::Enrolment(a) => single(store, DocumentKind::Enrolment, &a),
        FormCommand::Declaration(a) => single(store, DocumentKind::Declaration, &a),
        FormCommand::DataStatement(a) => single(store, DocumentKind::DataStatement, &a),
        FormCommand::ImageConsent(a) => single(store, DocumentKind::ImageConsent, &a),
        FormCommand::Record(a) => single(store, DocumentKind::Record, &a),
        FormCommand::Plan(a) => plan(store, &a),
        FormCommand::Attendance(a) => attendance(store, &a),
        FormCommand::Batch { kind, project, out } => batch(store, &kind, &project, &out),
        FormCommand::Regenerate { id, out } => {
            let bytes = printing::regenerate(store, &id)?;
            write_pdf(&out, &bytes)?;
            print_json(&json!({ "file": out, "sha256": printing::sha256_hex(&bytes) }));
            Ok(())
        }
        FormCommand::List { participant, limit } => {
            print_json(&store.documents(participant.as_deref(), limit)?);
            Ok(())
        }
    }
}

pub fn recovery_key(store: &mut Store, command: RecoveryKeyCommand) -> Result<(), ApiError> {
    match command {
        RecoveryKeyCommand::Print { out } => {
            // The sheet is written first; only then does the new key replace the old one, so
            // a failed write (a full disk, a wrong folder) leaves the old key working.
            let key = kartoteka_store::keyring::new_recovery_key()?;
            let bytes = printing::recovery_key_pdf(
                &key,
                &store.dir().display().to_string(),
                &store.organisation()?,
                now(),
            )?;
            write_pdf(&out, &bytes)?;
            if let Err(e) = store.replace_recovery_key(&key, Default::default()) {
                let _ = std::fs::remove_file(&out);
                return Err(e.into());
            }
            print_json(
                &json!({ "file": out, "note": "Poprzedni klucz odzyskiwania przestał działać." }),
            );
            Ok(())
        }
    }
}

/// Shows the organisation's settings, or sets them from JSON (a logo strip file is read).
pub fn organisation(store: &mut Store, json: Option<String>) -> Result<(), ApiError> {
    use base64::Engine;
    if let Some(source) = json {
        let value = read_json_value(&source)?;
        let mut settings = store.organisation()?;
        if let Some(name) = value.get("name").and_then(|v| v.as_str()) {
            settings.name = name.trim().to_owned();
        }
        if let Some(lines) = value.get("address_lines").and_then(|v| v.as_array()) {
            settings.address_lines = lines
                .iter()
                .filter_map(|l| l.as_str())
                .map(str::to_owned)
                .collect();
        }
        if let Some(place) = value.get("place").and_then(|v| v.as_str()) {
            settings.place = place.trim().to_owned();
        }
        if let Some(file) = value.get("logo_strip_file").and_then(|v| v.as_str()) {
            let bytes = std::fs::read(file).map_err(|e| {
                ApiError::invalid(
                    "logo_strip_file",
                    format!("Nie można odczytać pliku z logotypami: {e}"),
                )
            })?;
            if !(bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8])) {
                return Err(ApiError::invalid(
                    "logo_strip_file",
                    "Pasek logotypów musi być plikiem PNG albo JPEG",
                ));
            }
            settings.logo_strip_base64 =
                Some(base64::engine::general_purpose::STANDARD.encode(bytes));
        }
        store.save_organisation(Source::Cli, &settings)?;
    }
    let settings = store.organisation()?;
    print_json(&json!({
        "name": settings.name,
        "address_lines": settings.address_lines,
        "place": settings.place,
        "logo_strip": settings.logo_strip_base64.is_some(),
    }));
    Ok(())
}
