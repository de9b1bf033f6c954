//! Stamps and the hybrid logical clock; the small facts of this installation's sync (device,
//! clock, change counter, settings) kept in `sync_state`.

use super::*;

/// A hybrid logical clock reading: wall-clock milliseconds and a counter for events within
/// the same millisecond (or while the wall clock lags behind a stamp already seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
}

pub(super) const MAX_COUNTER: u32 = 99_999;

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

pub(super) fn state_get(tx: &Connection, key: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn state_set(tx: &Connection, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_state(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

pub(super) fn device_id(tx: &Connection) -> Result<String> {
    tx.prepare_cached("SELECT value FROM meta WHERE key = 'device_id'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("brak identyfikatora urządzenia".into()))
}

pub(super) fn current_hlc(tx: &Connection) -> Result<Hlc> {
    Ok(state_get(tx, "hlc")?
        .and_then(|t| Hlc::parse(&t))
        .unwrap_or_default())
}

/// A fresh stamp for a change made now on this device.
pub(super) fn next_stamp(tx: &Connection, now: DateTime<Utc>, device: &str) -> Result<String> {
    let now_ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let hlc = current_hlc(tx)?.tick(now_ms);
    state_set(tx, "hlc", &hlc.text())?;
    Ok(hlc.stamp(device))
}

/// Moves the clock past a reading seen in a bundle, so later local changes are newer.
pub(super) fn observe_hlc(tx: &Connection, seen: Hlc) -> Result<()> {
    if seen > current_hlc(tx)? {
        state_set(tx, "hlc", &seen.text())?;
    }
    Ok(())
}

pub(super) fn next_change_seq(tx: &Connection) -> Result<i64> {
    let seq = state_get(tx, "change_seq")?
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0)
        + 1;
    state_set(tx, "change_seq", &seq.to_string())?;
    Ok(seq)
}

pub(super) fn schema_has_sync(tx: &Connection) -> Result<bool> {
    let v: u32 = tx
        .prepare_cached("PRAGMA user_version")?
        .query_row([], |r| r.get(0))?;
    Ok(v >= SYNC_SCHEMA)
}
