//! Projects: name, agreement number, programme, period, participant target, target groups and
//! the date until which their documents must be kept.

use crate::participant::parse_optional_date;
use crate::{Id, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ProjectInput {
    pub name: Option<String>,
    pub agreement_number: Option<String>,
    pub programme: Option<String>,
    /// "YYYY-MM-DD"
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub participant_target: Option<u32>,
    pub target_groups: Option<Vec<String>>,
    pub retention_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectData {
    pub name: String,
    pub agreement_number: Option<String>,
    pub programme: Option<String>,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub participant_target: Option<u32>,
    pub target_groups: Vec<String>,
    #[ts(type = "string | null")]
    pub retention_until: Option<NaiveDate>,
}

/// A stored project with its enrolment count (for progress to the participant target).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Project {
    #[ts(type = "string")]
    pub id: Id,
    #[serde(flatten)]
    pub data: ProjectData,
    /// Participants enrolled (ended enrolments included: they count towards the target).
    pub enrolled: u32,
    /// Participants whose enrolment has not ended.
    pub active: u32,
}

pub(crate) fn required(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<String> {
    match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => Some(v.to_owned()),
        None => {
            errors.push(field, format!("{label}: pole jest wymagane"));
            None
        }
    }
}

/// A date that must be given: "pole jest wymagane" when empty, a format error when malformed.
pub fn required_date(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<NaiveDate> {
    required(errors, field, label, value)?;
    parse_optional_date(errors, field, label, value)
}

impl ProjectInput {
    pub fn parse(&self) -> Result<ProjectData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = crate::text::required_short(
            &mut errors,
            "name",
            "Nazwa projektu",
            &self.name,
            crate::text::LINE_MAX,
        );
        let agreement_number = crate::text::short_text(
            &mut errors,
            "agreement_number",
            "Numer umowy",
            &self.agreement_number,
            crate::text::NAME_MAX,
        );
        let programme = crate::text::short_text(
            &mut errors,
            "programme",
            "Program",
            &self.programme,
            crate::text::LINE_MAX,
        );
        let start = required_date(
            &mut errors,
            "start_date",
            "Początek projektu",
            &self.start_date,
        );
        let end = required_date(&mut errors, "end_date", "Koniec projektu", &self.end_date);
        let retention = parse_optional_date(
            &mut errors,
            "retention_until",
            "Przechowywanie dokumentów do",
            &self.retention_until,
        );
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(
                    "end_date",
                    "Koniec projektu nie może być wcześniejszy niż jego początek",
                );
            }
        }
        if let (Some(e), Some(r)) = (end, retention) {
            if r < e {
                errors.push(
                    "retention_until",
                    "Data przechowywania dokumentów nie może być wcześniejsza niż koniec projektu",
                );
            }
        }
        if self.participant_target == Some(0) {
            errors.push(
                "participant_target",
                "Liczba uczestników: podaj liczbę większą od zera",
            );
        }
        let mut target_groups: Vec<String> = Vec::new();
        for group in self.target_groups.iter().flatten() {
            let g = crate::text::short_text(
                &mut errors,
                "target_groups",
                "Grupa docelowa",
                &Some(group.clone()),
                crate::text::LINE_MAX,
            );
            if let Some(g) = g.filter(|g| !target_groups.contains(g)) {
                target_groups.push(g);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProjectData {
            name: name.expect("checked"),
            agreement_number,
            programme,
            start_date: start.expect("checked"),
            end_date: end.expect("checked"),
            participant_target: self.participant_target,
            target_groups,
            retention_until: retention,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_texts_have_limits_and_no_invisible_characters() {
        let input: ProjectInput = serde_json::from_value(serde_json::json!({
            "name": "x".repeat(201), "agreement_number": "FELD\u{200B}.07", "programme": "FE",
            "start_date": "2026-01-01", "end_date": "2026-12-31",
            "target_groups": ["seniorzy", "\u{202E}dzieci"]}))
        .unwrap();
        let mut fields: Vec<_> = input
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        fields.sort();
        assert_eq!(fields, ["agreement_number", "name", "target_groups"]);
    }

    #[test]
    fn a_project_needs_a_name_and_a_period_in_order() {
        let err = ProjectInput {
            start_date: Some("2023-06-30".into()),
            end_date: Some("2022-01-01".into()),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "end_date"]);
    }

    #[test]
    fn target_groups_are_trimmed_and_unique() {
        let data = ProjectInput {
            name: Some("Miasto Rodziny".into()),
            start_date: Some("2022-01-01".into()),
            end_date: Some("30.06.2023".into()),
            target_groups: Some(vec![
                " rodziny ".into(),
                "rodziny".into(),
                "".into(),
                "seniorzy".into(),
            ]),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(data.target_groups, ["rodziny", "seniorzy"]);
    }
}
