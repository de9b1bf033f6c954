//! Reading a bundle's records one row at a time: the stamps list first (each stamp checked),
//! then every row checked (table, UUID id, fields, stamps, deletions) before it is handed on.

use super::*;

/// What reading the records keeps between rows.
pub(super) struct RowReader<'s> {
    /// The newest stamp time accepted.
    pub(super) latest_ms: u64,
    pub(super) sink: &'s mut dyn FnMut(RowState) -> Result<(), SyncError>,
    pub(super) stamps: Option<Vec<Stamp>>,
    pub(super) counts: BTreeMap<String, usize>,
    pub(super) records: usize,
    /// The error that stopped the reading (the deserializer only carries text).
    pub(super) error: Option<SyncError>,
    pub(super) found_schema: u32,
    pub(super) schema: u32,
}

impl RowReader<'_> {
    /// A stamp is `<millis>.<counter>@<device>` with a device id of letters, digits and
    /// hyphens (or the genesis stamp), and not from more than a day ahead of this computer's
    /// clock.
    fn check_stamp(&self, stamp: &str) -> Result<(), SyncError> {
        let malformed = || {
            let shown: String = stamp.chars().take(40).collect();
            bundle_error(&format!("znacznik czasu w niepoprawnej postaci: „{shown}”"))
        };
        // A field that had no value before its first change has no base stamp; rows every
        // installation seeds alike (the service catalogue) carry the genesis stamp, and travel
        // whenever a changed row refers to them (a group's or a plan's service).
        if stamp.is_empty() || stamp == kartoteka_store::sync::GENESIS {
            return Ok(());
        }
        let Some((hlc, device)) = kartoteka_store::sync::parse_stamp(stamp) else {
            return Err(malformed());
        };
        if device.is_empty()
            || device.len() > 64
            || !device
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(bundle_error("znacznik czasu w niepoprawnej postaci"));
        }
        if hlc.millis > self.latest_ms {
            return Err(SyncError::Bundle(
                "Pakiet zawiera zmiany z czasem o ponad dobę późniejszym niż zegar tego komputera. Nic nie zaimportowano. Sprawdź datę i godzinę na tym komputerze i na komputerze, który utworzył pakiet, a potem wyeksportuj pakiet ponownie.".into(),
            ));
        }
        Ok(())
    }

    fn take(&mut self, w: WireRow) -> Result<(), SyncError> {
        let Some(table) = sync_table(&w.t) else {
            return Err(SyncError::NewerSchema {
                found: self.found_schema,
                supported: self.schema,
            });
        };
        if w.id.is_empty() || (w.x.is_none() && w.f.is_empty()) {
            return Err(bundle_error("rekord bez identyfikatora albo bez pól"));
        }
        // Ids are UUIDs everywhere (and may end up in a file name): nothing else gets in.
        if uuid::Uuid::try_parse(&w.id).is_err() {
            return Err(bundle_error("identyfikator rekordu w niepoprawnej postaci"));
        }
        if w.x.is_some() && !DELETABLE.contains(&table.table) {
            return Err(bundle_error(&format!(
                "usunięcie rekordu tabeli {}, z której program nigdy nie usuwa",
                table.table
            )));
        }
        let stamps = self
            .stamps
            .as_ref()
            .ok_or_else(|| bundle_error("rekordy przed listą znaczników czasu"))?;
        let stamp = |i: u32| {
            stamps
                .get(i as usize)
                .cloned()
                .ok_or_else(|| bundle_error("odwołanie do nieistniejącego znacznika czasu"))
        };
        let fields =
            w.f.into_iter()
                .map(|(k, f)| {
                    if k == "id" || k.is_empty() {
                        return Err(bundle_error("niedozwolona nazwa pola"));
                    }
                    let state = FieldState {
                        stamp: stamp(f.s)?,
                        base: stamp(f.b)?,
                        value: f.v,
                    };
                    Ok((k, state))
                })
                .collect::<Result<BTreeMap<_, _>, _>>()?;
        let deleted = w.x.map(|x| stamp(x).map(|s| s.to_string())).transpose()?;
        match self.counts.get_mut(table.table) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(table.table.to_owned(), 1);
            }
        }
        self.records += 1;
        (self.sink)(RowState {
            table: w.t,
            id: w.id,
            deleted,
            fields,
        })
    }
}

/// `{"stamps": [...], "rows": [...]}`, the stamps first (as written).
pub(super) struct RecordsSeed<'r, 's>(pub(super) &'r mut RowReader<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("rekordy pakietu")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "stamps" => {
                    let list: Vec<String> = map.next_value()?;
                    if let Err(e) = list.iter().try_for_each(|s| self.0.check_stamp(s)) {
                        let text = e.to_string();
                        self.0.error = Some(e);
                        return Err(A::Error::custom(text));
                    }
                    self.0.stamps = Some(list.iter().map(|s| Stamp::from(s.as_str())).collect());
                }
                "rows" => map.next_value_seed(RowsSeed(self.0))?,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct RowsSeed<'r, 's>(&'r mut RowReader<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("lista rekordów")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(w) = seq.next_element::<WireRow>()? {
            if let Err(e) = self.0.take(w) {
                let text = e.to_string();
                self.0.error = Some(e);
                return Err(A::Error::custom(text));
            }
        }
        Ok(())
    }
}
