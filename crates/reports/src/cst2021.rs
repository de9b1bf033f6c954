//! Participant data for the EU monitoring system 2021–2027 (CST2021, module SM EFS): one row
//! per enrolment in a project (a person enrolled once has one row), with the columns of
//! `columns/cst2021.toml`, and the list of people whose required data is missing.
//!
//! The column map is data: the TOML file names each column's header, the field code that
//! fills it and whether it is required. This module only knows how to compute each field.

use crate::support::{ServiceForms, SupportEntry};
use crate::table::{Cell, Table};
use crate::values::{ValueList, ValueMap};
use crate::ReportError;
use chrono::NaiveDate;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::age_on;
use kartoteka_store::ReportParticipant;
use kartoteka_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The template shipped with the program.
pub const EMBEDDED_COLUMNS: &str = include_str!("../columns/cst2021.toml");

/// When a column must be filled for the person to be reportable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Required {
    Always,
    WhenEnded,
    Never,
}

/// One column of the template.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub header: String,
    pub field: String,
    pub required: Required,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnFile {
    column: Vec<ColumnSpec>,
}

/// What a column holds. Codes (`FIELDS`) are the template's `field` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    FirstName,
    LastName,
    Pesel,
    NoPesel,
    ParticipantId,
    Sex,
    AgeAtStart,
    Education,
    Citizenship,
    Country,
    Voivodeship,
    County,
    Commune,
    Town,
    Postcode,
    Degurba,
    Phone,
    Email,
    LabourStatus,
    LabourSubstatus,
    SupportCategories,
    SupportServices,
    SupportDetails,
    SupportStartDates,
    StartDate,
    EndDate,
    ExitSituation,
    CompletedAsPlanned,
    Disability,
    ForeignOrigin,
    ThirdCountryNational,
    Minority,
    Homeless,
    OtherDisadvantage,
    AddedBy,
}

/// Every field code a template may use.
const FIELDS: &[(&str, Field)] = &[
    ("first_name", Field::FirstName),
    ("last_name", Field::LastName),
    ("pesel", Field::Pesel),
    ("no_pesel", Field::NoPesel),
    ("participant_id", Field::ParticipantId),
    ("sex", Field::Sex),
    ("age_at_start", Field::AgeAtStart),
    ("education", Field::Education),
    ("citizenship", Field::Citizenship),
    ("address.country", Field::Country),
    ("address.voivodeship", Field::Voivodeship),
    ("address.county", Field::County),
    ("address.commune", Field::Commune),
    ("address.town", Field::Town),
    ("address.postcode", Field::Postcode),
    ("address.degurba", Field::Degurba),
    ("phone", Field::Phone),
    ("email", Field::Email),
    ("labour_status", Field::LabourStatus),
    ("labour_substatus", Field::LabourSubstatus),
    ("support.categories", Field::SupportCategories),
    ("support.services", Field::SupportServices),
    ("support.details", Field::SupportDetails),
    ("support.start_dates", Field::SupportStartDates),
    ("enrolment.start_date", Field::StartDate),
    ("enrolment.end_date", Field::EndDate),
    ("enrolment.exit_situation", Field::ExitSituation),
    ("enrolment.completed_as_planned", Field::CompletedAsPlanned),
    ("disability", Field::Disability),
    ("foreign_origin", Field::ForeignOrigin),
    ("third_country_national", Field::ThirdCountryNational),
    ("minority", Field::Minority),
    ("homeless", Field::Homeless),
    ("other_disadvantage", Field::OtherDisadvantage),
    ("added_by", Field::AddedBy),
];

/// A parsed template: every column with a known field.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    columns: Vec<(ColumnSpec, Field)>,
}

impl ColumnMap {
    /// The template shipped with the program.
    pub fn embedded() -> Result<ColumnMap, ReportError> {
        ColumnMap::parse(EMBEDDED_COLUMNS)
    }

    /// Parses a template (TOML, `[[column]]` tables); unknown field codes, empty or repeated
    /// headers are refused with the column's number.
    pub fn parse(text: &str) -> Result<ColumnMap, ReportError> {
        let file: ColumnFile =
            toml::from_str(text).map_err(|e| ReportError::Template(e.to_string()))?;
        if file.column.is_empty() {
            return Err(ReportError::Template(
                "szablon nie ma żadnej kolumny".into(),
            ));
        }
        let mut columns = Vec::with_capacity(file.column.len());
        for (i, spec) in file.column.into_iter().enumerate() {
            let n = i + 1;
            let field = FIELDS
                .iter()
                .find(|(code, _)| *code == spec.field.trim())
                .map(|(_, f)| *f)
                .ok_or_else(|| {
                    ReportError::Template(format!(
                        "kolumna {n} („{}”): nieznane pole „{}” (dozwolone: {})",
                        spec.header,
                        spec.field,
                        FIELDS
                            .iter()
                            .map(|(c, _)| *c)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            if spec.header.trim().is_empty() {
                return Err(ReportError::Template(format!(
                    "kolumna {n}: nagłówek jest pusty"
                )));
            }
            if columns
                .iter()
                .any(|(c, _): &(ColumnSpec, Field)| c.header == spec.header)
            {
                return Err(ReportError::Template(format!(
                    "kolumna {n}: nagłówek „{}” się powtarza",
                    spec.header
                )));
            }
            columns.push((spec, field));
        }
        Ok(ColumnMap { columns })
    }

    pub fn columns(&self) -> impl Iterator<Item = &ColumnSpec> {
        self.columns.iter().map(|(c, _)| c)
    }

    pub fn headers(&self) -> Vec<String> {
        self.columns().map(|c| c.header.clone()).collect()
    }
}

/// A required column left empty for one person, or a value SM EFS would refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MissingField {
    /// The field code (the participant form's JSON key where there is one, e.g. `address.town`).
    pub field: String,
    /// The column's header in the file.
    pub column: String,
    /// Why a given value would be refused (absent: the value is missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
}

/// What SM EFS refuses in a filled cell: an e-mail address with Polish (or other non-ASCII)
/// letters is rejected by its import, whatever the mail system would accept.
fn refused_value(field: &str, cell: &str) -> Option<&'static str> {
    (field == "email" && !cell.is_ascii()).then_some(
        "adres e-mail zawiera polskie litery lub inne znaki spoza alfabetu łacińskiego — SM EFS go nie przyjmie; wpisz adres bez nich",
    )
}

/// A person who cannot be reported yet, with every missing required field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IncompleteParticipant {
    pub participant_id: String,
    pub enrolment_id: String,
    /// "Surname First name" so a worker can find the person (empty once anonymised).
    pub name: String,
    /// The person's row in the spreadsheet (the header is row 1).
    pub row: usize,
    pub missing: Vec<MissingField>,
}

/// The built report: the table to write and who is incomplete.
#[derive(Debug, Clone)]
pub struct Cst2021Report {
    pub project_id: String,
    pub project_name: String,
    pub table: Table,
    pub incomplete: Vec<IncompleteParticipant>,
}

struct RowSource<'a> {
    values: &'a ValueMap,
    person: &'a ReportParticipant,
    enrolment: &'a Enrolment,
    /// One entry per form of support, in the order of their first days.
    support: &'a [SupportEntry],
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Distinct values in first-seen order, joined with "|".
/// The `|`-list of a person's supports: one place per entry, kept even when two entries share
/// a value (the lists of scope, kind, "w tym" and date are matched position by position).
fn listed<'a>(values: impl Iterator<Item = &'a str>) -> Cell {
    let values: Vec<&str> = values.collect();
    if values.is_empty() {
        Cell::Empty
    } else {
        Cell::text(values.join("|"))
    }
}

impl RowSource<'_> {
    fn value(&self, field: Field) -> Cell {
        let data = &self.person.participant.data;
        let address = data.address.as_ref();
        let addr = |f: fn(&kartoteka_domain::participant::Address) -> Option<String>| {
            Cell::opt_text(address.and_then(f))
        };
        let start = &self.enrolment.start;
        let end = self.enrolment.end.as_ref();
        match field {
            Field::FirstName => Cell::text(&data.first_name),
            Field::LastName => Cell::text(&data.last_name),
            Field::Pesel => match &data.pesel {
                Some(p) => Cell::Text(p.as_string()),
                None => Cell::opt_text(data.other_id.as_deref()),
            },
            Field::NoPesel => Cell::text(self.values.yes_no(data.pesel.is_none())),
            Field::ParticipantId => Cell::Text(self.person.participant.id.to_string()),
            Field::Sex => Cell::text(self.values.value(ValueList::Sex, data.sex.as_str())),
            Field::AgeAtStart => Cell::Number(i64::from(age_on(data.birth_date, start.start_date))),
            Field::Education => Cell::opt_text(
                data.education
                    .as_deref()
                    .map(|c| self.values.value(ValueList::Education, c)),
            ),
            Field::Citizenship => Cell::opt_text(data.citizenship.as_deref()),
            // Only Polish voivodeships exist in the data, so one implies the country.
            Field::Country => match address.and_then(|a| a.country.clone()) {
                Some(c) => Cell::text(c),
                None if address.is_some_and(|a| a.voivodeship.is_some()) => Cell::text("Polska"),
                None => Cell::Empty,
            },
            Field::Voivodeship => addr(|a| a.voivodeship.clone()),
            Field::County => addr(|a| a.county.clone()),
            Field::Commune => addr(|a| a.commune.clone()),
            Field::Town => addr(|a| a.town.clone()),
            Field::Postcode => addr(|a| a.postcode.as_ref().map(|p| p.as_str().to_owned())),
            Field::Degurba => address
                .and_then(|a| a.degurba)
                .map_or(Cell::Empty, |d| Cell::Number(i64::from(d))),
            Field::Phone => Cell::opt_text(data.phone.as_ref().map(|p| p.as_str())),
            Field::Email => Cell::opt_text(data.email.as_ref().map(|e| e.as_str())),
            // The status recorded on joining the project; the person's current one otherwise.
            Field::LabourStatus => Cell::opt_text(
                start
                    .status_at_start
                    .as_deref()
                    .or(data.labour_status.as_deref())
                    .map(|c| self.values.value(ValueList::LabourStatus, c)),
            ),
            Field::LabourSubstatus => Cell::opt_text(
                self.substatus()
                    .map(|c| self.values.value(ValueList::LabourSubstatus, c)),
            ),
            // "Zakres wsparcia", "Rodzaj przyznanego wsparcia" and its "w tym", position by
            // position with the dates (a form without "w tym" leaves its place empty).
            Field::SupportCategories => listed(self.support.iter().map(|s| s.form.scope.as_str())),
            Field::SupportServices => listed(self.support.iter().map(|s| s.form.kind.as_str())),
            Field::SupportDetails if self.support.iter().all(|s| s.form.detail.is_none()) => {
                Cell::Empty
            }
            Field::SupportDetails => listed(
                self.support
                    .iter()
                    .map(|s| s.form.detail.as_deref().unwrap_or("")),
            ),
            // The first day of each service received; without recorded deliveries, the start
            // of participation (which is by definition the day of the first support).
            Field::SupportStartDates => {
                let dates: Vec<NaiveDate> = self
                    .support
                    .iter()
                    .filter_map(|s| iso_date(&s.first_date))
                    .collect();
                if dates.is_empty() {
                    Cell::Dates(vec![start.start_date])
                } else {
                    Cell::Dates(dates)
                }
            }
            Field::StartDate => Cell::Date(start.start_date),
            Field::EndDate => end.map_or(Cell::Empty, |e| Cell::Date(e.end_date)),
            Field::ExitSituation => Cell::opt_text(end.and_then(|e| e.exit_situation.as_deref())),
            Field::CompletedAsPlanned => end.map_or(Cell::Empty, |e| {
                Cell::text(self.values.yes_no(e.completed_as_planned))
            }),
            Field::Disability => self.answer(data.disability),
            Field::ForeignOrigin => self.answer(data.foreign_origin),
            Field::ThirdCountryNational => self.answer(data.third_country_national),
            Field::Minority => self.answer(data.minority),
            Field::Homeless => self.answer(data.homeless),
            Field::OtherDisadvantage => self.answer(data.other_disadvantage),
            Field::AddedBy => Cell::opt_text(self.person.added_by.as_deref()),
        }
    }
}

impl RowSource<'_> {
    /// The "w tym" written: the one recorded on joining with the status, else the person's.
    fn substatus(&self) -> Option<&str> {
        self.enrolment.start.substatus_at_start.as_deref().or(self
            .person
            .participant
            .data
            .labour_substatus
            .as_deref())
    }

    /// A "w tym" that does not fit the status written beside it (the status on joining the
    /// project, else the person's): SM EFS refuses the pair.
    fn substatus_misfit(&self) -> Option<String> {
        let data = &self.person.participant.data;
        let status = self
            .enrolment
            .start
            .status_at_start
            .as_deref()
            .or(data.labour_status.as_deref())?;
        let sub = self.substatus()?;
        (!kartoteka_domain::values::substatus_fits(status, sub)).then(|| {
            format!(
                "„w tym” ({}) nie pasuje do statusu na rynku pracy z dnia przystąpienia do projektu ({}) — SM EFS nie przyjmie tej pary; popraw status szczegółowy osoby",
                self.values.value(ValueList::LabourSubstatus, sub),
                self.values.value(ValueList::LabourStatus, status)
            )
        })
    }

    fn answer(&self, a: Option<kartoteka_domain::values::Answer>) -> Cell {
        a.map_or(Cell::Empty, |a| {
            let code = match a {
                kartoteka_domain::values::Answer::Yes => "yes",
                kartoteka_domain::values::Answer::No => "no",
                kartoteka_domain::values::Answer::Refused => "refused",
            };
            Cell::text(self.values.value(ValueList::Answer, code))
        })
    }
}

/// Builds the report of one project. An unknown project is `StoreError::NotFound`.
pub fn build(
    store: &Store,
    project_id: &str,
    columns: &ColumnMap,
    values: &ValueMap,
    forms: &ServiceForms,
) -> Result<Cst2021Report, ReportError> {
    let project = store.project(project_id)?;
    let project_id = project.id.to_string();
    let people: HashMap<String, ReportParticipant> = store
        .report_participants(Some(&project_id))?
        .into_iter()
        .map(|p| (p.participant.id.to_string(), p))
        .collect();
    let mut starts: HashMap<String, Vec<kartoteka_store::SupportStart>> = HashMap::new();
    for s in store.report_support_starts(&project_id)? {
        starts.entry(s.enrolment_id.clone()).or_default().push(s);
    }
    let support: HashMap<String, Vec<SupportEntry>> = starts
        .into_iter()
        .map(|(enrolment, starts)| (enrolment, forms.entries(&starts)))
        .collect();
    let enrolments = store.report_enrolments(Some(&project_id))?;
    let mut table = Table {
        headers: columns.headers(),
        rows: Vec::with_capacity(enrolments.len()),
    };
    let mut incomplete = Vec::new();
    for enrolment in &enrolments {
        let Some(person) = people.get(&enrolment.participant_id.to_string()) else {
            // The enrolment's participant is joined in the same database: this cannot happen
            // short of corruption, and then the row must not vanish silently.
            return Err(kartoteka_store::StoreError::Corrupt(
                "udział w projekcie bez uczestnika".into(),
            )
            .into());
        };
        let source = RowSource {
            values,
            person,
            enrolment,
            support: support
                .get(&enrolment.id.to_string())
                .map_or(&[], Vec::as_slice),
        };
        let ended = enrolment.end.is_some();
        let mut row = Vec::with_capacity(columns.columns.len());
        let mut missing = Vec::new();
        for (spec, field) in &columns.columns {
            let cell = source.value(*field);
            let required = match spec.required {
                Required::Always => true,
                Required::WhenEnded => ended,
                Required::Never => false,
            };
            if required && cell.is_empty() {
                missing.push(MissingField {
                    field: spec.field.clone(),
                    column: spec.header.clone(),
                    problem: None,
                });
            } else if let Some(problem) = refused_value(&spec.field, &cell.display()) {
                missing.push(MissingField {
                    field: spec.field.clone(),
                    column: spec.header.clone(),
                    problem: Some(problem.to_owned()),
                });
            } else if let Some(problem) = (*field == Field::LabourSubstatus)
                .then(|| source.substatus_misfit())
                .flatten()
            {
                missing.push(MissingField {
                    field: spec.field.clone(),
                    column: spec.header.clone(),
                    problem: Some(problem),
                });
            }
            row.push(cell);
        }
        table.rows.push(row);
        if !missing.is_empty() {
            let data = &person.participant.data;
            incomplete.push(IncompleteParticipant {
                participant_id: person.participant.id.to_string(),
                enrolment_id: enrolment.id.to_string(),
                name: format!("{} {}", data.last_name, data.first_name)
                    .trim()
                    .to_owned(),
                row: table.rows.len() + 1,
                missing,
            });
        }
    }
    Ok(Cst2021Report {
        project_id,
        project_name: project.data.name,
        table,
        incomplete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_template_uses_only_known_fields() {
        let map = ColumnMap::embedded().unwrap();
        let headers = map.headers();
        assert!(headers.len() >= 30, "{headers:?}");
        assert_eq!(headers[0], "Imię");
        assert!(headers.contains(&"Osoba z niepełnosprawnościami".to_owned()));
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_column() {
        let err = ColumnMap::parse(
            "[[column]]\nheader = \"Imię\"\nfield = \"first_name\"\nrequired = \"always\"\n\
             [[column]]\nheader = \"Coś\"\nfield = \"shoe_size\"\nrequired = \"never\"\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("kolumna 2"), "{text}");
        assert!(text.contains("shoe_size"), "{text}");
    }

    #[test]
    fn a_repeated_header_is_refused() {
        let err = ColumnMap::parse(
            "[[column]]\nheader = \"Imię\"\nfield = \"first_name\"\nrequired = \"always\"\n\
             [[column]]\nheader = \"Imię\"\nfield = \"last_name\"\nrequired = \"always\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("powtarza"));
    }
}
