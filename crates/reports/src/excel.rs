//! CSV tables for Excel: participants, enrolments, deliveries. Each table is one static list
//! of (Polish header, how to fill it), so adding a column is one line.

use crate::labels;
use crate::table::{Cell, Table};
use crate::ReportError;
use chrono::NaiveDate;
use kartoteka_domain::participant::Address;
use kartoteka_domain::values::{
    Answer, DISABILITY_DEGREE, EDUCATION, LABOUR_STATUS, LABOUR_SUBSTATUS,
};
use kartoteka_store::{DeliveryRow, EnrolmentRow, ReportParticipant};
use kartoteka_store::{Store, StoreError};
use serde::{Deserialize, Serialize};

/// Which CSV table for Excel to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CsvKind {
    Participants,
    Enrolments,
    Deliveries,
}

impl CsvKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CsvKind::Participants => "participants",
            CsvKind::Enrolments => "enrolments",
            CsvKind::Deliveries => "deliveries",
        }
    }

    pub fn parse(text: &str) -> Result<CsvKind, ReportError> {
        match text.trim() {
            "participants" => Ok(CsvKind::Participants),
            "enrolments" => Ok(CsvKind::Enrolments),
            "deliveries" => Ok(CsvKind::Deliveries),
            _ => Err(ReportError::Invalid {
                field: "kind",
                message: "Rodzaj zestawienia: dozwolone participants (uczestnicy), enrolments (udziały w projektach), deliveries (zrealizowane usługi)".into(),
            }),
        }
    }
}

/// The project a table is limited to, as stored (an unknown project is
/// `StoreError::NotFound`); `None` for the whole registry.
pub fn resolve_project(
    store: &Store,
    project_id: Option<&str>,
) -> Result<Option<String>, ReportError> {
    Ok(match project_id {
        Some(id) => Some(store.project(id)?.id.to_string()),
        None => None,
    })
}

/// The table's column headers.
pub fn headers(kind: CsvKind) -> Vec<&'static str> {
    fn names<T>(columns: &[Column<T>]) -> Vec<&'static str> {
        columns.iter().map(|(h, _)| *h).collect()
    }
    match kind {
        CsvKind::Participants => names(PARTICIPANT_COLUMNS),
        CsvKind::Enrolments => names(ENROLMENT_COLUMNS),
        CsvKind::Deliveries => names(DELIVERY_COLUMNS),
    }
}

/// How many rows the table has (for a progress bar); `project` as from `resolve_project`.
pub fn count(store: &Store, kind: CsvKind, project: Option<&str>) -> Result<u64, ReportError> {
    Ok(match kind {
        CsvKind::Participants => store.report_participant_count(project)?,
        CsvKind::Enrolments => store.report_enrolment_count(project)?,
        CsvKind::Deliveries => store.report_delivery_count(project)?,
    })
}

/// Hands the table's rows to `row` one at a time, as they are read (a registry of a million
/// people is never held in memory whole); an error from `row` stops the reading and is
/// returned. `project` as from `resolve_project`.
pub fn each_row(
    store: &Store,
    kind: CsvKind,
    project: Option<&str>,
    row: &mut dyn FnMut(Vec<Cell>) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    fn cells<T>(columns: &[Column<T>], record: &T) -> Vec<Cell> {
        columns.iter().map(|(_, f)| f(record)).collect()
    }
    // The store passes only its own errors through: the one that stopped it waits here.
    let mut stopped: Option<ReportError> = None;
    let mut pass = |cells: Vec<Cell>| {
        row(cells).map_err(|e| {
            let text = e.to_string();
            stopped = Some(e);
            StoreError::Conflict(text)
        })
    };
    let read = match kind {
        CsvKind::Participants => {
            store.report_participants_each(project, &mut |p| pass(cells(PARTICIPANT_COLUMNS, &p)))
        }
        CsvKind::Enrolments => {
            store.report_enrolments_each(project, &mut |e| pass(cells(ENROLMENT_COLUMNS, &e)))
        }
        CsvKind::Deliveries => {
            store.report_deliveries_each(project, &mut |d| pass(cells(DELIVERY_COLUMNS, &d)))
        }
    };
    match (read, stopped) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e.into()),
    }
}

/// Builds one whole table in memory; with `project_id`, only what belongs to that project (an
/// unknown project is `StoreError::NotFound`).
pub fn build(store: &Store, kind: CsvKind, project_id: Option<&str>) -> Result<Table, ReportError> {
    let project = resolve_project(store, project_id)?;
    let mut rows = Vec::new();
    each_row(store, kind, project.as_deref(), &mut |cells| {
        rows.push(cells);
        Ok(())
    })?;
    Ok(Table {
        headers: headers(kind).into_iter().map(str::to_owned).collect(),
        rows,
    })
}

type Column<T> = (&'static str, fn(&T) -> Cell);

fn iso_date(text: &str) -> Cell {
    // Timestamps ("2026-11-22T10:00:00.000Z") and dates alike: the day is what a sheet shows.
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| Cell::text(text), Cell::Date)
}

fn answer(a: Option<Answer>) -> Cell {
    a.map_or(Cell::Empty, |a| Cell::text(labels::answer(a)))
}

fn addr(p: &ReportParticipant, f: fn(&Address) -> Option<String>) -> Cell {
    Cell::opt_text(p.participant.data.address.as_ref().and_then(f))
}

const PARTICIPANT_COLUMNS: &[Column<ReportParticipant>] = &[
    ("Identyfikator", |p| {
        Cell::Text(p.participant.id.to_string())
    }),
    ("Status", |p| {
        Cell::text(labels::status(p.participant.status))
    }),
    ("Nazwisko", |p| Cell::text(&p.participant.data.last_name)),
    ("Imię", |p| Cell::text(&p.participant.data.first_name)),
    ("PESEL", |p| {
        Cell::opt_text(p.participant.data.pesel.map(|x| x.as_string()))
    }),
    ("Powód braku PESEL", |p| {
        Cell::opt_text(p.participant.data.no_pesel_reason.as_deref())
    }),
    ("Inny dokument tożsamości", |p| {
        Cell::opt_text(p.participant.data.other_id.as_deref())
    }),
    ("Płeć", |p| {
        Cell::text(labels::sex(p.participant.data.sex))
    }),
    ("Data urodzenia", |p| {
        Cell::Date(p.participant.data.birth_date)
    }),
    ("Wiek", |p| Cell::Number(i64::from(p.participant.age))),
    ("Obywatelstwo", |p| {
        Cell::opt_text(p.participant.data.citizenship.as_deref())
    }),
    ("Kraj", |p| addr(p, |a| a.country.clone())),
    ("Województwo", |p| addr(p, |a| a.voivodeship.clone())),
    ("Powiat", |p| addr(p, |a| a.county.clone())),
    ("Gmina", |p| addr(p, |a| a.commune.clone())),
    ("Miejscowość", |p| addr(p, |a| a.town.clone())),
    ("Ulica", |p| addr(p, |a| a.street.clone())),
    ("Nr budynku", |p| addr(p, |a| a.building.clone())),
    ("Nr lokalu", |p| addr(p, |a| a.flat.clone())),
    ("Kod pocztowy", |p| {
        addr(p, |a| a.postcode.as_ref().map(|c| c.as_str().to_owned()))
    }),
    ("DEGURBA", |p| {
        p.participant
            .data
            .address
            .as_ref()
            .and_then(|a| a.degurba)
            .map_or(Cell::Empty, |d| Cell::Number(i64::from(d)))
    }),
    ("Telefon", |p| {
        Cell::opt_text(p.participant.data.phone.as_ref().map(|x| x.as_str()))
    }),
    ("E-mail", |p| {
        Cell::opt_text(p.participant.data.email.as_ref().map(|x| x.as_str()))
    }),
    ("Wykształcenie", |p| {
        Cell::opt_text(
            p.participant
                .data
                .education
                .as_deref()
                .map(|c| labels::code(&EDUCATION, c)),
        )
    }),
    ("Status na rynku pracy", |p| {
        Cell::opt_text(
            p.participant
                .data
                .labour_status
                .as_deref()
                .map(|c| labels::code(&LABOUR_STATUS, c)),
        )
    }),
    ("Status szczegółowy", |p| {
        Cell::opt_text(
            p.participant
                .data
                .labour_substatus
                .as_deref()
                .map(|c| labels::code(&LABOUR_SUBSTATUS, c)),
        )
    }),
    ("Osoba z niepełnosprawnościami", |p| {
        answer(p.participant.data.disability)
    }),
    ("Stopień niepełnosprawności", |p| {
        Cell::opt_text(
            p.participant
                .data
                .disability_degree
                .as_deref()
                .map(|c| labels::code(&DISABILITY_DEGREE, c)),
        )
    }),
    ("Osoba obcego pochodzenia", |p| {
        answer(p.participant.data.foreign_origin)
    }),
    ("Osoba państwa trzeciego", |p| {
        answer(p.participant.data.third_country_national)
    }),
    ("Mniejszość narodowa lub etniczna", |p| {
        answer(p.participant.data.minority)
    }),
    (
        "Bezdomność lub wykluczenie z dostępu do mieszkań",
        |p| answer(p.participant.data.homeless),
    ),
    ("Inna niekorzystna sytuacja społeczna", |p| {
        answer(p.participant.data.other_disadvantage)
    }),
    ("Potrzeby dostępności", |p| {
        Cell::opt_text(p.participant.data.accessibility_needs.as_deref())
    }),
    ("Dodał(a)", |p| Cell::opt_text(p.added_by.as_deref())),
    ("Utworzono", |p| iso_date(&p.participant.created_at)),
    ("Zmieniono", |p| iso_date(&p.participant.updated_at)),
];

const ENROLMENT_COLUMNS: &[Column<EnrolmentRow>] = &[
    ("Identyfikator udziału", |r| {
        Cell::Text(r.enrolment.id.to_string())
    }),
    ("Projekt", |r| Cell::text(&r.enrolment.project_name)),
    ("Nazwisko", |r| Cell::text(&r.last_name)),
    ("Imię", |r| Cell::text(&r.first_name)),
    ("PESEL", |r| Cell::opt_text(r.pesel.as_deref())),
    ("Grupa docelowa", |r| {
        Cell::opt_text(r.enrolment.start.target_group.as_deref())
    }),
    ("Status na rynku pracy w chwili przystąpienia", |r| {
        Cell::opt_text(
            r.enrolment
                .start
                .status_at_start
                .as_deref()
                .map(|c| labels::code(&LABOUR_STATUS, c)),
        )
    }),
    ("Data rozpoczęcia udziału", |r| {
        Cell::Date(r.enrolment.start.start_date)
    }),
    ("Data zakończenia udziału", |r| {
        r.enrolment
            .end
            .as_ref()
            .map_or(Cell::Empty, |e| Cell::Date(e.end_date))
    }),
    ("Sytuacja po zakończeniu udziału", |r| {
        Cell::opt_text(
            r.enrolment
                .end
                .as_ref()
                .and_then(|e| e.exit_situation.as_deref())
                // Situations typed before the closed list are written as typed.
                .map(|s| labels::code(&kartoteka_domain::values::EXIT_SITUATION, s)),
        )
    }),
    ("Zakończenie zgodnie ze ścieżką uczestnictwa", |r| {
        r.enrolment.end.as_ref().map_or(Cell::Empty, |e| {
            Cell::text(labels::yes_no(e.completed_as_planned))
        })
    }),
    ("Powód wcześniejszego zakończenia", |r| {
        Cell::opt_text(
            r.enrolment
                .end
                .as_ref()
                .and_then(|e| e.early_leave_reason.as_deref()),
        )
    }),
    ("Identyfikator uczestnika", |r| {
        Cell::Text(r.enrolment.participant_id.to_string())
    }),
    ("Identyfikator projektu", |r| {
        Cell::Text(r.enrolment.project_id.to_string())
    }),
];

const DELIVERY_COLUMNS: &[Column<DeliveryRow>] = &[
    ("Data", |d| iso_date(&d.delivery_date)),
    ("Projekt", |d| Cell::text(&d.project_name)),
    ("Nazwisko", |d| Cell::text(&d.last_name)),
    ("Imię", |d| Cell::text(&d.first_name)),
    ("PESEL", |d| Cell::opt_text(d.pesel.as_deref())),
    ("Usługa", |d| Cell::text(&d.service_name)),
    ("Kod usługi", |d| Cell::text(&d.service_code)),
    ("Kategoria", |d| Cell::text(&d.service_category)),
    ("Ilość", |d| Cell::Centi(d.quantity_centi)),
    ("Jednostka", |d| Cell::text(labels::unit(&d.unit))),
    ("Obecność", |d| {
        Cell::text(labels::attendance(&d.attendance))
    }),
    ("Zrealizował(a)", |d| {
        Cell::opt_text(d.delivered_by.as_deref())
    }),
    ("Uwagi", |d| Cell::opt_text(d.note.as_deref())),
    ("Wersja planu", |d| Cell::Number(d.plan_version)),
    ("Identyfikator realizacji", |d| Cell::text(&d.id)),
    ("Identyfikator udziału", |d| Cell::text(&d.enrolment_id)),
    ("Identyfikator uczestnika", |d| {
        Cell::text(&d.participant_id)
    }),
];
