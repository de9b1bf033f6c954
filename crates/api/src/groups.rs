//! Group work and community events as both front ends use them: groups of a project, members
//! joining and leaving, sessions (one minute's work: who was present), events, and the
//! group's attendance list.

use crate::app::App;
use crate::error::{ApiError, ErrorCode};
use crate::participants::Created;
use crate::printing::{document_context, now};
use chrono::{Datelike, NaiveDate};
use kartoteka_domain::group::{
    CommunityEvent, EventInput, Group, GroupInput, Session, SessionAdded, SessionInput,
    UnplannedAttendance,
};
use kartoteka_forms as forms;

/// An optional date as both front ends send it ("YYYY-MM-DD" or "DD.MM.RRRR"; empty means
/// none).
pub(crate) fn optional_date(
    field: &str,
    label: &str,
    text: Option<&str>,
) -> Result<Option<NaiveDate>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => kartoteka_domain::participant::parse_date(t)
            .map(Some)
            .ok_or_else(|| {
                ApiError::invalid(
                    field,
                    format!("{label}: niepoprawna data (oczekiwano RRRR-MM-DD lub DD.MM.RRRR)"),
                )
            }),
    }
}

/// Which sessions an attendance list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceScope {
    /// The blank list of the next session: the current members, nothing filled in.
    Blank,
    /// One recorded session.
    Session(String),
    /// Every session of a month ("YYYY-MM"), one after another.
    Month(String),
}

impl App {
    pub fn group_add(&mut self, project_id: &str, input: &GroupInput) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.add_group(source, project_id, input)?;
        Ok(Created { id: id.to_string() })
    }

    /// A project's groups with their members.
    pub fn groups(&self, project_id: &str) -> Result<Vec<Group>, ApiError> {
        Ok(self.store.groups(project_id)?)
    }

    pub fn group(&self, id: &str) -> Result<Group, ApiError> {
        Ok(self.store.group(id)?)
    }

    /// A participant of the project joins the group on `date` (default today).
    pub fn group_join(
        &mut self,
        id: &str,
        participant_id: &str,
        date: Option<&str>,
    ) -> Result<Group, ApiError> {
        let on = optional_date("date", "Data dołączenia", date)?;
        let source = self.source();
        Ok(self.store.join_group(source, id, participant_id, on)?)
    }

    /// A member leaves the group on `date` (default today).
    pub fn group_leave(
        &mut self,
        id: &str,
        participant_id: &str,
        date: Option<&str>,
    ) -> Result<Group, ApiError> {
        let on = optional_date("date", "Data odejścia", date)?;
        let source = self.source();
        Ok(self.store.leave_group(source, id, participant_id, on)?)
    }

    /// Records a held session; each present member with the service in their plan gets a
    /// delivery.
    pub fn session_add(
        &mut self,
        group_id: &str,
        input: &SessionInput,
    ) -> Result<SessionAdded, ApiError> {
        let source = self.source();
        Ok(self.store.add_session(source, group_id, input)?)
    }

    pub fn sessions(&self, group_id: &str) -> Result<Vec<Session>, ApiError> {
        Ok(self.store.sessions(group_id)?)
    }

    /// Members present at the project's group sessions without the group's service in a plan.
    pub fn group_check(&self, project_id: &str) -> Result<Vec<UnplannedAttendance>, ApiError> {
        Ok(self.store.unplanned_attendance(project_id)?)
    }

    pub fn event_add(&mut self, project_id: &str, input: &EventInput) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.add_event(source, project_id, input)?;
        Ok(Created { id: id.to_string() })
    }

    pub fn events(&self, project_id: &str) -> Result<Vec<CommunityEvent>, ApiError> {
        Ok(self.store.events(project_id)?)
    }

    /// The group's attendance list as PDF bytes.
    pub fn group_attendance(
        &self,
        group_id: &str,
        scope: &AttendanceScope,
    ) -> Result<Vec<u8>, ApiError> {
        let group = self.store.group(group_id)?;
        let sessions = self.store.sessions(group_id)?;
        let hours = |s: &Session| {
            format!(
                "{}–{}",
                s.data.from.format("%H:%M"),
                s.data.to.format("%H:%M")
            )
        };
        let sheet = |s: &Session| forms::GroupSessionSheet {
            date: Some(s.data.date),
            hours: hours(s),
            topic: s.data.topic.clone(),
            rows: s
                .attendance
                .iter()
                .map(|a| (a.name.clone(), Some(a.present)))
                .collect(),
        };
        let chosen: Vec<forms::GroupSessionSheet> = match scope {
            AttendanceScope::Blank => {
                let today = self.today();
                vec![forms::GroupSessionSheet {
                    date: None,
                    hours: String::new(),
                    topic: String::new(),
                    rows: group
                        .members
                        .iter()
                        .filter(|m| m.left_on.is_none_or(|l| l >= today))
                        .map(|m| (m.name.clone(), None))
                        .collect(),
                }]
            }
            AttendanceScope::Session(id) => vec![sheet(
                sessions
                    .iter()
                    .find(|s| s.id.to_string() == id.trim())
                    .ok_or_else(|| {
                        ApiError::new(
                            ErrorCode::NotFound,
                            "Tych zajęć nie ma w tej grupie — odśwież widok i spróbuj ponownie."
                                .to_owned(),
                        )
                    })?,
            )],
            AttendanceScope::Month(month) => {
                let first = NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
                    .map_err(|_| {
                        ApiError::invalid("month", "Miesiąc: podaj RRRR-MM, np. 2026-11")
                    })?;
                let mut of_month: Vec<&Session> = sessions
                    .iter()
                    .filter(|s| {
                        s.data.date.year() == first.year() && s.data.date.month() == first.month()
                    })
                    .collect();
                if of_month.is_empty() {
                    return Err(ApiError::new(
                        ErrorCode::NotFound,
                        format!(
                            "Grupa nie ma zapisanych zajęć w miesiącu {:02}.{}",
                            first.month(),
                            first.year()
                        ),
                    ));
                }
                of_month.sort_by_key(|s| (s.data.date, s.data.from));
                of_month.into_iter().map(sheet).collect()
            }
        };
        let project = self.store.project(&group.project_id.to_string())?;
        let ctx = document_context(&self.store.organisation()?, Some(&project.data), now())?;
        forms::group_attendance(
            &ctx,
            &forms::GroupAttendanceSheet {
                group: group.data.name.clone(),
                service: group.service_name.clone(),
                specialist: group.data.specialist.clone().unwrap_or_default(),
                sessions: chosen,
            },
        )
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie udało się przygotować dokumentu: {e}"),
            )
        })
    }
}
