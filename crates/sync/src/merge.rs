//! The merge of one incoming row into the local one: per field, the newer stamp wins.
//!
//! Invariants (what makes any order of bundles give the same result everywhere):
//! - Per field the winner is the larger (stamp, canonical value), a total order, so merging
//!   is commutative, associative and idempotent — except the rules below, which are too.
//! - A participant's status `anonymised` wins over any other status (anonymisation is final).
//! - A tombstone wins over every field (deletion is final); of two tombstones the larger stays.
//! - A conflict is recorded when the values differ and the winning change was made without
//!   knowing the losing one: its `base` (the stamp it replaced) is older than the loser's stamp
//!   (`updated_at` excepted: it is bookkeeping).

use kartoteka_store::sync::{canonical, FieldConflict, FieldState, Merged, RowState};
use serde_json::Value;

/// A value that, once set, wins whatever its stamp.
fn absorbing(table: &str, field: &str, value: Option<&Value>) -> bool {
    table == "participants" && field == "status" && value == Some(&Value::from("anonymised"))
}

fn key(f: &FieldState) -> (&str, String, &str) {
    (
        &f.stamp,
        f.value.as_ref().map(canonical).unwrap_or_default(),
        &f.base,
    )
}

/// Merges `incoming` into `local` (the row as stored here, if any).
pub fn merge_row(local: Option<RowState>, incoming: RowState) -> Merged {
    let Some(mut row) = local else {
        let changed = if incoming.deleted.is_some() {
            vec!["deleted".to_owned()]
        } else {
            incoming.fields.keys().cloned().collect()
        };
        return Merged {
            row: incoming,
            changed,
            values_changed: true,
            conflicts: vec![],
        };
    };
    let deleted = |row: RowState| Merged {
        row,
        changed: vec!["deleted".into()],
        values_changed: true,
        conflicts: vec![],
    };
    match (&row.deleted, &incoming.deleted) {
        (Some(mine), Some(theirs)) if theirs > mine => return deleted(incoming),
        (Some(_), _) => {
            return Merged {
                row,
                changed: vec![],
                values_changed: false,
                conflicts: vec![],
            }
        }
        (None, Some(_)) => {
            return deleted(RowState {
                fields: Default::default(),
                ..incoming
            })
        }
        (None, None) => {}
    }
    let mut changed = Vec::new();
    let mut values_changed = false;
    let mut conflicts = Vec::new();
    // Fields only this side has stay as they are.
    for (k, theirs) in incoming.fields {
        let Some(mine) = row.fields.get(&k) else {
            changed.push(k.clone());
            values_changed = true;
            row.fields.insert(k, theirs);
            continue;
        };
        if *mine == theirs {
            continue;
        }
        let (m_abs, t_abs) = (
            absorbing(&row.table, &k, mine.value.as_ref()),
            absorbing(&row.table, &k, theirs.value.as_ref()),
        );
        let theirs_won = if m_abs != t_abs {
            t_abs
        } else {
            key(&theirs) > key(mine)
        };
        let (winner, loser) = if theirs_won {
            (&theirs, mine)
        } else {
            (mine, &theirs)
        };
        let values_differ =
            mine.value.as_ref().map(canonical) != theirs.value.as_ref().map(canonical);
        // When a record was last saved is bookkeeping, not something for a person to decide.
        let bookkeeping = k == "updated_at";
        if values_differ && !bookkeeping && m_abs == t_abs && winner.base < loser.stamp {
            conflicts.push(FieldConflict {
                field: k.clone(),
                mine: mine.value.clone(),
                theirs: theirs.value.clone(),
                mine_stamp: mine.stamp.to_string(),
                theirs_stamp: theirs.stamp.to_string(),
                theirs_won,
            });
        }
        if theirs_won {
            changed.push(k.clone());
            values_changed |= values_differ;
            row.fields.insert(k, theirs);
        }
    }
    Merged {
        row,
        changed,
        values_changed,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn f(stamp: &str, base: &str, v: Value) -> FieldState {
        FieldState {
            stamp: stamp.into(),
            base: base.into(),
            value: Some(v),
        }
    }

    fn row(fields: &[(&str, FieldState)]) -> RowState {
        RowState {
            table: "participants".into(),
            id: "r1".into(),
            deleted: None,
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn a_change_made_knowing_the_other_is_no_conflict() {
        let mine = row(&[("data.phone", f("1@a", "", json!("1")))]);
        let theirs = row(&[("data.phone", f("2@b", "1@a", json!("2")))]);
        let m = merge_row(Some(mine.clone()), theirs.clone());
        assert_eq!(m.changed, vec!["data.phone"]);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.row.fields["data.phone"].value, Some(json!("2")));
        // And the old value arriving later changes nothing.
        let again = merge_row(Some(m.row.clone()), mine.clone());
        assert!(again.changed.is_empty() && again.conflicts.is_empty());
    }

    #[test]
    fn concurrent_changes_conflict_on_both_sides_with_the_same_winner() {
        let mine = row(&[("data.phone", f("3@a", "1@a", json!("A")))]);
        let theirs = row(&[("data.phone", f("2@b", "1@a", json!("B")))]);
        let here = merge_row(Some(mine.clone()), theirs.clone());
        let there = merge_row(Some(theirs.clone()), mine.clone());
        assert_eq!(here.row, there.row);
        assert_eq!(here.row.fields["data.phone"].value, Some(json!("A")));
        assert_eq!(here.conflicts.len(), 1);
        assert!(!here.conflicts[0].theirs_won);
        assert_eq!(there.conflicts.len(), 1);
        assert!(there.conflicts[0].theirs_won);
    }

    #[test]
    fn anonymisation_and_tombstones_are_final() {
        let mine = row(&[("status", f("1@a", "", json!("anonymised")))]);
        let theirs = row(&[("status", f("9@b", "", json!("archived")))]);
        assert_eq!(merge_row(Some(mine.clone()), theirs.clone()).row, mine);
        assert_eq!(merge_row(Some(theirs.clone()), mine.clone()).row, mine);
        let mut tomb = theirs.clone();
        tomb.deleted = Some("5@c".into());
        tomb.fields.clear();
        assert_eq!(merge_row(Some(mine.clone()), tomb.clone()).row, tomb);
        assert!(merge_row(Some(tomb.clone()), mine.clone())
            .changed
            .is_empty());
    }
}
