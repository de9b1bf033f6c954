//! Sync bookkeeping inside the store: which tables travel between installations, the hybrid
//! logical clock, per-field stamps, reading changed rows for a bundle and applying merged rows.
//!
//! Invariants:
//! - `SYNC_TABLES` is the one list of syncable tables. Triggers created from it put every
//!   inserted, updated or deleted row into `sync_dirty`; `Store::write` drains that queue just
//!   before it commits (`stamp_dirty`), giving each changed field a fresh stamp
//!   `<HLC>@<device>` and remembering the stamp it replaced (`base`). So every repository,
//!   present and future, is covered without knowing about sync.
//! - A stamp is a fixed-width string: comparing two stamps as strings compares (HLC, device).
//! - Rows applied from a bundle keep the bundle's stamps; what wins is decided by the caller's
//!   merge function (crates/sync), this module only reads and writes.
//! - `participants.seq` and the columns derived from `data` never travel: they (and the search
//!   index) are recomputed here from the merged record, the same way participants.rs does.
//! - Deletions travel as tombstones and are final.

use crate::error::{Result, StoreError};
use crate::search;
use crate::write::{Source, Tx};
use crate::Store;
use chrono::{DateTime, Utc};
use kartoteka_domain::fold::fold;
use kartoteka_domain::participant::ParticipantData;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use ts_rs::TS;
use zeroize::Zeroizing;

/// The schema version that brought sync (migration 0006).
pub const SYNC_SCHEMA: u32 = 6;

/// A syncable table and the entity name its audit events use.
pub struct SyncTable {
    pub table: &'static str,
    pub entity: &'static str,
}

/// The one list of tables that travel between installations (parents before children).
/// Each has a TEXT `id` key. Add a table here and it is synced from the next start on.
pub const SYNC_TABLES: &[SyncTable] = &[
    SyncTable {
        table: "participants",
        entity: "participant",
    },
    SyncTable {
        table: "projects",
        entity: "project",
    },
    SyncTable {
        table: "relations",
        entity: "relation",
    },
    SyncTable {
        table: "enrolments",
        entity: "enrolment",
    },
    SyncTable {
        table: "consent_templates",
        entity: "consent_template",
    },
    SyncTable {
        table: "consent_template_versions",
        entity: "consent_text",
    },
    SyncTable {
        table: "consents",
        entity: "consent",
    },
    SyncTable {
        table: "documents",
        entity: "document",
    },
    SyncTable {
        table: "services",
        entity: "service",
    },
    SyncTable {
        table: "plans",
        entity: "plan",
    },
    SyncTable {
        table: "planned_services",
        entity: "planned_service",
    },
    SyncTable {
        table: "plan_reviews",
        entity: "plan_review",
    },
    SyncTable {
        table: "deliveries",
        entity: "delivery",
    },
    SyncTable {
        table: "case_notes",
        entity: "case_note",
    },
];

/// Columns kept only locally: the participants' row number (the search index's rowid) and
/// the columns derived from `data`, recomputed after a merge.
const PARTICIPANT_LOCAL: &[&str] = &[
    "seq",
    "first_name",
    "last_name",
    "sort_key",
    "name_key",
    "pesel",
    "birth_date",
    "sex",
    "town",
];

pub fn sync_table(name: &str) -> Option<&'static SyncTable> {
    SYNC_TABLES.iter().find(|t| t.table == name)
}

// ---------------------------------------------------------------------------------------------
// Stamps

/// A hybrid logical clock reading: wall-clock milliseconds and a counter for events within
/// the same millisecond (or while the wall clock lags behind a stamp already seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
}

const MAX_COUNTER: u32 = 99_999;

impl Hlc {
    /// The next reading after `self` at wall-clock time `now_ms`.
    pub fn tick(self, now_ms: u64) -> Hlc {
        if now_ms > self.millis {
            Hlc {
                millis: now_ms,
                counter: 0,
            }
        } else if self.counter >= MAX_COUNTER {
            Hlc {
                millis: self.millis + 1,
                counter: 0,
            }
        } else {
            Hlc {
                millis: self.millis,
                counter: self.counter + 1,
            }
        }
    }

    fn text(self) -> String {
        format!("{:015}.{:05}", self.millis, self.counter)
    }

    fn parse(text: &str) -> Option<Hlc> {
        let (m, c) = text.split_once('.')?;
        Some(Hlc {
            millis: m.parse().ok()?,
            counter: c.parse().ok()?,
        })
    }

    /// The stamp of a change made by `device` at this reading.
    pub fn stamp(self, device: &str) -> String {
        format!("{}@{device}", self.text())
    }
}

/// A stamp `<HLC>@<device>` ("" for none), shared between the fields that carry it.
pub type Stamp = Arc<str>;

/// The clock reading and the device of a stamp `<HLC>@<device>`.
pub fn parse_stamp(stamp: &str) -> Option<(Hlc, &str)> {
    let (hlc, device) = stamp.split_once('@')?;
    Some((Hlc::parse(hlc)?, device))
}

// ---------------------------------------------------------------------------------------------
// Row states

/// One field of a syncable row: its value (`None`: a JSON key that is absent), the stamp of
/// the change that set it, and the stamp that change replaced ("" for none). Stamps are
/// shared: the fields of a row (and the rows of a bundle) mostly carry the same few.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldState {
    pub stamp: Stamp,
    pub base: Stamp,
    pub value: Option<Value>,
}

/// A syncable row as it travels: fields are columns, and for a `data` JSON object column each
/// top-level key is its own field `data.<key>`. A deleted row has a tombstone stamp.
#[derive(Debug, Clone, PartialEq)]
pub struct RowState {
    pub table: String,
    pub id: String,
    pub deleted: Option<String>,
    pub fields: BTreeMap<String, FieldState>,
}

/// A field both sides changed since they last met; the losing value is kept for review.
#[derive(Debug, Clone)]
pub struct FieldConflict {
    pub field: String,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    pub mine_stamp: String,
    pub theirs_stamp: String,
    /// Whether the incoming value won.
    pub theirs_won: bool,
}

/// What a merge decided for one row.
#[derive(Debug, Clone)]
pub struct Merged {
    pub row: RowState,
    /// Fields whose value or stamp changed locally (empty: nothing to do).
    pub changed: Vec<String>,
    pub conflicts: Vec<FieldConflict>,
}

/// The canonical text of a JSON value: object keys sorted at every level, so equal values
/// give equal text whatever order they were written in.
pub fn canonical(value: &Value) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(&m[k], out);
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The stored stamps of a row. Most fields of a row share one (stamp, base) pair — the change
/// that created the row or last saved it — so that pair (`d`) is kept once for every field the
/// stored row holds, and only the other fields are listed (`x`): those with their own pair and
/// those the row no longer holds (a removed key keeps the stamp of its removal). Index 0 of
/// the stamps is "".
///
/// Stores of schema 6–8 listed every field with a hash of its value (`f`); such a meta is read
/// as all-explicit and written back in this form the next time the row changes.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Meta {
    s: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    d: Option<(u32, u32)>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    x: BTreeMap<String, (u32, u32)>,
    #[serde(default, skip_serializing)]
    f: BTreeMap<String, (u32, u32, String)>,
}

impl Meta {
    fn parse(text: &str) -> Result<Meta> {
        let mut meta: Meta = serde_json::from_str(text)
            .map_err(|e| StoreError::Corrupt(format!("zapis synchronizacji nieczytelny: {e}")))?;
        for (k, (si, bi, _)) in std::mem::take(&mut meta.f) {
            meta.x.entry(k).or_insert((si, bi));
        }
        Ok(meta)
    }

    fn stamp(&self, i: u32) -> &str {
        self.s.get(i as usize).map_or("", String::as_str)
    }

    /// The (stamp, base) indexes of `field`; `held`: whether the stored row holds it.
    fn pair_index(&self, field: &str, held: bool) -> (u32, u32) {
        match (self.x.get(field), held) {
            (Some(p), _) => *p,
            (None, true) => self.d.unwrap_or_default(),
            (None, false) => (0, 0),
        }
    }

    /// The (stamp, base) of `field`; `held`: whether the stored row holds it.
    fn pair(&self, field: &str, held: bool) -> (&str, &str) {
        let (s, b) = self.pair_index(field, held);
        (self.stamp(s), self.stamp(b))
    }

    /// Builds the meta of fields given as (name, stamp, base, held by the stored row).
    fn build<'a>(fields: impl Iterator<Item = (&'a str, &'a str, &'a str, bool)>) -> Meta {
        // A row has a handful of distinct stamps: a list beats hashing each field's.
        let mut list: Vec<&'a str> = vec![""];
        let mut idx = |s: &'a str| -> u32 {
            match list.iter().position(|x| std::ptr::eq(*x, s) || *x == s) {
                Some(i) => i as u32,
                None => {
                    list.push(s);
                    (list.len() - 1) as u32
                }
            }
        };
        let mut entries: Vec<(&'a str, (u32, u32), bool)> = Vec::new();
        let mut counts: Vec<((u32, u32), usize)> = Vec::new();
        for (field, stamp, base, held) in fields {
            let pair = (idx(stamp), idx(base));
            if held {
                match counts.iter_mut().find(|(p, _)| *p == pair) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((pair, 1)),
                }
            }
            entries.push((field, pair, held));
        }
        let mut meta = Meta {
            s: list.into_iter().map(str::to_owned).collect(),
            ..Meta::default()
        };
        // The most common pair of the held fields (the smaller one on a tie) is the default.
        meta.d = counts
            .into_iter()
            .max_by(|(p, n), (q, m)| n.cmp(m).then(q.cmp(p)))
            .map(|(p, _)| p);
        for (field, pair, held) in entries {
            if !held || Some(pair) != meta.d {
                meta.x.insert(field.to_owned(), pair);
            }
        }
        meta
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

/// What sync needs to know about one table, read from the schema itself.
struct TableInfo {
    table: &'static str,
    entity: &'static str,
    /// Columns that travel (all but `id` and local-only ones).
    columns: Vec<String>,
    /// SQL of a trigger's `OLD` row as a JSON array of `columns`.
    old_row: String,
    /// `SELECT <columns> FROM <table> WHERE id = ?1`.
    select: String,
    /// Foreign keys to other syncable rows: (column, table).
    refs: Vec<(String, &'static str)>,
}

impl TableInfo {
    fn load(conn: &Connection, t: &'static SyncTable) -> Result<TableInfo> {
        let local: &[&str] = if t.table == "participants" {
            PARTICIPANT_LOCAL
        } else {
            &[]
        };
        let mut stmt = conn.prepare_cached(&format!("PRAGMA table_info({})", t.table))?;
        let typed: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(c, _)| c != "id" && !local.contains(&c.as_str()))
            .collect();
        // JSON cannot hold blobs: they are kept as lower-case hex, as `sql_to_json` reads them.
        let old_row = typed
            .iter()
            .map(|(c, ty)| {
                if ty.to_ascii_uppercase().contains("BLOB") {
                    format!("lower(hex(OLD.{c}))")
                } else {
                    format!("OLD.{c}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let columns: Vec<String> = typed.into_iter().map(|(c, _)| c).collect();
        let mut stmt = conn.prepare_cached(&format!("PRAGMA foreign_key_list({})", t.table))?;
        let refs = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, _, to)| to.as_deref().is_none_or(|to| to == "id"))
            .filter_map(|(target, from, _)| sync_table(&target).map(|s| (from, s.table)))
            .collect();
        Ok(TableInfo {
            table: t.table,
            entity: t.entity,
            select: format!(
                "SELECT {} FROM {} WHERE id = ?1",
                columns.join(", "),
                t.table
            ),
            columns,
            old_row: format!("json_array({old_row})"),
            refs,
        })
    }
}

#[derive(Default)]
struct Tables(HashMap<&'static str, TableInfo>);

impl Tables {
    fn get(&mut self, conn: &Connection, table: &str) -> Result<&TableInfo> {
        let t = sync_table(table).ok_or_else(|| {
            StoreError::Corrupt(format!("nieznana tabela synchronizacji: {table}"))
        })?;
        if !self.0.contains_key(t.table) {
            let info = TableInfo::load(conn, t)?;
            self.0.insert(t.table, info);
        }
        Ok(&self.0[t.table])
    }
}

fn table_exists(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The stamp of rows that existed before sync did (seeded catalogue rows, or data of an
/// installation that is upgraded): older than any change, the same on every installation,
/// so identical seeded rows never conflict and any real change wins over them.
pub const GENESIS: &str = "000000000000000.00000@";

/// The triggers of one syncable table: each puts a changed row into `sync_dirty`; an update
/// also keeps the row as it was before the transaction first changed it (`old`), so stamping
/// can tell which fields changed.
fn trigger_sql(info: &TableInfo) -> [(String, String); 3] {
    let table = info.table;
    let old = &info.old_row;
    // Rows written by an import carry their stamps already (see `sync_apply`).
    let when = "WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')";
    [
        (
            format!("sync_{table}_inserted"),
            format!(
                "CREATE TRIGGER sync_{table}_inserted AFTER INSERT ON {table} {when} BEGIN \
                 INSERT OR IGNORE INTO sync_dirty(tbl, id) VALUES ('{table}', NEW.id); END"
            ),
        ),
        (
            format!("sync_{table}_deleted"),
            format!(
                "CREATE TRIGGER sync_{table}_deleted AFTER DELETE ON {table} {when} BEGIN \
                 INSERT OR IGNORE INTO sync_dirty(tbl, id) VALUES ('{table}', OLD.id); END"
            ),
        ),
        (
            format!("sync_{table}_changed"),
            format!(
                "CREATE TRIGGER sync_{table}_changed AFTER UPDATE ON {table} {when} BEGIN \
                 INSERT OR IGNORE INTO sync_dirty(tbl, id, old) VALUES ('{table}', NEW.id, {old}); END"
            ),
        ),
    ]
}

/// Creates (or brings up to date) the triggers that queue changed rows, for every syncable
/// table, and gives the rows of a table that had no triggers yet the genesis stamp. The
/// triggers follow the table's columns, so a migration that adds a column gets new ones here;
/// the `old` column of `sync_dirty` they fill is added here too (stores of schema 6–8).
pub(crate) fn install_triggers(conn: &mut Connection) -> Result<()> {
    let has_old: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM pragma_table_info('sync_dirty') WHERE name = 'old')",
        [],
        |r| r.get(0),
    )?;
    let mut existing: HashMap<String, String> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Tables::default();
    let mut wanted = Vec::new();
    for t in SYNC_TABLES {
        if !table_exists(conn, t.table)? {
            continue;
        }
        let triggers = trigger_sql(tables.get(conn, t.table)?);
        if has_old
            && triggers
                .iter()
                .all(|(name, sql)| existing.get(name) == Some(sql))
        {
            continue;
        }
        let first = triggers
            .iter()
            .all(|(name, _)| !existing.contains_key(name));
        wanted.push((t.table, triggers, first));
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    if !has_old {
        tx.execute_batch("ALTER TABLE sync_dirty ADD COLUMN old TEXT;")?;
    }
    // While a store is being created there is no device id yet: its rows are seeded by the
    // migrations, the same on every installation, and need not wait for an export.
    let upgraded = tx
        .query_row("SELECT 1 FROM meta WHERE key = 'device_id'", [], |_| Ok(()))
        .optional()?
        .is_some();
    let mut seq: Option<i64> = None;
    for (table, triggers, first) in wanted {
        for (name, sql) in &triggers {
            if existing.remove(name).is_some() {
                tx.execute_batch(&format!("DROP TRIGGER {name};"))?;
            }
            tx.execute_batch(sql)?;
        }
        if !first {
            continue;
        }
        let ids: Vec<String> = tx
            .prepare(&format!("SELECT id FROM {table}"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            continue;
        }
        let q = match (upgraded, seq) {
            (false, _) => 0,
            (true, Some(q)) => q,
            (true, None) => *seq.insert(next_change_seq(&tx)?),
        };
        let info = tables.get(&tx, table)?;
        for id in ids {
            let fields = read_fields(&tx, info, &id)?.unwrap_or_default();
            let meta = Meta::build(fields.keys().map(|k| (k.as_str(), GENESIS, "", true)));
            write_meta(&tx, table, &id, &meta, None, q)?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn sql_to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(hex::encode(b)),
    }
}

fn json_to_sql(v: Option<&Value>) -> SqlValue {
    match v {
        None | Some(Value::Null) => SqlValue::Null,
        Some(Value::Bool(b)) => SqlValue::Integer(i64::from(*b)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Some(Value::String(s)) => SqlValue::Text(s.clone()),
        Some(other) => SqlValue::Text(other.to_string()),
    }
}

/// The travelling fields of one stored row (`None` when the row is not there).
fn read_fields(
    tx: &Connection,
    info: &TableInfo,
    id: &str,
) -> Result<Option<BTreeMap<String, Option<Value>>>> {
    let mut stmt = tx.prepare_cached(&info.select)?;
    let row = stmt
        .query_row([id], |r| fields_from(info, r, 0))
        .optional()?;
    Ok(row)
}

/// The travelling fields of a result row whose columns `info.columns` start at `first`.
fn fields_from(
    info: &TableInfo,
    r: &rusqlite::Row,
    first: usize,
) -> rusqlite::Result<BTreeMap<String, Option<Value>>> {
    let mut out = BTreeMap::new();
    for (i, col) in info.columns.iter().enumerate() {
        flatten_into(&mut out, col, sql_to_json(r.get_ref(first + i)?));
    }
    Ok(out)
}

/// The fields of a row kept by a trigger as a JSON array of the travelling columns.
fn old_fields(info: &TableInfo, text: &str) -> Result<BTreeMap<String, Option<Value>>> {
    let values: Vec<Value> = serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("kolejka synchronizacji nieczytelna: {e}")))?;
    let mut out = BTreeMap::new();
    for (col, v) in info.columns.iter().zip(values) {
        flatten_into(&mut out, col, v);
    }
    Ok(out)
}

fn flatten_into(out: &mut BTreeMap<String, Option<Value>>, col: &str, v: Value) {
    if col == "data" {
        if let Value::String(s) = &v {
            if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(s) {
                for (k, x) in m {
                    out.insert(format!("data.{k}"), Some(x));
                }
                return;
            }
        }
    }
    out.insert(col.to_owned(), Some(v));
}

/// The value of column `col` rebuilt from fields (a `data` object from its `data.*` keys).
fn column_value(fields: &BTreeMap<String, FieldState>, col: &str) -> SqlValue {
    if col == "data" && !fields.contains_key("data") {
        // Written straight from the fields (sorted, as a JSON object's keys would be).
        let mut out = Vec::with_capacity(512);
        out.push(b'{');
        for (k, f) in fields.range::<str, _>((
            std::ops::Bound::Included("data."),
            std::ops::Bound::Unbounded,
        )) {
            let Some(key) = k.strip_prefix("data.") else {
                break;
            };
            if let Some(v) = &f.value {
                if out.len() > 1 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut out, key).expect("a key serialises");
                out.push(b':');
                serde_json::to_writer(&mut out, v).expect("a value serialises");
            }
        }
        out.push(b'}');
        return SqlValue::Text(String::from_utf8(out).expect("JSON is UTF-8"));
    }
    json_to_sql(fields.get(col).and_then(|f| f.value.as_ref()))
}

fn read_meta(tx: &Connection, table: &str, id: &str) -> Result<Option<(Meta, Option<String>)>> {
    let row: Option<(String, Option<String>)> = tx
        .prepare_cached("SELECT meta, deleted FROM sync_rows WHERE tbl = ?1 AND id = ?2")?
        .query_row([table, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(m, d)| Ok((Meta::parse(&m)?, d))).transpose()
}

fn write_meta(
    tx: &Connection,
    table: &str,
    id: &str,
    meta: &Meta,
    deleted: Option<&str>,
    seq: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_rows(tbl, id, meta, deleted, change_seq) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(tbl, id) DO UPDATE SET meta = excluded.meta, deleted = excluded.deleted,
             change_seq = excluded.change_seq",
    )?
    .execute(params![
        table,
        id,
        serde_json::to_string(meta).expect("meta serialises"),
        deleted,
        seq
    ])?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// State: device, clock, counters, settings

fn state_get(tx: &Connection, key: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn state_set(tx: &Connection, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_state(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

fn device_id(tx: &Connection) -> Result<String> {
    tx.prepare_cached("SELECT value FROM meta WHERE key = 'device_id'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("brak identyfikatora urządzenia".into()))
}

fn current_hlc(tx: &Connection) -> Result<Hlc> {
    Ok(state_get(tx, "hlc")?
        .and_then(|t| Hlc::parse(&t))
        .unwrap_or_default())
}

/// A fresh stamp for a change made now on this device.
fn next_stamp(tx: &Connection, now: DateTime<Utc>, device: &str) -> Result<String> {
    let now_ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let hlc = current_hlc(tx)?.tick(now_ms);
    state_set(tx, "hlc", &hlc.text())?;
    Ok(hlc.stamp(device))
}

/// Moves the clock past a reading seen in a bundle, so later local changes are newer.
fn observe_hlc(tx: &Connection, seen: Hlc) -> Result<()> {
    if seen > current_hlc(tx)? {
        state_set(tx, "hlc", &seen.text())?;
    }
    Ok(())
}

fn next_change_seq(tx: &Connection) -> Result<i64> {
    let seq = state_get(tx, "change_seq")?
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0)
        + 1;
    state_set(tx, "change_seq", &seq.to_string())?;
    Ok(seq)
}

fn schema_has_sync(tx: &Connection) -> Result<bool> {
    let v: u32 = tx
        .prepare_cached("PRAGMA user_version")?
        .query_row([], |r| r.get(0))?;
    Ok(v >= SYNC_SCHEMA)
}

// ---------------------------------------------------------------------------------------------
// Stamping local changes

/// Gives every field changed since the last stamp a fresh stamp of this device; called by
/// `Store::write` just before commit. Returns how many rows got new stamps.
pub(crate) fn stamp_dirty(tx: &Transaction, now: DateTime<Utc>) -> Result<usize> {
    if !schema_has_sync(tx)? {
        return Ok(0);
    }
    let dirty: Vec<(String, String, Option<String>)> = tx
        .prepare_cached("SELECT tbl, id, old FROM sync_dirty")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if dirty.is_empty() {
        return Ok(0);
    }
    let mut tables = Tables::default();
    let mut stamp: Option<String> = None;
    let mut seq: Option<i64> = None;
    let mut device: Option<String> = None;
    let mut stamped = 0;
    for (table, id, old) in &dirty {
        let info = tables.get(tx, table)?;
        let current = read_fields(tx, info, id)?;
        let meta = read_meta(tx, info.table, id)?;
        let mut fresh = || -> Result<(String, i64)> {
            if stamp.is_none() {
                let d = device_id(tx)?;
                stamp = Some(next_stamp(tx, now, &d)?);
                seq = Some(next_change_seq(tx)?);
                device = Some(d);
            }
            Ok((stamp.clone().expect("set"), seq.expect("set")))
        };
        match (current, meta) {
            (None, Some((_, Some(_)))) => {}
            (None, meta) => {
                // Deleted here: the tombstone travels.
                let (s, q) = fresh()?;
                let meta = meta.map(|(m, _)| m).unwrap_or_default();
                write_meta(tx, info.table, id, &meta, Some(&s), q)?;
                stamped += 1;
            }
            (Some(_), Some((_, Some(_)))) => {
                // A deleted row written again locally cannot happen through the app (ids are
                // new); keep the tombstone: deletion is final.
            }
            (Some(fields), meta) => {
                let meta = meta.map(|(m, _)| m);
                // The row as it was before this transaction; `None`: new here (or never
                // stamped), so every field is a change.
                let before = match (old, &meta) {
                    (Some(text), Some(_)) => Some(old_fields(info, text)?),
                    _ => None,
                };
                let empty = Meta::default();
                let prior = meta.as_ref().unwrap_or(&empty);
                let mut keys: BTreeSet<&String> = fields.keys().collect();
                keys.extend(prior.x.keys());
                if let Some(b) = &before {
                    keys.extend(b.keys());
                }
                let mut states: Vec<(&str, String, String, bool)> = Vec::with_capacity(keys.len());
                let mut changed = false;
                for key in keys {
                    let held_before = before.as_ref().is_none_or(|b| b.contains_key(key));
                    let (s, b) = prior.pair(key, held_before);
                    let now_value = fields.get(key);
                    let same = before.as_ref().is_some_and(|b| b.get(key) == now_value);
                    if same {
                        states.push((key, s.to_owned(), b.to_owned(), now_value.is_some()));
                    } else {
                        let (fresh_stamp, _) = fresh()?;
                        states.push((key, fresh_stamp, s.to_owned(), now_value.is_some()));
                        changed = true;
                    }
                }
                if changed {
                    let (_, q) = fresh()?;
                    let meta = Meta::build(
                        states
                            .iter()
                            .map(|(k, s, b, held)| (*k, s.as_str(), b.as_str(), *held)),
                    );
                    write_meta(tx, info.table, id, &meta, None, q)?;
                    stamped += 1;
                }
            }
        }
    }
    let _ = device;
    tx.prepare_cached("DELETE FROM sync_dirty")?.execute([])?;
    Ok(stamped)
}

/// The full state of a stored row (fields with their stamps), or its tombstone.
fn load_row(tx: &Connection, info: &TableInfo, id: &str) -> Result<Option<RowState>> {
    let meta = read_meta(tx, info.table, id)?;
    let fields = read_fields(tx, info, id)?;
    let (meta, deleted) = match (meta, fields.is_some()) {
        (None, false) => return Ok(None),
        (Some((m, d)), _) => (m, d),
        (None, true) => (Meta::default(), None),
    };
    Ok(Some(assemble(info, id.to_owned(), &meta, deleted, fields)))
}

/// A row state from its stored stamps and its stored fields (`None`: the row is not there).
fn assemble(
    info: &TableInfo,
    id: String,
    meta: &Meta,
    deleted: Option<String>,
    fields: Option<BTreeMap<String, Option<Value>>>,
) -> RowState {
    let mut row = RowState {
        table: info.table.to_owned(),
        id,
        deleted,
        fields: BTreeMap::new(),
    };
    if row.deleted.is_some() {
        return row;
    }
    let stamps: Vec<Stamp> = meta.s.iter().map(|s| Stamp::from(s.as_str())).collect();
    let stamp = |i: u32| stamps.get(i as usize).cloned().unwrap_or_else(|| "".into());
    for (key, value) in fields.unwrap_or_default() {
        let (s, b) = meta.pair_index(&key, true);
        let state = FieldState {
            stamp: stamp(s),
            base: stamp(b),
            value,
        };
        row.fields.insert(key, state);
    }
    for (key, (s, b)) in &meta.x {
        if !row.fields.contains_key(key) {
            let state = FieldState {
                stamp: stamp(*s),
                base: stamp(*b),
                value: None,
            };
            row.fields.insert(key.clone(), state);
        }
    }
    row
}

/// The rows of one table changed after `watermark` (everything for 0, in the order of their
/// ids), read in one pass and handed to `sink` one at a time.
fn each_changed_row(
    tx: &Connection,
    info: &TableInfo,
    watermark: i64,
    sink: &mut dyn FnMut(RowState) -> Result<()>,
) -> Result<()> {
    let columns: Vec<String> = info.columns.iter().map(|c| format!("t.{c}")).collect();
    // Everything: the table's stamps in key order. Changes: the few newest by change number
    // (the key would visit every row of the table).
    let (from, order) = if watermark == 0 {
        ("sync_rows s", "s.id")
    } else {
        (
            "sync_rows s INDEXED BY sync_rows_changed",
            "s.change_seq, s.id",
        )
    };
    let sql = format!(
        "SELECT s.id, s.meta, s.deleted, t.id IS NOT NULL, {} FROM {from}
         LEFT JOIN {} t ON t.id = s.id
         WHERE s.tbl = ?1 AND s.change_seq > ?2 ORDER BY {order}",
        columns.join(", "),
        info.table
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![info.table, watermark])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let meta = Meta::parse(&r.get::<_, String>(1)?)?;
        let deleted: Option<String> = r.get(2)?;
        let fields = if r.get(3)? {
            Some(fields_from(info, r, 4)?)
        } else {
            None
        };
        sink(assemble(info, id, &meta, deleted, fields))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Writing a merged row

fn constraint_conflict(table: &str, id: &str, e: &rusqlite::Error) -> Option<StoreError> {
    let rusqlite::Error::SqliteFailure(f, msg) = e else {
        return None;
    };
    if f.code != rusqlite::ErrorCode::ConstraintViolation {
        return None;
    }
    let msg = msg.clone().unwrap_or_default();
    let what = if msg.contains("participants.pesel") {
        "osoba o tym samym numerze PESEL co inna osoba w tej kartotece (dodana niezależnie na dwóch komputerach)".to_owned()
    } else if msg.contains("UNIQUE") {
        format!("rekord ({table}, {id}), który powtarza wartość unikalną innego rekordu tej kartoteki ({})", msg.trim_start_matches("UNIQUE constraint failed: "))
    } else {
        format!("rekord ({table}, {id}) niezgodny z regułami tej kartoteki ({msg})")
    };
    Some(StoreError::Conflict(format!(
        "W pakiecie jest {what}. Nic nie zaimportowano. Popraw lub usuń powtórzoną wartość w jednym z rekordów na jednym z komputerów, wyeksportuj zmiany i zaimportuj pakiet ponownie."
    )))
}

/// Whether the participant is anonymised, the columns derived locally, and the data.
type ParticipantColumns = (bool, Vec<(&'static str, SqlValue)>, ParticipantData);

/// Columns derived locally for a participant, from the merged status and `data`; the data
/// text is rewritten through `ParticipantData` (anonymised when the status says so).
fn participant_columns(fields: &BTreeMap<String, FieldState>) -> Result<ParticipantColumns> {
    let status = fields
        .get("status")
        .and_then(|f| f.value.as_ref())
        .and_then(Value::as_str)
        .unwrap_or("active")
        .to_owned();
    let SqlValue::Text(text) = column_value(fields, "data") else {
        return Err(StoreError::Corrupt("zapis uczestnika bez danych".into()));
    };
    let mut data: ParticipantData = serde_json::from_str(&text).map_err(|e| {
        StoreError::Conflict(format!(
            "Pakiet zawiera zapis uczestnika, którego ta wersja programu nie umie odczytać ({e}). Zaktualizuj Kartotekę; nic nie zaimportowano."
        ))
    })?;
    let anonymised = status == "anonymised";
    if anonymised {
        data = data.anonymised();
    }
    let text = SqlValue::Text(serde_json::to_string(&data).expect("participant serialises"));
    let town = data.address.as_ref().and_then(|a| a.town.clone());
    let (sort_key, name_key, pesel) = if anonymised {
        ("~".to_owned(), String::new(), SqlValue::Null)
    } else {
        (
            fold(&format!("{} {}", data.last_name, data.first_name)),
            data.duplicate_key(),
            data.pesel
                .map_or(SqlValue::Null, |p| SqlValue::Text(p.as_string())),
        )
    };
    let columns = vec![
        ("data", text),
        ("first_name", SqlValue::Text(data.first_name.clone())),
        ("last_name", SqlValue::Text(data.last_name.clone())),
        ("sort_key", SqlValue::Text(sort_key)),
        ("name_key", SqlValue::Text(name_key)),
        ("pesel", pesel),
        ("birth_date", SqlValue::Text(data.birth_date.to_string())),
        ("sex", SqlValue::Text(data.sex.as_str().to_owned())),
        ("town", town.map_or(SqlValue::Null, SqlValue::Text)),
    ];
    Ok((anonymised, columns, data))
}

/// The same family tie recorded on two computers gets two ids: of rows that repeat
/// (participant, related, kind), the smallest id stays on every installation and the others
/// become tombstones (stamped with their own newest stamp, so every installation agrees).
/// Returns whether the incoming row is the one that stays.
fn relation_survives(
    tx: &Transaction,
    info: &TableInfo,
    row: &RowState,
    columns: &[(String, SqlValue)],
    seq: i64,
) -> Result<bool> {
    let get = |c: &str| columns.iter().find(|(n, _)| n == c).map(|(_, v)| v.clone());
    let (Some(a), Some(b), Some(k)) = (get("participant_id"), get("related_id"), get("kind"))
    else {
        return Ok(true);
    };
    let other: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM relations WHERE participant_id = ?1 AND related_id = ?2 AND kind = ?3",
        )?
        .query_row(params![a, b, k], |r| r.get(0))
        .optional()?;
    let Some(other) = other else { return Ok(true) };
    let newest = |r: &RowState| {
        r.fields
            .values()
            .map(|f| f.stamp.to_string())
            .max()
            .unwrap_or_else(|| GENESIS.to_owned())
    };
    if row.id < other {
        let loser = load_row(tx, info, &other)?.expect("the row is there");
        tx.execute("DELETE FROM relations WHERE id = ?1", [&other])?;
        write_meta(
            tx,
            "relations",
            &other,
            &Meta::default(),
            Some(&newest(&loser)),
            seq,
        )?;
        Ok(true)
    } else {
        write_meta(
            tx,
            "relations",
            &row.id,
            &Meta::default(),
            Some(&newest(row)),
            seq,
        )?;
        Ok(false)
    }
}

/// Inserts or updates the row's columns (and what is derived from them); `false` when the
/// row gave way to an equal one (see `relation_survives`) and became a tombstone instead.
fn write_columns(
    tx: &Transaction,
    info: &TableInfo,
    exists: bool,
    row: &RowState,
    seq: i64,
    search: &mut SearchUpdates,
) -> Result<bool> {
    let table = info.table;
    let id = row.id.as_str();
    let fail =
        |e: rusqlite::Error| constraint_conflict(table, id, &e).unwrap_or(StoreError::Sqlite(e));
    let mut columns: Vec<(String, SqlValue)> = Vec::with_capacity(info.columns.len() + 9);
    let mut participant: Option<(bool, ParticipantData)> = None;
    if table == "participants" {
        let (anonymised, derived, data) = participant_columns(&row.fields)?;
        for (c, v) in derived {
            columns.push((c.to_owned(), v));
        }
        participant = Some((anonymised, data));
    }
    for col in &info.columns {
        if !columns.iter().any(|(c, _)| c == col) {
            columns.push((col.clone(), column_value(&row.fields, col)));
        }
    }
    if !exists && table == "relations" && !relation_survives(tx, info, row, &columns, seq)? {
        return Ok(false);
    }
    if exists {
        // Only the columns whose value changes are set: an index whose columns stay as they
        // are is then left alone (a changed phone number does not move the person in the
        // sorted list).
        let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let current: Vec<SqlValue> = tx
            .prepare_cached(&format!(
                "SELECT {} FROM {table} WHERE id = ?1",
                names.join(", ")
            ))?
            .query_row([id], |r| (0..names.len()).map(|i| r.get(i)).collect())?;
        columns = columns
            .into_iter()
            .zip(current)
            .filter(|((_, new), old)| new != old)
            .map(|(c, _)| c)
            .collect();
        if columns.is_empty() {
            return Ok(true);
        }
        let set: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
            .collect();
        let sql = format!("UPDATE {table} SET {} WHERE id = ?1", set.join(", "));
        let mut p: Vec<&dyn rusqlite::ToSql> = vec![&id];
        p.extend(columns.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        tx.prepare_cached(&sql)?
            .execute(p.as_slice())
            .map_err(fail)?;
        // The search entry follows the record's data and status only.
        if !columns.iter().any(|(c, _)| c == "data" || c == "status") {
            return Ok(true);
        }
    } else {
        let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let marks: Vec<String> = (0..=columns.len()).map(|i| format!("?{}", i + 1)).collect();
        let sql = format!(
            "INSERT INTO {table}(id, {}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let mut p: Vec<&dyn rusqlite::ToSql> = vec![&id];
        p.extend(columns.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        tx.prepare_cached(&sql)?
            .execute(p.as_slice())
            .map_err(fail)?;
    }
    if let Some((anonymised, data)) = participant {
        let seq: i64 = tx
            .prepare_cached("SELECT seq FROM participants WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        search.0.push((seq, exists, (!anonymised).then_some(data)));
    }
    Ok(true)
}

/// Search entries to refresh once the rows of an import are written: FTS5 writes its pending
/// entries to disk at every statement savepoint, so indexing row by row between the other
/// writes flushed the index once per person.
#[derive(Default)]
struct SearchUpdates(Vec<(i64, bool, Option<ParticipantData>)>);

impl SearchUpdates {
    /// Removes each entry (of a person who was here before) and writes it again from the
    /// data (`None`: removed for good).
    fn apply(&mut self, tx: &Transaction) -> Result<()> {
        for (seq, indexed, data) in self.0.drain(..) {
            if indexed {
                tx.prepare_cached("DELETE FROM participant_search WHERE rowid = ?1")?
                    .execute([seq])?;
            }
            if let Some(data) = data {
                search::index_participant(tx, seq, &data)?;
            }
        }
        Ok(())
    }
}

/// Writes a merged row (insert, update or delete) with its stamps, refreshes what is derived
/// from it, and bumps its change number so it is passed on in the next export.
fn write_row(
    tx: &Transaction,
    info: &TableInfo,
    exists: bool,
    row: &RowState,
    seq: i64,
    search: &mut SearchUpdates,
) -> Result<()> {
    let table = info.table;
    let id = row.id.as_str();
    let fail =
        |e: rusqlite::Error| constraint_conflict(table, id, &e).unwrap_or(StoreError::Sqlite(e));
    if let Some(tomb) = &row.deleted {
        if exists {
            if table == "participants" {
                let seq: Option<i64> = tx
                    .query_row("SELECT seq FROM participants WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if let Some(s) = seq {
                    search.0.push((s, true, None));
                }
            }
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])
                .map_err(fail)?;
        }
        write_meta(tx, table, id, &Meta::default(), Some(tomb), seq)?;
        return Ok(());
    }
    // Only stamps changed (or the values are already here): the row itself stays as it is.
    let same = exists
        && read_fields(tx, info, id)?.is_some_and(|current| {
            current.len() == row.fields.len()
                && row.fields.iter().all(|(k, f)| {
                    current.get(k).map(|v| v.as_ref().map(canonical))
                        == Some(f.value.as_ref().map(canonical))
                })
        });
    if !same && !write_columns(tx, info, exists, row, seq, search)? {
        return Ok(());
    }
    // The stamps stay the merged ones.
    let meta = Meta::build(
        row.fields
            .iter()
            .map(|(k, f)| (k.as_str(), &*f.stamp, &*f.base, held(info, row, k, f))),
    );
    write_meta(tx, table, id, &meta, None, seq)?;
    Ok(())
}

/// Whether the stored row holds field `k` once `row` is written (see `column_value`); when
/// unsure the answer is no, which only lists the field's stamps explicitly.
fn held(info: &TableInfo, row: &RowState, k: &str, f: &FieldState) -> bool {
    let has = |c: &str| info.columns.iter().any(|x| x == c);
    match (&f.value, k.strip_prefix("data.")) {
        (None, _) => false,
        (Some(_), Some(_)) => has("data") && !row.fields.contains_key("data"),
        (Some(v), None) => has(k) && !(k == "data" && v.is_object()),
    }
}

// ---------------------------------------------------------------------------------------------
// Public API

/// What an export read, besides its rows.
pub struct ExportInfo {
    pub device: String,
    /// The change number up to which the rows are complete (the next watermark).
    pub upto_seq: i64,
    pub records: usize,
}

/// Rows for a bundle, read in one transaction.
pub struct ExportBatch {
    pub device: String,
    pub rows: Vec<RowState>,
    /// The change number up to which these rows are complete (the next watermark).
    pub upto_seq: i64,
    /// Everything, not only changes since the last export.
    pub full: bool,
}

/// A bundle about to be applied (already verified and decrypted).
pub struct ApplyBatch<'a> {
    pub bundle_id: &'a str,
    pub file_sha256: &'a str,
    pub device: &'a str,
    /// How many rows it holds.
    pub records: usize,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct ApplySummary {
    /// Records that changed here.
    pub applied: u32,
    /// Records that were already as in the bundle.
    pub unchanged: u32,
    /// Fields both sides changed since they last met (kept for review).
    pub conflicts: u32,
}

/// The sync key and organisation set up on this installation.
pub struct SyncConfig {
    pub organisation: String,
    /// The age identity ("AGE-SECRET-KEY-1…") derived from the passphrase.
    pub identity: Zeroizing<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub device_id: String,
    pub configured: bool,
    pub organisation: Option<String>,
    /// RFC 3339, UTC.
    pub last_export_at: Option<String>,
    pub last_export_file: Option<String>,
    /// Changed records (made here or received) not yet in an exported bundle.
    pub pending_changes: u32,
    pub open_conflicts: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncConflict {
    pub id: String,
    pub table: String,
    pub record_id: String,
    pub field: String,
    /// JSON of this installation's value before the import (null: none).
    #[ts(type = "unknown")]
    pub mine: Option<Value>,
    /// JSON of the incoming value (null: none).
    #[ts(type = "unknown")]
    pub theirs: Option<Value>,
    pub mine_stamp: String,
    pub theirs_stamp: String,
    /// "mine" or "theirs": whose value is in the record now.
    pub winner: String,
    pub detected_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

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
    /// the changes). An error from `sink` stops the reading.
    pub fn sync_export(
        &mut self,
        full: bool,
        sink: &mut dyn FnMut(RowState) -> Result<()>,
    ) -> Result<ExportInfo> {
        self.conn().execute_batch(SYNC_CACHE)?;
        self.write(Source::Sync, |tx| {
            let t = &tx.tx;
            stamp_dirty(t, tx.now)?;
            let device = device_id(t)?;
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
            for row in rows {
                sink(row)?;
            }
            Ok(ExportInfo {
                device,
                upto_seq,
                records,
            })
        })
    }

    /// The rows `sync_export` would hand on, collected (for tests and small exports).
    pub fn sync_export_batch(&mut self, full: bool) -> Result<ExportBatch> {
        let mut rows = Vec::new();
        let info = self.sync_export(full, &mut |row| {
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

    /// Records that a bundle with the rows up to `upto_seq` was written to `file`.
    pub fn sync_mark_exported(
        &mut self,
        bundle_id: &str,
        file_sha256: &str,
        file_name: &str,
        records: usize,
        upto_seq: i64,
    ) -> Result<()> {
        self.write(Source::Sync, |tx| {
            let t = &tx.tx;
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
        rows: &mut dyn FnMut(&mut dyn FnMut(RowState) -> Result<()>) -> Result<()>,
        merge: &dyn Fn(Option<RowState>, RowState) -> Merged,
    ) -> Result<ApplySummary> {
        self.conn().execute_batch(SYNC_CACHE)?;
        self.write(Source::Sync, |tx| {
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
                let merged = merge(local, incoming);
                if merged.changed.is_empty() {
                    summary.unchanged += 1;
                } else {
                    let q = match seq {
                        Some(q) => q,
                        None => *seq.insert(next_change_seq(&tx.tx)?),
                    };
                    write_row(&tx.tx, info, exists, &merged.row, q, &mut search)?;
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
        self.write(source, |tx| {
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
            let value = if keep_mine { conflict.mine.clone() } else { conflict.theirs.clone() };
            let device = device_id(&tx.tx)?;
            let stamp = next_stamp(&tx.tx, tx.now, &device)?;
            let base = row.fields.get(&conflict.field).map(|f| f.stamp.clone()).unwrap_or_default();
            row.fields.insert(conflict.field.clone(), FieldState { stamp: stamp.into(), base, value });
            let q = next_change_seq(&tx.tx)?;
            let mut search = SearchUpdates::default();
            write_row(&tx.tx, info, true, &row, q, &mut search)?;
            search.apply(&tx.tx)?;
            // Written with its stamps: nothing left to stamp.
            tx.tx.prepare_cached("DELETE FROM sync_dirty")?.execute([])?;
            let resolution = if keep_mine { "mine" } else { "theirs" };
            tx.tx.execute(
                "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
                params![conflict.id, tx.now_text(), resolution],
            )?;
            tx.audit(info.entity, &conflict.record_id, "sync_resolve", vec![conflict.field.clone()]);
            Ok(())
        })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_compare_as_clock_then_device() {
        let a = Hlc {
            millis: 5,
            counter: 2,
        }
        .stamp("0190-a");
        let b = Hlc {
            millis: 5,
            counter: 10,
        }
        .stamp("0190-a");
        let c = Hlc {
            millis: 6,
            counter: 0,
        }
        .stamp("0190-a");
        assert!(a < b && b < c);
        assert_eq!(
            parse_stamp(&b),
            Some((
                Hlc {
                    millis: 5,
                    counter: 10
                },
                "0190-a"
            ))
        );
        let t = Hlc {
            millis: 5,
            counter: MAX_COUNTER,
        }
        .tick(3);
        assert_eq!(
            t,
            Hlc {
                millis: 6,
                counter: 0
            }
        );
        assert_eq!(
            Hlc {
                millis: 5,
                counter: 1
            }
            .tick(9),
            Hlc {
                millis: 9,
                counter: 0
            }
        );
    }

    #[test]
    fn canonical_text_ignores_key_order() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":{"y":2,"x":[1,{"q":1,"p":2}]}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"a":{"x":[1,{"p":2,"q":1}],"y":2},"b":1}"#).unwrap();
        assert_eq!(canonical(&a), canonical(&b));
    }

    #[test]
    fn meta_keeps_the_common_pair_once_and_lists_the_rest() {
        let (s1, s2) = ("001.00000@a", "002.00000@a");
        let meta = Meta::build(
            [
                ("data.first_name", s1, "", true),
                ("data.last_name", s1, "", true),
                ("status", s1, "", true),
                ("data.phone", s2, s1, true),
                ("data.email", s2, s1, false),
            ]
            .into_iter(),
        );
        assert_eq!(meta.x.len(), 2, "{meta:?}");
        let text = serde_json::to_string(&meta).unwrap();
        let back = Meta::parse(&text).unwrap();
        assert_eq!(back.pair("data.last_name", true), (s1, ""));
        assert_eq!(back.pair("data.phone", true), (s2, s1));
        // A removed key keeps the stamp of its removal; an unknown one has none.
        assert_eq!(back.pair("data.email", false), (s2, s1));
        assert_eq!(back.pair("data.other", false), ("", ""));
    }

    #[test]
    fn meta_of_schema_8_is_read_as_listed_fields() {
        let old = r#"{"s":["","A","B"],"f":{"x":[1,0,"00ff"],"y":[2,1,"aa00"]}}"#;
        let meta = Meta::parse(old).unwrap();
        assert_eq!(meta.pair("x", true), ("A", ""));
        assert_eq!(meta.pair("y", false), ("B", "A"));
        assert!(!serde_json::to_string(&meta).unwrap().contains("00ff"));
    }
}
