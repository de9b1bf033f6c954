//! Recruitment rounds (rekrutacja) as both front ends use them: rounds of a project,
//! candidates, the ranking, closing, resignations and the round's two documents.

use crate::app::App;
use crate::error::ApiError;
use crate::groups::optional_date;
use crate::participants::{duplicate_check, Created};
use crate::printing::{document_context, now};
use kartoteka_domain::recruitment::{
    Candidate, CandidateInput, Ranking, Recruitment, RecruitmentInput, Resignation, RoundClosed,
};
use kartoteka_forms as forms;
use serde::Serialize;
use ts_rs::TS;

/// A round with its candidates and its list, as the window shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecruitmentDetail {
    pub recruitment: Recruitment,
    pub candidates: Vec<Candidate>,
    pub ranking: Ranking,
}

/// Which of a round's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundDocument {
    /// For the committee: numbers, initials, points, decisions and reasons.
    Protocol,
    /// For the notice board: numbers, points and results only.
    Results,
}

impl App {
    pub fn recruitment_add(
        &mut self,
        project_id: &str,
        input: &RecruitmentInput,
    ) -> Result<Created, ApiError> {
        let source = self.source();
        let id = self.store.add_recruitment(source, project_id, input)?;
        Ok(Created { id: id.to_string() })
    }

    /// A project's rounds, newest first.
    pub fn recruitments(&self, project_id: &str) -> Result<Vec<Recruitment>, ApiError> {
        Ok(self.store.recruitments(project_id)?)
    }

    pub fn recruitment_detail(&self, id: &str) -> Result<RecruitmentDetail, ApiError> {
        Ok(RecruitmentDetail {
            recruitment: self.store.recruitment(id)?,
            candidates: self.store.candidates(id)?,
            ranking: self.store.ranking(id)?,
        })
    }

    /// Registers a candidate (a new person is refused as a likely duplicate unless
    /// `confirmed_duplicate`).
    pub fn candidate_add(
        &mut self,
        recruitment_id: &str,
        input: &CandidateInput,
        confirmed_duplicate: bool,
    ) -> Result<Candidate, ApiError> {
        let source = self.source();
        Ok(self.store.add_candidate(
            source,
            recruitment_id,
            input,
            duplicate_check(confirmed_duplicate),
        )?)
    }

    pub fn candidates(&self, recruitment_id: &str) -> Result<Vec<Candidate>, ApiError> {
        Ok(self.store.candidates(recruitment_id)?)
    }

    pub fn recruitment_rank(&self, id: &str) -> Result<Ranking, ApiError> {
        Ok(self.store.ranking(id)?)
    }

    /// Closes a round; the qualified start in the project on `start_date` (default today).
    pub fn recruitment_close(
        &mut self,
        id: &str,
        start_date: Option<&str>,
    ) -> Result<RoundClosed, ApiError> {
        let start = optional_date("start_date", "Data rozpoczęcia udziału", start_date)?;
        let source = self.source();
        Ok(self.store.close_recruitment(source, id, start)?)
    }

    /// A candidate withdraws on `date` (default today).
    pub fn candidate_resign(
        &mut self,
        id: &str,
        date: Option<&str>,
    ) -> Result<Resignation, ApiError> {
        let on = optional_date("date", "Data rezygnacji", date)?;
        let source = self.source();
        Ok(self.store.resign_candidate(source, id, on)?)
    }

    /// The letter telling a candidate the decision (the provisional one while the round is
    /// open), as PDF bytes.
    pub fn recruitment_letter(&self, candidate_id: &str) -> Result<Vec<u8>, ApiError> {
        let candidate = self.store.candidate(candidate_id)?;
        let round_id = candidate.recruitment_id.to_string();
        let round = self.store.recruitment(&round_id)?;
        let ranking = self.store.ranking(&round_id)?;
        let entry = ranking
            .entries()
            .find(|e| e.candidate_id == candidate.id)
            .cloned()
            .ok_or_else(|| {
                ApiError::new(
                    crate::error::ErrorCode::Internal,
                    "Kandydata nie ma na liście naboru.",
                )
            })?;
        let person = self
            .store
            .participant(&candidate.participant_id.to_string())?;
        let project = self.store.project(&round.project_id.to_string())?;
        let ctx = document_context(&self.store.organisation()?, Some(&project.data), now())?;
        let address = person
            .data
            .correspondence_address
            .as_ref()
            .or(person.data.address.as_ref());
        let mut addressee = vec![candidate.name.clone()];
        if let Some(a) = address {
            addressee.extend(a.one_line().split(", ").map(str::to_owned));
        }
        let letter = forms::RecruitmentLetter {
            addressee,
            female: person.data.sex == kartoteka_domain::Sex::Female,
            round: round.data.name.clone(),
            number: candidate.number,
            submitted_on: candidate.application.submitted_at.date(),
            points: entry.points,
            rank: entry.rank,
            decision: entry.outcome.label().to_owned(),
            reason: entry.reason.clone().unwrap_or_default(),
            provisional: round.closing.is_none(),
        };
        forms::recruitment_letter(&ctx, &letter).map_err(|e| {
            ApiError::new(
                crate::error::ErrorCode::Internal,
                format!("Nie udało się przygotować dokumentu: {e}"),
            )
        })
    }

    /// The protocol or the public list of a round, as PDF bytes.
    pub fn recruitment_document(
        &self,
        id: &str,
        which: RoundDocument,
    ) -> Result<Vec<u8>, ApiError> {
        let round = self.store.recruitment(id)?;
        let candidates = self.store.candidates(id)?;
        let ranking = self.store.ranking(id)?;
        let project = self.store.project(&round.project_id.to_string())?;
        let ctx = document_context(&self.store.organisation()?, Some(&project.data), now())?;
        let rows = ranking
            .entries()
            .map(|e| {
                let c = candidates.iter().find(|c| c.id == e.candidate_id);
                forms::RecruitmentRow {
                    number: e.number,
                    initials: c.map(|c| c.initials.clone()).unwrap_or_default(),
                    submitted_at: c
                        .map(|c| {
                            c.application
                                .submitted_at
                                .format("%d.%m.%Y %H:%M")
                                .to_string()
                        })
                        .unwrap_or_default(),
                    points: e.points,
                    rank: e.rank,
                    decision: e.outcome.label().to_owned(),
                    reason: e.reason.clone().unwrap_or_default(),
                }
            })
            .collect();
        let sheet = forms::RecruitmentSheet {
            round: round.data.name.clone(),
            opens: round.data.opens,
            closes: round.data.closes,
            places: round.data.places,
            reserve_places: round.data.reserve_places,
            criteria: round
                .data
                .criteria
                .iter()
                .map(|c| forms::RecruitmentCriterion {
                    label: c.label.clone(),
                    required: c.required,
                    points: c.points,
                })
                .collect(),
            rows,
            closed_on: round.closing.as_ref().map(|c| c.closed_on),
        };
        let bytes = match which {
            RoundDocument::Protocol => forms::recruitment_protocol(&ctx, &sheet),
            RoundDocument::Results => forms::recruitment_results(&ctx, &sheet),
        };
        bytes.map_err(|e| {
            ApiError::new(
                crate::error::ErrorCode::Internal,
                format!("Nie udało się przygotować dokumentu: {e}"),
            )
        })
    }
}
