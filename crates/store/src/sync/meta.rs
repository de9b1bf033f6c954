//! The stored stamps of a row (`sync_rows.meta`).

use super::*;

/// The stored stamps of a row. Most fields of a row share one (stamp, base) pair — the change
/// that created the row or last saved it — so that pair (`d`) is kept once for every field the
/// stored row holds, and only the other fields are listed (`x`): those with their own pair and
/// those the row no longer holds (a removed key keeps the stamp of its removal). Index 0 of
/// the stamps is "".
///
/// Stores of schema 6–8 listed every field with a hash of its value (`f`); such a meta is read
/// as all-explicit and written back in this form the next time the row changes.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Meta {
    pub(super) s: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) d: Option<(u32, u32)>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) x: BTreeMap<String, (u32, u32)>,
    #[serde(default, skip_serializing)]
    pub(super) f: BTreeMap<String, (u32, u32, String)>,
}

impl Meta {
    pub(super) fn parse(text: &str) -> Result<Meta> {
        let mut meta: Meta = serde_json::from_str(text)
            .map_err(|e| StoreError::Corrupt(format!("zapis synchronizacji nieczytelny: {e}")))?;
        for (k, (si, bi, _)) in std::mem::take(&mut meta.f) {
            meta.x.entry(k).or_insert((si, bi));
        }
        Ok(meta)
    }

    pub(super) fn stamp(&self, i: u32) -> &str {
        self.s.get(i as usize).map_or("", String::as_str)
    }

    /// The (stamp, base) indexes of `field`; `held`: whether the stored row holds it.
    pub(super) fn pair_index(&self, field: &str, held: bool) -> (u32, u32) {
        match (self.x.get(field), held) {
            (Some(p), _) => *p,
            (None, true) => self.d.unwrap_or_default(),
            (None, false) => (0, 0),
        }
    }

    /// The (stamp, base) of `field`; `held`: whether the stored row holds it.
    pub(super) fn pair(&self, field: &str, held: bool) -> (&str, &str) {
        let (s, b) = self.pair_index(field, held);
        (self.stamp(s), self.stamp(b))
    }

    /// Builds the meta of fields given as (name, stamp, base, held by the stored row).
    pub(super) fn build<'a>(
        fields: impl Iterator<Item = (&'a str, &'a str, &'a str, bool)>,
    ) -> Meta {
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

pub(super) fn read_meta(
    tx: &Connection,
    table: &str,
    id: &str,
) -> Result<Option<(Meta, Option<String>)>> {
    let row: Option<(String, Option<String>)> = tx
        .prepare_cached("SELECT meta, deleted FROM sync_rows WHERE tbl = ?1 AND id = ?2")?
        .query_row([table, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(m, d)| Ok((Meta::parse(&m)?, d))).transpose()
}

pub(super) fn write_meta(
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
