//! The kinds of plan a worker keeps with a person or a family, each with its own sections,
//! title and signatures (docs/domain.md, "Plans"):
//! - the individual support plan (IPW) of an EU project's participant — today's shape;
//! - the individual reintegration path (IŚR) — the same sections, and the diagnosis is signed
//!   by the team that made it;
//! - the social contract (kontrakt socjalny, art. 108 of the social assistance act) — the
//!   worker's and the person's obligations side by side;
//! - the family assistant's work plan with a family (art. 15 of the family support act) — the
//!   family as its subject: its members and the assistant's initial assessment, the final one
//!   written when the plan is closed.
//!
//! The first two belong to an enrolment in a project; a social contract and a family work plan
//! are kept by the centre for anyone, in a project or not.

use super::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanKind {
    #[default]
    SupportPlan,
    ReintegrationPath,
    SocialContract,
    FamilyWorkPlan,
}

impl PlanKind {
    pub const ALL: [PlanKind; 4] = [
        PlanKind::SupportPlan,
        PlanKind::ReintegrationPath,
        PlanKind::SocialContract,
        PlanKind::FamilyWorkPlan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::SupportPlan => "support_plan",
            PlanKind::ReintegrationPath => "reintegration_path",
            PlanKind::SocialContract => "social_contract",
            PlanKind::FamilyWorkPlan => "family_work_plan",
        }
    }

    /// The document's title.
    pub fn polish(self) -> &'static str {
        match self {
            PlanKind::SupportPlan => "Indywidualny plan wsparcia",
            PlanKind::ReintegrationPath => "Indywidualna ścieżka reintegracji",
            PlanKind::SocialContract => "Kontrakt socjalny",
            PlanKind::FamilyWorkPlan => "Plan pracy z rodziną",
        }
    }

    pub fn parse(text: &str) -> Option<PlanKind> {
        let t = text.trim().to_lowercase();
        PlanKind::ALL
            .into_iter()
            .find(|k| k.as_str() == t || k.polish().to_lowercase() == t)
    }

    /// Whether the plan belongs to an enrolment in a project (it cannot be kept outside one).
    pub fn needs_project(self) -> bool {
        matches!(self, PlanKind::SupportPlan | PlanKind::ReintegrationPath)
    }

    /// The act the document cites, printed under its title.
    pub fn legal_basis(self) -> Option<&'static str> {
        match self {
            PlanKind::SocialContract => Some(
                "art. 108 ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
            ),
            PlanKind::FamilyWorkPlan => Some(
                "art. 15 ust. 1 pkt 1 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej",
            ),
            PlanKind::SupportPlan | PlanKind::ReintegrationPath => None,
        }
    }
}

/// A member of the team that made an IŚR's diagnosis (each signs it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamMember {
    pub name: String,
    /// e.g. "pracownik socjalny", "psycholog", "doradca zawodowy".
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct TeamMemberInput {
    pub name: Option<String>,
    pub role: Option<String>,
}

/// What only some kinds hold, parsed from a `PlanInput`: checked here, kept in `PlanContent`.
pub(super) struct KindParts {
    pub(super) team: Vec<TeamMember>,
    pub(super) worker_obligations: Option<String>,
    pub(super) family_members: Vec<Id>,
    pub(super) initial_assessment: Option<String>,
}

impl PlanInput {
    /// The kind asked for (a support plan when left out); an unknown one is named.
    pub fn kind(&self, errors: &mut ValidationErrors) -> PlanKind {
        match clean(&self.kind) {
            None => PlanKind::SupportPlan,
            Some(k) => PlanKind::parse(&k).unwrap_or_else(|| {
                errors.push(
                    "kind",
                    "Rodzaj planu: nieznany (dozwolone: indywidualny plan wsparcia, indywidualna ścieżka reintegracji, kontrakt socjalny, plan pracy z rodziną)",
                );
                PlanKind::SupportPlan
            }),
        }
    }

    /// The parts of `kind`; the others are dropped (a form shows only its kind's sections).
    pub(super) fn kind_parts(&self, kind: PlanKind, errors: &mut ValidationErrors) -> KindParts {
        let mut team = Vec::new();
        if kind == PlanKind::ReintegrationPath {
            for (i, m) in self.team.clone().unwrap_or_default().iter().enumerate() {
                let (name, role) = (clean(&m.name), clean(&m.role));
                match (name, role) {
                    (None, None) => {}
                    (Some(name), Some(role)) => team.push(TeamMember { name, role }),
                    (None, Some(_)) => errors.push(
                        format!("team.{i}.name"),
                        "Członek zespołu: podaj imię i nazwisko",
                    ),
                    (Some(_), None) => errors.push(
                        format!("team.{i}.role"),
                        "Członek zespołu: podaj funkcję (np. psycholog)",
                    ),
                }
            }
        }
        let mut family_members = Vec::new();
        if kind == PlanKind::FamilyWorkPlan {
            for (i, m) in self
                .family_members
                .clone()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                match m.trim().parse::<Id>() {
                    Ok(id) if family_members.contains(&id) => errors.push(
                        format!("family_members.{i}"),
                        "Tego członka rodziny podano dwa razy",
                    ),
                    Ok(id) => family_members.push(id),
                    Err(_) => errors.push(
                        format!("family_members.{i}"),
                        "Członek rodziny: niepoprawny identyfikator osoby",
                    ),
                }
            }
        }
        KindParts {
            team,
            worker_obligations: (kind == PlanKind::SocialContract)
                .then(|| clean(&self.worker_obligations))
                .flatten(),
            family_members,
            initial_assessment: (kind == PlanKind::FamilyWorkPlan)
                .then(|| clean(&self.initial_assessment))
                .flatten(),
        }
    }
}

impl PlanContent {
    /// What a plan of its kind must hold before it is signed, as (field, message).
    pub fn missing_for_signing(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.goals.is_empty() {
            out.push((
                "goals",
                "Plan bez celów nie może być podpisany — dodaj co najmniej jeden cel",
            ));
        }
        match self.kind {
            PlanKind::SupportPlan => {}
            PlanKind::ReintegrationPath => {
                if self.team.is_empty() {
                    out.push(("team", "Diagnozę ścieżki reintegracji podpisuje zespół, który ją przygotował — dodaj jego członków"));
                }
            }
            PlanKind::SocialContract => {
                if self.worker_obligations.is_none() {
                    out.push((
                        "worker_obligations",
                        "Kontrakt socjalny: wpisz zobowiązania pracownika socjalnego",
                    ));
                }
                if self.commitments.is_none() {
                    out.push(("commitments", "Kontrakt socjalny: wpisz zobowiązania osoby"));
                }
            }
            PlanKind::FamilyWorkPlan => {
                if self.initial_assessment.is_none() {
                    out.push((
                        "initial_assessment",
                        "Plan pracy z rodziną: wpisz wstępną ocenę sytuacji rodziny",
                    ));
                }
            }
        }
        out
    }
}
