//! Sync bookkeeping inside the store: which tables travel between installations, the hybrid
//! logical clock, per-field stamps, reading changed rows for a bundle and applying merged rows.
//!
//! Code map: `schema.rs` what sync knows of each table and the triggers; `clock.rs` stamps,
//! the clock and the small facts in `sync_state`; `meta.rs` the stored stamps of a row;
//! `stamping.rs` stamping local changes; `keys.rs` this installation's signing seed and the
//! keys of devices whose signed bundles were applied (trust on first use); `rows.rs` rows as fields with stamps (read side);
//! `apply.rs` writing a merged row; `api.rs` the `Store` operations; `types.rs` what they take
//! and give back.
//!
//! Invariants:
//! - `SYNC_TABLES` is the one list of syncable tables. Triggers created from it put every
//!   inserted, updated or deleted row into `sync_dirty` (an update with the row as it was
//!   before the transaction first changed it); `Store::write` drains that queue just before it
//!   commits (`stamp_dirty`), giving each changed field a fresh stamp `<HLC>@<device>` and
//!   remembering the stamp it replaced (`base`). So every repository, present and future, is
//!   covered without knowing about sync.
//! - A stamp is a fixed-width string: comparing two stamps as strings compares (HLC, device).
//! - Rows applied from a bundle keep the bundle's stamps (the triggers skip them while an
//!   import runs); what wins is decided by the caller's merge function (crates/sync), this
//!   module only reads and writes.
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

mod api;
mod apply;
mod clock;
mod keys;
mod meta;
mod rows;
mod schema;
mod stamping;
mod types;

use apply::*;
use clock::*;
use keys::*;
use meta::*;
use rows::*;
use schema::*;

pub use clock::{parse_stamp, Hlc, Stamp};
pub use keys::{check_device_key, DeviceKeyCheck};
pub(crate) use schema::install_triggers;
pub use schema::GENESIS;
pub(crate) use stamping::stamp_dirty;
pub use types::*;

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
    SyncTable {
        table: "recruitments",
        entity: "recruitment",
    },
    SyncTable {
        table: "candidates",
        entity: "candidate",
    },
    SyncTable {
        table: "work_groups",
        entity: "group",
    },
    SyncTable {
        table: "group_members",
        entity: "group_member",
    },
    SyncTable {
        table: "group_sessions",
        entity: "group_session",
    },
    SyncTable {
        table: "session_attendance",
        entity: "session_attendance",
    },
    SyncTable {
        table: "community_events",
        entity: "community_event",
    },
    SyncTable {
        table: "event_participants",
        entity: "event_participant",
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
    /// Whether a value changed (or a field arrived): `false` when only stamps moved, so the
    /// stored row stays as it is.
    pub values_changed: bool,
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
