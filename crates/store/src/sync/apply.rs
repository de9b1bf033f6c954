//! Writing a merged row: its columns (and what is derived from them), its stamps.

use super::*;

pub(super) fn constraint_conflict(
    table: &str,
    id: &str,
    e: &rusqlite::Error,
) -> Option<StoreError> {
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

/// Whether a participant row is anonymised.
pub(super) fn is_anonymised(row: &RowState) -> bool {
    row.deleted.is_none()
        && row
            .fields
            .get("status")
            .and_then(|f| f.value.as_ref())
            .and_then(Value::as_str)
            == Some("anonymised")
}

/// Who a participant row names, while it is not anonymised.
pub(super) fn named_participant(row: &RowState) -> Option<crate::gdpr::Identity> {
    if row.deleted.is_some() || is_anonymised(row) {
        return None;
    }
    let SqlValue::Text(text) = column_value(&row.fields, "data") else {
        return None;
    };
    let data: ParticipantData = serde_json::from_str(&text).ok()?;
    Some(crate::gdpr::Identity::of(&row.id, &data))
}

/// Whether the participant is anonymised, the columns derived locally, and the data.
pub(super) type ParticipantColumns = (bool, Vec<(&'static str, SqlValue)>, ParticipantData);

/// Columns derived locally for a participant, from the merged status and `data`; the data
/// text is rewritten through `ParticipantData` (anonymised when the status says so).
pub(super) fn participant_columns(
    fields: &BTreeMap<String, FieldState>,
) -> Result<ParticipantColumns> {
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
pub(super) fn relation_survives(
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
pub(super) fn write_columns(
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
pub(super) struct SearchUpdates(pub(super) Vec<(i64, bool, Option<ParticipantData>)>);

impl SearchUpdates {
    /// Removes each entry (of a person who was here before) and writes it again from the
    /// data (`None`: removed for good).
    pub(super) fn apply(&mut self, tx: &Transaction) -> Result<()> {
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
pub(super) fn write_row(
    tx: &Transaction,
    info: &TableInfo,
    exists: bool,
    row: &RowState,
    seq: i64,
    search: &mut SearchUpdates,
    values_changed: Option<bool>,
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
    // The merge knows; otherwise the stored row is read and compared.
    let same = exists
        && match values_changed {
            Some(changed) => !changed,
            None => read_fields(tx, info, id)?.is_some_and(|current| {
                current.len() == row.fields.len()
                    && row.fields.iter().all(|(k, f)| {
                        current.get(k).map(|v| v.as_ref().map(canonical))
                            == Some(f.value.as_ref().map(canonical))
                    })
            }),
        };
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
pub(super) fn held(info: &TableInfo, row: &RowState, k: &str, f: &FieldState) -> bool {
    let has = |c: &str| info.columns.iter().any(|x| x == c);
    match (&f.value, k.strip_prefix("data.")) {
        (None, _) => false,
        (Some(_), Some(_)) => has("data") && !row.fields.contains_key("data"),
        (Some(v), None) => has(k) && !(k == "data" && v.is_object()),
    }
}
