//! Reading the columns the newer repositories store as text: ids, dates and JSON records,
//! each failure a `Corrupt` error naming what could not be read.

use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use kartoteka_domain::Id;

pub(crate) fn parse_id(s: &str) -> Result<Id> {
    s.parse()
        .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))
}

/// A "YYYY-MM-DD" column.
pub(crate) fn parse_day(s: &str) -> Result<NaiveDate> {
    s.parse()
        .map_err(|_| StoreError::Corrupt("data nieczytelna".into()))
}

/// A JSON column; `what` names the record in the error ("zapis naboru").
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what} nieczytelny: {e}")))
}

/// The JSON written to a column (the domain types always serialise).
pub(crate) fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("serialises")
}
