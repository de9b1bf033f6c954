//! CSV tables for Excel: participants, enrolments, deliveries. Each table is one static list
//! of (Polish header, how to fill it), so adding a column is one line.

use crate::labels;
use crate::table::{Cell, Table};
use crate::ReportError;
use chrono::NaiveDate;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::Address;
use kartoteka_domain::values::{
    Answer, DISABILITY_DEGREE, EDUCATION, LABOUR_STATUS, LABOUR_SUBSTATUS,
};
use kartoteka_store::reports::{DeliveryRow, ReportParticipant};
use kartoteka_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// Builds one table; with `project_id`, only what belongs to that project (an unknown
/// project is `StoreError::NotFound`).
pub fn build(store: &Store, kind: CsvKind, project_id: Option<&str>) -> Result<Table, ReportError> {
    let project_id = match project_id {
        Some(id) => Some(store.project(id)?.id.to_string()),
        None => None,
    };
    let project = project_id.as_deref();
    Ok(match kind {
        CsvKind::Participants => table(PARTICIPANT_COLUMNS, &store.report_participants(project)?),
        CsvKind::Enrolments => {
            let people: HashMap<String, ReportParticipant> = store
                .report_participants(project)?
                .into_iter()
                .map(|p| (p.participant.id.to_string(), p))
                .collect();
            let rows: Vec<EnrolmentRow> = store
                .report_enrolments(project)?
                .into_iter()
                .map(|enrolment| EnrolmentRow {
                    person: people.get(&enrolment.participant_id.to_string()).cloned(),
                    enrolment,
                })
                .collect();
            table(ENROLMENT_COLUMNS, &rows)
        }
        CsvKind::Deliveries => table(DELIVERY_COLUMNS, &store.report_deliveries(project)?),
    })
}

type Column<T> = (&'static str, fn(&T) -> Cell);

fn table<T>(columns: &[Column<T>], rows: &[T]) -> Table {
    Table {
        headers: columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| columns.iter().map(|(_, f)| f(r)).collect())
            .collect(),
    }
}

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

struct EnrolmentRow {
    enrolment: Enrolment,
    person: Option<ReportParticipant>,
}

const ENROLMENT_COLUMNS: &[Column<EnrolmentRow>] = &[
    ("Identyfikator udziału", |r| {
        Cell::Text(r.enrolment.id.to_string())
    }),
    ("Projekt", |r| Cell::text(&r.enrolment.project_name)),
    ("Nazwisko", |r| {
        Cell::opt_text(r.person.as_ref().map(|p| &p.participant.data.last_name))
    }),
    ("Imię", |r| {
        Cell::opt_text(r.person.as_ref().map(|p| &p.participant.data.first_name))
    }),
    ("PESEL", |r| {
        Cell::opt_text(
            r.person
                .as_ref()
                .and_then(|p| p.participant.data.pesel.map(|x| x.as_string())),
        )
    }),
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
                .and_then(|e| e.exit_situation.as_deref()),
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
