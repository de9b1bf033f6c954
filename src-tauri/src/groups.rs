//! Group work from the window: a project's groups, members, recording a session, community
//! events, and the group's attendance list (saved in the print folder and opened).

use crate::printing::{output_dir, write};
use crate::state::AppState;
use kartoteka_api::groups::AttendanceScope;
use kartoteka_api::ApiError;
use kartoteka_domain::group::{
    CommunityEvent, EventInput, Group, GroupInput, Session, SessionAdded, SessionInput,
    UnplannedAttendance,
};
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn group_add(
    state: State<'_, AppState>,
    project_id: String,
    input: GroupInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.group_add(&project_id, &input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn group_list(state: State<'_, AppState>, project_id: String) -> Result<Vec<Group>> {
    state.with_app(|a| a.groups(&project_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn group_get(state: State<'_, AppState>, id: String) -> Result<Group> {
    state.with_app(|a| a.group(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn group_join(
    state: State<'_, AppState>,
    id: String,
    participant_id: String,
    date: Option<String>,
) -> Result<Group> {
    state.with_app(|a| a.group_join(&id, &participant_id, date.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn group_leave(
    state: State<'_, AppState>,
    id: String,
    participant_id: String,
    date: Option<String>,
) -> Result<Group> {
    state.with_app(|a| a.group_leave(&id, &participant_id, date.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn session_add(
    state: State<'_, AppState>,
    group_id: String,
    input: SessionInput,
) -> Result<SessionAdded> {
    state.with_app(|a| a.session_add(&group_id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn session_list(state: State<'_, AppState>, group_id: String) -> Result<Vec<Session>> {
    state.with_app(|a| a.sessions(&group_id))
}

/// Members present at the project's group sessions without the group's service in a plan.
#[tauri::command(async, rename_all = "snake_case")]
pub fn group_check(
    state: State<'_, AppState>,
    project_id: String,
) -> Result<Vec<UnplannedAttendance>> {
    state.with_app(|a| a.group_check(&project_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn event_add(
    state: State<'_, AppState>,
    project_id: String,
    input: EventInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.event_add(&project_id, &input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn event_list(state: State<'_, AppState>, project_id: String) -> Result<Vec<CommunityEvent>> {
    state.with_app(|a| a.events(&project_id))
}

/// Saves and opens the group's attendance list: one session (`session_id`), a month
/// ("YYYY-MM"), or neither for the blank list of the next session; resolves to the file.
#[tauri::command(async, rename_all = "snake_case")]
pub fn group_attendance_print(
    state: State<'_, AppState>,
    group_id: String,
    session_id: Option<String>,
    month: Option<String>,
) -> Result<String> {
    let present = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let (scope, name) = match (present(session_id), present(month)) {
        (Some(s), _) => (
            AttendanceScope::Session(s.clone()),
            format!("lista-obecnosci-{s}.pdf"),
        ),
        (None, Some(m)) => (
            AttendanceScope::Month(m.clone()),
            format!("lista-obecnosci-{group_id}-{m}.pdf"),
        ),
        (None, None) => (
            AttendanceScope::Blank,
            format!("lista-obecnosci-{group_id}-pusta.pdf"),
        ),
    };
    let bytes = state.with_app(|a| a.group_attendance(&group_id, &scope))?;
    let file = output_dir().join(name);
    write(&file, &bytes)?;
    crate::files::print(&file)?;
    Ok(file.display().to_string())
}
