//! Individual support plans: one per enrolment, in versions. A draft is edited freely; signing
//! freezes it; changing a signed plan means an amendment — a new version that starts as a draft,
//! keeps a link to the version it replaces, and carries its planned services over so the
//! deliveries already logged still count. Signing the amendment supersedes the old version.
//!
//! Invariant: a signed, closed or superseded version's content and planned services never change;
//! only reviews are added to a signed plan, and closing adds the final evaluation.

mod overview;
mod view;

pub use overview::PlanOverviewRow;

pub(crate) use view::corrupt;
use view::{plan_row, planned_services, view};
pub use view::{GoalView, PlanSummary, PlanView, PlannedServiceView};

use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::plan::{
    PlanCloseInput, PlanContent, PlanInput, PlanReviewInput, PlanSignInput, PlanSigning,
    PlanStatus, PlannedServiceData,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, OptionalExtension};

/// A planned service ready to be written: resolved service and goal.
struct ResolvedService {
    id: Option<String>,
    goal_id: String,
    service_id: String,
    data: PlannedServiceData,
}

impl Store {
    pub fn plan(&self, id: &str) -> Result<PlanView> {
        let row = plan_row(self.conn(), id)?;
        view(self.conn(), row)
    }

    /// Every plan version of a participant, newest first within each enrolment.
    pub fn plans_of_participant(&self, participant_id: &str) -> Result<Vec<PlanSummary>> {
        self.participant(participant_id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id FROM plans p JOIN enrolments e ON e.id = p.enrolment_id
              WHERE e.participant_id = ?1 ORDER BY e.created_at DESC, p.version DESC",
        )?;
        let ids = stmt
            .query_map([participant_id.trim()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        ids.iter()
            .map(|id| {
                let v = self.plan(id)?;
                Ok(PlanSummary {
                    id: v.id,
                    enrolment_id: v.enrolment_id,
                    project_name: v.project_name,
                    version: v.version,
                    status: v.status,
                    status_label: v.status_label,
                    start_date: v.start_date,
                    end_date: v.end_date,
                    goals: v.goals.len() as u32,
                    percent: v.progress.percent,
                })
            })
            .collect()
    }

    fn resolve_services(
        &self,
        content: &PlanContent,
        drafts: &[kartoteka_domain::plan::PlannedServiceDraft],
        allowed_retired: &[String],
    ) -> Result<Vec<ResolvedService>> {
        let mut errors = ValidationErrors::default();
        let mut out = Vec::new();
        for d in drafts {
            match self.service(&d.service) {
                Ok(s) if !s.data.active && !allowed_retired.contains(&s.id.to_string()) => {
                    errors.push(
                        d.field("service"),
                        format!(
                            "Usługa „{}” została wycofana z katalogu — wybierz inną",
                            s.data.name
                        ),
                    );
                }
                Ok(s) => out.push(ResolvedService {
                    id: d.id.clone(),
                    goal_id: content.goals[d.goal].id.to_string(),
                    service_id: s.id.to_string(),
                    data: d.data.clone(),
                }),
                Err(StoreError::NotFound { .. }) => errors.push(
                    d.field("service"),
                    format!("Usługa: nie ma w katalogu usługi „{}”", d.service),
                ),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        Ok(out)
    }

    fn check_period(&self, project_id: &str, content: &PlanContent) -> Result<()> {
        let project = Store::project_data(self.conn(), project_id)?;
        if content.start_date < project.start_date || content.end_date > project.end_date {
            return Err(ValidationErrors::single(
                "start_date",
                format!(
                    "Okres planu musi mieścić się w okresie projektu ({} – {})",
                    project.start_date.format("%d.%m.%Y"),
                    project.end_date.format("%d.%m.%Y")
                ),
            )
            .into());
        }
        Ok(())
    }

    /// Creates version 1 of an enrolment's plan, as a draft.
    pub fn create_plan(
        &mut self,
        source: Source,
        enrolment_id: &str,
        input: &PlanInput,
    ) -> Result<String> {
        let enrolment = self.enrolment(enrolment_id)?;
        if let Some(end) = &enrolment.end {
            return Err(StoreError::Conflict(format!(
                "Udział w projekcie zakończył się {} — nie można założyć nowego planu.",
                end.end_date.format("%d.%m.%Y")
            )));
        }
        let (content, drafts) = input.parse(self.worker())?;
        self.check_period(&enrolment.project_id.to_string(), &content)?;
        let services = self.resolve_services(&content, &drafts, &[])?;
        let enrolment_id = enrolment.id.to_string();
        self.write(source, |tx| {
            let existing: Option<(String, u32)> = tx
                .tx
                .query_row(
                    "SELECT id, version FROM plans WHERE enrolment_id = ?1 ORDER BY version DESC LIMIT 1",
                    [&enrolment_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((id, version)) = existing {
                return Err(StoreError::Conflict(format!(
                    "Ten udział ma już plan wsparcia (wersja {version}, id {id}). Zmiany wprowadź w szkicu albo aneksem."
                )));
            }
            let id = Id::new_v7().to_string();
            tx.insert_plan(&id, &enrolment_id, &content, None)?;
            insert_services(tx, &id, &services, &[])?;
            tx.audit("plan", &id, "create", plan_fields());
            Ok(id)
        })
    }

    /// Replaces a draft's content. A signed plan is refused: it is changed by an amendment.
    pub fn update_plan(&mut self, source: Source, id: &str, input: &PlanInput) -> Result<PlanView> {
        let row = plan_row(self.conn(), id)?;
        if row.status != PlanStatus::Draft {
            return Err(StoreError::Conflict(format!(
                "Plan w wersji {} jest {} — nie można go zmienić. Aby coś zmienić, utwórz aneks (plan amend).",
                row.version,
                row.status.polish()
            )));
        }
        let (content, drafts) = input.parse(self.worker())?;
        self.check_period(&row.project_id, &content)?;
        let current = planned_services(self.conn(), &row.id)?;
        let kept_retired: Vec<String> = current.iter().map(|s| s.service_id.clone()).collect();
        let services = self.resolve_services(&content, &drafts, &kept_retired)?;
        let mut errors = ValidationErrors::default();
        for (d, s) in drafts.iter().zip(&services) {
            if let Some(sid) = &s.id {
                match current.iter().find(|c| &c.id == sid) {
                    None => errors.push(d.field("id"), "Ta usługa nie należy do tego planu"),
                    Some(c) if c.deliveries > 0 && c.service_id != s.service_id => errors.push(
                        d.field("service"),
                        "Usługa ma zapisane realizacje — nie można zamienić jej na inną",
                    ),
                    Some(_) => {}
                }
            }
        }
        for c in &current {
            let kept = services
                .iter()
                .any(|s| s.id.as_deref() == Some(c.id.as_str()));
            if !kept && c.deliveries > 0 && c.carried_from.is_none() {
                errors.push(
                    "goals",
                    format!(
                        "Usługa „{}” ma zapisane realizacje — nie można jej usunąć z planu",
                        c.service_name
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let plan_id = row.id.clone();
        let old_content = row.content.clone();
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE plans SET data = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'draft'",
                params![
                    plan_id,
                    serde_json::to_string(&content).expect("serialises"),
                    tx.now_text()
                ],
            )?;
            let keep: Vec<&str> = services.iter().filter_map(|s| s.id.as_deref()).collect();
            for c in &current {
                if !keep.contains(&c.id.as_str()) {
                    tx.tx
                        .execute("DELETE FROM planned_services WHERE id = ?1", [&c.id])?;
                    tx.audit("planned_service", &c.id, "remove", Vec::new());
                }
            }
            insert_services(tx, &plan_id, &services, &current)?;
            let mut fields = Vec::new();
            for (name, changed) in [
                ("worker", content.worker != old_content.worker),
                (
                    "period",
                    content.start_date != old_content.start_date
                        || content.end_date != old_content.end_date,
                ),
                ("diagnosis", content.diagnosis != old_content.diagnosis),
                ("goals", content.goals != old_content.goals),
                (
                    "commitments",
                    content.commitments != old_content.commitments,
                ),
            ] {
                if changed {
                    fields.push(name.to_owned());
                }
            }
            fields.push("services".into());
            tx.audit("plan", &plan_id, "update", fields);
            Ok(())
        })?;
        self.plan(&row.id)
    }

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
        if row.content.goals.is_empty() {
            errors.push(
                "goals",
                "Plan bez celów nie może być podpisany — dodaj co najmniej jeden cel",
            );
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
        self.write(source, |tx| {
            let version: u32 = tx.tx.query_row(
                "SELECT max(version) + 1 FROM plans WHERE enrolment_id = ?1",
                [&enrolment_id],
                |r| r.get(0),
            )?;
            let id = Id::new_v7().to_string();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO plans(id, enrolment_id, version, replaces_id, status, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?6)",
                params![id, enrolment_id, version, old_id, serde_json::to_string(&content).expect("serialises"), now],
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

pub(crate) fn plan_fields() -> Vec<String> {
    [
        "worker",
        "period",
        "diagnosis",
        "goals",
        "commitments",
        "services",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// Writes the plan's planned services in order: updates the ones that keep their id, inserts
/// the new ones.
fn insert_services(
    tx: &mut crate::write::Tx,
    plan_id: &str,
    services: &[ResolvedService],
    current: &[PlannedServiceView],
) -> Result<()> {
    let now = tx.now_text();
    for (position, s) in services.iter().enumerate() {
        let data = serde_json::to_string(&s.data).expect("serialises");
        match s
            .id
            .as_deref()
            .filter(|id| current.iter().any(|c| c.id == *id))
        {
            Some(id) => {
                tx.tx.execute(
                    "UPDATE planned_services SET goal_id = ?2, service_id = ?3, position = ?4, data = ?5, updated_at = ?6 WHERE id = ?1",
                    params![id, s.goal_id, s.service_id, position as i64, data, now],
                )?;
            }
            None => {
                let id = Id::new_v7().to_string();
                tx.insert_planned_service(
                    &id,
                    plan_id,
                    &s.goal_id,
                    &s.service_id,
                    position,
                    &s.data,
                )?;
            }
        }
    }
    Ok(())
}

/// The fields a signature sets (audit).
pub(crate) fn sign_fields() -> Vec<String> {
    ["participant_signed_on", "signed_by", "worker_signed_on"]
        .into_iter()
        .map(str::to_owned)
        .collect()
}

impl Tx<'_> {
    /// Writes version 1 of an enrolment's plan: a draft, or signed when `signing` is given
    /// (the bulk path; the app signs a draft with `sign_plan`). The caller audits it.
    pub(crate) fn insert_plan(
        &mut self,
        id: &str,
        enrolment_id: &str,
        content: &PlanContent,
        signing: Option<&PlanSigning>,
    ) -> Result<()> {
        let now = self.now_text();
        let status = if signing.is_some() { "signed" } else { "draft" };
        self.tx
            .prepare_cached(
                "INSERT INTO plans(id, enrolment_id, version, replaces_id, status, data, signing, created_at, updated_at)
                 VALUES (?1, ?2, 1, NULL, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![
                id,
                enrolment_id,
                status,
                serde_json::to_string(content).expect("serialises"),
                signing.map(|s| serde_json::to_string(s).expect("serialises")),
                now
            ])?;
        Ok(())
    }

    /// Writes a new planned service of a plan, with its audit event.
    pub(crate) fn insert_planned_service(
        &mut self,
        id: &str,
        plan_id: &str,
        goal_id: &str,
        service_id: &str,
        position: usize,
        data: &PlannedServiceData,
    ) -> Result<()> {
        let now = self.now_text();
        self.tx
            .prepare_cached(
                "INSERT INTO planned_services(id, plan_id, goal_id, service_id, carried_from, position, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                id,
                plan_id,
                goal_id,
                service_id,
                position as i64,
                serde_json::to_string(data).expect("serialises"),
                now
            ])?;
        self.audit(
            "planned_service",
            id,
            "create",
            vec!["service".into(), "quantity".into()],
        );
        Ok(())
    }
}
