//! The participants table: add, update, show, archive, list, and the duplicate rules.
//!
//! Invariant: two stored participants never share a PESEL; a new person whose folded name and
//! birth date match someone is saved only when the caller confirms it is another person.

use crate::error::{ExistingRecord, Result, StoreError};
use crate::search;
pub use crate::summary::ParticipantSummary;
use crate::summary::{summary_from_row, SUMMARY_COLUMNS};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::fold::fold;
use kartoteka_domain::participant::{
    age_on, overlay, Participant, ParticipantData, ParticipantInput, ParticipantStatus,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// Whether the user confirmed that a likely duplicate is in fact another person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateCheck {
    #[default]
    Refuse,
    Confirmed,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ParticipantPage {
    pub total: u32,
    pub rows: Vec<ParticipantSummary>,
}

fn existing_from_summary(s: &ParticipantSummary) -> ExistingRecord {
    let birth = chrono::NaiveDate::parse_from_str(&s.birth_date, "%Y-%m-%d")
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| s.birth_date.clone());
    ExistingRecord {
        id: s.id.clone(),
        name: format!("{} {}", s.first_name, s.last_name),
        birth_date: birth,
        town: s.town.clone(),
    }
}

/// The names of the top-level fields whose values differ (for the audit log: names only).
fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return vec![];
    };
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| k.to_string())
        .collect()
}

pub(crate) fn anonymised_is_final() -> StoreError {
    StoreError::Conflict(
        "Dane tej osoby zostały zanonimizowane po okresie przechowywania — nie można ich zmienić."
            .into(),
    )
}

fn town_of(data: &ParticipantData) -> Option<String> {
    data.address.as_ref().and_then(|a| a.town.clone())
}

impl Tx<'_> {
    fn check_duplicates(
        &self,
        data: &ParticipantData,
        except: Option<&str>,
        check: DuplicateCheck,
    ) -> Result<()> {
        if let Some(pesel) = &data.pesel {
            let sql = format!("SELECT {SUMMARY_COLUMNS} FROM participants p WHERE p.pesel = ?1 AND p.id IS NOT ?2");
            let existing = self
                .tx
                .query_row(&sql, params![pesel.as_string(), except], summary_from_row)
                .optional()?;
            if let Some(e) = existing {
                let record = existing_from_summary(&e);
                return Err(StoreError::Duplicate {
                    message: format!(
                        "Osoba o numerze PESEL {pesel} jest już w kartotece: {}. Otwórz istniejący rekord zamiast dodawać nowy.",
                        record.describe()
                    ),
                    field: Some("pesel"),
                    existing: vec![record],
                });
            }
        }
        if check == DuplicateCheck::Refuse {
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM participants p
                 WHERE p.name_key = ?1 AND p.birth_date = ?2 AND p.id IS NOT ?3 LIMIT 5"
            );
            let mut stmt = self.tx.prepare_cached(&sql)?;
            let similar: Vec<ParticipantSummary> = stmt
                .query_map(
                    params![data.duplicate_key(), data.birth_date.to_string(), except],
                    summary_from_row,
                )?
                .collect::<Result<_, _>>()?;
            if !similar.is_empty() {
                return Err(StoreError::LikelyDuplicate {
                    existing: similar.iter().map(existing_from_summary).collect(),
                });
            }
        }
        Ok(())
    }

    /// Adds a participant; returns the new id.
    pub fn add_participant(&mut self, data: &ParticipantData, check: DuplicateCheck) -> Result<Id> {
        self.check_duplicates(data, None, check)?;
        let id = Id::new_v7();
        self.insert_participant(id, data)?;
        Ok(id)
    }

    /// Writes the rows of a new, already checked participant: the record, its search entry
    /// and its audit event. Shared by `add_participant` and the bulk path (`bulk.rs`).
    pub(crate) fn insert_participant(&mut self, id: Id, data: &ParticipantData) -> Result<()> {
        let now = self.now_text();
        let json = serde_json::to_string(data).expect("participant serialises");
        self.tx.prepare_cached(
            "INSERT INTO participants(id, status, first_name, last_name, sort_key, name_key, pesel,
                 birth_date, sex, town, data, created_at, updated_at)
             VALUES (?1, 'active', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?
        .execute(params![
                id.to_string(),
                data.first_name,
                data.last_name,
                fold(&format!("{} {}", data.last_name, data.first_name)),
                data.duplicate_key(),
                data.pesel.map(|p| p.as_string()),
                data.birth_date.to_string(),
                data.sex.as_str(),
                town_of(data),
                json,
                now
            ],
        )?;
        let seq = self.tx.last_insert_rowid();
        search::index_participant(&self.tx, seq, data)?;
        let fields = changed_fields(&serde_json::json!({}), &data.to_input_json());
        self.audit("participant", &id.to_string(), "create", fields);
        Ok(())
    }

    pub(crate) fn load_participant_data(
        &self,
        id: &str,
    ) -> Result<(i64, ParticipantData, ParticipantStatus)> {
        let row: Option<(i64, String, String)> = self
            .tx
            .query_row(
                "SELECT seq, data, status FROM participants WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (seq, json, status) = row.ok_or_else(|| StoreError::NotFound {
            what: "uczestnik",
            id: id.to_owned(),
        })?;
        let data = serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("zapis uczestnika nieczytelny: {e}")))?;
        Ok((seq, data, ParticipantStatus::from_db(&status)))
    }

    /// Overlays the given keys on the stored record, re-validates all of it and saves it.
    /// Returns the names of the fields that changed.
    pub fn update_participant(
        &mut self,
        id: &str,
        patch: &serde_json::Value,
        check: DuplicateCheck,
    ) -> Result<Vec<String>> {
        let (seq, before, status) = self.load_participant_data(id)?;
        if status == ParticipantStatus::Anonymised {
            return Err(anonymised_is_final());
        }
        let before_json = before.to_input_json();
        let mut merged = before_json.clone();
        // A new PESEL brings its own birth date and sex unless the caller sent them too.
        if let (Some(new_pesel), Some(m)) = (patch.get("pesel"), merged.as_object_mut()) {
            if new_pesel.is_string() {
                for derived in ["birth_date", "sex"] {
                    if patch.get(derived).is_none() {
                        m.insert(derived.into(), serde_json::Value::Null);
                    }
                }
            }
        }
        overlay(&mut merged, patch);
        let input: ParticipantInput = serde_json::from_value(merged)
            .map_err(|e| ValidationErrors::single("json", format!("Niepoprawne dane JSON: {e}")))?;
        let after = input.parse(self.today)?;
        let after_json = after.to_input_json();
        let fields = changed_fields(&before_json, &after_json);
        if fields.is_empty() {
            return Ok(fields);
        }
        // A name or birth-date change may make the person look like someone else.
        let identity_changed = before.duplicate_key() != after.duplicate_key()
            || before.birth_date != after.birth_date;
        let check = if identity_changed {
            check
        } else {
            DuplicateCheck::Confirmed
        };
        self.check_duplicates(&after, Some(id), check)?;
        self.tx.execute(
            "UPDATE participants SET first_name = ?2, last_name = ?3, sort_key = ?4, name_key = ?5,
                 pesel = ?6, birth_date = ?7, sex = ?8, town = ?9, data = ?10, updated_at = ?11
             WHERE id = ?1",
            params![
                id,
                after.first_name,
                after.last_name,
                fold(&format!("{} {}", after.last_name, after.first_name)),
                after.duplicate_key(),
                after.pesel.map(|p| p.as_string()),
                after.birth_date.to_string(),
                after.sex.as_str(),
                town_of(&after),
                serde_json::to_string(&after).expect("participant serialises"),
                self.now_text()
            ],
        )?;
        search::reindex_participant(&self.tx, seq, &after)?;
        self.audit("participant", id, "update", fields.clone());
        Ok(fields)
    }

    /// Archives a participant: kept with all history, hidden from the default list.
    pub(crate) fn set_participant_status(
        &mut self,
        id: &str,
        status: ParticipantStatus,
    ) -> Result<bool> {
        let (_, _, current) = self.load_participant_data(id)?;
        if current == ParticipantStatus::Anonymised {
            return Err(anonymised_is_final());
        }
        if current == status {
            return Ok(false);
        }
        self.tx.execute(
            "UPDATE participants SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), self.now_text()],
        )?;
        let action = match status {
            ParticipantStatus::Archived => "archive",
            ParticipantStatus::Active => "restore",
            ParticipantStatus::Anonymised => "anonymise",
        };
        self.audit("participant", id, action, vec!["status".into()]);
        Ok(true)
    }
}

impl Store {
    pub fn add_participant(
        &mut self,
        source: Source,
        input: &ParticipantInput,
        check: DuplicateCheck,
    ) -> Result<Id> {
        let data = input.parse(self.clock().today())?;
        self.write(source, |tx| tx.add_participant(&data, check))
    }

    pub fn update_participant(
        &mut self,
        source: Source,
        id: &str,
        patch: &serde_json::Value,
        check: DuplicateCheck,
    ) -> Result<Vec<String>> {
        self.write(source, |tx| tx.update_participant(id, patch, check))
    }

    pub fn archive_participant(&mut self, source: Source, id: &str) -> Result<bool> {
        self.write(source, |tx| {
            tx.set_participant_status(id, ParticipantStatus::Archived)
        })
    }

    pub fn restore_participant(&mut self, source: Source, id: &str) -> Result<bool> {
        self.write(source, |tx| {
            tx.set_participant_status(id, ParticipantStatus::Active)
        })
    }

    pub fn participant(&self, id: &str) -> Result<Participant> {
        let row: Option<(String, String, String, String, String)> = self
            .conn()
            .query_row(
                "SELECT id, status, data, created_at, updated_at FROM participants WHERE id = ?1",
                [id.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (id_text, status, json, created_at, updated_at) =
            row.ok_or_else(|| StoreError::NotFound {
                what: "uczestnik",
                id: id.to_owned(),
            })?;
        let data: ParticipantData = serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("zapis uczestnika nieczytelny: {e}")))?;
        let id = id_text
            .parse()
            .map_err(|_| StoreError::Corrupt("identyfikator uczestnika nieczytelny".into()))?;
        Ok(Participant {
            id,
            status: ParticipantStatus::from_db(&status),
            age: age_on(data.birth_date, self.clock().today()),
            data,
            created_at,
            updated_at,
        })
    }

    /// One page of the list in surname order; archived people only when asked for.
    pub fn participant_page(
        &self,
        offset: u32,
        limit: u32,
        include_archived: bool,
    ) -> Result<ParticipantPage> {
        // Two plain queries rather than one with an OR, so each can walk its index.
        let filter = if include_archived {
            ""
        } else {
            "WHERE p.status = 'active'"
        };
        // Kept by triggers (migration 0008), so the total costs nothing at any size.
        let total: u32 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(n), 0) FROM participant_counts
                 WHERE ?1 OR status = 'active'",
            )?
            .query_row([include_archived], |r| r.get(0))?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM participants p {filter}
             ORDER BY p.sort_key, p.seq LIMIT ?1 OFFSET ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![limit, offset], summary_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(ParticipantPage { total, rows })
    }
}
