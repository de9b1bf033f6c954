//! Schema migrations: numbered SQL files embedded in the binary, applied in order, each in its
//! own transaction, tracked in `PRAGMA user_version`.
//!
//! Invariant: files are append-only (never edit a released migration); a database whose
//! version is newer than the newest migration here is refused untouched.

use crate::error::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension};

pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sql: include_str!("../migrations/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "registry",
        sql: include_str!("../migrations/0002_registry.sql"),
    },
    Migration {
        version: 3,
        name: "settings",
        sql: include_str!("../migrations/0003_settings.sql"),
    },
    Migration {
        version: 4,
        name: "consents_documents",
        sql: include_str!("../migrations/0004_consents_documents.sql"),
    },
    Migration {
        version: 5,
        name: "plans",
        sql: include_str!("../migrations/0005_plans.sql"),
    },
    Migration {
        version: 6,
        name: "sync",
        sql: include_str!("../migrations/0006_sync.sql"),
    },
    Migration {
        version: 7,
        name: "search_rank",
        sql: include_str!("../migrations/0007_search_rank.sql"),
    },
    Migration {
        version: 8,
        name: "participant_counts",
        sql: include_str!("../migrations/0008_participant_counts.sql"),
    },
    Migration {
        version: 9,
        name: "contentless_search",
        sql: include_str!("../migrations/0009_contentless_search.sql"),
    },
    Migration {
        version: 10,
        name: "recruitment",
        sql: include_str!("../migrations/0010_recruitment.sql"),
    },
    Migration {
        version: 11,
        name: "groups",
        sql: include_str!("../migrations/0011_groups.sql"),
    },
    Migration {
        version: 12,
        name: "demo",
        sql: include_str!("../migrations/0012_demo.sql"),
    },
    Migration {
        version: 13,
        name: "drafts",
        sql: include_str!("../migrations/0013_drafts.sql"),
    },
    Migration {
        version: 14,
        name: "plan_kinds",
        sql: include_str!("../migrations/0014_plan_kinds.sql"),
    },
    Migration {
        version: 15,
        name: "service_sm_efs",
        sql: include_str!("../migrations/0015_service_sm_efs.sql"),
    },
];

pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub(crate) fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a database from a newer program before anything is written to it.
pub(crate) fn check_not_newer(conn: &Connection) -> Result<u32> {
    let found = current_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(StoreError::NewerSchema { found, supported });
    }
    Ok(found)
}

/// Applies every pending migration; returns how many ran.
pub fn migrate(conn: &mut Connection) -> Result<usize> {
    migrate_to(conn, latest_version())
}

/// Applies the pending migrations up to and including `target`; returns how many ran.
/// Only tests stop short of the latest (to make a database as an older program left it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<usize> {
    let found = check_not_newer(conn)?;
    let mut applied = 0;
    // A migration may rebuild a table that others refer to (SQLite's way to change a column):
    // foreign keys are off while migrations run (the pragma is ignored inside a transaction) and
    // every migration is checked for dangling references before it commits.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = (|| {
        for m in MIGRATIONS
            .iter()
            .filter(|m| m.version > found && m.version <= target)
        {
            let tx = conn.transaction()?;
            tx.execute_batch(m.sql)?;
            let dangling: Option<String> = tx
                .query_row(
                    "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(table) = dangling {
                return Err(StoreError::Corrupt(format!(
                    "migracja {} zostawiłaby w tabeli {table} odwołanie do nieistniejącego wiersza",
                    m.version
                )));
            }
            tx.pragma_update(None, "user_version", m.version)?;
            tx.commit()?;
            applied += 1;
        }
        Ok(())
    })();
    conn.pragma_update(None, "foreign_keys", true)?;
    result?;
    // The sync triggers come from the one list of syncable tables (src/sync.rs).
    if current_version(conn)? >= crate::sync::SYNC_SCHEMA {
        crate::sync::install_triggers(conn)?;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }
}
