//! One row of the participant list, as the list page and the search both read it.

use kartoteka_domain::participant::ParticipantStatus;
use rusqlite::Row;
use serde::Serialize;
use ts_rs::TS;

/// One row of the participant list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ParticipantSummary {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub pesel: Option<String>,
    /// YYYY-MM-DD
    pub birth_date: String,
    pub town: Option<String>,
    pub status: ParticipantStatus,
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "p.id, p.first_name, p.last_name, p.pesel, p.birth_date, p.town, p.status";

pub(crate) fn summary_from_row(r: &Row) -> rusqlite::Result<ParticipantSummary> {
    Ok(ParticipantSummary {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        pesel: r.get(3)?,
        birth_date: r.get(4)?,
        town: r.get(5)?,
        status: ParticipantStatus::from_db(&r.get::<_, String>(6)?),
    })
}
