//! Projects: name, agreement number, programme (with its priority, measure and call), period,
//! participant target, target groups, the value split into EU funds, state budget and own
//! contribution, and the date until which their documents must be kept.

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
    /// The programme's priority, measure and the call (nabór) the project won in.
    pub priority: Option<String>,
    pub measure: Option<String>,
    pub call_number: Option<String>,
    /// Amounts in złoty as typed ("1 234 567,89").
    pub eu_funds: Option<String>,
    pub state_budget: Option<String>,
    pub own_contribution: Option<String>,
    /// Who may take part, one statement each ("zamieszkuję na terenie gminy …"): printed on the
    /// enrolment form for the person to confirm and named in the declaration.
    pub eligibility_criteria: Option<Vec<String>>,
    /// What the person attaches to the enrolment form ("orzeczenie o niepełnosprawności").
    pub attachments: Option<Vec<String>>,
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
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub measure: Option<String>,
    #[serde(default)]
    pub call_number: Option<String>,
    /// The project's value by source, in grosze (1 zł = 100).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub eu_funds: Option<i64>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub state_budget: Option<i64>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub own_contribution: Option<i64>,
    #[serde(default)]
    pub eligibility_criteria: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// An amount of money typed in Polish ("1 234 567,89", "1234567.89", "2 500 zł") as grosze:
/// `None` when empty; an error naming the field for anything else.
pub fn parse_money(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<i64> {
    let text = value.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    let cleaned: String = text
        .trim_end_matches("zł")
        .trim_end_matches("PLN")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let wrong = |errors: &mut ValidationErrors| {
        errors.push(
            field,
            format!("{label}: podaj kwotę w złotych, np. 1 234 567,89"),
        );
        None
    };
    let (whole, fraction) = match cleaned.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 12
    {
        return wrong(errors);
    }
    let zloty: i64 = whole.parse().ok()?;
    let grosze: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    Some(zloty * 100 + grosze)
}

/// Enrolled, active and completed participants of one sex (equal-opportunity reporting).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SexProgress {
    /// `female` or `male`.
    pub sex: String,
    pub enrolled: u32,
    pub active: u32,
    /// Ended their participation as planned.
    pub completed: u32,
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
        let target_groups = statements(
            &mut errors,
            "target_groups",
            "Grupa docelowa",
            &self.target_groups,
            None,
        );
        let [eligibility_criteria, attachments] = [
            (
                "eligibility_criteria",
                "Kryterium kwalifikowalności",
                &self.eligibility_criteria,
            ),
            ("attachments", "Załącznik", &self.attachments),
        ]
        .map(|(field, label, items)| {
            statements(&mut errors, field, label, items, Some(STATEMENTS_MAX))
        });
        let [priority, measure, call_number] = [
            ("priority", "Oś priorytetowa / priorytet", &self.priority),
            ("measure", "Działanie", &self.measure),
            ("call_number", "Numer naboru", &self.call_number),
        ]
        .map(|(field, label, value)| {
            crate::text::short_text(&mut errors, field, label, value, crate::text::LINE_MAX)
        });
        let [eu_funds, state_budget, own_contribution] = [
            ("eu_funds", "Środki UE", &self.eu_funds),
            ("state_budget", "Budżet państwa", &self.state_budget),
            ("own_contribution", "Wkład własny", &self.own_contribution),
        ]
        .map(|(field, label, value)| parse_money(&mut errors, field, label, value));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProjectData {
            priority,
            measure,
            call_number,
            eu_funds,
            state_budget,
            own_contribution,
            name: name.expect("checked"),
            agreement_number,
            programme,
            start_date: start.expect("checked"),
            end_date: end.expect("checked"),
            participant_target: self.participant_target,
            target_groups,
            retention_until: retention,
            eligibility_criteria,
            attachments,
        })
    }
}

/// Most statements of one list a form prints (more would not fit one page).
pub const STATEMENTS_MAX: usize = 15;

/// A list of short lines (target groups, statements): each trimmed and checked, empty and
/// repeated ones dropped, at most `max` when given.
fn statements(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    items: &Option<Vec<String>>,
    max: Option<usize>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().flatten() {
        let s = crate::text::short_text(
            errors,
            field,
            label,
            &Some(item.clone()),
            crate::text::LINE_MAX,
        );
        if let Some(s) = s.filter(|s| !out.contains(s)) {
            out.push(s);
        }
    }
    if let Some(max) = max.filter(|m| out.len() > *m) {
        errors.push(
            field,
            format!("{label}: najwyżej {max} pozycji — połącz podobne"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_the_polish_way() {
        let mut errors = ValidationErrors::default();
        let read = |text: &str, errors: &mut ValidationErrors| {
            parse_money(errors, "eu_funds", "Środki UE", &Some(text.to_owned()))
        };
        assert_eq!(read("1 234 567,89", &mut errors), Some(123_456_789));
        assert_eq!(read("1234567.8", &mut errors), Some(123_456_780));
        assert_eq!(read("2\u{a0}500 zł", &mut errors), Some(250_000));
        assert!(errors.is_empty());
        assert_eq!(read("12,345", &mut errors), None);
        assert_eq!(read("dużo", &mut errors), None);
        assert_eq!(read("-5", &mut errors), None);
        assert_eq!(errors.0.len(), 3);
        assert_eq!(errors.0[0].field, "eu_funds");
        assert_eq!(parse_money(&mut errors, "x", "x", &Some("  ".into())), None);
    }

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
