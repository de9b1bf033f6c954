//! What sync knows about each syncable table (read from the schema itself) and the triggers
//! that queue changed rows.

use super::*;

/// What sync needs to know about one table, read from the schema itself.
pub(super) struct TableInfo {
    pub(super) table: &'static str,
    pub(super) entity: &'static str,
    /// Columns that travel (all but `id` and local-only ones).
    pub(super) columns: Vec<String>,
    /// SQL of a trigger's `OLD` row as a JSON array of `columns`.
    pub(super) old_row: String,
    /// `SELECT <columns> FROM <table> WHERE id = ?1`.
    pub(super) select: String,
    /// Foreign keys to other syncable rows: (column, table).
    pub(super) refs: Vec<(String, &'static str)>,
}

impl TableInfo {
    pub(super) fn load(conn: &Connection, t: &'static SyncTable) -> Result<TableInfo> {
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
pub(super) struct Tables(HashMap<&'static str, TableInfo>);

impl Tables {
    pub(super) fn get(&mut self, conn: &Connection, table: &str) -> Result<&TableInfo> {
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

pub(super) fn table_exists(conn: &Connection, table: &str) -> Result<bool> {
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
pub(super) fn trigger_sql(info: &TableInfo) -> [(String, String); 3] {
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
        // Rows sync already knows keep their stamps: a table rebuilt by a migration loses its
        // triggers, not its history.
        let ids: Vec<String> = tx
            .prepare(&format!(
                "SELECT id FROM {table} WHERE id NOT IN (SELECT id FROM sync_rows WHERE tbl = ?1)"
            ))?
            .query_map([table], |r| r.get(0))?
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
