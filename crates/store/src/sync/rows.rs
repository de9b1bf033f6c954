//! Rows as sync sees them: stored columns to fields and back, a row with its stamps, the
//! changed rows of a table.

use super::*;

pub(super) fn sql_to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(hex::encode(b)),
    }
}

pub(super) fn json_to_sql(v: Option<&Value>) -> SqlValue {
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
pub(super) fn read_fields(
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
pub(super) fn fields_from(
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
pub(super) fn old_fields(info: &TableInfo, text: &str) -> Result<BTreeMap<String, Option<Value>>> {
    let values: Vec<Value> = serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("kolejka synchronizacji nieczytelna: {e}")))?;
    let mut out = BTreeMap::new();
    for (col, v) in info.columns.iter().zip(values) {
        flatten_into(&mut out, col, v);
    }
    Ok(out)
}

pub(super) fn flatten_into(out: &mut BTreeMap<String, Option<Value>>, col: &str, v: Value) {
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
pub(super) fn column_value(fields: &BTreeMap<String, FieldState>, col: &str) -> SqlValue {
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

/// The full state of a stored row (fields with their stamps), or its tombstone.
pub(super) fn load_row(tx: &Connection, info: &TableInfo, id: &str) -> Result<Option<RowState>> {
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
pub(super) fn assemble(
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
pub(super) fn each_changed_row(
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
