//! Projects, who is enrolled in them, and the consent texts and consents that go with them.

use crate::app::App;
use crate::dto::ProjectDetail;
use crate::error::ApiError;
use crate::participants::Created;
use kartoteka_domain::consent::{
    Consent, ConsentGiveInput, ConsentTemplateVersion, ConsentTextInput, ConsentWithdrawInput,
};
use kartoteka_domain::enrolment::{
    Enrolment, EnrolmentEndInput, EnrolmentInput, ExitStatementInput,
};
use kartoteka_domain::project::{Project, ProjectInput};

/// An optional id as both front ends receive it: empty text means none.
fn some_id(id: Option<&str>) -> Option<&str> {
    id.map(str::trim).filter(|s| !s.is_empty())
}

impl App {
    pub fn project_add(&mut self, input: &ProjectInput) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.add_project(source, input)?;
        Ok(Created { id: id.to_string() })
    }

    /// Every project, newest first.
    /// Changes a project (every field as in `project_add`); the period must still hold the
    /// enrolments' starts.
    pub fn project_update(&mut self, id: &str, input: &ProjectInput) -> Result<Project, ApiError> {
        let source = self.source();
        Ok(self.store.update_project(source, id, input)?)
    }

    pub fn projects(&self) -> Result<Vec<Project>, ApiError> {
        Ok(self.store.projects()?)
    }

    /// A project with its enrolments.
    pub fn project_detail(&self, id: &str) -> Result<ProjectDetail, ApiError> {
        Ok(ProjectDetail {
            project: self.store.project(id)?,
            enrolments: self.store.enrolments_in_project(id)?,
            by_sex: self.store.project_progress_by_sex(id)?,
        })
    }

    pub fn enrolment_add(
        &mut self,
        participant_id: &str,
        project_id: &str,
        input: &EnrolmentInput,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self
            .store
            .add_enrolment(source, participant_id, project_id, input)?;
        Ok(Created { id: id.to_string() })
    }

    /// Ends a participation; returns the enrolment as it now is.
    pub fn enrolment_end(
        &mut self,
        id: &str,
        input: &EnrolmentEndInput,
    ) -> Result<Enrolment, ApiError> {
        let source = self.source();
        self.store.end_enrolment(source, id, input)?;
        Ok(self.store.enrolment(id)?)
    }

    /// Corrects the data of joining a project; returns the enrolment as it now is.
    pub fn enrolment_update(
        &mut self,
        id: &str,
        input: &EnrolmentInput,
    ) -> Result<Enrolment, ApiError> {
        let source = self.source();
        self.store.update_enrolment(source, id, input)?;
        Ok(self.store.enrolment(id)?)
    }

    /// Records the exit statement (the situation within 4 weeks of leaving) on an ended
    /// participation; returns the enrolment as it now is.
    pub fn enrolment_exit_statement(
        &mut self,
        id: &str,
        input: &ExitStatementInput,
    ) -> Result<Enrolment, ApiError> {
        let source = self.source();
        self.store.record_exit_statement(source, id, input)?;
        Ok(self.store.enrolment(id)?)
    }

    pub fn enrolment(&self, id: &str) -> Result<Enrolment, ApiError> {
        Ok(self.store.enrolment(id)?)
    }

    /// The consent texts in force: the registry's and, with a project, that project's.
    pub fn consent_texts(
        &self,
        project_id: Option<&str>,
    ) -> Result<Vec<ConsentTemplateVersion>, ApiError> {
        Ok(self.store.consent_texts(some_id(project_id))?)
    }

    /// A new consent text, or with `template_id` the next version of one.
    pub fn consent_text_add(
        &mut self,
        project_id: Option<&str>,
        template_id: Option<&str>,
        input: &ConsentTextInput,
    ) -> Result<ConsentTemplateVersion, ApiError> {
        let source = self.source();
        Ok(self
            .store
            .add_consent_text(source, some_id(project_id), some_id(template_id), input)?)
    }

    pub fn consent_give(
        &mut self,
        participant_id: &str,
        version_id: &str,
        input: &ConsentGiveInput,
    ) -> Result<Consent, ApiError> {
        let source = self.source();
        Ok(self
            .store
            .give_consent(source, participant_id, version_id, input)?)
    }

    pub fn consent_withdraw(
        &mut self,
        id: &str,
        input: &ConsentWithdrawInput,
    ) -> Result<Consent, ApiError> {
        let source = self.source();
        Ok(self.store.withdraw_consent(source, id, input)?)
    }

    /// A participant's consents (an unknown participant is "not found", not an empty list).
    pub fn consents_of(&self, participant_id: &str) -> Result<Vec<Consent>, ApiError> {
        self.store.participant(participant_id)?;
        Ok(self.store.consents_of(participant_id)?)
    }
}
