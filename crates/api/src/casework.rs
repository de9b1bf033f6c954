//! Casework: the service catalogue, support plans and their lifecycle (draft → signed →
//! closed, amendments, reviews), deliveries of planned services, case notes and a person's
//! timeline. The lifecycle rules live in `kartoteka_store::plans`; this is the one door both
//! front ends use.

use crate::app::App;
use crate::error::ApiError;
use crate::participants::Created;
use kartoteka_domain::plan::{
    CaseNoteInput, DeliveryInput, PlanCloseInput, PlanInput, PlanReviewInput, PlanSignInput,
    Service, ServiceInput,
};
pub use kartoteka_store::{CaseNote, TimelineEntry};
pub use kartoteka_store::{DeliverableService, DeliveryAdded, DeliveryView};
pub use kartoteka_store::{PlanSummary, PlanView};

/// The shipped SM EFS form of the service's code (`crates/reports/columns/cst2021-services.toml`).
fn with_sm_efs_default(service: &mut Service) -> Result<(), ApiError> {
    static FORMS: std::sync::OnceLock<Option<kartoteka_reports::ServiceForms>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| kartoteka_reports::ServiceForms::embedded().ok());
    let Some(forms) = forms else {
        return Err(ApiError::new(
            crate::error::ErrorCode::Internal,
            "Wbudowany słownik form wsparcia SM EFS jest uszkodzony",
        ));
    };
    service.sm_efs_default = forms.default_for(&service.data.code).cloned();
    Ok(())
}

/// Whose deliveries to list.
pub enum DeliveriesOf<'a> {
    /// A plan with its earlier versions.
    Plan(&'a str),
    Participant(&'a str),
}

impl App {
    /// The catalogue; with `include_retired` also the services taken out of it.
    /// Each with the SM EFS form it gets when the office gave none of its own.
    pub fn services(&self, include_retired: bool) -> Result<Vec<Service>, ApiError> {
        let mut services = self.store.services(include_retired)?;
        for s in &mut services {
            with_sm_efs_default(s)?;
        }
        Ok(services)
    }

    /// A new catalogue service; `sm_efs_scope`, `sm_efs_kind` (both or neither) and
    /// `sm_efs_detail` name it for the CST2021 file.
    pub fn service_add(&mut self, input: &ServiceInput) -> Result<Service, ApiError> {
        let source = self.source();
        let mut service = self.store.add_service(source, input)?;
        with_sm_efs_default(&mut service)?;
        Ok(service)
    }

    /// Renames, re-categorises, retires (`active: false`) or brings back a service, or sets
    /// its SM EFS naming (empty texts clear it: the default applies again).
    pub fn service_update(&mut self, id: &str, input: &ServiceInput) -> Result<Service, ApiError> {
        let source = self.source();
        let mut service = self.store.update_service(source, id, input)?;
        with_sm_efs_default(&mut service)?;
        Ok(service)
    }

    /// Version 1 of an enrolment's plan, as a draft.
    pub fn plan_create(
        &mut self,
        enrolment_id: &str,
        input: &PlanInput,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.create_plan(source, enrolment_id, input)?;
        Ok(Created { id })
    }

    /// Version 1 of a plan kept for a person outside any project (a social contract or a family
    /// work plan), as a draft.
    pub fn plan_create_for_person(
        &mut self,
        participant_id: &str,
        input: &PlanInput,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self
            .store
            .create_plan_for_person(source, participant_id, input)?;
        Ok(Created { id })
    }

    /// A plan with its goals, services and progress.
    pub fn plan(&self, id: &str) -> Result<PlanView, ApiError> {
        Ok(self.store.plan(id)?)
    }

    pub fn plans_of(&self, participant_id: &str) -> Result<Vec<PlanSummary>, ApiError> {
        Ok(self.store.plans_of_participant(participant_id)?)
    }

    /// Replaces a draft's content; a signed plan is a conflict (it needs an amendment).
    pub fn plan_update(&mut self, id: &str, input: &PlanInput) -> Result<PlanView, ApiError> {
        let source = self.source();
        Ok(self.store.update_plan(source, id, input)?)
    }

    pub fn plan_sign(&mut self, id: &str, input: &PlanSignInput) -> Result<PlanView, ApiError> {
        let source = self.source();
        Ok(self.store.sign_plan(source, id, input)?)
    }

    /// Starts an amendment of a signed plan: a new draft version.
    pub fn plan_amend(&mut self, id: &str) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.amend_plan(source, id)?;
        Ok(Created { id })
    }

    pub fn plan_review(&mut self, id: &str, input: &PlanReviewInput) -> Result<PlanView, ApiError> {
        let source = self.source();
        Ok(self.store.review_plan(source, id, input)?)
    }

    pub fn plan_close(&mut self, id: &str, input: &PlanCloseInput) -> Result<PlanView, ApiError> {
        let source = self.source();
        Ok(self.store.close_plan(source, id, input)?)
    }

    pub fn delivery_add(
        &mut self,
        planned_service_id: &str,
        input: &DeliveryInput,
    ) -> Result<DeliveryAdded, ApiError> {
        let source = self.source();
        Ok(self.store.add_delivery(source, planned_service_id, input)?)
    }

    pub fn deliveries(&self, of: DeliveriesOf<'_>) -> Result<Vec<DeliveryView>, ApiError> {
        Ok(match of {
            DeliveriesOf::Plan(id) => self.store.deliveries_of_plan(id)?,
            DeliveriesOf::Participant(id) => self.store.deliveries_of_participant(id)?,
        })
    }

    /// The planned services of the person's signed plans (the quick delivery form).
    pub fn deliverable_services(
        &self,
        participant_id: &str,
    ) -> Result<Vec<DeliverableService>, ApiError> {
        Ok(self.store.deliverable_services(participant_id)?)
    }

    pub fn note_add(
        &mut self,
        participant_id: &str,
        input: &CaseNoteInput,
    ) -> Result<CaseNote, ApiError> {
        let source = self.source();
        Ok(self.store.add_note(source, participant_id, input)?)
    }

    pub fn notes_of(&self, participant_id: &str) -> Result<Vec<CaseNote>, ApiError> {
        Ok(self.store.notes_of(participant_id)?)
    }

    /// Everything that happened with a person, newest first.
    pub fn timeline(&self, participant_id: &str) -> Result<Vec<TimelineEntry>, ApiError> {
        Ok(self.store.timeline(participant_id)?)
    }
}
