//! Support-plan commands: the service catalogue, plans and their lifecycle (draft → signed →
//! closed, amendments), deliveries, case notes and the participant's timeline.
//!
//! Architecture invariant: like every command, each one only passes its input to one `App`
//! method (`kartoteka_api::casework`) and maps the result.

use crate::state::AppState;
use kartoteka_api::casework::DeliveriesOf;
use kartoteka_api::casework::{
    CaseNote, DeliverableService, DeliveryAdded, DeliveryView, PlanSummary, PlanView, TimelineEntry,
};
use kartoteka_api::ApiError;
use kartoteka_domain::plan::{
    CaseNoteInput, DeliveryInput, PlanCloseInput, PlanInput, PlanReviewInput, PlanSignInput,
    Service, ServiceInput,
};
use tauri::State;

type Result<T> = std::result::Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn service_list(state: State<'_, AppState>, include_retired: bool) -> Result<Vec<Service>> {
    state.with_app(|a| a.services(include_retired))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn service_add(state: State<'_, AppState>, input: ServiceInput) -> Result<Service> {
    state.with_app(|a| a.service_add(&input))
}

/// Renames, re-categorises, retires (`active: false`) or brings back a service.
#[tauri::command(async, rename_all = "snake_case")]
pub fn service_update(
    state: State<'_, AppState>,
    id: String,
    input: ServiceInput,
) -> Result<Service> {
    state.with_app(|a| a.service_update(&id, &input))
}

/// Creates version 1 of an enrolment's plan as a draft; returns its id.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_create(
    state: State<'_, AppState>,
    enrolment_id: String,
    input: PlanInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.plan_create(&enrolment_id, &input)?.id))
}

/// A social contract or a family work plan kept for a person outside any project.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_create_for_person(
    state: State<'_, AppState>,
    participant_id: String,
    input: PlanInput,
) -> Result<String> {
    state.with_app(|a| Ok(a.plan_create_for_person(&participant_id, &input)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_get(state: State<'_, AppState>, id: String) -> Result<PlanView> {
    state.with_app(|a| a.plan(&id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_list(state: State<'_, AppState>, participant_id: String) -> Result<Vec<PlanSummary>> {
    state.with_app(|a| a.plans_of(&participant_id))
}

/// Replaces a draft's content; a signed plan answers `conflict` (it needs an amendment).
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_update(state: State<'_, AppState>, id: String, input: PlanInput) -> Result<PlanView> {
    state.with_app(|a| a.plan_update(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_sign(state: State<'_, AppState>, id: String, input: PlanSignInput) -> Result<PlanView> {
    state.with_app(|a| a.plan_sign(&id, &input))
}

/// Starts an amendment of a signed plan; returns the new draft version's id.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_amend(state: State<'_, AppState>, id: String) -> Result<String> {
    state.with_app(|a| Ok(a.plan_amend(&id)?.id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_review(
    state: State<'_, AppState>,
    id: String,
    input: PlanReviewInput,
) -> Result<PlanView> {
    state.with_app(|a| a.plan_review(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_close(
    state: State<'_, AppState>,
    id: String,
    input: PlanCloseInput,
) -> Result<PlanView> {
    state.with_app(|a| a.plan_close(&id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn delivery_add(
    state: State<'_, AppState>,
    planned_service_id: String,
    input: DeliveryInput,
) -> Result<DeliveryAdded> {
    state.with_app(|a| a.delivery_add(&planned_service_id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn delivery_list(state: State<'_, AppState>, plan_id: String) -> Result<Vec<DeliveryView>> {
    state.with_app(|a| a.deliveries(DeliveriesOf::Plan(&plan_id)))
}

/// The planned services of the person's signed plans, for the quick delivery form.
#[tauri::command(async, rename_all = "snake_case")]
pub fn deliverable_services(
    state: State<'_, AppState>,
    participant_id: String,
) -> Result<Vec<DeliverableService>> {
    state.with_app(|a| a.deliverable_services(&participant_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn note_add(
    state: State<'_, AppState>,
    participant_id: String,
    input: CaseNoteInput,
) -> Result<CaseNote> {
    state.with_app(|a| a.note_add(&participant_id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn note_list(state: State<'_, AppState>, participant_id: String) -> Result<Vec<CaseNote>> {
    state.with_app(|a| a.notes_of(&participant_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn timeline(state: State<'_, AppState>, participant_id: String) -> Result<Vec<TimelineEntry>> {
    state.with_app(|a| a.timeline(&participant_id))
}

/// "Plany wsparcia": every person's current plan, filtered.
#[tauri::command(async, rename_all = "snake_case")]
pub fn plan_overview(
    state: State<'_, AppState>,
    filter: kartoteka_api::plan_list::PlanFilter,
) -> Result<Vec<kartoteka_api::plan_list::PlanListItem>> {
    state.with_app(|a| a.plan_list(&filter))
}
