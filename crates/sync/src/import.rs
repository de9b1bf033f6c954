//! Importing bundles: one file (verified, decrypted, applied in one transaction or not at all)
//! or every new bundle of a folder, with progress and a way to stop.

use crate::*;

/// Imports one bundle file: verified, decrypted, applied in one transaction or not at all.
pub fn import_file(store: &mut Store, file: &Path) -> Result<ImportReport, SyncError> {
    ImportWatch::none(|watch| import_file_watched(store, file, watch))
}

/// `import_file` reporting progress as bundle 1 of 1, and stoppable.
pub fn import_file_watched(
    store: &mut Store,
    file: &Path,
    watch: &mut ImportWatch<'_>,
) -> Result<ImportReport, SyncError> {
    apply_file(store, file, (1, 1), watch)
}

fn cancelled_message(kept: usize) -> String {
    let mut text = String::from(
        "Import przerwany. Przerwany pakiet nie zmienił niczego w kartotece — możesz go zaimportować ponownie w dowolnej chwili.",
    );
    if kept > 0 {
        text.push_str(&format!(
            " Pakiety zaimportowane przed przerwaniem ({kept}) zostały zapisane."
        ));
    }
    text
}

/// Applies one bundle; `place` is (this bundle from 1, bundles in this import) for progress.
fn apply_file(
    store: &mut Store,
    file: &Path,
    place: (u32, u32),
    watch: &mut ImportWatch<'_>,
) -> Result<ImportReport, SyncError> {
    let config = config(store)?;
    // A file larger than any bundle is refused before it is read.
    if std::fs::metadata(file).is_ok_and(|m| m.len() > bundle::MAX_FILE_BYTES) {
        return Err(SyncError::Bundle(format!(
            "Plik {} jest większy niż jakikolwiek pakiet synchronizacji (ponad 2 GiB) — to nie jest pakiet Kartoteki albo jest uszkodzony. Nic nie zaimportowano.",
            file.display()
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            SyncError::NotFound(format!("Nie znaleziono pliku pakietu {}.", file.display()))
        }
        _ => SyncError::Io(format!(
            "Nie udało się odczytać pliku {} ({e}).",
            file.display()
        )),
    })?;
    let opened = bundle::open(
        &bytes,
        &config.identity,
        &config.organisation,
        store.schema_version()?,
    )?;
    // Who signed it, against what is known of its device (checked again, and a first key
    // recorded, inside the import's transaction).
    let device = opened.manifest.device.clone();
    let device_key = opened.manifest.device_key.clone();
    let known_key = store.sync_device_key(&device)?;
    let key_check = kartoteka_store::sync::check_device_key(
        &device,
        known_key.as_deref(),
        device_key.as_deref(),
    )
    .map_err(SyncError::Bundle)?;
    let records = opened.manifest.records as u32;
    let (bundle, bundles) = place;
    let mut report = |done: u32| {
        (watch.progress)(ImportProgress {
            bundle,
            bundles,
            done: done.min(records),
            total: records,
        })
    };
    report(0);
    let mut done: u32 = 0;
    let sha = sha256_hex(&bytes);
    let schema = store.schema_version()?;
    let now_ms = u64::try_from(store.clock().now().timestamp_millis()).unwrap_or(0);
    // Rows go from the bundle into the transaction one at a time; a damaged row (or a store
    // error) stops the reading and the transaction is abandoned. The error that stopped it is
    // kept here, as the store only passes its own errors through. (Reading on a second thread
    // was measured slower: handing 255k rows across threads cost more than parsing them.)
    let mut stopped: Option<SyncError> = None;
    let applied = store.sync_apply(
        ApplyBatch {
            bundle_id: &opened.manifest.bundle_id,
            file_sha256: &sha,
            device: &opened.manifest.device,
            records: opened.manifest.records,
            signing_key: device_key.as_deref(),
        },
        &mut |apply| {
            let cancelled = watch.cancelled;
            opened
                .rows(schema, now_ms, &mut |row| {
                    apply(row).map_err(SyncError::from)?;
                    done += 1;
                    if done.is_multiple_of(PROGRESS_EVERY) {
                        if cancelled() {
                            return Err(SyncError::Cancelled(cancelled_message(0)));
                        }
                        report(done);
                    }
                    Ok(())
                })
                .and_then(|()| {
                    // The last chance to stop: what follows is the commit.
                    if cancelled() {
                        return Err(SyncError::Cancelled(cancelled_message(0)));
                    }
                    report(done);
                    Ok(())
                })
                .map_err(|e| {
                    let text = e.to_string();
                    stopped = Some(e);
                    StoreError::Conflict(text)
                })
        },
        &merge::merge_row,
    );
    let summary: ApplySummary = match (applied, stopped) {
        (Ok(summary), _) => summary,
        (Err(_), Some(e)) => return Err(e),
        (Err(e), None) => return Err(e.into()),
    };
    let (signature, note) = match key_check {
        DeviceKeyCheck::Known => ("signed", None),
        DeviceKeyCheck::First => (
            "first_signed",
            Some(format!(
                "Pierwszy podpisany pakiet z urządzenia {device} — zapamiętano jego klucz podpisu. Kolejne pakiety tego urządzenia muszą być podpisane tym samym kluczem, inaczej nie zostaną zastosowane."
            )),
        ),
        DeviceKeyCheck::Unsigned => (
            "unsigned",
            Some(format!(
                "Pakiet bez podpisu urządzenia (zapisała go starsza wersja programu) — przyjęty, bo urządzenie {device} nie przysłało jeszcze żadnego podpisanego pakietu. Zaktualizuj Kartotekę na tamtym komputerze."
            )),
        ),
    };
    Ok(ImportReport {
        file: file.display().to_string(),
        bundle_id: opened.manifest.bundle_id,
        device,
        records,
        applied: summary.applied,
        unchanged: summary.unchanged,
        conflicts: summary.conflicts,
        signature: signature.into(),
        device_key,
        note,
    })
}

/// Imports every bundle in `dir` not yet written or applied here, oldest name first. Each is
/// applied whole or not at all; a refused one does not stop the others.
pub fn import_dir(store: &mut Store, dir: &Path) -> Result<FolderImportReport, SyncError> {
    ImportWatch::none(|watch| import_dir_watched(store, dir, watch))
}

/// `import_dir` reporting each bundle's progress, and stoppable: a stop abandons the bundle
/// being applied and keeps the ones applied before it.
pub fn import_dir_watched(
    store: &mut Store,
    dir: &Path,
    watch: &mut ImportWatch<'_>,
) -> Result<FolderImportReport, SyncError> {
    config(store)?;
    let entries = std::fs::read_dir(dir).map_err(|e| {
        SyncError::NotFound(format!(
            "Folder {} jest niedostępny ({e}). Podłącz nośnik albo sprawdź ścieżkę.",
            dir.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().and_then(|e| e.to_str()) == Some(bundle::EXTENSION)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    let mut report = FolderImportReport {
        applied: 0,
        unchanged: 0,
        conflicts: 0,
        skipped: 0,
        bundles: vec![],
        refused: vec![],
    };
    let mut new_files = Vec::with_capacity(files.len());
    for file in files {
        // Hashed as a stream; a file over the size of any bundle is not read at all (it is
        // refused, unread, below).
        let too_large = std::fs::metadata(&file).is_ok_and(|m| m.len() > bundle::MAX_FILE_BYTES);
        let seen = (!too_large)
            .then(|| sha256_file(&file).ok())
            .flatten()
            .map(|sha| store.sync_bundle_seen(&sha))
            .transpose()?
            .unwrap_or(false);
        if seen {
            report.skipped += 1;
        } else {
            new_files.push(file);
        }
    }
    let bundles = new_files.len() as u32;
    for (i, file) in new_files.into_iter().enumerate() {
        match apply_file(store, &file, (i as u32 + 1, bundles), watch) {
            Ok(r) => {
                report.applied += r.applied;
                report.unchanged += r.unchanged;
                report.conflicts += r.conflicts;
                report.bundles.push(r);
            }
            Err(SyncError::Cancelled(_)) => {
                return Err(SyncError::Cancelled(cancelled_message(
                    report.bundles.len(),
                )))
            }
            Err(SyncError::Store(e)) if !matches!(e, StoreError::Conflict(_)) => {
                return Err(SyncError::Store(e))
            }
            Err(e) => report.refused.push(RefusedBundle {
                file: file.display().to_string(),
                error: e.to_string(),
            }),
        }
    }
    Ok(report)
}
