//! The first run of an office's laptop: the wizard from an empty data folder to the
//! participant list, and the optional demo data.
//!
//! Invariants: the store is created in one step with the organisation, the first worker and
//! her role (before that nothing is written; `Store::init` is all-or-nothing). What follows —
//! the recovery key written down, sync joined or left for later, demo data — is recorded as
//! the wizard's next step in the store's settings, so a window closed midway resumes there
//! after the unlock (a recovery key not yet confirmed is replaced by a new one, since the
//! first was never seen to be written down). Demo data and sync exclude each other: demo rows
//! must never reach another computer.

use crate::access::Created;
use crate::app::{App, Frontend};
use crate::error::{ApiError, ErrorCode};
use kartoteka_domain::text::{short_text, NAME_MAX};
use kartoteka_domain::ValidationErrors;
use kartoteka_store::settings::OrganisationSettings;
use kartoteka_store::{OpenOptions, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

pub use kartoteka_store::DemoRemoved;

/// Where a wizard stopped (absent: it was finished, or the store was made without it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FirstRunStep {
    /// The recovery key is to be shown and confirmed as written down.
    RecoveryKey,
    /// Join the organisation's sync, or later.
    Sync,
    /// Demo data, or none.
    Demo,
}

/// What the wizard sends to create the store.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetupRequest {
    pub organisation: OrganisationSettings,
    pub worker: String,
    /// The worker's role ("pracownik socjalny", "koordynator projektu"…), may be empty.
    pub role: String,
    pub password: String,
}

/// What adding the demo data wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoAdded {
    pub participants: u32,
    pub projects: u32,
}

const FIRST_RUN: &str = "first_run";
const WORKER_ROLES: &str = "worker_roles";
/// How many people the demo data has, and its fixed seed (the same people on every laptop).
pub const DEMO_PARTICIPANTS: usize = 50;
const DEMO_SEED: u64 = 2026;

/// Creates the store with the organisation and the first worker; the wizard goes on at the
/// recovery key.
pub fn setup_office(
    dir: &Path,
    req: &SetupRequest,
    frontend: Frontend,
) -> Result<Created, ApiError> {
    crate::access::require_new(dir)?;
    let mut errors = ValidationErrors::default();
    if let Err(e) = req.organisation.validate() {
        errors.0.extend(e.0);
    }
    let role = short_text(
        &mut errors,
        "role",
        "Stanowisko",
        &Some(req.role.clone()),
        NAME_MAX,
    );
    if !errors.0.is_empty() {
        return Err(kartoteka_store::StoreError::Invalid(errors).into());
    }
    let created = Store::init(dir, &req.worker, &req.password, OpenOptions::default())?;
    let mut app = App::new(created.store, frontend);
    let source = app.source();
    let worker = app.worker().to_owned();
    let roles = serde_json::json!({ worker: role.unwrap_or_default() });
    app.store.save_organisation_with(
        source,
        &req.organisation,
        &[
            (
                FIRST_RUN,
                serde_json::to_string(&FirstRunStep::RecoveryKey).expect("step"),
            ),
            (WORKER_ROLES, roles.to_string()),
        ],
    )?;
    Ok(Created {
        app,
        recovery_key: created.recovery_key,
    })
}

impl App {
    /// Where the first-run wizard is to go on, if it was not finished.
    pub fn first_run(&self) -> Result<Option<FirstRunStep>, ApiError> {
        Ok(self
            .store
            .setting_value(FIRST_RUN)?
            .and_then(|v| serde_json::from_str(&v).ok()))
    }

    /// Records the wizard's next step (`None`: finished, the participant list comes next).
    pub fn first_run_continue(&mut self, next: Option<FirstRunStep>) -> Result<(), ApiError> {
        let source = self.source();
        let value = next.map(|s| serde_json::to_string(&s).expect("step"));
        Ok(self
            .store
            .save_setting_value(source, FIRST_RUN, value.as_deref())?)
    }

    /// A new recovery key for a wizard resumed before the first one was confirmed: the one
    /// shown then may not have been written down, so it stops working.
    pub fn first_run_recovery_key(&mut self) -> Result<zeroize::Zeroizing<String>, ApiError> {
        if self.first_run()? != Some(FirstRunStep::RecoveryKey) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Klucz odzyskiwania wymienia się w Ustawieniach (Bezpieczeństwo).",
            ));
        }
        let key = crate::access::new_recovery_key()?;
        self.replace_recovery_key(&key)?;
        Ok(key)
    }

    /// The signed-in worker's role as given at set-up ("" when none).
    pub fn worker_role(&self) -> Result<String, ApiError> {
        let roles: serde_json::Map<String, serde_json::Value> = self
            .store
            .setting_value(WORKER_ROLES)?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default();
        Ok(roles
            .get(self.worker())
            .and_then(|r| r.as_str())
            .unwrap_or_default()
            .to_owned())
    }

    /// Whether demo data is here (the window then says so on every view).
    pub fn has_demo(&self) -> Result<bool, ApiError> {
        Ok(self.store.has_demo()?)
    }

    /// Refuses sync while demo data is here.
    pub(crate) fn refuse_while_demo(&self) -> Result<(), ApiError> {
        if self.store.has_demo()? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Kartoteka zawiera dane demonstracyjne, które nie mogą trafić na inne komputery. \
                 Usuń je w Ustawieniach (Dane demonstracyjne), a potem włącz synchronizację.",
            ));
        }
        Ok(())
    }

    /// Writes the demo data: 50 fictitious people in projects named "DEMO – …", with plans,
    /// deliveries, a recruitment round and groups. Only into an empty registry that does not
    /// sync.
    pub fn demo_add(&mut self) -> Result<DemoAdded, ApiError> {
        if self.store.sync_config()?.is_some() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Synchronizacja jest włączona: dane demonstracyjne trafiłyby na inne komputery \
                 organizacji. Wypróbuj program na osobnym folderze danych.",
            ));
        }
        if self.store.count_rows("participants")? > 0 {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Kartoteka zawiera już osoby: dane demonstracyjne można dodać tylko do pustej kartoteki.",
            ));
        }
        let since = self.store.change_mark()?;
        let summary = crate::seed::seed_demo(&mut self.store, DEMO_PARTICIPANTS, DEMO_SEED)?;
        let source = self.source();
        self.demo_outside_plans(source)?;
        self.store.demo_mark(source, since)?;
        Ok(DemoAdded {
            participants: summary.counts.participants as u32,
            projects: summary.counts.projects as u32,
        })
    }

    /// Removes the demo data and whatever was attached to it since, in one step.
    pub fn demo_remove(&mut self) -> Result<DemoRemoved, ApiError> {
        if !self.store.has_demo()? {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "Kartoteka nie zawiera danych demonstracyjnych.",
            ));
        }
        let source = self.source();
        Ok(self.store.demo_remove(source)?)
    }
}

impl App {
    /// The demo's two documents kept outside projects, signed a month ago: a family work plan
    /// for the first parent in the registry (naming their children) and a social contract for
    /// the first adult without children there.
    fn demo_outside_plans(&mut self, source: kartoteka_store::Source) -> Result<(), ApiError> {
        use kartoteka_domain::plan::{PlanInput, PlanSignInput};
        use kartoteka_domain::relation::RelationKind;
        let today = self.store.clock().today();
        let start = today - chrono::Days::new(30);
        let end = today + chrono::Days::new(150);
        let adult_born_by = today - chrono::Months::new(18 * 12);
        let mut family = None;
        let mut contract = None;
        for p in self.store.participant_page(0, 200, false)?.rows {
            let children: Vec<String> = self
                .store
                .related_people(&p.id)?
                .into_iter()
                .filter(|r| r.kind == RelationKind::Child)
                .map(|r| r.person_id.to_string())
                .collect();
            let adult = p.birth_date.as_str() <= adult_born_by.to_string().as_str();
            if family.is_none() && !children.is_empty() {
                family = Some(serde_json::json!({
                    "kind": "family_work_plan",
                    "start_date": start.to_string(), "end_date": end.to_string(),
                    "diagnosis": {"problem_situation": "Trudności opiekuńczo-wychowawcze, zaległości szkolne dzieci.",
                                  "strengths": "Więź rodziców z dziećmi, gotowość do współpracy."},
                    "goals": [{"title": "Regularne uczęszczanie dzieci do szkoły",
                               "measure": "Frekwencja powyżej 90%",
                               "services": [{"service": "ROD-ASYST", "quantity": 20, "frequency": "raz w tygodniu"}]}],
                    "commitments": "Codzienny kontakt ze szkołą, udział w spotkaniach z asystentem.",
                    "family_members": children,
                    "initial_assessment": "Rodzina wielodzietna w trudnej sytuacji finansowej; rodzice potrzebują wsparcia w organizacji dnia dzieci."
                }))
                .map(|plan| (p.id.clone(), plan));
            } else if contract.is_none() && children.is_empty() && adult {
                contract = Some((
                    p.id.clone(),
                    serde_json::json!({
                        "kind": "social_contract",
                        "start_date": start.to_string(), "end_date": end.to_string(),
                        "diagnosis": {"problem_situation": "Długotrwałe bezrobocie, zaległości w opłatach za mieszkanie."},
                        "goals": [{"title": "Podjęcie zatrudnienia",
                                   "services": [{"service": "PRA-DORAD", "quantity": 4}]}],
                        "commitments": "Rejestracja w powiatowym urzędzie pracy, udział w spotkaniach z doradcą zawodowym.",
                        "worker_obligations": "Pomoc w przygotowaniu CV, wizyta w domu co dwa tygodnie."
                    }),
                ));
            }
            if family.is_some() && contract.is_some() {
                break;
            }
        }
        let signing = PlanSignInput {
            participant_signed_on: Some(start.to_string()),
            worker_signed_on: Some(start.to_string()),
            guardian_id: None,
        };
        for (person, plan) in family.into_iter().chain(contract) {
            let input: PlanInput = serde_json::from_value(plan).map_err(|e| {
                ApiError::new(ErrorCode::Internal, format!("dane demonstracyjne: {e}"))
            })?;
            let id = self.store.create_plan_for_person(source, &person, &input)?;
            self.store.sign_plan(source, &id, &signing)?;
        }
        Ok(())
    }
}
