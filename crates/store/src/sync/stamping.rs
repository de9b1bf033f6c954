//! Stamping local changes: every changed field gets a fresh stamp just before a write commits.

use super::*;

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
