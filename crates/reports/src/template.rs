//! The CST2021 column templates (`columns/cst2021.toml`, `columns/cst2021-import.toml`): which
//! header each column has, which field code fills it, when it is required, and how the file
//! writes dates. The templates are data; this module parses and checks them (an unknown field
//! code, an empty or repeated header is refused with the column's number).

use crate::ReportError;
use serde::{Deserialize, Serialize};

/// The template shipped with the program: the columns of a participant export from SM EFS.
pub const EMBEDDED_COLUMNS: &str = include_str!("../columns/cst2021.toml");

/// The 43 columns of the import file practitioners load into SM EFS (ISO dates).
pub const EMBEDDED_IMPORT_COLUMNS: &str = include_str!("../columns/cst2021-import.toml");

/// Which file `report cst2021` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Layout {
    /// The columns and words of a participant export from SM EFS (dates dd.mm.yyyy).
    #[default]
    Export,
    /// The import file (43 columns from "Numer projektu", dates yyyy-MM-dd).
    Import,
}

impl Layout {
    pub fn parse(text: &str) -> Option<Layout> {
        match text.trim() {
            "export" => Some(Layout::Export),
            "import" => Some(Layout::Import),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Export => "export",
            Layout::Import => "import",
        }
    }
}

/// How a template writes dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DateStyle {
    /// dd.mm.yyyy (real dates in XLSX)
    #[default]
    Polish,
    /// yyyy-MM-dd as text, in CSV and XLSX alike
    Iso,
}

/// When a column must be filled for the person to be reportable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Required {
    Always,
    WhenEnded,
    /// Only for a person in education on joining (the "w tym" says so).
    WhenInEducation,
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
    #[serde(default)]
    dates: DateStyle,
    column: Vec<ColumnSpec>,
}

/// What a column holds. Codes (`FIELDS`) are the template's `field` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
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
    ProjectNumber,
    ParticipantKind,
    EducationEnd,
    /// A column the registry does not keep (an institution's name, a business's start, the
    /// system's own stamps): written empty.
    Blank,
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
    ("project.number", Field::ProjectNumber),
    ("participant_kind", Field::ParticipantKind),
    ("enrolment.education_end", Field::EducationEnd),
    ("blank", Field::Blank),
];

/// A parsed template: every column with a known field.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub(crate) columns: Vec<(ColumnSpec, Field)>,
    pub(crate) dates: DateStyle,
}

impl ColumnMap {
    /// The template shipped with the program.
    pub fn embedded() -> Result<ColumnMap, ReportError> {
        ColumnMap::parse(EMBEDDED_COLUMNS)
    }

    /// The shipped template of a layout.
    pub fn of_layout(layout: Layout) -> Result<ColumnMap, ReportError> {
        ColumnMap::parse(match layout {
            Layout::Export => EMBEDDED_COLUMNS,
            Layout::Import => EMBEDDED_IMPORT_COLUMNS,
        })
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
        Ok(ColumnMap {
            columns,
            dates: file.dates,
        })
    }

    pub fn columns(&self) -> impl Iterator<Item = &ColumnSpec> {
        self.columns.iter().map(|(c, _)| c)
    }

    pub fn headers(&self) -> Vec<String> {
        self.columns().map(|c| c.header.clone()).collect()
    }
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
