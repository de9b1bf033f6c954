//! `kartoteka bench`: measures the targets in the README's benchmark table on synthetic registries of 10,000,
//! 100,000 and 1,000,000 people, each seeded into its own temporary data folder.
//!
//! Every row: warm-up runs first, then repeated runs; the table shows the median (p50), p95,
//! p99, min and max, the target and whether it is met. Results also go to a JSON file.
//! Run it from a release build (`scripts/bench.sh`); debug figures mean nothing.
//!
//! Code map: this file the sizes and what is measured; `report.rs` samples, rows, the table
//! and the JSON; `sync.rs` sync between two installations and the CST2021 export.

use crate::printing::{self, PrintRequest};
use crate::seed::{seed_options, seed_store};
use crate::synthetic::{Generator, MAIN_PROJECT_SIZE};
use crate::{ApiError, App, ErrorCode, Frontend};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_forms::DocumentKind;
use kartoteka_store::bulk::BulkRecord;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod groups;
mod report;
mod sync;

pub use report::Row;
use report::*;
use sync::*;

const PASSWORD: &str = "haslo-do-pomiarow";
const SEED: u64 = 2026;
/// What the UI asks for as the user types (ParticipantList.ts SEARCH_LIMIT).
const SEARCH_LIMIT: u32 = 100;
/// LibreOffice converting one form, measured on this kind of machine (README, benchmark table).
const LIBREOFFICE_REFERENCE_MS: f64 = 1400.0;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `f` `warmup` times unmeasured, then `runs` times measured.
fn measure<T>(
    warmup: usize,
    runs: usize,
    mut f: impl FnMut() -> Result<T, ApiError>,
) -> Result<Samples, ApiError> {
    for _ in 0..warmup {
        f()?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        times.push(ms(t.elapsed()));
    }
    Ok(Samples(times))
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("Pomiar się nie udał: {e}"))
}

/// Peak resident memory of this process (VmHWM), in MiB; reset with `reset_peak_memory`.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn reset_peak_memory() {
    // Linux: "5" resets the peak RSS to the current RSS.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

pub fn run(participants: Option<usize>, out: &Path) -> Result<(), ApiError> {
    if cfg!(debug_assertions) {
        eprintln!(
            "Uwaga: to jest kompilacja debug — wyniki nie są miarodajne (użyj scripts/bench.sh)."
        );
    }
    let sizes = match participants {
        Some(n) => vec![n],
        None => vec![10_000, 100_000, 1_000_000],
    };
    let mut rows = Vec::new();
    for size in sizes {
        let dir =
            std::env::temp_dir().join(format!("kartoteka-bench-{}-{size}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = rows.len();
        let result = bench_size(size, &dir, &mut rows);
        // Each size's rows as soon as they are known, and the JSON so far, even after a failure.
        print_table(&rows[first..]);
        write_json(out, &rows)?;
        match result {
            Ok(()) => {
                let _ = std::fs::remove_dir_all(&dir);
            }
            Err(e) => {
                eprintln!("Folder pomiaru zostaje do sprawdzenia: {}", dir.display());
                return Err(e);
            }
        }
    }
    eprintln!("Wyniki zapisano w {}", out.display());
    Ok(())
}

fn bench_size(size: usize, dir: &Path, rows: &mut Vec<Row>) -> Result<(), ApiError> {
    eprintln!("== {size} uczestników: dane syntetyczne…");
    reset_peak_memory();
    let mut store = init_bench_store(dir)?;
    let started = Instant::now();
    let summary = seed_store(&mut store, size, SEED, |_, _| {})?;
    let seeded = started.elapsed();
    rows.push(Row {
        extra: Some(format!(
            "{} rel., {} proj., {} enrol., {} plans, {} deliv., {} notes",
            summary.counts.relations,
            summary.counts.projects,
            summary.counts.enrolments,
            summary.counts.plans,
            summary.counts.deliveries,
            summary.counts.notes
        )),
        ..Samples(vec![ms(seeded)]).row(size, "seed (bulk, all records)", "minutes for 1M", None)
    });
    drop(store);

    // Opening: key derivation (Argon2id), SQLCipher key, schema check.
    eprintln!("   otwieranie…");
    let open = measure(1, 5, || Ok(Store::open(dir, PASSWORD, seed_options())?))?;
    let kdf = kartoteka_store::keyring::KdfCost::default();
    let mut row = open.row(
        size,
        "unlock with the password (open + Argon2id)",
        "< 500 ms",
        Some((Which::P50, 500.0)),
    );
    row.extra = Some(format!(
        "Argon2id {} MiB, {} passes (memory held while deriving)",
        kdf.m_cost / 1024,
        kdf.t_cost
    ));
    rows.push(row);
    let mut store = Store::open(dir, PASSWORD, seed_options())?;

    // Unlock to the first page of the list (what the app does after the password).
    let unlock_list = measure(1, 5, || {
        let s = Store::open(dir, PASSWORD, seed_options())?;
        Ok(s.participant_page(0, 50, false)?)
    })?;
    let list_target = if size == 100_000 {
        "< 300 ms (100k)"
    } else {
        "—"
    };
    rows.push(unlock_list.row(
        size,
        "unlock → first list page (50)",
        list_target,
        (size == 100_000).then_some((Which::P50, 300.0)),
    ));
    let page = measure(3, 30, || Ok(store.participant_page(0, 50, false)?))?;
    rows.push(page.row(size, "list page (50, with total)", "—", None));

    // Search: typical queries, typed without Polish letters.
    eprintln!("   wyszukiwanie…");
    let pesels = sample_pesels(&store)?;
    let search_target = match size {
        n if n >= 1_000_000 => Some(20.0),
        _ => Some(2.0),
    };
    let target_text = search_target
        .map(|t| format!("p95 < {t} ms"))
        .unwrap_or_default();
    let families: Vec<(&str, Vec<String>)> = vec![
        (
            "search surname prefix",
            ["kowal", "walesa", "lukas", "zolkiew", "nowak", "wisniewsk"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "search name + surname",
            ["anna kowal", "lukasz wojc", "malgorzata dabr"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "search PESEL prefix",
            pesels
                .iter()
                .map(|p| p[..6].to_owned())
                .chain(pesels.iter().cloned())
                .collect(),
        ),
        (
            "search town",
            ["lodz", "krakow", "zolkiewka", "gdansk"]
                .map(String::from)
                .to_vec(),
        ),
    ];
    for (what, queries) in &families {
        for q in queries {
            for _ in 0..3 {
                store.search_participants(q, SEARCH_LIMIT, false)?;
            }
        }
        let mut times = Vec::new();
        let mut found = 0usize;
        for _ in 0..25 {
            for q in queries {
                let t = Instant::now();
                found += store.search_participants(q, SEARCH_LIMIT, false)?.len();
                times.push(ms(t.elapsed()));
            }
        }
        let mut row = Samples(times).row(
            size,
            what,
            &target_text,
            search_target.map(|t| (Which::P95, t)),
        );
        row.extra = Some(format!(
            "{} queries, avg {} hits",
            queries.len(),
            found / (25 * queries.len())
        ));
        rows.push(row);
    }

    // Saving one participant on the normal path (validation, duplicate checks, FTS, audit).
    eprintln!("   zapis…");
    let inputs = fresh_inputs(size)?;
    let mut next = inputs.into_iter();
    let mut saved = 0;
    let save = measure(2, 20, || loop {
        let input = next
            .next()
            .ok_or_else(|| internal("za mało danych do zapisu"))?;
        match store.add_participant(Source::Cli, &input, DuplicateCheck::Refuse) {
            Ok(id) => {
                saved += 1;
                return Ok(id);
            }
            // The same synthetic PESEL or name and birth date as a seeded person: take another.
            Err(StoreError::Duplicate { .. }) | Err(StoreError::LikelyDuplicate { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    })?;
    rows.push(save.row(size, "save participant (normal path)", "—", None));
    let _ = saved;

    // Forms.
    eprintln!("   formularze…");
    let project = store
        .projects()?
        .into_iter()
        .find(|p| p.data.participant_target == Some(MAIN_PROJECT_SIZE as u32))
        .ok_or_else(|| internal("brak projektu 350 osób"))?;
    let project_id = project.id.to_string();
    let enrolled = store.enrolments_in_project(&project_id)?;
    let person = enrolled
        .first()
        .ok_or_else(|| internal("projekt bez uczestników"))?
        .participant_id
        .to_string();
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-15T10:00:00+01:00").expect("date");
    let req = PrintRequest {
        kind: Some(DocumentKind::Enrolment),
        participant_id: Some(person.clone()),
        project_id: Some(project_id.clone()),
        attendance: None,
        plan_id: None,
        text_id: None,
    };
    let snapshot = printing::build_snapshot(&mut store, Source::Cli, &req, now)?;
    let mut bytes = 0;
    let render = measure(3, 30, || {
        bytes = printing::render_snapshot(&snapshot)?.len();
        Ok(())
    })?;
    let mut row = render.row(
        size,
        "enrolment form PDF (render)",
        "< 5 ms, < 40 KB",
        Some((Which::P50, 5.0)),
    );
    row.extra = Some(format!("{:.1} KB", bytes as f64 / 1024.0));
    if bytes >= 40 * 1024 && row.status == "met" {
        row.status = "missed (size)".into();
    }
    rows.push(row);
    let full = measure(2, 20, || {
        printing::print(&mut store, Source::Cli, &req, now)
    })?;
    rows.push(full.row(
        size,
        "enrolment form (read+render+record)",
        "< 5 ms",
        Some((Which::P50, 5.0)),
    ));

    // The batch as `kartoteka form batch` and the window run it: one file per person.
    let batch_dir = dir.join("bench-batch");
    std::fs::create_dir_all(&batch_dir).map_err(internal)?;
    let mut printed = 0;
    let mut app = App::new(store, Frontend::Cli);
    let batch = measure(1, 3, || {
        let mut write_each = |i: usize, participant: &str, bytes: &[u8]| {
            std::fs::write(batch_dir.join(format!("{i:04}-{participant}.pdf")), bytes)
                .map_err(internal)
        };
        let outcome = printing::print_batch(
            &mut |f| f(&mut app),
            DocumentKind::Enrolment,
            &project_id,
            &|| now,
            printing::BatchOutput::EachFile(&mut write_each),
            printing::BatchHooks {
                progress: &mut |_, _| {},
                cancelled: &|| false,
            },
        )?;
        printed = outcome.printed;
        Ok(())
    })?;
    let mut row = batch.row(
        size,
        "batch of 350 enrolment forms",
        "< 1.5 s",
        Some((Which::P50, 1500.0)),
    );
    row.extra = Some(format!("{printed} forms (of {} enrolled)", enrolled.len()));
    rows.push(row);
    groups::bench_sessions(&mut app, size, &project_id, rows)?;
    drop(app);

    // The whole `kartoteka form enrolment` process (start, unlock, read, render, write).
    let exe = std::env::current_exe().map_err(internal)?;
    let pdf = dir.join("bench-form.pdf");
    // One `kartoteka form enrolment` process, opened by the password or by a session.
    let form_process = |opened_by: (&str, &str)| -> Result<(), ApiError> {
        let status = Command::new(&exe)
            .arg("--data-dir")
            .arg(dir)
            .args([
                "form",
                "enrolment",
                "--participant",
                &person,
                "--project",
                &project_id,
                "--out",
            ])
            .arg(&pdf)
            .env_remove("KARTOTEKA_PASSWORD")
            .env_remove("KARTOTEKA_SESSION")
            .env(opened_by.0, opened_by.1)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(internal)?;
        if status.success() {
            Ok(())
        } else {
            Err(internal("kartoteka form enrolment zakończył się błędem"))
        }
    };
    let cli = measure(1, 5, || form_process(("KARTOTEKA_PASSWORD", PASSWORD)))?;
    let median = |samples: &Samples| {
        let mut v = samples.0.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let cli_median = median(&cli);
    let lo = which("soffice")
        .or_else(|| which("libreoffice"))
        .and_then(|soffice| libreoffice(&soffice, dir, &form_text(&snapshot)));
    let mut row = cli.row(
        size,
        "CLI form, whole process (password)",
        "Argon2id is the floor",
        None,
    );
    row.extra = Some(match lo {
        Some(lo) => format!("LibreOffice {lo:.0} ms, {:.0}×", lo / cli_median),
        None => format!(
            "soffice: n/a; vs 1.4 s reference: {:.0}×",
            LIBREOFFICE_REFERENCE_MS / cli_median
        ),
    });
    rows.push(row);

    // The same with a session (`kartoteka unlock` once, then KARTOTEKA_SESSION).
    let unlocked = Command::new(&exe)
        .arg("--data-dir")
        .arg(dir)
        .args(["unlock", "--minutes", "10"])
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .output()
        .map_err(internal)?;
    let token = serde_json::from_slice::<serde_json::Value>(&unlocked.stdout)
        .ok()
        .and_then(|v| v["session"].as_str().map(str::to_owned))
        .ok_or_else(|| internal("kartoteka unlock nie zwrócił sesji"))?;
    let cli = measure(1, 7, || form_process(("KARTOTEKA_SESSION", &token)))?;
    let _ = Command::new(&exe)
        .arg("--data-dir")
        .arg(dir)
        .arg("lock")
        .output();
    let cli_median = median(&cli);
    let mut row = cli.row(
        size,
        "CLI form, whole process (KARTOTEKA_SESSION)",
        "≥ 50× faster than LibreOffice",
        None,
    );
    match lo {
        Some(lo) => {
            let ratio = lo / cli_median;
            row.extra = Some(format!("LibreOffice {lo:.0} ms, {ratio:.0}×"));
            row.status = if ratio >= 50.0 {
                "met".into()
            } else {
                format!("missed ({ratio:.0}×)")
            };
        }
        None => {
            let ratio = LIBREOFFICE_REFERENCE_MS / cli_median;
            row.extra = Some(format!("soffice: n/a; vs 1.4 s reference: {ratio:.0}×"));
            row.status = if ratio >= 50.0 {
                "met (vs ref.)".into()
            } else {
                format!("missed ({ratio:.0}× vs ref.)")
            };
        }
    }
    rows.push(row);

    sync_and_reports(size, dir, &project_id, rows)?;

    rows.push(Row {
        unit: "MiB",
        extra: peak_memory_mib().map(|m| format!("{m:.0} MiB")),
        ..Row::note(size, "peak memory (VmHWM) of this size", "", "—")
    });
    Ok(())
}

/// The text of the form as an office template would hold it, for LibreOffice to convert.
fn form_text(snapshot: &printing::Snapshot) -> String {
    let mut text = String::from("FORMULARZ ZGŁOSZENIOWY UCZESTNIKA PROJEKTU\n\n");
    if let Some(p) = &snapshot.project {
        text.push_str(&format!("Projekt: {}\n", p.name));
    }
    if let Some(p) = &snapshot.participant {
        let json = serde_json::to_value(p).unwrap_or_default();
        for (key, value) in json.as_object().into_iter().flatten() {
            text.push_str(&format!("{key}: {value}\n"));
        }
    }
    text.push_str("\nData i podpis uczestnika: ............................\n");
    text
}

/// A few stored PESELs spread over the registry, for PESEL-prefix queries.
fn sample_pesels(store: &Store) -> Result<Vec<String>, ApiError> {
    let total = store.participant_page(0, 1, false)?.total;
    let mut out = Vec::new();
    for offset in [0, total / 3, total * 2 / 3] {
        if let Some(p) = store
            .participant_page(offset, 20, false)?
            .rows
            .into_iter()
            .find_map(|s| s.pesel)
        {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err(internal("brak numerów PESEL w danych"));
    }
    Ok(out)
}

/// New people as a form would send them (another seed than the stored ones).
fn fresh_inputs(size: usize) -> Result<Vec<ParticipantInput>, ApiError> {
    let mut generator = Generator::new(SEED ^ 0xABCD_EF01 ^ size as u64, 200);
    let mut records = Vec::new();
    while !generator.done() {
        generator.next_household(&mut records);
    }
    records
        .into_iter()
        .filter_map(|r| match r {
            BulkRecord::Participant { data, .. } => Some(data),
            _ => None,
        })
        .map(|d| serde_json::from_value(d.to_input_json()).map_err(internal))
        .collect()
}

/// LibreOffice converting the same form as an office does it (a text document to PDF, one
/// process per document), median of three after a warm-up; `None` when it cannot convert.
fn libreoffice(soffice: &Path, dir: &Path, text: &str) -> Option<f64> {
    let source = dir.join("formularz.txt");
    std::fs::write(&source, text).ok()?;
    let out_dir = dir.join("lo");
    let profile = dir.join("lo-profile");
    let run = || {
        Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out_dir)
            .arg(&source)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()
            .filter(|s| s.success())
            .map(|_| ())
    };
    run()?;
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        run()?;
        times.push(ms(t.elapsed()));
    }
    let made = out_dir.join("formularz.pdf");
    made.is_file().then_some(())?;
    times.sort_by(|a, b| a.total_cmp(b));
    Some(times[1])
}
