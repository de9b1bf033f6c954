//! Demo data: the rows the first-run wizard's optional synthetic people wrote, kept in
//! `demo_rows`, and their removal in one transaction.
//!
//! Invariants: demo rows never leave this computer — the api refuses to set up sync while any
//! are here and to add them once sync is set up — so removing them deletes rows outright,
//! with their stamps, and leaves no tombstone that a bundle could carry. Whatever a worker
//! later attached to a demo row (an enrolment in a demo project, a note on a demo person) goes
//! with it: the removal follows every foreign key between the syncable tables to a fixpoint.

use crate::error::Result;
use crate::sync::SYNC_TABLES;
use crate::{Source, Store};
use serde::Serialize;
use ts_rs::TS;

/// What removing the demo data deleted.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoRemoved {
    pub participants: u32,
    pub projects: u32,
    /// Every row deleted, of all kinds (people, projects, plans, deliveries, documents…).
    pub rows: u32,
}

impl Store {
    /// The change counter now: rows stamped after it were written later (see `demo_mark`).
    pub fn change_mark(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT coalesce(max(change_seq), 0) FROM sync_rows",
            [],
            |r| r.get(0),
        )?)
    }

    /// Records every row stamped after `since` as demo data. Returns how many.
    pub fn demo_mark(&mut self, source: Source, since: i64) -> Result<usize> {
        self.write(source, |tx| {
            let n = tx.tx.execute(
                "INSERT OR IGNORE INTO demo_rows(tbl, id)
                 SELECT tbl, id FROM sync_rows WHERE change_seq > ?1 AND deleted IS NULL",
                [since],
            )?;
            tx.audit("demo", "", "create", vec![]);
            Ok(n)
        })
    }

    /// Whether any demo rows are here.
    pub fn has_demo(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS(SELECT 1 FROM demo_rows)", [], |r| r.get(0))?)
    }

    /// Deletes the demo rows and every row that refers to one (directly or through others),
    /// with their stamps and search entries, in one transaction.
    pub fn demo_remove(&mut self, source: Source) -> Result<DemoRemoved> {
        self.write(source, |tx| {
            let t = &tx.tx;
            t.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS doomed(tbl TEXT NOT NULL, id TEXT NOT NULL,
                     PRIMARY KEY (tbl, id)) WITHOUT ROWID;
                 DELETE FROM temp.doomed;
                 INSERT INTO temp.doomed SELECT tbl, id FROM demo_rows;",
            )?;
            // (child table, child column, parent table) for every reference between syncable tables.
            let mut links = Vec::new();
            for child in SYNC_TABLES {
                let mut stmt = t.prepare(
                    "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)",
                )?;
                let rows = stmt.query_map([child.table], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (parent, column) = row?;
                    links.push((child.table, column, parent));
                }
            }
            loop {
                let mut added = 0;
                for (child, column, parent) in &links {
                    added += t.execute(
                        &format!(
                            "INSERT OR IGNORE INTO temp.doomed(tbl, id)
                             SELECT '{child}', c.id FROM {child} c
                             WHERE c.{column} IN (SELECT id FROM temp.doomed WHERE tbl = '{parent}')"
                        ),
                        [],
                    )?;
                }
                if added == 0 {
                    break;
                }
            }
            let count = |tbl: &str| -> Result<u32> {
                Ok(t.query_row(
                    "SELECT count(*) FROM temp.doomed d WHERE d.tbl = ?1",
                    [tbl],
                    |r| r.get(0),
                )?)
            };
            let removed = DemoRemoved {
                participants: count("participants")?,
                projects: count("projects")?,
                rows: t.query_row("SELECT count(*) FROM temp.doomed", [], |r| r.get(0))?,
            };
            t.execute(
                "DELETE FROM participant_search WHERE rowid IN
                     (SELECT p.seq FROM participants p
                      JOIN temp.doomed d ON d.tbl = 'participants' AND d.id = p.id)",
                [],
            )?;
            t.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
            for st in SYNC_TABLES {
                t.execute(
                    &format!(
                        "DELETE FROM {0} WHERE id IN
                             (SELECT id FROM temp.doomed WHERE tbl = '{0}')",
                        st.table
                    ),
                    [],
                )?;
            }
            // No stamps, no tombstones, no conflicts: the rows never left this computer.
            t.execute_batch(
                "DELETE FROM sync_dirty WHERE (tbl, id) IN (SELECT tbl, id FROM temp.doomed);
                 DELETE FROM sync_rows WHERE (tbl, id) IN (SELECT tbl, id FROM temp.doomed);
                 DELETE FROM sync_conflicts WHERE (tbl, row_id) IN (SELECT tbl, id FROM temp.doomed);
                 DELETE FROM drafts WHERE EXISTS
                     (SELECT 1 FROM temp.doomed d WHERE instr(drafts.key, d.id) > 0);
                 DELETE FROM demo_rows;
                 DELETE FROM temp.doomed;",
            )?;
            tx.audit("demo", "", "delete", vec![]);
            Ok(removed)
        })
    }
}
