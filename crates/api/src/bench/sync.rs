//! Sync between two installations (the full set and 1,000 changed people) and the CST2021
//! export of the 350-person project.

use super::*;

/// Sync bundles (full, then 1,000 changed records) between this store and a second
/// installation of the same organisation, and the CST2021 export of the 350-person project.
pub(super) fn sync_and_reports(
    size: usize,
    dir: &Path,
    project_id: &str,
    rows: &mut Vec<Row>,
) -> Result<(), ApiError> {
    use crate::sync::{ExportWatch, ImportWatch};
    const PASSPHRASE: &str = "wspolne-haslo-synchronizacji";
    const ORGANISATION: &str = "OPS Pomiarowo";
    // Sync runs on the computers' real clocks (as in an office): the seeded store's stamps
    // include the `kartoteka form` processes above, made at the real time, and a computer
    // whose clock is far behind a bundle's stamps refuses it.
    let mut store = App::new(
        Store::open(dir, PASSWORD, kartoteka_store::OpenOptions::default())?,
        Frontend::Cli,
    );
    eprintln!("   synchronizacja…");
    store.sync_setup(PASSPHRASE, Some(ORGANISATION))?;
    let other_dir = dir.join("bench-other");
    let mut other = App::new(
        Store::init(
            &other_dir,
            "administrator",
            PASSWORD,
            kartoteka_store::OpenOptions::default(),
        )?
        .store,
        Frontend::Cli,
    );
    other.sync_setup(PASSPHRASE, Some(ORGANISATION))?;
    let (out, back) = (dir.join("bench-bundles"), other_dir.join("bench-bundles"));
    std::fs::create_dir_all(&out).map_err(internal)?;
    std::fs::create_dir_all(&back).map_err(internal)?;

    let mut file = None;
    let mut records = 0;
    let export_full = measure(0, 1, || {
        let report = ExportWatch::none(|w| store.sync_export(&out, true, w))?;
        (file, records) = (report.file, report.records);
        Ok(())
    })?;
    let bundle = file
        .clone()
        .ok_or_else(|| internal("eksport pełny nie zapisał pliku"))?;
    let import_full = measure(0, 1, || {
        ImportWatch::none(|w| other.sync_import(Path::new(&bundle), w))?;
        Ok(())
    })?;
    let target_full = "< 5 s each (100k)";
    let judge_full = (size == 100_000).then_some((Which::P50, 5000.0));
    let mut row = export_full.row(size, "sync full export", target_full, judge_full);
    row.extra = Some(format!("{records} records"));
    rows.push(row);
    rows.push(import_full.row(size, "sync full import", target_full, judge_full));

    // Rounds of: 1,000 other people change here; the next bundle carries only them.
    const ROUNDS: usize = 5;
    const CHANGED: usize = 1000;
    let people = store
        .store
        .participant_page(0, (ROUNDS * CHANGED) as u32, false)?
        .rows;
    let (mut export_delta, mut import_delta, mut checkpoint) = (vec![], vec![], vec![]);
    let mut pages = 0;
    for (round, group) in people.chunks(CHANGED).enumerate() {
        for p in group {
            store.participant_update(
                &p.id.to_string(),
                &serde_json::json!({ "phone": format!("602 000 {round:03}") }),
                true,
            )?;
        }
        // In the window the log is copied into the database file in the worker's pauses
        // (`Store::checkpoint`); each round starts from that quiet state on both sides.
        store.checkpoint()?;
        other.checkpoint()?;
        export_delta.extend(
            measure(0, 1, || {
                let report = ExportWatch::none(|w| store.sync_export(&out, false, w))?;
                (file, records) = (report.file, report.records);
                Ok(())
            })?
            .0,
        );
        let bundle = file
            .clone()
            .ok_or_else(|| internal("eksport zmian nie zapisał pliku"))?;
        import_delta.extend(
            measure(0, 1, || {
                ImportWatch::none(|w| other.sync_import(Path::new(&bundle), w))?;
                Ok(())
            })?
            .0,
        );
        // What the import left in the log, copied in the next pause: not waited for, shown.
        checkpoint.extend(
            measure(0, 1, || {
                pages = other.store.checkpoint()?;
                Ok(())
            })?
            .0,
        );
    }
    let judge = Some((Which::P50, 200.0));
    let mut row =
        Samples(export_delta).row(size, "sync export, 1,000 changed", "< 200 ms each", judge);
    row.extra = Some(format!("{records} records, {ROUNDS} rounds"));
    rows.push(row);
    let mut row =
        Samples(import_delta).row(size, "sync import, 1,000 changed", "< 200 ms each", judge);
    row.extra = Some(format!("{ROUNDS} rounds"));
    rows.push(row);
    let mut row = Samples(checkpoint).row(size, "  then log → file, in a pause", "—", None);
    row.extra = Some(format!("{pages} pages"));
    rows.push(row);
    drop(other);
    cst2021(size, &mut store, project_id, dir, rows)
}

/// The CST2021 export of the 350-person project.
pub(super) fn cst2021(
    size: usize,
    app: &mut App,
    project_id: &str,
    dir: &Path,
    rows: &mut Vec<Row>,
) -> Result<(), ApiError> {
    eprintln!("   raporty…");
    let xlsx = dir.join("bench-cst2021.xlsx");
    let mut people = 0;
    let cst = measure(1, 3, || {
        people = app
            .cst2021_export(project_id, crate::reports::Layout::Export, &xlsx)?
            .rows;
        Ok(())
    })?;
    let mut row = cst.row(size, "CST2021 export (XLSX)", "—", None);
    row.extra = Some(format!("{people} rows"));
    rows.push(row);

    // The whole registry as a CSV for Excel, as "Raporty" writes it (streamed row by row).
    let csv = dir.join("bench-uczestnicy.csv");
    let mut written = 0;
    let all = measure(0, 1, || {
        written = app
            .csv_export(
                crate::reports::CsvKind::Participants,
                None,
                &csv,
                &mut |_| {},
                &|| false,
            )?
            .rows;
        Ok(())
    })?;
    let mut row = all.row(size, "CSV of all participants", "—", None);
    row.extra = Some(format!("{written} rows"));
    rows.push(row);
    Ok(())
}

/// A throw-away store for one size (its recovery key is never shown: nobody needs it).
pub(super) fn init_bench_store(dir: &Path) -> Result<Store, ApiError> {
    Ok(Store::init(dir, "administrator", PASSWORD, seed_options())?.store)
}
