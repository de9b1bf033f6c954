//! Plans of every kind (docs/domain.md, "Plans"): an individual support plan or reintegration
//! path belongs to an enrolment (one per enrolment); a social contract or a family work plan may
//! also be kept for a person outside any project (one open per person and kind). In versions. A draft is edited freely; signing
//! freezes it; changing a signed plan means an amendment — a new version that starts as a draft,
//! keeps a link to the version it replaces, and carries its planned services over so the
//! deliveries already logged still count. Signing the amendment supersedes the old version.
//!
//! Invariant: a signed, closed or superseded version's content and planned services never change;
//! only reviews are added to a signed plan, and closing adds the final evaluation.

mod lifecycle;
mod overview;
mod view;

pub use overview::PlanOverviewRow;

pub(crate) use view::corrupt;
use view::{plan_row, planned_services, view};
pub use view::{FamilyMemberView, GoalView, PlanSummary, PlanView, PlannedServiceView};

use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::plan::{PlanContent, PlanInput, PlanSigning, PlanStatus, PlannedServiceData};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, OptionalExtension};

/// Whom a plan belongs to: an enrolment in a project, or a person directly.
#[derive(Clone, Copy)]
pub(crate) enum PlanOwner<'a> {
    Enrolment(&'a str),
    Person(&'a str),
}

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
        let mut plan = view(self.conn(), row)?;
        if !plan.family_members.is_empty() {
            let related = self.related_people(&plan.participant_id)?;
            for m in &mut plan.family_members {
                match related.iter().find(|r| r.person_id.to_string() == m.id) {
                    Some(r) => {
                        m.name = r.name.clone();
                        m.relation = Some(r.kind.polish().to_owned());
                    }
                    None => {
                        let p = self.participant(&m.id)?;
                        m.name = format!("{} {}", p.data.first_name, p.data.last_name);
                    }
                }
            }
        }
        Ok(plan)
    }

    /// Every plan version of a participant (in projects and outside them), newest first
    /// within each chain of versions.
    pub fn plans_of_participant(&self, participant_id: &str) -> Result<Vec<PlanSummary>> {
        self.participant(participant_id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id FROM plans p JOIN plan_owners o ON o.plan_id = p.id
               LEFT JOIN enrolments e ON e.id = p.enrolment_id
              WHERE o.participant_id = ?1
              ORDER BY coalesce(e.created_at, p.created_at) DESC, p.version DESC",
        )?;
        let ids = stmt
            .query_map([participant_id.trim()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        ids.iter()
            .map(|id| {
                let v = self.plan(id)?;
                Ok(PlanSummary {
                    id: v.id,
                    kind: v.kind,
                    kind_label: v.kind_label,
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

    /// A plan in a project lies within the project's period; the family members of a family
    /// work plan are people tied to the plan's person in the registry.
    fn check_plan(
        &self,
        participant_id: &str,
        project_id: Option<&str>,
        content: &PlanContent,
    ) -> Result<()> {
        if !content.family_members.is_empty() {
            let related = self.related_people(participant_id)?;
            let mut errors = ValidationErrors::default();
            for (i, m) in content.family_members.iter().enumerate() {
                if !related.iter().any(|r| r.person_id == *m) {
                    errors.push(
                        format!("family_members.{i}"),
                        "Ta osoba nie jest powiązana z osobą planu — najpierw dodaj ją w zakładce Rodzina",
                    );
                }
            }
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }
        let Some(project_id) = project_id else {
            return Ok(());
        };
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

    /// Creates version 1 of an enrolment's plan, as a draft (any kind).
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
        let participant_id = enrolment.participant_id.to_string();
        self.check_plan(
            &participant_id,
            Some(&enrolment.project_id.to_string()),
            &content,
        )?;
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
            if let Some((_, version)) = existing {
                return Err(StoreError::Conflict(format!(
                    "Ten udział w projekcie ma już plan (wersja {version}). Zmiany wprowadź w szkicu albo aneksem."
                )));
            }
            let id = Id::new_v7().to_string();
            tx.insert_plan(&id, PlanOwner::Enrolment(&enrolment_id), &content, None)?;
            insert_services(tx, &id, &services, &[])?;
            tx.audit("plan", &id, "create", plan_fields());
            Ok(id)
        })
    }

    /// Creates version 1 of a plan kept for a person outside any project — a social contract
    /// or a family work plan — as a draft. A person has one open plan of each kind; a new one
    /// can be made once the previous one is closed.
    pub fn create_plan_for_person(
        &mut self,
        source: Source,
        participant_id: &str,
        input: &PlanInput,
    ) -> Result<String> {
        let participant = self.participant(participant_id)?;
        if participant.status == kartoteka_domain::participant::ParticipantStatus::Anonymised {
            return Err(StoreError::Conflict(
                "Dane tej osoby zostały zanonimizowane — nie można założyć jej planu.".into(),
            ));
        }
        let (content, drafts) = input.parse(self.worker())?;
        if content.kind.needs_project() {
            return Err(ValidationErrors::single(
                "kind",
                format!(
                    "{} należy do udziału w projekcie — załóż go w projekcie osoby (poza projektem: kontrakt socjalny albo plan pracy z rodziną)",
                    content.kind.polish()
                ),
            )
            .into());
        }
        let participant_id = participant.id.to_string();
        self.check_plan(&participant_id, None, &content)?;
        let services = self.resolve_services(&content, &drafts, &[])?;
        let kind = content.kind;
        self.write(source, |tx| {
            let open: Option<u32> = tx
                .tx
                .query_row(
                    "SELECT version FROM plans
                      WHERE participant_id = ?1 AND status IN ('draft', 'signed')
                        AND coalesce(json_extract(data, '$.kind'), 'support_plan') = ?2
                      ORDER BY version DESC LIMIT 1",
                    params![participant_id, kind.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(version) = open {
                return Err(StoreError::Conflict(format!(
                    "Ta osoba ma już otwarty dokument „{}” (wersja {version}). Zmiany wprowadź w szkicu albo aneksem; nowy można założyć po zamknięciu obecnego.",
                    kind.polish()
                )));
            }
            let id = Id::new_v7().to_string();
            tx.insert_plan(&id, PlanOwner::Person(&participant_id), &content, None)?;
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
        if content.kind != row.content.kind {
            return Err(ValidationErrors::single(
                "kind",
                format!(
                    "Rodzaju dokumentu nie można zmienić (to {}) — załóż nowy dokument innego rodzaju",
                    row.content.kind.polish()
                ),
            )
            .into());
        }
        self.check_plan(&row.participant_id, row.project_id.as_deref(), &content)?;
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
                ("team", content.team != old_content.team),
                (
                    "worker_obligations",
                    content.worker_obligations != old_content.worker_obligations,
                ),
                (
                    "family_members",
                    content.family_members != old_content.family_members,
                ),
                (
                    "initial_assessment",
                    content.initial_assessment != old_content.initial_assessment,
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
}

pub(crate) fn plan_fields() -> Vec<String> {
    [
        "kind",
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
    /// Writes version 1 of a plan: a draft, or signed when `signing` is given (the bulk path;
    /// the app signs a draft with `sign_plan`). The caller audits it.
    pub(crate) fn insert_plan(
        &mut self,
        id: &str,
        owner: PlanOwner<'_>,
        content: &PlanContent,
        signing: Option<&PlanSigning>,
    ) -> Result<()> {
        let now = self.now_text();
        let status = if signing.is_some() { "signed" } else { "draft" };
        let (enrolment, person) = match owner {
            PlanOwner::Enrolment(e) => (Some(e), None),
            PlanOwner::Person(p) => (None, Some(p)),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO plans(id, enrolment_id, participant_id, version, replaces_id, status, data, signing, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 1, NULL, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                id,
                enrolment,
                person,
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
