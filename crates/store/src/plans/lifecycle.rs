//! A plan's life after its draft: signing, amendments, reviews and closing.

use super::sign_fields;
use super::view::{plan_row, planned_services};
use crate::error::{Result, StoreError};
use crate::write::Source;
use crate::Store;
use kartoteka_domain::plan::{
    PlanCloseInput, PlanReviewInput, PlanSignInput, PlanSigning, PlanStatus,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::params;

use super::PlanView;

impl Store {
    /// Signs a draft: the participant (or, for a minor, a parent or legal guardian) and the
    /// worker. The plan is frozen from then on; a signed amendment supersedes the version it
    /// replaces.
    pub fn sign_plan(
        &mut self,
        source: Source,
        id: &str,
        input: &PlanSignInput,
    ) -> Result<PlanView> {
        let row = plan_row(self.conn(), id)?;
        if row.status != PlanStatus::Draft {
            return Err(StoreError::Conflict(format!(
                "Plan w wersji {} jest już {} — nic nie zmieniono.",
                row.version,
                row.status.polish()
            )));
        }
        let mut errors = ValidationErrors::default();
        for (field, message) in row.content.missing_for_signing() {
            errors.push(field, message);
        }
        let today = self.clock().today();
        let participant = self.participant(&row.participant_id)?;
        let signed_on = kartoteka_domain::consent::consent_date(
            &mut errors,
            "participant_signed_on",
            "Data podpisu uczestnika",
            &input.participant_signed_on,
            today,
        );
        let worker_on = kartoteka_domain::consent::consent_date(
            &mut errors,
            "worker_signed_on",
            "Data podpisu pracownika",
            &input.worker_signed_on,
            today,
        );
        let guardian_id = input
            .guardian_id
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty());
        let minor = signed_on.is_some_and(|d| participant.data.is_minor_on(d));
        let mut signed_by = "self".to_owned();
        match (minor, guardian_id) {
            (true, None) => errors.push(
                "guardian_id",
                "Osoba jest niepełnoletnia: plan podpisuje rodzic lub opiekun prawny — wskaż go (najpierw dodaj go w zakładce Rodzina).",
            ),
            (_, Some(g)) => {
                let related = self.related_people(&row.participant_id)?;
                match related.iter().find(|r| r.person_id.to_string() == g) {
                    Some(r) if r.kind.can_sign_for_minor() => signed_by = r.name.clone(),
                    Some(_) => errors.push("guardian_id", "Ta osoba nie jest rodzicem ani opiekunem prawnym uczestnika"),
                    None => errors.push("guardian_id", "Wskazany opiekun nie jest powiązany z uczestnikiem w kartotece"),
                }
            }
            (false, None) => {}
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let signing = PlanSigning {
            participant_signed_on: signed_on.expect("checked"),
            signed_by,
            guardian_id: guardian_id.and_then(|g| g.parse().ok()),
            worker_signed_on: worker_on.expect("checked"),
            worker: self.worker().to_owned(),
        };
        let plan_id = row.id.clone();
        let replaces = row.replaces_id.clone();
        self.write(source, |tx| {
            let now = tx.now_text();
            tx.tx.execute(
                "UPDATE plans SET status = 'signed', signing = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'draft'",
                params![plan_id, serde_json::to_string(&signing).expect("serialises"), now],
            )?;
            tx.audit("plan", &plan_id, "sign", sign_fields());
            if let Some(old) = &replaces {
                tx.tx.execute(
                    "UPDATE plans SET status = 'superseded', updated_at = ?2 WHERE id = ?1 AND status = 'signed'",
                    params![old, now],
                )?;
                tx.audit("plan", old, "supersede", vec!["status".into()]);
            }
            Ok(())
        })?;
        self.plan(&row.id)
    }

    /// Starts an amendment of a signed plan: a new draft version with the same content whose
    /// planned services continue the old ones. Returns the new version's id.
    pub fn amend_plan(&mut self, source: Source, id: &str) -> Result<String> {
        let row = plan_row(self.conn(), id)?;
        match row.status {
            PlanStatus::Signed => {}
            PlanStatus::Draft => {
                return Err(StoreError::Conflict(
                    "Ten plan jest szkicem — popraw go bezpośrednio, aneks nie jest potrzebny."
                        .into(),
                ))
            }
            PlanStatus::Closed => {
                return Err(StoreError::Conflict(
                    "Plan jest zamknięty — nie można go aneksować.".into(),
                ))
            }
            PlanStatus::Superseded => {
                return Err(StoreError::Conflict(format!(
                    "Ta wersja została już zastąpiona aneksem ({}). Aneksuj aktualną wersję.",
                    row.replaced_by_id.unwrap_or_default()
                )))
            }
        }
        if let Some(draft) = &row.replaced_by_id {
            return Err(StoreError::Conflict(format!(
                "Aneks do tego planu jest już w przygotowaniu (szkic {draft}). Dokończ go."
            )));
        }
        let services = planned_services(self.conn(), &row.id)?;
        let old_id = row.id.clone();
        let content = row.content.clone();
        let enrolment_id = row.enrolment_id.clone();
        // A plan kept outside a project belongs to its person; one in a project to the enrolment.
        let person_id = enrolment_id.is_none().then(|| row.participant_id.clone());
        // Only the newest signed version is amended (the checks above), so the next number follows it.
        let version = row.version + 1;
        self.write(source, |tx| {
            let id = Id::new_v7().to_string();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO plans(id, enrolment_id, participant_id, version, replaces_id, status, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?7)",
                params![id, enrolment_id, person_id, version, old_id, serde_json::to_string(&content).expect("serialises"), now],
            )?;
            let mut stmt = tx.tx.prepare_cached(
                "INSERT INTO planned_services(id, plan_id, goal_id, service_id, carried_from, position, data, created_at, updated_at)
                 SELECT ?1, ?2, goal_id, service_id, id, position, data, ?4, ?4 FROM planned_services WHERE id = ?3",
            )?;
            for s in &services {
                stmt.execute(params![Id::new_v7().to_string(), id, s.id, now])?;
            }
            drop(stmt);
            tx.audit("plan", &id, "amend", vec!["replaces".into()]);
            Ok(id)
        })
    }

    /// Adds a review to a signed plan: what changed and where each goal stands.
    pub fn review_plan(
        &mut self,
        source: Source,
        id: &str,
        input: &PlanReviewInput,
    ) -> Result<PlanView> {
        let row = plan_row(self.conn(), id)?;
        if row.status != PlanStatus::Signed {
            return Err(StoreError::Conflict(format!(
                "Przegląd dotyczy podpisanego planu, a ten jest {}.",
                row.status.polish()
            )));
        }
        let review = input.parse(&row.content, self.clock().today(), self.worker())?;
        let plan_id = row.id.clone();
        self.write(source, |tx| {
            let rid = Id::new_v7().to_string();
            tx.tx.execute(
                "INSERT INTO plan_reviews(id, plan_id, review_date, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![rid, plan_id, review.review_date.to_string(), serde_json::to_string(&review).expect("serialises"), tx.now_text()],
            )?;
            tx.audit("plan_review", &rid, "create", vec!["review_date".into(), "changes".into(), "goals".into()]);
            tx.audit("plan", &plan_id, "review", Vec::new());
            Ok(())
        })?;
        self.plan(&row.id)
    }

    /// Closes a signed plan with its final evaluation; nothing more is delivered on it.
    pub fn close_plan(
        &mut self,
        source: Source,
        id: &str,
        input: &PlanCloseInput,
    ) -> Result<PlanView> {
        let row = plan_row(self.conn(), id)?;
        if row.status != PlanStatus::Signed {
            return Err(StoreError::Conflict(format!(
                "Zamknąć można tylko podpisany plan, a ten jest {}.",
                row.status.polish()
            )));
        }
        if let Some(draft) = &row.replaced_by_id {
            return Err(StoreError::Conflict(format!(
                "Do tego planu jest przygotowywany aneks (szkic {draft}) — najpierw go podpisz."
            )));
        }
        let closing = input.parse(&row.content, self.clock().today(), self.worker())?;
        let plan_id = row.id.clone();
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE plans SET status = 'closed', closing = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'signed'",
                params![plan_id, serde_json::to_string(&closing).expect("serialises"), tx.now_text()],
            )?;
            tx.audit("plan", &plan_id, "close", vec!["closed_on".into(), "final_evaluation".into()]);
            Ok(())
        })?;
        self.plan(&row.id)
    }
}
