//! `kartoteka bench`: measures the targets of DESIGN.md §8 on synthetic registries of 10,000,
//! 100,000 and 1,000,000 people, each seeded into its own temporary data folder.
//!
//! Every row: warm-up runs first, then repeated runs; the table shows the median (p50), p95,
//! p99, min and max, the target and whether it is met. Results also go to a JSON file.
//! Run it from a release build (`scripts/bench.sh`); debug figures mean nothing.

use crate::seed::{seed_options, seed_store};
use crate::synthetic::{Generator, MAIN_PROJECT_SIZE};
use kartoteka_api::printing::{self, PrintRequest};
use kartoteka_api::{ApiError, ErrorCode};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_forms::DocumentKind;
use kartoteka_store::bulk::BulkRecord;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PASSWORD: &str = "haslo-do-pomiarow";
const SEED: u64 = 2026;
/// What the UI asks for as the user types (ParticipantList.ts SEARCH_LIMIT).
const SEARCH_LIMIT: u32 = 100;
/// LibreOffice converting one form, measured on this kind of machine (TOOLCHAIN.md).
const LIBREOFFICE_REFERENCE_MS: f64 = 1400.0;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub size: usize,
    pub what: String,
    pub unit: &'static str,
    pub runs: usize,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    pub p99: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Bytes, counts or ratios that go with the row.
    pub extra: Option<String>,
    pub target: String,
    /// "met", "missed", "—" (no target) or "n/a".
    pub status: String,
}

impl Row {
    fn note(size: usize, what: &str, note: &str, target: &str) -> Row {
        Row {
            size,
            what: what.into(),
            unit: "",
            runs: 0,
            p50: None,
            p95: None,
            p99: None,
            min: None,
            max: None,
            extra: Some(note.into()),
            target: target.into(),
            status: "n/a".into(),
        }
    }
}

/// Times in milliseconds, sorted.
struct Samples(Vec<f64>);

impl Samples {
    fn percentile(&self, p: f64) -> f64 {
        let v = &self.0;
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }
    fn row(mut self, size: usize, what: &str, target: &str, check: Option<(Which, f64)>) -> Row {
        self.0.sort_by(|a, b| a.total_cmp(b));
        let (p50, p95, p99) = (
            self.percentile(50.0),
            self.percentile(95.0),
            self.percentile(99.0),
        );
        let status = match check {
            None => "—".to_owned(),
            Some((which, limit)) => {
                let value = match which {
                    Which::P50 => p50,
                    Which::P95 => p95,
                };
                if value < limit {
                    "met".into()
                } else {
                    format!("missed ({:.1}×)", value / limit)
                }
            }
        };
        Row {
            size,
            what: what.into(),
            unit: "ms",
            runs: self.0.len(),
            p50: Some(p50),
            p95: Some(p95),
            p99: Some(p99),
            min: self.0.first().copied(),
            max: self.0.last().copied(),
            extra: None,
            target: target.into(),
            status,
        }
    }
}

#[derive(Clone, Copy)]
enum Which {
    P50,
    P95,
}

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

fn write_json(out: &Path, rows: &[Row]) -> Result<(), ApiError> {
    let json = serde_json::json!({
        "machine": machine(),
        "rows": rows,
    });
    std::fs::write(
        out,
        serde_json::to_string_pretty(&json).expect("serialises"),
    )
    .map_err(internal)
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kib| format!("{:.0} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cpus} CPU, {mem}, {}", std::env::consts::OS)
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
    rows.push(open.row(size, "open + unlock store", "—", None));
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
    let batch = measure(1, 3, || {
        let mut write_each = |i: usize, participant: &str, bytes: &[u8]| {
            std::fs::write(batch_dir.join(format!("{i:04}-{participant}.pdf")), bytes)
                .map_err(internal)
        };
        let outcome = printing::print_batch(
            &mut |f| f(&mut store),
            Source::Cli,
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
    drop(store);

    // The whole `kartoteka form enrolment` process (start, unlock, read, render, write).
    let exe = std::env::current_exe().map_err(internal)?;
    let pdf = dir.join("bench-form.pdf");
    let cli = measure(1, 5, || {
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
            .env("KARTOTEKA_PASSWORD", PASSWORD)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(internal)?;
        if status.success() {
            Ok(())
        } else {
            Err(internal("kartoteka form enrolment zakończył się błędem"))
        }
    })?;
    let cli_median = {
        let mut v = cli.0.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let mut row = cli.row(
        size,
        "CLI form, whole process",
        "≥ 100× faster than LibreOffice",
        None,
    );
    match which("soffice").or_else(|| which("libreoffice")) {
        Some(soffice) => match libreoffice(&soffice, dir, &form_text(&snapshot)) {
            Some(lo) => {
                let ratio = lo / cli_median;
                row.extra = Some(format!("LibreOffice {lo:.0} ms, {ratio:.0}×"));
                row.status = if ratio >= 100.0 {
                    "met".into()
                } else {
                    format!("missed ({ratio:.0}×)")
                };
            }
            None => row.extra = Some("soffice could not convert: n/a".into()),
        },
        None => {
            let ratio = LIBREOFFICE_REFERENCE_MS / cli_median;
            row.extra = Some(format!("soffice: n/a; vs 1.4 s reference: {ratio:.0}×"));
            row.status = if ratio >= 100.0 {
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

/// Sync bundles (full, then 1,000 changed records) between this store and a second
/// installation of the same organisation, and the CST2021 export of the 350-person project.
fn sync_and_reports(
    size: usize,
    dir: &Path,
    project_id: &str,
    rows: &mut Vec<Row>,
) -> Result<(), ApiError> {
    use kartoteka_api::sync;
    const PASSPHRASE: &str = "wspolne-haslo-synchronizacji";
    const ORGANISATION: &str = "OPS Pomiarowo";
    let mut store = Store::open(dir, PASSWORD, seed_options())?;
    eprintln!("   synchronizacja…");
    sync::setup(&mut store, Source::Cli, PASSPHRASE, Some(ORGANISATION))?;
    let other_dir = dir.join("bench-other");
    let mut other = init_bench_store(&other_dir)?;
    sync::setup(&mut other, Source::Cli, PASSPHRASE, Some(ORGANISATION))?;
    let (out, back) = (dir.join("bench-bundles"), other_dir.join("bench-bundles"));
    std::fs::create_dir_all(&out).map_err(internal)?;
    std::fs::create_dir_all(&back).map_err(internal)?;

    let mut file = None;
    let mut records = 0;
    let export_full = measure(0, 1, || {
        let report = sync::export(&mut store, &out, true)?;
        (file, records) = (report.file, report.records);
        Ok(())
    })?;
    let bundle = file
        .clone()
        .ok_or_else(|| internal("eksport pełny nie zapisał pliku"))?;
    let import_full = measure(0, 1, || {
        sync::import(&mut other, Path::new(&bundle))?;
        Ok(())
    })?;
    let target_full = "< 5 s each (100k)";
    let judge_full = (size == 100_000).then_some((Which::P50, 5000.0));
    let mut row = export_full.row(size, "sync full export", target_full, judge_full);
    row.extra = Some(format!("{records} records"));
    rows.push(row);
    rows.push(import_full.row(size, "sync full import", target_full, judge_full));

    // 1,000 people change here; the next bundle carries only them.
    let page = store.participant_page(0, 1000, false)?;
    for p in &page.rows {
        store.update_participant(
            Source::Cli,
            &p.id.to_string(),
            &serde_json::json!({"phone": "602 000 001"}),
            kartoteka_store::participants::DuplicateCheck::Confirmed,
        )?;
    }
    let export_delta = measure(0, 1, || {
        let report = sync::export(&mut store, &out, false)?;
        (file, records) = (report.file, report.records);
        Ok(())
    })?;
    let bundle = file
        .clone()
        .ok_or_else(|| internal("eksport zmian nie zapisał pliku"))?;
    let import_delta = measure(0, 1, || {
        sync::import(&mut other, Path::new(&bundle))?;
        Ok(())
    })?;
    let judge = Some((Which::P50, 200.0));
    let mut row = export_delta.row(size, "sync export, 1,000 changed", "< 200 ms each", judge);
    row.extra = Some(format!("{records} records"));
    rows.push(row);
    rows.push(import_delta.row(size, "sync import, 1,000 changed", "< 200 ms each", judge));
    drop(other);
    cst2021(size, &store, project_id, dir, rows)
}

/// The CST2021 export of the 350-person project.
fn cst2021(
    size: usize,
    store: &Store,
    project_id: &str,
    dir: &Path,
    rows: &mut Vec<Row>,
) -> Result<(), ApiError> {
    eprintln!("   raporty…");
    let xlsx = dir.join("bench-cst2021.xlsx");
    let mut people = 0;
    let cst = measure(1, 3, || {
        people = kartoteka_api::reports::export_cst2021(store, project_id, &xlsx)?.rows;
        Ok(())
    })?;
    let mut row = cst.row(size, "CST2021 export (XLSX)", "—", None);
    row.extra = Some(format!("{people} rows"));
    rows.push(row);
    Ok(())
}

/// A throw-away store for one size (its recovery key is never shown: nobody needs it).
fn init_bench_store(dir: &Path) -> Result<Store, ApiError> {
    Ok(Store::init(dir, "administrator", PASSWORD, seed_options())?.store)
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

fn fmt(v: Option<f64>) -> String {
    match v {
        Some(x) if x >= 100.0 => format!("{x:.0}"),
        Some(x) if x >= 10.0 => format!("{x:.1}"),
        Some(x) => format!("{x:.2}"),
        None => "".into(),
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "{:>9} | {:<38} | {:>4} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} | {:<28} | {:<20} | notes",
        "size", "what", "unit", "p50", "p95", "p99", "min", "max", "target", "status"
    );
    println!("{}", "-".repeat(170));
    for r in rows {
        println!(
            "{:>9} | {:<38} | {:>4} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} | {:<28} | {:<20} | {}",
            r.size,
            r.what,
            r.unit,
            fmt(r.p50),
            fmt(r.p95),
            fmt(r.p99),
            fmt(r.min),
            fmt(r.max),
            r.target,
            r.status,
            r.extra.as_deref().unwrap_or("")
        );
    }
}
