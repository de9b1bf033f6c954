//! Participant data for the EU monitoring system 2021–2027 (CST2021, module SM EFS): one row
//! per enrolment in a project (a person enrolled once has one row), with the columns of
//! `columns/cst2021.toml`, and the list of people whose required data is missing.
//!
//! The column map is data: the TOML file names each column's header, the field code that
//! fills it and whether it is required. This module only knows how to compute each field.

use crate::support::{ServiceForms, SupportEntry};
use crate::table::{Cell, Table};
pub use crate::template::{
    ColumnMap, ColumnSpec, Layout, EMBEDDED_COLUMNS, EMBEDDED_IMPORT_COLUMNS,
};
use crate::template::{DateStyle, Field, Required};
use crate::values::{ValueList, ValueMap};
use crate::ReportError;
use chrono::NaiveDate;
use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::participant::age_on;
use kartoteka_store::ReportParticipant;
use kartoteka_store::Store;
use serde::Serialize;
use std::collections::HashMap;

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
    project: &'a kartoteka_domain::project::ProjectData,
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
            // SM EFS takes three words only: Polish, another EU state's, outside the EU.
            Field::Citizenship => Cell::opt_text(
                citizenship_code(data.citizenship.as_deref(), data.third_country_national)
                    .map(|c| self.values.value(ValueList::Citizenship, c)),
            ),
            // Only Polish voivodeships exist in the data, so one implies the country.
            Field::Country => match address.and_then(|a| a.country.clone()) {
                Some(c) => Cell::text(c),
                None if address.is_some_and(|a| a.voivodeship.is_some()) => Cell::text("Polska"),
                None => Cell::Empty,
            },
            Field::Voivodeship => addr(|a| a.voivodeship.clone()),
            Field::County => addr(|a| a.county.as_deref().map(teryt_county)),
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
            Field::ExitSituation => Cell::opt_text(
                end.and_then(|e| e.exit_situation.as_deref())
                    .map(|c| self.values.value(ValueList::ExitSituation, c)),
            ),
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
            Field::ProjectNumber => Cell::opt_text(self.project.agreement_number.as_deref()),
            Field::ParticipantKind => {
                Cell::text(self.values.value(ValueList::ParticipantKind, "individual"))
            }
            Field::EducationEnd => start.education_end.map_or(Cell::Empty, Cell::Date),
            Field::Blank => Cell::Empty,
        }
    }
}

impl RowSource<'_> {
    /// A citizenship the file cannot group: foreign, with "Obywatel państwa trzeciego" not
    /// answered.
    fn citizenship_unknown(&self) -> Option<String> {
        let data = &self.person.participant.data;
        let text = data
            .citizenship
            .as_deref()
            .filter(|t| !t.trim().is_empty())?;
        citizenship_code(Some(text), data.third_country_national)
            .is_none()
            .then(|| format!(
                "obywatelstwo „{text}” — SM EFS rozróżnia tylko polskie, innego państwa UE i spoza UE; odpowiedz na pytanie „Obywatel państwa trzeciego” (tak albo nie), a plik wpisze właściwą wartość"
            ))
    }

    fn in_education(&self) -> bool {
        self.substatus() == Some("in_education")
    }

    /// An exit situation typed before the closed list (or a code no list knows): SM EFS
    /// takes only its dictionary's words.
    fn exit_situation_unknown(&self) -> Option<String> {
        let text = self.enrolment.end.as_ref()?.exit_situation.as_deref()?;
        kartoteka_domain::values::EXIT_SITUATION
            .label(text)
            .is_none()
            .then(|| format!(
                "„{text}” nie jest wartością słownika SM EFS — w zakładce Projekty osoby zapisz oświadczenie o sytuacji po zakończeniu udziału i wybierz sytuację z listy"
            ))
    }

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
    let iso = columns.dates == DateStyle::Iso;
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
            project: &project.data,
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
            let cell = if iso { iso_dates(cell) } else { cell };
            let required = match spec.required {
                Required::Always => true,
                Required::WhenEnded => ended,
                Required::WhenInEducation => source.in_education(),
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
            } else if let Some(problem) = match field {
                Field::LabourSubstatus => source.substatus_misfit(),
                Field::ExitSituation => source.exit_situation_unknown(),
                Field::Citizenship => source.citizenship_unknown(),
                _ => None,
            } {
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

/// The citizenship as SM EFS groups it: `polish` when the text says so ("polskie", "Polska",
/// "PL"), else the answer to "Obywatel państwa trzeciego" decides between `non_eu` (yes) and
/// `eu` (no); `None` when it cannot be told (no text, or a foreign one without that answer).
pub(crate) fn citizenship_code(
    text: Option<&str>,
    third_country: Option<kartoteka_domain::values::Answer>,
) -> Option<&'static str> {
    use kartoteka_domain::values::Answer;
    let folded = kartoteka_domain::fold::fold(text?);
    if folded.is_empty() {
        return None;
    }
    let polish = [
        "polskie",
        "polska",
        "pl",
        "obywatelstwo polskie",
        "polskie obywatelstwo",
    ];
    if polish.contains(&folded.as_str()) {
        return Some("polish");
    }
    match third_country? {
        Answer::Yes => Some("non_eu"),
        Answer::No => Some("eu"),
        Answer::Refused => None,
    }
}

/// A county as TERYT names it: without a leading "powiat", and a land county (an adjective:
/// "Świebodziński") in lower case ("świebodziński"); a city county ("Łódź") is kept as typed.
pub(crate) fn teryt_county(county: &str) -> String {
    let trimmed = county.trim();
    let name = trimmed
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("powiat "))
        .map_or(trimmed, |_| trimmed[7..].trim());
    let adjective = ["ski", "cki", "dzki"]
        .iter()
        .any(|end| name.to_lowercase().ends_with(end));
    if adjective && !name.contains(' ') {
        name.to_lowercase()
    } else {
        name.to_owned()
    }
}

/// A date cell as the import file wants it: `yyyy-MM-dd` text (a list joined with "|").
fn iso_dates(cell: Cell) -> Cell {
    let iso = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    match cell {
        Cell::Date(d) => Cell::Text(iso(&d)),
        Cell::Dates(ds) if !ds.is_empty() => {
            Cell::Text(ds.iter().map(iso).collect::<Vec<_>>().join("|"))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn citizenship_is_grouped_as_sm_efs_does_and_counties_take_the_teryt_form() {
        use kartoteka_domain::values::Answer;
        assert_eq!(citizenship_code(Some(" Polskie "), None), Some("polish"));
        assert_eq!(
            citizenship_code(Some("PL"), Some(Answer::Yes)),
            Some("polish")
        );
        assert_eq!(
            citizenship_code(Some("ukraińskie"), Some(Answer::Yes)),
            Some("non_eu")
        );
        assert_eq!(
            citizenship_code(Some("niemieckie"), Some(Answer::No)),
            Some("eu")
        );
        assert_eq!(citizenship_code(Some("niemieckie"), None), None);
        assert_eq!(citizenship_code(None, Some(Answer::No)), None);
        assert_eq!(teryt_county("Świebodziński"), "świebodziński");
        assert_eq!(teryt_county("powiat Łódzki Wschodni"), "Łódzki Wschodni");
        assert_eq!(teryt_county("Powiat zgierski"), "zgierski");
        assert_eq!(teryt_county("Łódź"), "Łódź");
        assert_eq!(teryt_county("m. st. Warszawa"), "m. st. Warszawa");
    }

    #[test]
    fn the_import_layout_has_its_43_columns_and_iso_dates() {
        let map = ColumnMap::of_layout(Layout::Import).unwrap();
        let headers = map.headers();
        assert_eq!(headers.len(), 43, "{headers:?}");
        assert_eq!(
            &headers[..4],
            [
                "Numer projektu",
                "Obywatelstwo",
                "Rodzaj uczestnika",
                "Nazwa instytucji"
            ]
        );
        assert_eq!(map.dates, DateStyle::Iso);
        assert_eq!(ColumnMap::embedded().unwrap().dates, DateStyle::Polish);
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(iso_dates(Cell::Date(day)), Cell::Text("2026-03-09".into()));
        assert_eq!(
            iso_dates(Cell::Dates(vec![day, day.succ_opt().unwrap()])),
            Cell::Text("2026-03-09|2026-03-10".into())
        );
    }
}
