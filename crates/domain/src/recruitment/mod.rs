//! Recruitment (rekrutacja): a project's rounds, their criteria, candidates and the ranking.
//!
//! Invariants:
//! - A round's criteria are either required (a candidate who does not meet one is rejected,
//!   with the criterion named in the reason) or scored (points for each one met).
//! - The ranking is a pure function of the round and its candidates: required criteria first,
//!   then points (most first), then the time of submission (earliest first), then the
//!   candidate's number. The first `places` are qualified, the next `reserve_places` are the
//!   reserve, the rest are rejected for want of places.
//! - A candidate's number is the order in which the forms were registered in the round
//!   (1, 2, …): the public list of results names candidates only by it.
//! - Closing a round freezes each candidate's decision; afterwards only a resignation changes
//!   the list (the first reserve takes the freed place).

use crate::project::{required_date, ProjectData};

mod ranking;
use crate::text::{required_short, short_text, LINE_MAX, NAME_MAX};
use crate::{Id, ValidationErrors};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
pub use ranking::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The most criteria one round may have.
pub const CRITERIA_MAX: usize = 30;
/// The most points one scored criterion may give.
pub const POINTS_MAX: u32 = 100;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct CriterionInput {
    /// A short code, e.g. "wiek60" (letters, digits, "-" or "_").
    pub code: Option<String>,
    /// What the criterion is, as printed: "Wiek 60 lat lub więcej".
    pub label: Option<String>,
    /// A required criterion: who does not meet it is rejected.
    pub required: Option<bool>,
    /// Points for a scored criterion.
    pub points: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct RecruitmentInput {
    pub name: Option<String>,
    /// First day candidates may hand in their forms, "YYYY-MM-DD".
    pub opens: Option<String>,
    /// Last day, "YYYY-MM-DD".
    pub closes: Option<String>,
    pub places: Option<u32>,
    pub reserve_places: Option<u32>,
    pub criteria: Option<Vec<CriterionInput>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Criterion {
    pub code: String,
    pub label: String,
    pub required: bool,
    /// 0 for a required criterion.
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecruitmentData {
    pub name: String,
    #[ts(type = "string")]
    pub opens: NaiveDate,
    #[ts(type = "string")]
    pub closes: NaiveDate,
    pub places: u32,
    pub reserve_places: u32,
    pub criteria: Vec<Criterion>,
}

/// A closed round: when, and that its list no longer changes (except resignations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecruitmentClosing {
    #[ts(type = "string")]
    pub closed_on: NaiveDate,
    pub closed_by: String,
}

/// A stored round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Recruitment {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub project_id: Id,
    pub project_name: String,
    #[serde(flatten)]
    pub data: RecruitmentData,
    pub closing: Option<RecruitmentClosing>,
    pub candidates: u32,
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl RecruitmentInput {
    /// Parses against the project: the round ends within the project's period, and its
    /// criteria have distinct codes.
    pub fn parse(&self, project: &ProjectData) -> Result<RecruitmentData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = required_short(&mut errors, "name", "Nazwa naboru", &self.name, LINE_MAX);
        let opens = required_date(
            &mut errors,
            "opens",
            "Początek przyjmowania zgłoszeń",
            &self.opens,
        );
        let closes = required_date(
            &mut errors,
            "closes",
            "Koniec przyjmowania zgłoszeń",
            &self.closes,
        );
        if let (Some(o), Some(c)) = (opens, closes) {
            if c < o {
                errors.push(
                    "closes",
                    "Koniec przyjmowania zgłoszeń: nie może być wcześniej niż początek",
                );
            }
        }
        if let Some(c) = closes {
            if c > project.end_date {
                errors.push(
                    "closes",
                    format!(
                        "Koniec przyjmowania zgłoszeń: projekt kończy się {}",
                        project.end_date.format("%d.%m.%Y")
                    ),
                );
            }
        }
        let places = match self.places {
            Some(p) if (1..=10_000).contains(&p) => p,
            _ => {
                errors.push("places", "Liczba miejsc: podaj liczbę od 1 do 10000");
                0
            }
        };
        let reserve_places = match self.reserve_places.unwrap_or(0) {
            r if r <= 10_000 => r,
            _ => {
                errors.push(
                    "reserve_places",
                    "Miejsca na liście rezerwowej: podaj liczbę od 0 do 10000",
                );
                0
            }
        };
        let criteria = parse_criteria(&mut errors, self.criteria.as_deref().unwrap_or(&[]));
        errors.into_result(|| RecruitmentData {
            name: name.unwrap_or_default(),
            opens: opens.expect("checked"),
            closes: closes.expect("checked"),
            places,
            reserve_places,
            criteria,
        })
    }
}

fn parse_criteria(errors: &mut ValidationErrors, input: &[CriterionInput]) -> Vec<Criterion> {
    if input.len() > CRITERIA_MAX {
        errors.push(
            "criteria",
            format!("Kryteria: najwyżej {CRITERIA_MAX} w jednym naborze"),
        );
        return Vec::new();
    }
    let mut out: Vec<Criterion> = Vec::new();
    for (i, c) in input.iter().enumerate() {
        let n = i + 1;
        let field = |f: &str| format!("criteria.{i}.{f}");
        let code = c.code.as_deref().map(str::trim).unwrap_or("");
        if !valid_code(code) {
            errors.push(
                field("code"),
                format!("Kryterium {n}: kod jest wymagany — litery bez polskich znaków, cyfry, „-” lub „_” (np. wiek60)"),
            );
        } else if out.iter().any(|o| o.code == code) {
            errors.push(
                field("code"),
                format!("Kryterium {n}: kod „{code}” już jest w tym naborze"),
            );
        }
        let label = required_short(
            errors,
            &field("label"),
            &format!("Kryterium {n}: opis"),
            &c.label,
            LINE_MAX,
        );
        let required = c.required.unwrap_or(false);
        let points = c.points.unwrap_or(0);
        if required && points > 0 {
            errors.push(
                field("points"),
                format!("Kryterium {n}: kryterium obowiązkowe nie daje punktów — usuń punkty albo „obowiązkowe”"),
            );
        } else if !required && !(1..=POINTS_MAX).contains(&points) {
            errors.push(
                field("points"),
                format!("Kryterium {n}: podaj punkty (1–{POINTS_MAX}) albo zaznacz, że jest obowiązkowe"),
            );
        }
        out.push(Criterion {
            code: code.to_owned(),
            label: label.unwrap_or_default(),
            required,
            points: if required { 0 } else { points },
        });
    }
    out
}

/// A candidate as the command line and the window send one: an existing person by id, or a
/// new one with the participant form's fields.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct CandidateInput {
    pub participant_id: Option<String>,
    pub participant: Option<crate::participant::ParticipantInput>,
    /// When the form was handed in: "YYYY-MM-DD HH:MM" (or "YYYY-MM-DDTHH:MM", or a date).
    pub submitted_at: Option<String>,
    /// Which criteria of the round are met; a criterion not named is not met.
    pub criteria: Option<BTreeMap<String, bool>>,
    /// The documents handed in with the form ("orzeczenie o niepełnosprawności", …).
    pub attachments: Option<Vec<String>>,
}

/// What is kept of a candidate's application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Application {
    /// Local time, "YYYY-MM-DDTHH:MM".
    #[ts(type = "string")]
    pub submitted_at: NaiveDateTime,
    /// The codes of the criteria met.
    pub criteria_met: Vec<String>,
    pub attachments: Vec<String>,
}

/// Parses a date ("YYYY-MM-DD" or "DD.MM.RRRR") with an optional time after a space or "T"
/// ("HH:MM", seconds allowed); a date alone is 00:00.
pub fn parse_submitted_at(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    let (date, time) = match t.split_once([' ', 'T']) {
        Some((d, tm)) => (d, Some(tm.trim())),
        None => (t, None),
    };
    let date = crate::participant::parse_date(date)?;
    let time = match time {
        None => NaiveTime::MIN,
        Some(tm) => NaiveTime::parse_from_str(tm, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(tm, "%H:%M:%S"))
            .ok()?,
    };
    Some(date.and_time(time))
}

impl CandidateInput {
    /// Parses the application part against the round (the person is checked by the caller).
    pub fn parse_application(
        &self,
        round: &RecruitmentData,
    ) -> Result<Application, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let submitted_at = match self.submitted_at.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(
                    "submitted_at",
                    "Data złożenia zgłoszenia: pole jest wymagane",
                );
                None
            }
            Some(t) => match parse_submitted_at(t) {
                None => {
                    errors.push(
                        "submitted_at",
                        "Data złożenia zgłoszenia: podaj datę i godzinę, np. 06.12.2026 10:30",
                    );
                    None
                }
                Some(at) if at.date() < round.opens || at.date() > round.closes => {
                    errors.push(
                        "submitted_at",
                        format!(
                            "Data złożenia zgłoszenia: nabór przyjmuje zgłoszenia od {} do {}",
                            round.opens.format("%d.%m.%Y"),
                            round.closes.format("%d.%m.%Y")
                        ),
                    );
                    None
                }
                Some(at) => Some(at),
            },
        };
        let mut criteria_met = Vec::new();
        for (code, met) in self.criteria.iter().flatten() {
            if !round.criteria.iter().any(|c| &c.code == code) {
                let known: Vec<&str> = round.criteria.iter().map(|c| c.code.as_str()).collect();
                errors.push(
                    format!("criteria.{code}"),
                    format!(
                        "Kryteria: nabór nie ma kryterium „{code}” (ma: {})",
                        if known.is_empty() {
                            "żadnych".to_owned()
                        } else {
                            known.join(", ")
                        }
                    ),
                );
            } else if *met {
                criteria_met.push(code.clone());
            }
        }
        // The round's order, so the protocol lists them as the round defines them.
        criteria_met.sort_by_key(|code| round.criteria.iter().position(|c| &c.code == code));
        let mut attachments = Vec::new();
        for (i, a) in self.attachments.iter().flatten().enumerate() {
            if let Some(text) = short_text(
                &mut errors,
                &format!("attachments.{i}"),
                &format!("Załącznik {}", i + 1),
                &Some(a.clone()),
                NAME_MAX * 2,
            ) {
                attachments.push(text);
            }
        }
        errors.into_result(|| Application {
            submitted_at: submitted_at.expect("checked"),
            criteria_met,
            attachments,
        })
    }
}

/// A candidate as lists show one.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Candidate {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub recruitment_id: Id,
    #[ts(type = "string")]
    pub participant_id: Id,
    pub number: u32,
    pub name: String,
    /// "A.Z." — what the protocol prints.
    pub initials: String,
    pub application: Application,
    pub points: u32,
    /// The frozen decision, once the round is closed.
    pub decision: Option<RankEntry>,
    #[ts(type = "string | null")]
    pub resigned_on: Option<NaiveDate>,
    /// The participation the place became.
    #[ts(type = "string | null")]
    pub enrolment_id: Option<Id>,
}

/// A candidate given a place in the project.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlaceTaken {
    #[ts(type = "string")]
    pub candidate_id: Id,
    #[ts(type = "string")]
    pub participant_id: Id,
    #[ts(type = "string")]
    pub enrolment_id: Id,
    /// The person was already taking part in the project: no second participation was made.
    pub already_enrolled: bool,
}

/// What closing a round did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RoundClosed {
    #[ts(type = "string")]
    pub id: Id,
    pub closing: RecruitmentClosing,
    pub ranking: Ranking,
    pub enrolled: Vec<PlaceTaken>,
}

/// What a candidate's resignation did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Resignation {
    #[ts(type = "string")]
    pub candidate_id: Id,
    #[ts(type = "string")]
    pub resigned_on: NaiveDate,
    /// The participation ended by the resignation, if the place had become one.
    #[ts(type = "string | null")]
    pub ended_enrolment_id: Option<Id>,
    /// The first reserve candidate, offered the freed place (and enrolled).
    pub offered_to: Option<PlaceTaken>,
}

/// "Anna Żak" → "A.Ż." (the first letter of each part of the first and last name).
pub fn initials(first_name: &str, last_name: &str) -> String {
    [first_name, last_name]
        .iter()
        .filter_map(|part| part.trim().chars().next())
        .flat_map(|c| c.to_uppercase())
        .map(|c| format!("{c}."))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn round(places: u32, reserve: u32) -> RecruitmentData {
        RecruitmentData {
            name: "Nabór I".into(),
            opens: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            closes: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            places,
            reserve_places: reserve,
            criteria: vec![
                Criterion {
                    code: "wiek60".into(),
                    label: "Wiek 60+".into(),
                    required: true,
                    points: 0,
                },
                Criterion {
                    code: "niepelnosprawnosc".into(),
                    label: "Niepełnosprawność".into(),
                    required: false,
                    points: 5,
                },
                Criterion {
                    code: "samotna".into(),
                    label: "Mieszka sama".into(),
                    required: false,
                    points: 3,
                },
            ],
        }
    }

    fn project() -> ProjectData {
        ProjectData {
            name: "Aktywni seniorzy".into(),
            agreement_number: None,
            programme: None,
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
            participant_target: None,
            target_groups: vec![],
            retention_until: None,
            priority: None,
            measure: None,
            call_number: None,
            eu_funds: None,
            state_budget: None,
            own_contribution: None,
            eligibility_criteria: vec![],
            attachments: vec![],
        }
    }

    #[test]
    fn the_submission_time_is_read_as_people_and_scripts_write_it() {
        let at = |t: &str| parse_submitted_at(t).map(|v| v.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(at("06.12.2026 10:30").as_deref(), Some("2026-12-06 10:30"));
        assert_eq!(at("2026-12-06T10:30").as_deref(), Some("2026-12-06 10:30"));
        assert_eq!(
            at(" 2026-12-06 10:30:15 ").as_deref(),
            Some("2026-12-06 10:30")
        );
        assert_eq!(at("06.12.2026").as_deref(), Some("2026-12-06 00:00"));
        assert_eq!(at("06.12.2026 25:00"), None);
        assert_eq!(at("6 grudnia"), None);
    }

    #[test]
    fn a_round_with_bad_fields_names_each_one() {
        let input: RecruitmentInput = serde_json::from_value(serde_json::json!({
            "name": " ", "opens": "2026-02-10", "closes": "2026-02-01", "places": 0,
            "criteria": [
                {"code": "wiek60", "label": "Wiek 60+", "required": true, "points": 2},
                {"code": "wiek60", "label": "Drugi"},
                {"code": "zła", "label": "x", "points": 1}
            ]
        }))
        .unwrap();
        let errors = input.parse(&project()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "closes",
                "places",
                "criteria.0.points",
                "criteria.1.code",
                "criteria.1.points",
                "criteria.2.code"
            ]
        );
    }

    #[test]
    fn an_application_outside_the_round_or_naming_an_unknown_criterion_is_refused() {
        let r = round(2, 0);
        let input = CandidateInput {
            submitted_at: Some("2026-02-01 10:00".into()),
            criteria: Some(BTreeMap::from([("nieznane".to_string(), true)])),
            ..CandidateInput::default()
        };
        let errors = input.parse_application(&r).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["submitted_at", "criteria.nieznane"]);
        let ok = CandidateInput {
            submitted_at: Some("2026-01-05T08:15".into()),
            criteria: Some(BTreeMap::from([
                ("samotna".to_string(), true),
                ("wiek60".to_string(), true),
                ("niepelnosprawnosc".to_string(), false),
            ])),
            attachments: Some(vec!["  zaświadczenie  o dochodach ".into()]),
            ..CandidateInput::default()
        }
        .parse_application(&r)
        .unwrap();
        assert_eq!(ok.criteria_met, vec!["wiek60", "samotna"]);
        assert_eq!(ok.attachments, vec!["zaświadczenie o dochodach"]);
    }
}
