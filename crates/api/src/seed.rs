//! `kartoteka seed`: fills an empty registry with synthetic people (see `synthetic.rs`) through
//! the store's bulk path, 10,000 records a transaction.
//!
//! Without a store in the data folder, seed creates one (worker "administrator", password from
//! KARTOTEKA_PASSWORD) and prints its recovery key on stderr, as `init` does. Seeding refuses a
//! registry that already has participants: synthetic PESELs could clash with real ones.

use crate::synthetic::{seed_time, Counts, Generator};
use crate::{ApiError, ErrorCode};
use kartoteka_store::{FixedClock, OpenOptions, Source, Store};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Records per transaction.
pub const BATCH: usize = 10_000;

/// What `kartoteka seed` prints.
#[derive(Debug, Clone, Serialize)]
pub struct SeedSummary {
    #[serde(flatten)]
    pub counts: Counts,
    pub seed: u64,
    pub main_project: String,
    pub seconds: f64,
}

/// The clock of a seeding session: fixed, so the same seed writes the same rows.
pub(crate) fn seed_options() -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock(seed_time())),
        ..OpenOptions::default()
    }
}

/// Writes `participants` synthetic people into an open, empty store.
pub(crate) fn seed_store(
    store: &mut Store,
    participants: usize,
    seed: u64,
    progress: impl FnMut(usize, usize),
) -> Result<SeedSummary, ApiError> {
    let generator = Generator::new(seed, participants);
    seed_with(store, generator, participants, seed, progress)
}

/// The first-run wizard's demo data: the seed's people in projects named "DEMO – …".
pub(crate) fn seed_demo(
    store: &mut Store,
    participants: usize,
    seed: u64,
) -> Result<SeedSummary, ApiError> {
    let generator = Generator::new(seed, participants).demo();
    seed_with(store, generator, participants, seed, |_, _| {})
}

fn seed_with(
    store: &mut Store,
    mut generator: Generator,
    participants: usize,
    seed: u64,
    mut progress: impl FnMut(usize, usize),
) -> Result<SeedSummary, ApiError> {
    if store.count_rows("participants")? > 0 {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Kartoteka zawiera już uczestników — dane syntetyczne można wpisać tylko do pustej kartoteki (użyj nowego folderu danych).",
        ));
    }
    let started = Instant::now();
    let mut batch = Vec::with_capacity(BATCH + 16);
    while !generator.done() || generator.counts.projects == 0 {
        batch.clear();
        while batch.len() < BATCH && !generator.done() {
            generator.next_household(&mut batch);
        }
        if batch.is_empty() {
            // No people asked for: still write the projects.
            generator.next_household(&mut batch);
        }
        store.write_bulk(Source::Cli, &batch)?;
        progress(generator.counts.participants, participants);
    }
    store.optimize_search()?;
    let main_project = generator.main_project().to_string();
    // The round recruits for a project that has places left: not the main one, which takes
    // the first 350 adults.
    let other = store
        .projects()?
        .into_iter()
        .map(|p| p.id.to_string())
        .find(|id| *id != main_project)
        .unwrap_or_else(|| main_project.clone());
    let (rounds, candidates) =
        crate::synthetic::recruitment::seed_recruitment(store, &other, seed)?;
    generator.counts.recruitments = rounds;
    generator.counts.candidates = candidates;
    let (groups, sessions, events) =
        crate::synthetic::groups::seed_groups(store, &main_project, &other, seed)?;
    generator.counts.groups = groups;
    generator.counts.sessions = sessions;
    generator.counts.events = events;
    Ok(SeedSummary {
        counts: generator.counts,
        seed,
        main_project,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Opens the store in `dir` with the seeding clock, creating it first when there is none
/// (`created` gets the new store's recovery key at once, before any seeding can fail).
fn open_or_init(
    dir: &Path,
    password: &str,
    created: &mut dyn FnMut(&str),
) -> Result<Store, ApiError> {
    if Store::exists(dir) {
        return Ok(Store::open(dir, password, seed_options())?);
    }
    let init = Store::init(dir, "administrator", password, seed_options())?;
    created(init.recovery_key.as_str());
    Ok(init.store)
}

/// `kartoteka seed`: `participants` synthetic people from `seed` into the store in `dir`
/// (made when missing, with worker "administrator"; its recovery key goes to `created`).
/// `progress` gets (people written, people asked for) after every batch.
pub fn seed(
    dir: &Path,
    password: &str,
    participants: usize,
    seed: u64,
    created: &mut dyn FnMut(&str),
    progress: impl FnMut(usize, usize),
) -> Result<SeedSummary, ApiError> {
    let mut store = open_or_init(dir, password, created)?;
    seed_store(&mut store, participants, seed, progress)
}
