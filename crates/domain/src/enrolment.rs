//! Enrolment: a participant in a project, from the date of the first support received to the
//! end of participation with the situation on leaving.

use crate::project::{required_date, ProjectData};
use crate::{Id, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct EnrolmentInput {
    /// Date of the first support received, "YYYY-MM-DD".
    pub start_date: Option<String>,
    pub target_group: Option<String>,
    /// Labour-market status on joining (a code or its Polish label).
    pub status_at_start: Option<String>,
    /// Its "w tym" on joining (a code or its Polish label); needs the status and must fit it.
    pub substatus_at_start: Option<String>,
    /// "Planowana data zakończenia edukacji", "YYYY-MM-DD": required when the "w tym" on
    /// joining is a person in education, refused otherwise.
    pub education_end: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct EnrolmentEndInput {
    pub end_date: Option<String>,
    /// Situation on leaving: a code of `values::EXIT_SITUATION` or its Polish label.
    pub exit_situation: Option<String>,
    pub completed_as_planned: Option<bool>,
    /// Required when the participation was not completed as planned.
    pub early_leave_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrolmentStart {
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    pub target_group: Option<String>,
    pub status_at_start: Option<String>,
    /// The "w tym" of `status_at_start` (participations recorded before it have none).
    #[serde(default)]
    pub substatus_at_start: Option<String>,
    /// The planned end of education of a person in education.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null", optional)]
    pub education_end: Option<NaiveDate>,
}

/// The person's situation within 4 weeks of leaving, from their exit statement
/// ("oświadczenie o sytuacji po zakończeniu udziału"), recorded on an ended participation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ExitStatementInput {
    /// A code of `values::EXIT_SITUATION` or its Polish label.
    pub exit_situation: Option<String>,
    /// The day of the statement, "YYYY-MM-DD": from the end of participation to 4 weeks after.
    pub statement_date: Option<String>,
}

/// How long after leaving the situation still counts for the result indicators.
pub const EXIT_STATEMENT_DAYS: i64 = 28;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrolmentEnd {
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    /// A code of `values::EXIT_SITUATION` (participations ended before the list may hold the
    /// words typed then; the monitoring check names them).
    pub exit_situation: Option<String>,
    pub completed_as_planned: bool,
    pub early_leave_reason: Option<String>,
    /// The day of the exit statement the situation was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null", optional)]
    pub exit_statement_date: Option<NaiveDate>,
}

/// A stored enrolment, with the names needed to show it in lists.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Enrolment {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub participant_id: Id,
    #[ts(type = "string")]
    pub project_id: Id,
    pub project_name: String,
    pub participant_name: String,
    #[serde(flatten)]
    pub start: EnrolmentStart,
    pub end: Option<EnrolmentEnd>,
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl EnrolmentInput {
    /// Parses against the project: the start lies within its period and the target group is
    /// one of its groups (when it names any).
    pub fn parse(&self, project: &ProjectData) -> Result<EnrolmentStart, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let start = required_date(
            &mut errors,
            "start_date",
            "Data rozpoczęcia udziału (pierwszego wsparcia)",
            &self.start_date,
        );
        if let Some(s) = start {
            if s < project.start_date || s > project.end_date {
                errors.push(
                    "start_date",
                    format!(
                        "Data rozpoczęcia udziału musi mieścić się w okresie projektu ({} – {})",
                        project.start_date.format("%d.%m.%Y"),
                        project.end_date.format("%d.%m.%Y")
                    ),
                );
            }
        }
        let target_group = clean(&self.target_group);
        if let Some(g) = &target_group {
            if !project.target_groups.is_empty() && !project.target_groups.contains(g) {
                errors.push(
                    "target_group",
                    format!(
                        "Grupa docelowa: projekt ma grupy: {}",
                        project.target_groups.join(", ")
                    ),
                );
            }
        } else if !project.target_groups.is_empty() {
            errors.push(
                "target_group",
                "Grupa docelowa: wybierz grupę docelową projektu",
            );
        }
        let status_at_start = clean(&self.status_at_start).and_then(|s| {
            match crate::values::LABOUR_STATUS.parse(&s) {
                Some(code) => Some(code.to_owned()),
                None => {
                    errors.push(
                        "status_at_start",
                        format!(
                            "Status w chwili przystąpienia: nieznana wartość (dozwolone: {})",
                            crate::values::LABOUR_STATUS.codes()
                        ),
                    );
                    None
                }
            }
        });
        let substatus_at_start = clean(&self.substatus_at_start).and_then(|s| {
            let code = crate::values::LABOUR_SUBSTATUS.parse(&s).map(str::to_owned);
            match (&code, &status_at_start) {
                (None, _) => errors.push(
                    "substatus_at_start",
                    format!(
                        "W tym (w chwili przystąpienia): nieznana wartość (dozwolone: {})",
                        crate::values::LABOUR_SUBSTATUS.codes()
                    ),
                ),
                (Some(_), None) => errors.push(
                    "substatus_at_start",
                    "W tym (w chwili przystąpienia): najpierw wybierz status na rynku pracy",
                ),
                (Some(sub), Some(status)) if !crate::values::substatus_fits(status, sub) => {
                    errors.push(
                        "substatus_at_start",
                        "W tym (w chwili przystąpienia) nie pasuje do statusu na rynku pracy — wybierz inny albo „inne”",
                    )
                }
                _ => {}
            }
            code
        });
        let education_end = crate::participant::parse_optional_date(
            &mut errors,
            "education_end",
            "Planowana data zakończenia edukacji",
            &self.education_end,
        );
        let in_education = substatus_at_start.as_deref() == Some("in_education");
        match (in_education, education_end) {
            (true, None) if !errors.0.iter().any(|e| e.field == "education_end") => errors.push(
                "education_end",
                "Planowana data zakończenia edukacji: pole jest wymagane dla osoby uczącej się lub kształcącej się (SM EFS go wymaga)",
            ),
            (false, Some(_)) => errors.push(
                "education_end",
                "Planowana data zakończenia edukacji dotyczy tylko osoby uczącej się — wybierz „w tym”: osoba ucząca się / kształcąca się albo zostaw pole puste",
            ),
            (true, Some(d)) if start.is_some_and(|s| d < s) => errors.push(
                "education_end",
                "Planowana data zakończenia edukacji nie może być wcześniejsza niż rozpoczęcie udziału",
            ),
            _ => {}
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EnrolmentStart {
            start_date: start.expect("checked"),
            target_group,
            status_at_start,
            substatus_at_start,
            education_end,
        })
    }
}

impl EnrolmentEndInput {
    pub fn parse(&self, start: &EnrolmentStart) -> Result<EnrolmentEnd, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let end = required_date(
            &mut errors,
            "end_date",
            "Data zakończenia udziału",
            &self.end_date,
        );
        if end.is_some_and(|e| e < start.start_date) {
            errors.push(
                "end_date",
                format!(
                    "Data zakończenia udziału nie może być wcześniejsza niż jego rozpoczęcie ({})",
                    start.start_date.format("%d.%m.%Y")
                ),
            );
        }
        let completed = match self.completed_as_planned {
            Some(c) => c,
            None => {
                errors.push(
                    "completed_as_planned",
                    "Zakończenie zgodnie ze ścieżką: podaj tak (true) lub nie (false)",
                );
                false
            }
        };
        let exit_situation = exit_situation_code(&mut errors, &self.exit_situation, false);
        let reason = clean(&self.early_leave_reason);
        if self.completed_as_planned == Some(false) && reason.is_none() {
            errors.push(
                "early_leave_reason",
                "Powód wcześniejszego zakończenia: pole jest wymagane, gdy udział nie zakończył się zgodnie z planem",
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EnrolmentEnd {
            end_date: end.expect("checked"),
            exit_situation,
            completed_as_planned: completed,
            early_leave_reason: if completed { None } else { reason },
            exit_statement_date: None,
        })
    }
}

/// A code of the exit situation list from a code or its Polish label.
fn exit_situation_code(
    errors: &mut ValidationErrors,
    value: &Option<String>,
    required: bool,
) -> Option<String> {
    const LABEL: &str = "Sytuacja po zakończeniu udziału";
    if required && clean(value).is_none() {
        errors.push(
            "exit_situation",
            format!("{LABEL}: pole jest wymagane — wybierz ją z listy"),
        );
        return None;
    }
    crate::participant::parse_code(
        errors,
        "exit_situation",
        LABEL,
        &crate::values::EXIT_SITUATION,
        value,
    )
}

impl ExitStatementInput {
    /// The ended participation with the statement's situation and day.
    pub fn apply(&self, end: &EnrolmentEnd) -> Result<EnrolmentEnd, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let situation = exit_situation_code(&mut errors, &self.exit_situation, true);
        let date = required_date(
            &mut errors,
            "statement_date",
            "Data oświadczenia",
            &self.statement_date,
        );
        let last = end.end_date + chrono::Duration::days(EXIT_STATEMENT_DAYS);
        if let Some(d) = date {
            if d < end.end_date || d > last {
                errors.push(
                    "statement_date",
                    format!(
                        "Data oświadczenia: sytuację po zakończeniu udziału ustala się w ciągu 4 tygodni od jego zakończenia — podaj datę od {} do {}",
                        end.end_date.format("%d.%m.%Y"),
                        last.format("%d.%m.%Y")
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EnrolmentEnd {
            exit_situation: situation,
            exit_statement_date: date,
            ..end.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> ProjectData {
        crate::project::ProjectInput {
            name: Some("Miasto Rodziny".into()),
            start_date: Some("2022-01-01".into()),
            end_date: Some("2023-06-30".into()),
            target_groups: Some(vec!["rodziny z dziećmi".into()]),
            ..Default::default()
        }
        .parse()
        .unwrap()
    }

    #[test]
    fn the_start_must_lie_within_the_project_period() {
        let err = EnrolmentInput {
            start_date: Some("2021-12-31".into()),
            target_group: Some("rodziny z dziećmi".into()),
            ..Default::default()
        }
        .parse(&project())
        .unwrap_err();
        assert_eq!(err.0[0].field, "start_date");
    }

    #[test]
    fn the_w_tym_on_joining_needs_its_status_and_must_fit_it() {
        let with = |status: Option<&str>, sub: &str| {
            EnrolmentInput {
                start_date: Some("2022-02-01".into()),
                target_group: Some("rodziny z dziećmi".into()),
                status_at_start: status.map(Into::into),
                substatus_at_start: Some(sub.into()),
                education_end: None,
            }
            .parse(&project())
        };
        for (status, sub) in [
            (None, "other"),
            (Some("registered_unemployed"), "not_in_education"),
            (Some("inactive"), "nieznany"),
        ] {
            let err = with(status, sub).unwrap_err();
            assert_eq!(err.0[0].field, "substatus_at_start", "{status:?} {sub}");
        }
        let ok = with(
            Some("registered_unemployed"),
            "osoba długotrwale bezrobotna",
        )
        .unwrap();
        assert_eq!(
            ok.substatus_at_start.as_deref(),
            Some("long_term_unemployed")
        );
    }

    #[test]
    fn leaving_early_needs_a_reason() {
        let start = EnrolmentInput {
            start_date: Some("2022-02-01".into()),
            target_group: Some("rodziny z dziećmi".into()),
            status_at_start: Some("osoba bierna zawodowo".into()),
            substatus_at_start: Some("not_in_education".into()),
            education_end: None,
        }
        .parse(&project())
        .unwrap();
        assert_eq!(start.status_at_start.as_deref(), Some("inactive"));
        assert_eq!(
            start.substatus_at_start.as_deref(),
            Some("not_in_education")
        );
        let err = EnrolmentEndInput {
            end_date: Some("2022-03-01".into()),
            completed_as_planned: Some(false),
            ..Default::default()
        }
        .parse(&start)
        .unwrap_err();
        assert_eq!(err.0[0].field, "early_leave_reason");
    }

    #[test]
    fn a_person_in_education_needs_the_planned_end_of_education_and_no_one_else_may_give_it() {
        let with = |sub: &str, end: Option<&str>| {
            EnrolmentInput {
                start_date: Some("2022-02-01".into()),
                target_group: Some("rodziny z dziećmi".into()),
                status_at_start: Some("inactive".into()),
                substatus_at_start: Some(sub.into()),
                education_end: end.map(Into::into),
            }
            .parse(&project())
        };
        let fields = |r: Result<EnrolmentStart, ValidationErrors>| {
            r.unwrap_err()
                .0
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(with("in_education", None)), ["education_end"]);
        assert_eq!(
            fields(with("in_education", Some("30.13.2022"))),
            ["education_end"]
        );
        assert_eq!(
            fields(with("in_education", Some("2022-01-15"))),
            ["education_end"]
        );
        assert_eq!(
            fields(with("not_in_education", Some("2023-06-30"))),
            ["education_end"]
        );
        let ok = with("in_education", Some("30.06.2023")).unwrap();
        assert_eq!(ok.education_end, NaiveDate::from_ymd_opt(2023, 6, 30));
    }

    #[test]
    fn the_exit_situation_comes_from_the_closed_list_and_the_statement_within_4_weeks() {
        let start = EnrolmentInput {
            start_date: Some("2022-02-01".into()),
            target_group: Some("rodziny z dziećmi".into()),
            ..Default::default()
        }
        .parse(&project())
        .unwrap();
        let end = |situation: &str| EnrolmentEndInput {
            end_date: Some("2022-05-31".into()),
            exit_situation: Some(situation.into()),
            completed_as_planned: Some(true),
            early_leave_reason: None,
        };
        let err = end("podjęcie zatrudnienia").parse(&start).unwrap_err();
        assert_eq!(err.0[0].field, "exit_situation");
        let ended = end("Osoba poszukująca pracy").parse(&start).unwrap();
        assert_eq!(ended.exit_situation.as_deref(), Some("job_searching"));

        let statement = |situation: Option<&str>, date: &str| ExitStatementInput {
            exit_situation: situation.map(Into::into),
            statement_date: Some(date.into()),
        };
        for (situation, date, field) in [
            (None, "2022-06-10", "exit_situation"),
            (Some("employed"), "2022-05-30", "statement_date"),
            (Some("employed"), "2022-06-29", "statement_date"),
        ] {
            let err = statement(situation, date).apply(&ended).unwrap_err();
            assert_eq!(err.0[0].field, field, "{situation:?} {date}");
        }
        let recorded = statement(Some("employed"), "28.06.2022")
            .apply(&ended)
            .unwrap();
        assert_eq!(recorded.exit_situation.as_deref(), Some("employed"));
        assert_eq!(
            recorded.exit_statement_date,
            NaiveDate::from_ymd_opt(2022, 6, 28)
        );
        assert_eq!(recorded.end_date, ended.end_date);
        assert!(recorded.completed_as_planned);
    }
}
