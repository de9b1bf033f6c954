//! Tauri commands: DTO in → one core call → DTO out. Errors reach the UI as `ApiError`.

use crate::state::AppState;
use kartoteka_api::dto::{
    form_options as domain_form_options, AppStatus, Family, FormOptions, ProjectDetail,
};
use kartoteka_api::participants::{ParticipantPage, ParticipantSummary};
use kartoteka_api::preferences::{self, Language};
use kartoteka_api::records::AuditEvent;
use kartoteka_api::settings::{BackupInfo, OrganisationSettings, Settings};
use kartoteka_api::{access, print_folder, settings, ApiError, App, Frontend};
use kartoteka_domain::consent::{
    Consent, ConsentGiveInput, ConsentTemplateVersion, ConsentTextInput, ConsentWithdrawInput,
};
use kartoteka_domain::enrolment::{
    Enrolment, EnrolmentEndInput, EnrolmentInput, ExitStatementInput,
};
use kartoteka_domain::participant::{Participant, ParticipantInput};
use kartoteka_domain::project::{Project, ProjectInput};
use kartoteka_domain::relation::RelationKind;
use kartoteka_domain::FieldError;
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

fn status(state: &AppState) -> AppStatus {
    state.status()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    status(&state)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unlock(state: State<'_, AppState>, password: String) -> Result<AppStatus> {
    let app = access::unlock(&state.data_dir, &password, Frontend::Window)?;
    opened(&state, app);
    Ok(status(&state))
}

/// The window's language for this data folder, remembered in `preferences.json`.
#[tauri::command(async, rename_all = "snake_case")]
pub fn language_set(state: State<'_, AppState>, language: Language) -> Result<AppStatus> {
    preferences::set_language(&state.data_dir, language)?;
    Ok(status(&state))
}

/// An unlocked store takes the window's place, and its background work starts: the day's
/// backup and emptying the print folder of old files.
fn opened(state: &AppState, app: App) {
    app.start_housekeeping(print_folder::dir());
    state.set(Some(app));
}

/// The way back when the database file is missing or damaged: the newest backup replaces it
/// (the damaged file is kept beside it).
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_latest_backup(state: State<'_, AppState>, password: String) -> Result<AppStatus> {
    state.set(None);
    let app = settings::restore_latest(&state.data_dir, &password, Frontend::Window)?;
    opened(&state, app);
    Ok(status(&state))
}

/// The workers who can unlock this store (for "Nie pamiętam hasła": whose password to set).
#[tauri::command(async, rename_all = "snake_case")]
pub fn workers(state: State<'_, AppState>) -> Result<Vec<String>> {
    access::workers(&state.data_dir)
}

/// A forgotten password: the recovery key sets a new one for the worker, and unlocks.
#[tauri::command(async, rename_all = "snake_case")]
pub fn password_reset(
    state: State<'_, AppState>,
    recovery_key: String,
    worker: String,
    new_password: String,
) -> Result<AppStatus> {
    let app = access::reset_password(
        &state.data_dir,
        &recovery_key,
        Some(&worker),
        &new_password,
        Frontend::Window,
    )?;
    opened(&state, app);
    Ok(status(&state))
}

/// The user is active in the window (typing, clicking): the idle lock starts counting again.
#[tauri::command(async, rename_all = "snake_case")]
pub fn touch(state: State<'_, AppState>) {
    state.touch();
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn settings_get(state: State<'_, AppState>) -> Result<Settings> {
    state.with_app(|a| a.settings())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn settings_save(state: State<'_, AppState>, settings: Settings) -> Result<Settings> {
    let saved = state.with_app(|a| a.settings_save(&settings))?;
    state.set_idle_limit(saved.idle_lock_minutes);
    Ok(saved)
}

/// Changes the unlocked worker's password after checking the current one again.
#[tauri::command(async, rename_all = "snake_case")]
pub fn password_change(
    state: State<'_, AppState>,
    current: String,
    new_password: String,
) -> Result<()> {
    // The signed-in worker's own current password is checked against their slot: someone at
    // an unattended, unlocked laptop cannot change it, nor can another worker's password.
    state.with_app(|a| a.change_password(&current, &new_password).map(|_| ()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_create(state: State<'_, AppState>, for_another_computer: bool) -> Result<BackupInfo> {
    state.with_app(|a| a.backup_create(None, for_another_computer))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    settings::backups(&settings::backup_dir(&state.data_dir))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn lock(state: State<'_, AppState>) -> AppStatus {
    state.set(None);
    status(&state)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn form_options() -> FormOptions {
    domain_form_options()
}

/// Checks a participant form without saving: the field errors to show as the user types.
#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_validate(
    state: State<'_, AppState>,
    input: ParticipantInput,
) -> Result<Vec<FieldError>> {
    state.with_app(|a| Ok(a.participant_validate(&input)))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_add(
    state: State<'_, AppState>,
    input: ParticipantInput,
    confirm_duplicate: bool,
) -> Result<String> {
    state.with_app(|a| Ok(a.participant_add(&input, confirm_duplicate)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_update(
    state: State<'_, AppState>,
    id: String,
    input: ParticipantInput,
    confirm_duplicate: bool,
) -> Result<Vec<String>> {
    // The form sends the whole record: every key replaces the stored value.
    let patch =
        serde_json::to_value(&input).map_err(|e| ApiError::invalid("json", e.to_string()))?;
    state.with_app(|a| {
        Ok(a.participant_update(&id, &patch, confirm_duplicate)?
            .changed)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_get(state: State<'_, AppState>, id: String) -> Result<Participant> {
    state.with_app(|a| a.participant(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_search(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
    include_archived: bool,
) -> Result<Vec<ParticipantSummary>> {
    state.with_app(|a| a.participant_search(&query, limit, include_archived))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_page(
    state: State<'_, AppState>,
    offset: u32,
    limit: u32,
    include_archived: bool,
) -> Result<ParticipantPage> {
    state.with_app(|a| a.participant_page(offset, limit, include_archived))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_archive(state: State<'_, AppState>, id: String) -> Result<bool> {
    state.with_app(|a| Ok(a.participant_archive(&id)?.changed))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_restore(state: State<'_, AppState>, id: String) -> Result<bool> {
    state.with_app(|a| Ok(a.participant_restore(&id)?.changed))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_family(state: State<'_, AppState>, id: String) -> Result<Family> {
    state.with_app(|a| a.participant_family(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_enrolments(state: State<'_, AppState>, id: String) -> Result<Vec<Enrolment>> {
    state.with_app(|a| a.participant_enrolments(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn participant_audit(state: State<'_, AppState>, id: String) -> Result<Vec<AuditEvent>> {
    state.with_app(|a| a.participant_history(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn relation_add(
    state: State<'_, AppState>,
    participant_id: String,
    related_id: String,
    kind: RelationKind,
) -> Result<String> {
    state.with_app(|a| Ok(a.relation_add(&participant_id, &related_id, kind)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn relation_remove(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with_app(|a| a.relation_remove(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn project_add(state: State<'_, AppState>, input: ProjectInput) -> Result<String> {
    state.with_app(|a| Ok(a.project_add(&input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn project_update(
    state: State<'_, AppState>,
    id: String,
    input: ProjectInput,
) -> Result<Project> {
    state.with_app(|a| a.project_update(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn project_list(state: State<'_, AppState>) -> Result<Vec<Project>> {
    state.with_app(|a| a.projects())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn project_get(state: State<'_, AppState>, id: String) -> Result<ProjectDetail> {
    state.with_app(|a| a.project_detail(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn enrolment_add(
    state: State<'_, AppState>,
    participant_id: String,
    project_id: String,
    input: EnrolmentInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.enrolment_add(&participant_id, &project_id, &input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn enrolment_end(
    state: State<'_, AppState>,
    id: String,
    input: EnrolmentEndInput,
) -> Result<Enrolment> {
    state.with_app(|a| a.enrolment_end(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn enrolment_update(
    state: State<'_, AppState>,
    id: String,
    input: EnrolmentInput,
) -> Result<Enrolment> {
    state.with_app(|a| a.enrolment_update(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn enrolment_exit_statement(
    state: State<'_, AppState>,
    id: String,
    input: ExitStatementInput,
) -> Result<Enrolment> {
    state.with_app(|a| a.enrolment_exit_statement(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn consent_texts(
    state: State<'_, AppState>,
    project_id: Option<String>,
) -> Result<Vec<ConsentTemplateVersion>> {
    state.with_app(|a| a.consent_texts(project_id.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn consent_text_add(
    state: State<'_, AppState>,
    project_id: Option<String>,
    template_id: Option<String>,
    input: ConsentTextInput,
) -> Result<ConsentTemplateVersion> {
    state.with_app(|a| a.consent_text_add(project_id.as_deref(), template_id.as_deref(), &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn consent_give(
    state: State<'_, AppState>,
    participant_id: String,
    version_id: String,
    input: ConsentGiveInput,
) -> Result<Consent> {
    state.with_app(|a| a.consent_give(&participant_id, &version_id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn consent_withdraw(
    state: State<'_, AppState>,
    id: String,
    input: ConsentWithdrawInput,
) -> Result<Consent> {
    state.with_app(|a| a.consent_withdraw(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn consent_list(state: State<'_, AppState>, participant_id: String) -> Result<Vec<Consent>> {
    state.with_app(|a| a.consents_of(&participant_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn organisation_get(state: State<'_, AppState>) -> Result<OrganisationSettings> {
    state.with_app(|a| a.organisation())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn organisation_save(
    state: State<'_, AppState>,
    organisation: OrganisationSettings,
) -> Result<OrganisationSettings> {
    state.with_app(|a| a.organisation_save(&organisation))
}
