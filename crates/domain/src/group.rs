//! Group work and community activities: a project's groups (one catalogue service, a
//! specialist, a period, members who join and leave), their sessions (date, time, topic, who
//! was present), and community events open to the public (a head-count, optionally who took
//! part).
//!
//! Invariants:
//! - A session lies within its group's period, is not in the future, ends after it starts,
//!   and its present members are members of the group on its date.
//! - A session is worth, to each present member, one unit of the group's service, or for a
//!   service counted in hours the session's length in hours (`session_quantity_centi`).

use crate::plan::Unit;
use crate::project::{required_date, ProjectData};
use crate::text::{required_short, short_text, LINE_MAX, NAME_MAX};
use crate::{Id, ValidationErrors};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct GroupInput {
    pub name: Option<String>,
    /// A catalogue service: its code (e.g. "TER-SOC") or id.
    pub service: Option<String>,
    pub specialist: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupData {
    pub name: String,
    pub specialist: Option<String>,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
}

/// A stored group with its service and current members.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Group {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub project_id: Id,
    pub project_name: String,
    pub service_id: String,
    pub service_name: String,
    pub unit: Unit,
    #[serde(flatten)]
    pub data: GroupData,
    pub members: Vec<GroupMember>,
    pub sessions: u32,
}

/// A participant's membership of a group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupMember {
    #[ts(type = "string")]
    pub participant_id: Id,
    pub name: String,
    #[ts(type = "string")]
    pub joined_on: NaiveDate,
    #[ts(type = "string | null")]
    pub left_on: Option<NaiveDate>,
}

impl GroupMember {
    /// A member on `day`: joined by then and not left before it.
    pub fn on(&self, day: NaiveDate) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|l| day <= l)
    }
}

impl GroupInput {
    /// Parses against the project (the group's period lies within it); the service reference
    /// is resolved by the store.
    pub fn parse(&self, project: &ProjectData) -> Result<(GroupData, String), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = required_short(&mut errors, "name", "Nazwa grupy", &self.name, LINE_MAX);
        let service = required_short(&mut errors, "service", "Usługa", &self.service, NAME_MAX);
        let specialist = short_text(
            &mut errors,
            "specialist",
            "Specjalista prowadzący",
            &self.specialist,
            NAME_MAX,
        );
        let start = required_date(
            &mut errors,
            "start_date",
            "Początek zajęć",
            &self.start_date,
        );
        let end = required_date(&mut errors, "end_date", "Koniec zajęć", &self.end_date);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(
                    "end_date",
                    "Koniec zajęć: nie może być wcześniej niż początek",
                );
            }
        }
        for (field, day) in [("start_date", start), ("end_date", end)] {
            if let Some(d) = day {
                if d < project.start_date || d > project.end_date {
                    errors.push(
                        field,
                        format!(
                            "Okres zajęć musi mieścić się w okresie projektu ({} – {})",
                            project.start_date.format("%d.%m.%Y"),
                            project.end_date.format("%d.%m.%Y")
                        ),
                    );
                }
            }
        }
        errors.into_result(|| {
            (
                GroupData {
                    name: name.unwrap_or_default(),
                    specialist,
                    start_date: start.expect("checked"),
                    end_date: end.expect("checked"),
                },
                service.unwrap_or_default(),
            )
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct SessionInput {
    pub date: Option<String>,
    /// "HH:MM"
    pub from: Option<String>,
    /// "HH:MM"
    pub to: Option<String>,
    pub topic: Option<String>,
    /// Ids of the members present; the other members of the day are absent.
    pub present: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionData {
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string")]
    pub from: NaiveTime,
    #[ts(type = "string")]
    pub to: NaiveTime,
    pub topic: String,
}

/// A recorded session: who of the members was present.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Session {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub group_id: Id,
    #[serde(flatten)]
    pub data: SessionData,
    pub attendance: Vec<SessionAttendance>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionAttendance {
    #[ts(type = "string")]
    pub participant_id: Id,
    pub name: String,
    pub present: bool,
    /// The delivery logged on the person's plan for this session.
    pub delivery_id: Option<String>,
}

/// What recording a session did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionAdded {
    #[ts(type = "string")]
    pub id: Id,
    /// Deliveries logged on present members' plans.
    pub deliveries: u32,
    /// Present members whose plan does not have the group's service (recorded as present,
    /// no delivery).
    pub not_in_plan: Vec<String>,
}

/// A member present at a group's sessions without the group's service in a plan: the
/// attendance counts, but no delivery reached their plan (add the service to the plan).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnplannedAttendance {
    #[ts(type = "string")]
    pub group_id: Id,
    pub group_name: String,
    pub service_name: String,
    #[ts(type = "string")]
    pub participant_id: Id,
    pub name: String,
    /// Sessions attended without a delivery.
    pub sessions: u32,
    #[ts(type = "string")]
    pub first: NaiveDate,
    #[ts(type = "string")]
    pub last: NaiveDate,
}

fn parse_time(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<NaiveTime> {
    match value.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(field, format!("{label}: pole jest wymagane"));
            None
        }
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M").ok().or_else(|| {
            errors.push(field, format!("{label}: podaj godzinę gg:mm, np. 16:30"));
            None
        }),
    }
}

impl SessionInput {
    /// Parses against the group; `today` bounds the date (a session is recorded once held).
    pub fn parse(
        &self,
        group: &GroupData,
        today: NaiveDate,
    ) -> Result<SessionData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date = required_date(&mut errors, "date", "Data zajęć", &self.date);
        if let Some(d) = date {
            if d < group.start_date || d > group.end_date {
                errors.push(
                    "date",
                    format!(
                        "Data zajęć musi mieścić się w okresie grupy ({} – {})",
                        group.start_date.format("%d.%m.%Y"),
                        group.end_date.format("%d.%m.%Y")
                    ),
                );
            } else if d > today {
                errors.push(
                    "date",
                    "Data zajęć: obecność zapisuje się po zajęciach — ta data jest w przyszłości",
                );
            }
        }
        let from = parse_time(&mut errors, "from", "Godzina rozpoczęcia", &self.from);
        let to = parse_time(&mut errors, "to", "Godzina zakończenia", &self.to);
        if let (Some(f), Some(t)) = (from, to) {
            if t <= f {
                errors.push(
                    "to",
                    "Godzina zakończenia: musi być późniejsza niż rozpoczęcia",
                );
            }
        }
        let topic = required_short(&mut errors, "topic", "Temat zajęć", &self.topic, LINE_MAX);
        errors.into_result(|| SessionData {
            date: date.expect("checked"),
            from: from.expect("checked"),
            to: to.expect("checked"),
            topic: topic.unwrap_or_default(),
        })
    }
}

/// What a session is worth to one present member, in hundredths of the service's unit.
pub fn session_quantity_centi(unit: Unit, session: &SessionData) -> i64 {
    match unit {
        Unit::Hour => (session.to - session.from).num_minutes() * 100 / 60,
        _ => 100,
    }
}

/// The kinds of community activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    Meeting,
    Integration,
    Trip,
    Workshop,
    Initiative,
    Other,
}

impl EventKind {
    /// Every kind, in the order a person sees them.
    pub const KINDS: [EventKind; 6] = [
        EventKind::Meeting,
        EventKind::Integration,
        EventKind::Trip,
        EventKind::Workshop,
        EventKind::Initiative,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Integration => "integration",
            EventKind::Trip => "trip",
            EventKind::Workshop => "workshop",
            EventKind::Initiative => "initiative",
            EventKind::Other => "other",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            EventKind::Meeting => "spotkanie mieszkańców",
            EventKind::Integration => "wydarzenie integracyjne",
            EventKind::Trip => "wycieczka",
            EventKind::Workshop => "warsztaty otwarte",
            EventKind::Initiative => "inicjatywa lokalna",
            EventKind::Other => "inne",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct EventInput {
    pub date: Option<String>,
    pub title: Option<String>,
    /// meeting, integration, trip, workshop, initiative, other
    pub kind: Option<String>,
    /// How many people came (participants of the project and others).
    pub headcount: Option<u32>,
    /// Participants of the registry who took part (optional).
    pub participants: Option<Vec<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventData {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub title: String,
    pub kind: EventKind,
    pub headcount: u32,
    pub note: Option<String>,
}

/// A stored community event.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommunityEvent {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub project_id: Id,
    #[serde(flatten)]
    pub data: EventData,
    pub kind_label: String,
    pub participants: Vec<String>,
}

impl EventInput {
    pub fn parse(
        &self,
        project: &ProjectData,
        today: NaiveDate,
    ) -> Result<EventData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date = required_date(&mut errors, "date", "Data wydarzenia", &self.date);
        if let Some(d) = date {
            if d < project.start_date || d > project.end_date {
                errors.push(
                    "date",
                    format!(
                        "Data wydarzenia musi mieścić się w okresie projektu ({} – {})",
                        project.start_date.format("%d.%m.%Y"),
                        project.end_date.format("%d.%m.%Y")
                    ),
                );
            } else if d > today {
                errors.push(
                    "date",
                    "Data wydarzenia: zapisuje się wydarzenia, które się odbyły",
                );
            }
        }
        let title = required_short(
            &mut errors,
            "title",
            "Nazwa wydarzenia",
            &self.title,
            LINE_MAX,
        );
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => EventKind::Other,
            Some(k) => EventKind::KINDS
                .into_iter()
                .find(|e| e.as_str() == k || e.polish() == k)
                .unwrap_or_else(|| {
                    errors.push(
                        "kind",
                        "Rodzaj: dozwolone meeting, integration, trip, workshop, initiative, other",
                    );
                    EventKind::Other
                }),
        };
        let named = self.participants.as_ref().map_or(0, Vec::len) as u32;
        let headcount = match self.headcount {
            Some(n) if n >= named && n <= 100_000 => n,
            Some(_) => {
                errors.push(
                    "headcount",
                    format!(
                        "Liczba uczestników: co najmniej tylu, ilu wskazano z kartoteki ({named})"
                    ),
                );
                0
            }
            None => {
                errors.push("headcount", "Liczba uczestników: pole jest wymagane");
                0
            }
        };
        let note = short_text(&mut errors, "note", "Uwagi", &self.note, LINE_MAX);
        errors.into_result(|| EventData {
            date: date.expect("checked"),
            title: title.unwrap_or_default(),
            kind,
            headcount,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group() -> GroupData {
        GroupData {
            name: "Socjoterapia — grupa starsza".into(),
            specialist: Some("Marta Zielińska".into()),
            start_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        }
    }

    #[test]
    fn a_session_is_worth_its_hours_or_one_unit() {
        let input = SessionInput {
            date: Some("05.11.2026".into()),
            from: Some("16:00".into()),
            to: Some("17:30".into()),
            topic: Some("Emocje i jak o nich mówić".into()),
            present: None,
        };
        let s = input
            .parse(&group(), NaiveDate::from_ymd_opt(2026, 12, 6).unwrap())
            .unwrap();
        assert_eq!(session_quantity_centi(Unit::Hour, &s), 150);
        assert_eq!(session_quantity_centi(Unit::Session, &s), 100);
    }

    #[test]
    fn a_session_outside_the_group_in_the_future_or_ending_early_names_each_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let input = SessionInput {
            date: Some("2026-11-05".into()),
            from: Some("17:00".into()),
            to: Some("16:00".into()),
            topic: None,
            present: None,
        };
        let errors = input.parse(&group(), today).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["date", "to", "topic"]);
        let late = SessionInput {
            date: Some("2027-01-05".into()),
            from: Some("25:00".into()),
            ..input
        };
        let errors = late.parse(&group(), today).unwrap_err();
        assert!(errors.0[0].message.contains("okresie grupy"));
        assert_eq!(errors.0[1].field, "from");
    }

    #[test]
    fn a_members_days_count_from_joining_to_leaving() {
        let m = GroupMember {
            participant_id: Id::new_v7(),
            name: "Ola".into(),
            joined_on: NaiveDate::from_ymd_opt(2026, 9, 10).unwrap(),
            left_on: NaiveDate::from_ymd_opt(2026, 10, 31),
        };
        assert!(!m.on(NaiveDate::from_ymd_opt(2026, 9, 9).unwrap()));
        assert!(m.on(NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()));
        assert!(!m.on(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()));
    }
}
