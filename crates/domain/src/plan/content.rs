//! What a plan says: header, diagnosis by life area, goals with their planned services.

use super::*;

/// The areas of life a diagnosis assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LifeArea {
    Family,
    Housing,
    Finances,
    Work,
    Health,
    Psychological,
    SocialSkills,
}

pub const LIFE_AREAS: [LifeArea; 7] = [
    LifeArea::Family,
    LifeArea::Housing,
    LifeArea::Finances,
    LifeArea::Work,
    LifeArea::Health,
    LifeArea::Psychological,
    LifeArea::SocialSkills,
];

impl LifeArea {
    pub fn as_str(self) -> &'static str {
        match self {
            LifeArea::Family => "family",
            LifeArea::Housing => "housing",
            LifeArea::Finances => "finances",
            LifeArea::Work => "work",
            LifeArea::Health => "health",
            LifeArea::Psychological => "psychological",
            LifeArea::SocialSkills => "social_skills",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            LifeArea::Family => "Rodzina",
            LifeArea::Housing => "Mieszkanie",
            LifeArea::Finances => "Finanse",
            LifeArea::Work => "Praca",
            LifeArea::Health => "Zdrowie",
            LifeArea::Psychological => "Sfera psychiczna",
            LifeArea::SocialSkills => "Umiejętności społeczne",
        }
    }

    pub fn parse(text: &str) -> Option<LifeArea> {
        let t = text.trim().to_lowercase();
        LIFE_AREAS
            .into_iter()
            .find(|a| a.as_str() == t || a.polish().to_lowercase() == t)
    }
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalStatus {
    Open,
    InProgress,
    Achieved,
    PartlyAchieved,
    NotAchieved,
    Dropped,
}

pub const GOAL_STATUSES: [GoalStatus; 6] = [
    GoalStatus::Open,
    GoalStatus::InProgress,
    GoalStatus::Achieved,
    GoalStatus::PartlyAchieved,
    GoalStatus::NotAchieved,
    GoalStatus::Dropped,
];

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Open => "open",
            GoalStatus::InProgress => "in_progress",
            GoalStatus::Achieved => "achieved",
            GoalStatus::PartlyAchieved => "partly_achieved",
            GoalStatus::NotAchieved => "not_achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            GoalStatus::Open => "nierozpoczęty",
            GoalStatus::InProgress => "w realizacji",
            GoalStatus::Achieved => "osiągnięty",
            GoalStatus::PartlyAchieved => "osiągnięty częściowo",
            GoalStatus::NotAchieved => "nieosiągnięty",
            GoalStatus::Dropped => "zaniechany",
        }
    }

    pub fn parse(text: &str) -> Option<GoalStatus> {
        let t = text.trim().to_lowercase();
        GOAL_STATUSES
            .into_iter()
            .find(|s| s.as_str() == t || s.polish() == t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlanInput {
    /// support_plan (when left out), reintegration_path, social_contract, family_work_plan;
    /// chosen when the plan is created and kept by its amendments.
    pub kind: Option<String>,
    /// The responsible worker (the unlocking worker when left out).
    pub worker: Option<String>,
    /// The plan's period, "YYYY-MM-DD".
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub diagnosis: Option<DiagnosisInput>,
    pub goals: Option<Vec<GoalInput>>,
    /// What the participant commits to (a social contract: the person's obligations).
    pub commitments: Option<String>,
    /// An IŚR: the team that made the diagnosis.
    pub team: Option<Vec<TeamMemberInput>>,
    /// A social contract: what the social worker undertakes.
    pub worker_obligations: Option<String>,
    /// A family work plan: ids of the family's members (people tied to the plan's person).
    pub family_members: Option<Vec<String>>,
    /// A family work plan: the assistant's initial assessment of the family's situation.
    pub initial_assessment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct DiagnosisInput {
    pub problem_situation: Option<String>,
    pub strengths: Option<String>,
    pub needs: Option<String>,
    pub areas: Option<Vec<AreaAssessmentInput>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct AreaAssessmentInput {
    /// family, housing, finances, work, health, psychological, social_skills
    pub area: Option<String>,
    /// 1 (very difficult) – 5 (no problems).
    #[ts(optional, type = "number")]
    pub score: Option<i64>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct GoalInput {
    /// Kept when editing an existing goal; left out for a new one.
    pub id: Option<String>,
    /// What is to be achieved.
    pub title: Option<String>,
    /// How we will know it is achieved.
    pub measure: Option<String>,
    pub target_date: Option<String>,
    pub status: Option<String>,
    pub services: Option<Vec<PlannedServiceInput>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct PlannedServiceInput {
    /// Kept when editing an existing planned service; left out for a new one.
    pub id: Option<String>,
    /// The catalogue service: its id or its code.
    pub service: Option<String>,
    /// How much, in the service's unit.
    pub quantity: Option<f64>,
    pub specialist: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// e.g. "raz w tygodniu".
    pub frequency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AreaAssessment {
    pub area: LifeArea,
    pub score: u8,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Diagnosis {
    pub problem_situation: Option<String>,
    pub strengths: Option<String>,
    pub needs: Option<String>,
    pub areas: Vec<AreaAssessment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Goal {
    #[ts(type = "string")]
    pub id: Id,
    pub title: String,
    pub measure: Option<String>,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
}

/// Everything in a plan version except its planned services (kept as rows of their own,
/// since deliveries point at them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanContent {
    /// Plans written before there were kinds read as support plans.
    #[serde(default)]
    pub kind: PlanKind,
    pub worker: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub diagnosis: Diagnosis,
    pub goals: Vec<Goal>,
    pub commitments: Option<String>,
    #[serde(default)]
    pub team: Vec<TeamMember>,
    #[serde(default)]
    pub worker_obligations: Option<String>,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub family_members: Vec<Id>,
    #[serde(default)]
    pub initial_assessment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedServiceData {
    #[ts(type = "number")]
    pub quantity_centi: i64,
    pub specialist: Option<String>,
    #[ts(type = "string | null")]
    pub start_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub end_date: Option<NaiveDate>,
    pub frequency: Option<String>,
}

/// A planned service as parsed, before its catalogue reference is resolved by the store.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedServiceDraft {
    /// Index of the goal in `PlanContent::goals`.
    pub goal: usize,
    /// Index among the goal's services (for error field names).
    pub index: usize,
    pub id: Option<String>,
    pub service: String,
    pub data: PlannedServiceData,
}

impl PlannedServiceDraft {
    pub fn field(&self, name: &str) -> String {
        format!("goals.{}.services.{}.{name}", self.goal, self.index)
    }
}

impl PlanInput {
    /// Parses the plan; `default_worker` fills an empty worker. Goal ids are kept when given
    /// (and valid) so reviews and services stay attached; new goals get new ids.
    pub fn parse(
        &self,
        default_worker: &str,
    ) -> Result<(PlanContent, Vec<PlannedServiceDraft>), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let kind = self.kind(&mut errors);
        let parts = self.kind_parts(kind, &mut errors);
        let worker = clean(&self.worker).unwrap_or_else(|| default_worker.to_owned());
        let start = required_date(
            &mut errors,
            "start_date",
            "Początek okresu planu",
            &self.start_date,
        );
        let end = required_date(
            &mut errors,
            "end_date",
            "Koniec okresu planu",
            &self.end_date,
        );
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(
                    "end_date",
                    "Koniec okresu planu nie może być wcześniejszy niż jego początek",
                );
            }
        }
        let d = self.diagnosis.clone().unwrap_or_default();
        let mut areas: Vec<AreaAssessment> = Vec::new();
        for (i, a) in d.areas.clone().unwrap_or_default().iter().enumerate() {
            let field = |n: &str| format!("diagnosis.areas.{i}.{n}");
            let area = match clean(&a.area) {
                Some(text) => match LifeArea::parse(&text) {
                    Some(area) if areas.iter().any(|x| x.area == area) => {
                        errors.push(
                            field("area"),
                            format!("Obszar „{}” oceniono dwa razy", area.polish()),
                        );
                        None
                    }
                    Some(area) => Some(area),
                    None => {
                        errors.push(field("area"), "Obszar: nieznany (dozwolone: rodzina, mieszkanie, finanse, praca, zdrowie, sfera psychiczna, umiejętności społeczne)");
                        None
                    }
                },
                None => {
                    errors.push(field("area"), "Obszar oceny: pole jest wymagane");
                    None
                }
            };
            let score = match a.score {
                Some(s) if (1..=5).contains(&s) => Some(s as u8),
                Some(_) => {
                    errors.push(field("score"), "Ocena obszaru: wybierz od 1 do 5");
                    None
                }
                None => {
                    errors.push(field("score"), "Ocena obszaru: pole jest wymagane (1–5)");
                    None
                }
            };
            if let (Some(area), Some(score)) = (area, score) {
                areas.push(AreaAssessment {
                    area,
                    score,
                    comment: clean(&a.comment),
                });
            }
        }
        let mut goals = Vec::new();
        let mut drafts = Vec::new();
        for (g, goal) in self.goals.clone().unwrap_or_default().iter().enumerate() {
            let field = |n: &str| format!("goals.{g}.{n}");
            let title = required(&mut errors, &field("title"), "Cel", &goal.title);
            let target_date = parse_optional_date(
                &mut errors,
                &field("target_date"),
                "Termin osiągnięcia celu",
                &goal.target_date,
            );
            if let (Some(t), Some(s), Some(e)) = (target_date, start, end) {
                if t < s || t > e {
                    errors.push(
                        field("target_date"),
                        "Termin osiągnięcia celu musi mieścić się w okresie planu",
                    );
                }
            }
            let status = match clean(&goal.status) {
                None => GoalStatus::Open,
                Some(s) => GoalStatus::parse(&s).unwrap_or_else(|| {
                    errors.push(field("status"), "Stan celu: nieznana wartość");
                    GoalStatus::Open
                }),
            };
            let id = match clean(&goal.id) {
                Some(text) => match text.parse::<Id>() {
                    Ok(id) => id,
                    Err(_) => {
                        errors.push(field("id"), "Identyfikator celu jest niepoprawny");
                        Id::new_v7()
                    }
                },
                None => Id::new_v7(),
            };
            for (i, s) in goal.services.clone().unwrap_or_default().iter().enumerate() {
                let sf = |n: &str| format!("goals.{g}.services.{i}.{n}");
                let service = required(&mut errors, &sf("service"), "Usługa", &s.service);
                let quantity =
                    quantity_centi(&mut errors, &sf("quantity"), "Ilość", s.quantity, false);
                let s_start = parse_optional_date(
                    &mut errors,
                    &sf("start_date"),
                    "Początek realizacji usługi",
                    &s.start_date,
                );
                let s_end = parse_optional_date(
                    &mut errors,
                    &sf("end_date"),
                    "Koniec realizacji usługi",
                    &s.end_date,
                );
                if let (Some(a), Some(b)) = (s_start, s_end) {
                    if b < a {
                        errors.push(
                            sf("end_date"),
                            "Koniec realizacji usługi nie może być wcześniejszy niż jej początek",
                        );
                    }
                }
                if let (Some(ps), Some(pe)) = (start, end) {
                    for (d, n) in [(s_start, "start_date"), (s_end, "end_date")] {
                        if d.is_some_and(|d| d < ps || d > pe) {
                            errors.push(
                                sf(n),
                                "Okres realizacji usługi musi mieścić się w okresie planu",
                            );
                        }
                    }
                }
                if let (Some(service), Some(q)) = (service, quantity) {
                    drafts.push(PlannedServiceDraft {
                        goal: g,
                        index: i,
                        id: clean(&s.id),
                        service,
                        data: PlannedServiceData {
                            quantity_centi: q,
                            specialist: clean(&s.specialist),
                            start_date: s_start,
                            end_date: s_end,
                            frequency: clean(&s.frequency),
                        },
                    });
                }
            }
            if let Some(title) = title {
                goals.push(Goal {
                    id,
                    title,
                    measure: clean(&goal.measure),
                    target_date,
                    status,
                });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (g, goal) in goals.iter().enumerate() {
            if !seen.insert(goal.id) {
                errors.push(format!("goals.{g}.id"), "Ten sam cel podano dwa razy");
            }
        }
        errors.into_result(|| {
            (
                PlanContent {
                    kind,
                    worker,
                    start_date: start.expect("checked"),
                    end_date: end.expect("checked"),
                    diagnosis: Diagnosis {
                        problem_situation: clean(&d.problem_situation),
                        strengths: clean(&d.strengths),
                        needs: clean(&d.needs),
                        areas,
                    },
                    goals,
                    commitments: clean(&self.commitments),
                    team: parts.team,
                    worker_obligations: parts.worker_obligations,
                    family_members: parts.family_members,
                    initial_assessment: parts.initial_assessment,
                },
                drafts,
            )
        })
    }
}
