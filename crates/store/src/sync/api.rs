//! The store's sync operations: configuration, status, export, import, conflicts.

use super::*;

/// Rows of an import after which its search entries and audit events are written.
const IMPORT_CHUNK: usize = 10_000;

/// A larger page cache while reading or applying a bundle (each row is a few random reads of
/// encrypted pages); it stays for the connection, as in the bulk path. KiB, negative.
const SYNC_CACHE: &str = "PRAGMA cache_size = -65536;";

fn not_configured_schema() -> StoreError {
    StoreError::Conflict(
        "Ta kartoteka nie ma jeszcze tabel synchronizacji — otwórz ją nowszą wersją programu."
            .into(),
    )
}

impl Store {
    pub fn device_id(&self) -> Result<String> {
        device_id(self.conn())
    }

    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        let org = state_get(self.conn(), "organisation")?;
        let identity = state_get(self.conn(), "identity")?;
        Ok(match (org, identity) {
            (Some(organisation), Some(identity)) => Some(SyncConfig {
                organisation,
                identity: Zeroizing::new(identity),
            }),
            _ => None,
        })
    }

    /// Stores the organisation and the sync key derived from the passphrase.
    pub fn save_sync_config(
        &mut self,
        source: Source,
        organisation: &str,
        identity: &str,
    ) -> Result<()> {
        self.write(source, |tx| {
            state_set(&tx.tx, "organisation", organisation)?;
            state_set(&tx.tx, "identity", identity)?;
            state_set(&tx.tx, "configured_at", &tx.now_text())?;
            tx.audit(
                "sync",
                "config",
                "setup",
                vec!["organisation".into(), "passphrase".into()],
            );
            Ok(())
        })
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let conn = self.conn();
        if !schema_has_sync(conn)? {
            return Err(not_configured_schema());
        }
        let watermark: i64 = state_get(conn, "last_export_seq")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let changed: u32 = conn
            .prepare_cached("SELECT count(*) FROM sync_rows WHERE change_seq > ?1")?
            .query_row([watermark], |r| r.get(0))?;
        // Rows queued but not yet stamped (e.g. right after the upgrade) wait too.
        let queued: u32 = conn.query_row(
            "SELECT count(*) FROM sync_dirty d WHERE NOT EXISTS
                 (SELECT 1 FROM sync_rows r WHERE r.tbl = d.tbl AND r.id = d.id AND r.change_seq > ?1)",
            [watermark],
            |r| r.get(0),
        )?;
        let open_conflicts: u32 = conn.query_row(
            "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(SyncStatus {
            device_id: device_id(conn)?,
            configured: self.sync_config()?.is_some(),
            organisation: state_get(conn, "organisation")?,
            last_export_at: state_get(conn, "last_export_at")?,
            last_export_file: state_get(conn, "last_export_file")?,
            pending_changes: changed + queued,
            open_conflicts,
        })
    }

    /// Whether a bundle file with this SHA-256 was written or applied here already.
    pub fn sync_bundle_seen(&self, file_sha256: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM sync_bundles WHERE file_sha256 = ?1)",
            [file_sha256],
            |r| r.get(0),
        )?)
    }

    /// Stamps what is pending and reads the rows for a bundle: everything (`full`) or what
    /// changed since the last export, together with every syncable row they refer to (so a
    /// bundle can be applied on its own, in any order). Rows go to `sink` one at a time,
    /// parents' tables first, by id within a table (the rows a change refers to come after
    /// the changes). An error from `sink` stops the reading. `expected` hears once, before the
    /// first row, how many rows will come (for a progress bar).
    pub fn sync_export(
        &mut self,
        full: bool,
        expected: &mut dyn FnMut(usize),
        sink: &mut dyn FnMut(RowState) -> Result<()>,
    ) -> Result<ExportInfo> {
        self.conn().execute_batch(SYNC_CACHE)?;
        self.write(Source::Sync, |tx| {
            let t = &tx.tx;
            stamp_dirty(t, tx.now)?;
            let device = device_id(t)?;
            let signing_seed = signing_seed(t)?;
            let watermark: i64 = if full {
                0
            } else {
                state_get(t, "last_export_seq")?
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0)
            };
            let upto_seq: i64 = state_get(t, "change_seq")?
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let mut tables = Tables::default();
            let mut records = 0;
            if full {
                let total: i64 = t.query_row(
                    "SELECT count(*) FROM sync_rows WHERE change_seq > 0",
                    [],
                    |r| r.get(0),
                )?;
                expected(usize::try_from(total).unwrap_or(0));
                for st in SYNC_TABLES {
                    if table_exists(t, st.table)? {
                        let info = tables.get(t, st.table)?;
                        each_changed_row(t, info, 0, &mut |row| {
                            records += 1;
                            sink(row)
                        })?;
                    }
                }
                return Ok(ExportInfo {
                    device,
                    upto_seq,
                    records,
                    signing_seed,
                });
            }
            let mut rows = Vec::new();
            for st in SYNC_TABLES {
                if table_exists(t, st.table)? {
                    let info = tables.get(t, st.table)?;
                    each_changed_row(t, info, watermark, &mut |row| {
                        rows.push(row);
                        Ok(())
                    })?;
                }
            }
            // A bundle of changes carries the rows they refer to as well.
            let mut seen: HashSet<(&'static str, String)> = rows
                .iter()
                .filter_map(|r| sync_table(&r.table).map(|s| (s.table, r.id.clone())))
                .collect();
            let mut i = 0;
            while i < rows.len() {
                let mut wanted = Vec::new();
                if rows[i].deleted.is_none() {
                    let info = tables.get(t, &rows[i].table)?;
                    for (col, target) in &info.refs {
                        if let Some(Some(Value::String(r))) =
                            rows[i].fields.get(col).map(|f| &f.value)
                        {
                            if seen.insert((target, r.clone())) {
                                wanted.push((*target, r.clone()));
                            }
                        }
                    }
                }
                for (target, id) in wanted {
                    let info = tables.get(t, target)?;
                    if let Some(row) = load_row(t, info, &id)? {
                        rows.push(row);
                    }
                }
                i += 1;
            }
            // Parents first, so a reader sees them before the rows that refer to them.
            let order = |table: &str| {
                SYNC_TABLES
                    .iter()
                    .position(|s| s.table == table)
                    .unwrap_or(usize::MAX)
            };
            rows.sort_by(|a, b| order(&a.table).cmp(&order(&b.table)).then(a.id.cmp(&b.id)));
            let records = rows.len();
            expected(records);
            for row in rows {
                sink(row)?;
            }
            Ok(ExportInfo {
                device,
                upto_seq,
                records,
                signing_seed,
            })
        })
    }

    /// The rows `sync_export` would hand on, collected (for tests and small exports).
    pub fn sync_export_batch(&mut self, full: bool) -> Result<ExportBatch> {
        let mut rows = Vec::new();
        let info = self.sync_export(full, &mut |_| {}, &mut |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(ExportBatch {
            device: info.device,
            rows,
            upto_seq: info.upto_seq,
            full,
        })
    }

    /// Records that a bundle with the rows up to `upto_seq` was written to `file`, signed with
    /// `device_key` (this installation's public key, hex; recorded at the first export, so a
    /// bundle claiming this device with another key is refused here too).
    pub fn sync_mark_exported(
        &mut self,
        bundle_id: &str,
        file_sha256: &str,
        file_name: &str,
        records: usize,
        upto_seq: i64,
        device_key: &str,
    ) -> Result<()> {
        self.write(Source::Sync, |tx| {
            let t = &tx.tx;
            remember_device_key(t, &device_id(t)?, device_key)?;
            let previous: i64 = state_get(t, "last_export_seq")?.and_then(|s| s.parse().ok()).unwrap_or(0);
            state_set(t, "last_export_seq", &previous.max(upto_seq).to_string())?;
            state_set(t, "last_export_at", &tx.now_text())?;
            state_set(t, "last_export_file", file_name)?;
            t.execute(
                "INSERT OR IGNORE INTO sync_bundles(bundle_id, file_sha256, device, direction, records, at)
                 VALUES (?1, ?2, ?3, 'export', ?4, ?5)",
                params![bundle_id, file_sha256, device_id(t)?, records as i64, tx.now_text()],
            )?;
            tx.audit("sync", bundle_id, "export", vec![format!("records {records}")]);
            Ok(())
        })
    }

    /// Applies a verified bundle in one transaction: `rows` hands each row of the bundle, as
    /// it is read, to the function it is given; for each the merge function decides the result
    /// from the local state and the incoming one; changed rows are written with the merged
    /// stamps, conflicts kept, audit events appended. Any error (from `rows` too) leaves
    /// nothing.
    pub fn sync_apply(
        &mut self,
        batch: ApplyBatch,
        rows: &mut dyn FnMut(&mut RowSink) -> Result<()>,
        merge: &dyn Fn(Option<RowState>, RowState) -> Merged,
    ) -> Result<ApplySummary> {
        self.conn().execute_batch(SYNC_CACHE)?;
        self.write(Source::Sync, |tx| {
            // Who signed the bundle, against what is known of its device (trust on first use):
            // a refusal leaves nothing, the bundle is not marked as seen.
            let known_key = known_device_key(&tx.tx, batch.device)?;
            match check_device_key(batch.device, known_key.as_deref(), batch.signing_key) {
                Err(reason) => return Err(StoreError::Conflict(reason)),
                Ok(DeviceKeyCheck::First) => {
                    let key = batch.signing_key.expect("a first key is a key");
                    remember_device_key(&tx.tx, batch.device, key)?;
                }
                Ok(DeviceKeyCheck::Known | DeviceKeyCheck::Unsigned) => {}
            }
            stamp_dirty(&tx.tx, tx.now)?;
            // Rows may refer to rows later in the bundle: check references at commit.
            tx.tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
            // The rows written here carry the bundle's stamps: the triggers need not queue
            // them for stamping (the mark never outlives this transaction).
            state_set(&tx.tx, "applying", "1")?;
            let known: bool = tx.tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM sync_bundles WHERE bundle_id = ?1)",
                [batch.bundle_id],
                |r| r.get(0),
            )?;
            let mut summary = ApplySummary::default();
            let mut tables = Tables::default();
            let mut seq: Option<i64> = None;
            let now = tx.now_text();
            let mut events = Vec::new();
            let mut search = SearchUpdates::default();
            // People named here whom the bundle anonymises: the copies of their data that
            // only this computer holds are cleared once the rows are written.
            let mut anonymised_here = Vec::new();
            // Stamps compare as (HLC, device) when compared as text.
            let mut newest: Option<Stamp> = None;
            let mut apply = |incoming: RowState| -> Result<()> {
                let stamps = incoming.fields.values().map(|f| &f.stamp);
                for s in stamps {
                    if newest.as_ref().is_none_or(|n| !Arc::ptr_eq(n, s) && s > n) {
                        newest = Some(s.clone());
                    }
                }
                if let Some(d) = &incoming.deleted {
                    if newest.as_deref().is_none_or(|n| d.as_str() > n) {
                        newest = Some(Stamp::from(d.as_str()));
                    }
                }
                let info = tables.get(&tx.tx, &incoming.table)?;
                let local = load_row(&tx.tx, info, &incoming.id)?;
                let exists = local.as_ref().is_some_and(|l| l.deleted.is_none());
                let local_tomb = local.as_ref().is_some_and(|l| l.deleted.is_some());
                // Only a row that arrives anonymised can anonymise someone named here (the
                // local data is parsed for that alone, not for every changed person).
                let named = match (&local, info.table) {
                    (Some(l), "participants") if is_anonymised(&incoming) => named_participant(l),
                    _ => None,
                };
                let merged = merge(local, incoming);
                if let Some(who) = named.filter(|_| is_anonymised(&merged.row)) {
                    anonymised_here.push(who);
                }
                if merged.changed.is_empty() {
                    summary.unchanged += 1;
                } else {
                    let q = match seq {
                        Some(q) => q,
                        None => *seq.insert(next_change_seq(&tx.tx)?),
                    };
                    let values = Some(merged.values_changed);
                    write_row(&tx.tx, info, exists, &merged.row, q, &mut search, values)?;
                    summary.applied += 1;
                    // A record new here is one event without its (all new) field names.
                    let (action, fields) = match (&merged.row.deleted, exists || local_tomb) {
                        (Some(_), _) => ("sync_delete", merged.changed),
                        (None, false) => ("sync_insert", vec![]),
                        (None, true) => ("sync_apply", merged.changed),
                    };
                    events.push(crate::audit::NewEvent {
                        entity: info.entity,
                        entity_id: merged.row.id.clone(),
                        action,
                        fields,
                    });
                }
                // Kept even when this side's value won: a person should see both.
                for c in &merged.conflicts {
                    let json = |v: &Option<Value>| v.as_ref().map(|v| v.to_string());
                    let n = tx.tx.prepare_cached(
                        "INSERT OR IGNORE INTO sync_conflicts(id, tbl, row_id, field, mine, theirs, mine_stamp,
                             theirs_stamp, winner, bundle_id, detected_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    )?.execute(params![
                        kartoteka_domain::Id::new_v7().to_string(),
                        info.table,
                        merged.row.id,
                        c.field,
                        json(&c.mine),
                        json(&c.theirs),
                        c.mine_stamp,
                        c.theirs_stamp,
                        if c.theirs_won { "theirs" } else { "mine" },
                        batch.bundle_id,
                        now,
                    ])?;
                    summary.conflicts += n as u32;
                }
                // A large bundle writes its search entries and audit events as it goes, so
                // neither waits in memory for the end.
                if events.len() >= IMPORT_CHUNK {
                    search.apply(&tx.tx)?;
                    tx.audit_now(std::mem::take(&mut events))?;
                }
                Ok(())
            };
            rows(&mut apply)?;
            // The clock moves past the newest stamp in the bundle.
            if let Some((hlc, _)) = newest.as_deref().and_then(parse_stamp) {
                observe_hlc(&tx.tx, hlc)?;
            }
            search.apply(&tx.tx)?;
            tx.tx.execute("DELETE FROM sync_state WHERE key = 'applying'", [])?;
            tx.audit_now(events)?;
            // Written as this computer's own changes (stamped at commit), so they travel. The
            // retention rule is checked here, on the merged state, first: a bundle that
            // anonymises someone this computer must still keep is refused whole.
            for who in &anonymised_here {
                crate::gdpr::check_retention_passed(tx, who)?;
                crate::gdpr::anonymise_copies(tx, who)?;
            }
            if known && summary.applied == 0 && summary.conflicts == 0 {
                // The same bundle again: nothing to record either.
                return Ok(summary);
            }
            tx.tx.execute(
                "INSERT OR IGNORE INTO sync_bundles(bundle_id, file_sha256, device, direction, records, at)
                 VALUES (?1, ?2, ?3, 'import', ?4, ?5)",
                params![batch.bundle_id, batch.file_sha256, batch.device, batch.records as i64, now],
            )?;
            tx.audit("sync", batch.bundle_id, "import", vec![
                format!("applied {}", summary.applied),
                format!("unchanged {}", summary.unchanged),
                format!("conflicts {}", summary.conflicts),
            ]);
            Ok(summary)
        })
    }

    /// Conflicts kept for review, newest first (resolved ones too when `all`).
    pub fn sync_conflicts(&self, all: bool) -> Result<Vec<SyncConflict>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, tbl, row_id, field, mine, theirs, mine_stamp, theirs_stamp, winner,
                    detected_at, resolved_at, resolution
             FROM sync_conflicts WHERE ?1 OR resolved_at IS NULL ORDER BY detected_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([all], |r| {
            let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(SyncConflict {
                id: r.get(0)?,
                table: r.get(1)?,
                record_id: r.get(2)?,
                field: r.get(3)?,
                mine: json(r.get(4)?),
                theirs: json(r.get(5)?),
                mine_stamp: r.get(6)?,
                theirs_stamp: r.get(7)?,
                winner: r.get(8)?,
                detected_at: r.get(9)?,
                resolved_at: r.get(10)?,
                resolution: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Resolves a conflict by keeping this installation's value (`keep_mine`) or the incoming
    /// one. The kept value is written with a fresh stamp, so it travels to the others.
    pub fn sync_resolve(
        &mut self,
        source: Source,
        conflict_id: &str,
        keep_mine: bool,
    ) -> Result<SyncConflict> {
        let conflict = self
            .sync_conflicts(true)?
            .into_iter()
            .find(|c| c.id == conflict_id.trim())
            .ok_or_else(|| StoreError::NotFound {
                what: "konflikt synchronizacji",
                id: conflict_id.to_owned(),
            })?;
        if conflict.resolved_at.is_some() {
            return Err(StoreError::Conflict(
                "Ten konflikt został już rozstrzygnięty — nic nie zmieniono.".into(),
            ));
        }
        let superseded = self.write(source, |tx| {
            stamp_dirty(&tx.tx, tx.now)?;
            let mut tables = Tables::default();
            let info = tables.get(&tx.tx, &conflict.table)?;
            let mut row = load_row(&tx.tx, info, &conflict.record_id)?
                .filter(|r| r.deleted.is_none())
                .ok_or_else(|| StoreError::Conflict("Tego rekordu już nie ma (został usunięty) — konfliktu nie trzeba rozstrzygać.".into()))?;
            if conflict.table == "participants"
                && row.fields.get("status").and_then(|f| f.value.as_ref()) == Some(&Value::from("anonymised"))
            {
                return Err(crate::participants::anonymised_is_final());
            }
            // The field changed again after the conflict was seen (here, or in a later
            // bundle): that newer change stays, and the conflict is closed without writing.
            let decided = conflict.mine_stamp.as_str().max(conflict.theirs_stamp.as_str());
            let current = row.fields.get(&conflict.field).map(|f| f.stamp.to_string());
            if current.as_deref().is_some_and(|c| c > decided) {
                tx.tx.execute(
                    "UPDATE sync_conflicts SET resolved_at = ?2, resolution = winner WHERE id = ?1",
                    params![conflict.id, tx.now_text()],
                )?;
                return Ok(true);
            }
            let value = if keep_mine { conflict.mine.clone() } else { conflict.theirs.clone() };
            let device = device_id(&tx.tx)?;
            let stamp = next_stamp(&tx.tx, tx.now, &device)?;
            let base = row.fields.get(&conflict.field).map(|f| f.stamp.clone()).unwrap_or_default();
            row.fields.insert(conflict.field.clone(), FieldState { stamp: stamp.into(), base, value });
            let q = next_change_seq(&tx.tx)?;
            let mut search = SearchUpdates::default();
            write_row(&tx.tx, info, true, &row, q, &mut search, None)?;
            search.apply(&tx.tx)?;
            // Written with its stamps: nothing left to stamp.
            tx.tx.prepare_cached("DELETE FROM sync_dirty")?.execute([])?;
            let resolution = if keep_mine { "mine" } else { "theirs" };
            tx.tx.execute(
                "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
                params![conflict.id, tx.now_text(), resolution],
            )?;
            tx.audit(info.entity, &conflict.record_id, "sync_resolve", vec![conflict.field.clone()]);
            Ok(false)
        })?;
        if superseded {
            return Err(StoreError::Conflict(
                "To pole zmieniono jeszcze raz po wykryciu konfliktu — zostaje ta nowsza wartość. Konflikt zamknięto bez zmiany danych.".into(),
            ));
        }
        self.sync_conflicts(true)?
            .into_iter()
            .find(|c| c.id == conflict.id)
            .ok_or_else(|| StoreError::NotFound {
                what: "konflikt synchronizacji",
                id: conflict.id.clone(),
            })
    }

    /// Every syncable row as canonical JSON (sorted by table and id; local-only columns such
    /// as `participants.seq` left out, `data` parsed), to compare installations.
    pub fn sync_canonical_dump(&self) -> Result<String> {
        let conn = self.conn();
        let mut out = String::new();
        for t in SYNC_TABLES {
            if !table_exists(conn, t.table)? {
                continue;
            }
            let cols: Vec<String> = conn
                .prepare(&format!("PRAGMA table_info({})", t.table))?
                .query_map([], |r| r.get::<_, String>(1))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|c| c != "seq")
                .collect();
            let mut stmt = conn.prepare(&format!(
                "SELECT {} FROM {} ORDER BY id",
                cols.join(", "),
                t.table
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let mut m = serde_json::Map::new();
                for (i, c) in cols.iter().enumerate() {
                    let mut v = sql_to_json(r.get_ref(i)?);
                    if let Value::String(s) = &v {
                        if s.starts_with('{') || s.starts_with('[') {
                            if let Ok(parsed) = serde_json::from_str::<Value>(s) {
                                v = parsed;
                            }
                        }
                    }
                    m.insert(c.clone(), v);
                }
                out.push_str(t.table);
                out.push(' ');
                out.push_str(&canonical(&Value::Object(m)));
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Row counts of every syncable table and of the sync and audit tables (for checks).
    pub fn sync_row_counts(&self) -> Result<BTreeMap<String, i64>> {
        let conn = self.conn();
        let mut out = BTreeMap::new();
        let names = SYNC_TABLES.iter().map(|t| t.table).chain([
            "audit_events",
            "sync_rows",
            "sync_conflicts",
            "sync_bundles",
            "participant_search",
        ]);
        for name in names {
            if table_exists(conn, name)? || name == "participant_search" {
                let n: i64 =
                    conn.query_row(&format!("SELECT count(*) FROM {name}"), [], |r| r.get(0))?;
                out.insert(name.to_owned(), n);
            }
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// The device id of this installation (for code that writes inside a transaction).
    pub fn device_id(&self) -> Result<String> {
        device_id(&self.tx)
    }
}
