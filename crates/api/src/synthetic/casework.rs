//! The casework of enrolled people: a support plan (diagnosis of the seven life areas, goals,
//! services from the shared catalogue), signed when it started before the seed date, the
//! deliveries logged against it so far, and case notes.

use super::{seed_time, Generator, Member};
use chrono::{Days, NaiveDate};
use kartoteka_domain::plan::{
    AreaAssessment, Attendance, CaseNoteData, DeliveryData, Diagnosis, Goal, GoalStatus, NoteKind,
    PlanContent, PlanKind, PlanSigning, PlannedServiceData, LIFE_AREAS,
};
use kartoteka_domain::project::ProjectData;
use kartoteka_domain::Id;
use kartoteka_store::bulk::{BulkPlannedService, BulkRecord};

/// Fictional case workers.
const WORKERS: &[&str] = &[
    "Anna Nowicka",
    "Katarzyna Wróbel",
    "Marta Zielińska",
    "Tomasz Lis",
    "Ewa Głowacka",
    "Paweł Szczęsny",
];

/// A catalogue service (number of its fixed id in the shared catalogue) and the planned
/// quantity in whole units of it.
type PlannedUnits = (u32, i64);

/// Goals with their measure and the catalogue services that serve them.
const GOALS: &[(&str, &str, &[PlannedUnits])] = &[
    (
        "Podjęcie zatrudnienia lub stażu",
        "Ukończony kurs i co najmniej dwie rozmowy kwalifikacyjne",
        &[(31, 10), (33, 40)],
    ),
    (
        "Wzmocnienie kompetencji rodzicielskich",
        "Ukończone warsztaty, poprawa oceny obszaru „rodzina”",
        &[(12, 6), (10, 12)],
    ),
    (
        "Poprawa samopoczucia psychicznego",
        "Regularny udział w terapii przez pół roku",
        &[(1, 10), (9, 12)],
    ),
    (
        "Uporządkowanie sytuacji mieszkaniowej",
        "Złożony wniosek o lokal socjalny, spłacone zaległości czynszowe",
        &[(11, 4)],
    ),
    (
        "Większa samodzielność w codziennym życiu",
        "Samodzielne wyjścia z domu co najmniej raz w tygodniu",
        &[(30, 20), (22, 8), (18, 40)],
    ),
    (
        "Udział w życiu społeczności lokalnej",
        "Udział w co najmniej trzech wydarzeniach",
        &[(34, 3), (17, 2)],
    ),
];

const SITUATIONS: &[&str] = &[
    "Osoba długotrwale bezrobotna, utrzymuje się z zasiłku okresowego.",
    "Rodzina wielodzietna w trudnej sytuacji materialnej, zaległości w opłatach.",
    "Osoba samotna po utracie pracy, ograniczone kontakty społeczne.",
    "Opiekun osoby z niepełnosprawnością, przeciążenie obowiązkami opiekuńczymi.",
    "Samotny rodzic, trudności w godzeniu pracy z opieką nad dziećmi.",
];
const STRENGTHS: &[&str] = &[
    "Motywacja do zmiany, dobre relacje z dziećmi.",
    "Doświadczenie zawodowe w handlu, gotowość do nauki.",
    "Wsparcie dalszej rodziny, systematyczność.",
    "Umiejętności manualne, zaangażowanie w sprawy sąsiedzkie.",
];
const NEEDS: &[&str] = &[
    "Wsparcie w poszukiwaniu pracy i podniesienie kwalifikacji.",
    "Pomoc psychologiczna i wzmocnienie poczucia własnej wartości.",
    "Pomoc w sprawach mieszkaniowych i budżecie domowym.",
    "Odciążenie w opiece, dostęp do rehabilitacji.",
];
const NOTES: &[(NoteKind, &str)] = &[
    (
        NoteKind::HomeVisit,
        "Wizyta w miejscu zamieszkania. Warunki mieszkaniowe bez zmian, uczestnik realizuje ustalenia.",
    ),
    (
        NoteKind::Phone,
        "Rozmowa telefoniczna: potwierdzenie terminu zajęć, uczestnik zgłosił chorobę dziecka.",
    ),
    (
        NoteKind::Office,
        "Spotkanie w ośrodku: omówienie postępów, uzupełnienie dokumentów do projektu.",
    ),
    (
        NoteKind::Other,
        "Kontakt z pedagogiem szkolnym w sprawie frekwencji dziecka.",
    ),
];

/// The unit of a catalogue service by its number (see the catalogue migration).
fn is_hours(service: u32) -> bool {
    matches!(service, 1..=3 | 8 | 9 | 18 | 19 | 29..=33)
}

fn service_id(number: u32) -> Id {
    format!("00000000-0000-7000-8000-{number:012}")
        .parse()
        .expect("a catalogue id")
}

impl Generator {
    /// Everyone in the main project and every other enrolled person in two has a plan.
    pub(super) fn casework(
        &mut self,
        out: &mut Vec<BulkRecord>,
        member: &Member,
        enrolment: Id,
        project: &ProjectData,
        start: NaiveDate,
        main: bool,
    ) {
        if !main && !self.rng.chance(50) {
            return;
        }
        let today = seed_time().date_naive();
        let worker = (*self.rng.pick(WORKERS)).to_owned();
        let plan_start = start + Days::new(self.rng.below(14));
        let plan_end = (plan_start + Days::new(364)).min(project.end_date);
        if plan_end <= plan_start {
            return;
        }
        let areas = LIFE_AREAS
            .iter()
            .map(|&area| AreaAssessment {
                area,
                score: 1 + self.rng.below(5) as u8,
                comment: None,
            })
            .collect();
        let first = self.rng.below(GOALS.len() as u64) as usize;
        let second = (first + 1 + self.rng.below(GOALS.len() as u64 - 1) as usize) % GOALS.len();
        let signed = plan_start < today;
        let mut goals = Vec::new();
        let mut services = Vec::new();
        for &g in &[first, second] {
            let (title, measure, planned) = GOALS[g];
            let goal_id = self.next_id();
            goals.push(Goal {
                id: goal_id,
                title: title.to_owned(),
                measure: Some(measure.to_owned()),
                target_date: Some(plan_end),
                status: if signed {
                    GoalStatus::InProgress
                } else {
                    GoalStatus::Open
                },
            });
            for &(number, quantity) in planned {
                services.push((
                    number,
                    BulkPlannedService {
                        id: self.next_id(),
                        goal: goal_id,
                        service: service_id(number),
                        data: PlannedServiceData {
                            quantity_centi: quantity * 100,
                            specialist: None,
                            start_date: None,
                            end_date: None,
                            frequency: None,
                        },
                    },
                ));
            }
        }
        let content = PlanContent {
            kind: PlanKind::SupportPlan,
            worker: worker.clone(),
            start_date: plan_start,
            end_date: plan_end,
            diagnosis: Diagnosis {
                problem_situation: Some((*self.rng.pick(SITUATIONS)).to_owned()),
                strengths: Some((*self.rng.pick(STRENGTHS)).to_owned()),
                needs: Some((*self.rng.pick(NEEDS)).to_owned()),
                areas,
            },
            goals,
            commitments: Some(
                "Uczestnik zobowiązuje się do udziału w zaplanowanych formach wsparcia i informowania o zmianie sytuacji."
                    .to_owned(),
            ),
            team: Vec::new(),
            worker_obligations: None,
            family_members: Vec::new(),
            initial_assessment: None,
        };
        let signing = signed.then(|| {
            Box::new(PlanSigning {
                participant_signed_on: plan_start,
                signed_by: "self".to_owned(),
                guardian_id: None,
                worker_signed_on: plan_start,
                worker: worker.clone(),
            })
        });
        let plan_id = self.next_id();
        let deliverable: Vec<(u32, Id)> = services.iter().map(|(n, s)| (*n, s.id)).collect();
        out.push(BulkRecord::Plan {
            id: plan_id,
            enrolment,
            content: Box::new(content),
            services: services.into_iter().map(|(_, s)| s).collect(),
            signing,
        });
        self.counts.plans += 1;
        self.counts.planned_services += deliverable.len();

        // Deliveries so far, only on a signed plan and never after the seed date.
        let last = plan_end.min(today - Days::new(1));
        if signed && last > plan_start {
            let span = (last - plan_start).num_days() as u64;
            for (number, planned_service) in deliverable {
                for _ in 0..self.rng.range(1, 5) {
                    let date = plan_start + Days::new(self.rng.below(span + 1));
                    let roll = self.rng.below(100);
                    let attendance = match roll {
                        0..=84 => Attendance::Present,
                        85..=94 => Attendance::AbsentExcused,
                        _ => Attendance::AbsentUnexcused,
                    };
                    let quantity_centi = match (attendance, is_hours(number)) {
                        (Attendance::Present, true) => *self.rng.pick(&[100, 150, 200]),
                        (Attendance::Present, false) => 100,
                        _ => 0,
                    };
                    let id = self.next_id();
                    out.push(BulkRecord::Delivery {
                        id,
                        planned_service,
                        data: Box::new(DeliveryData {
                            date,
                            quantity_centi,
                            delivered_by: worker.clone(),
                            attendance,
                            note: None,
                        }),
                    });
                    self.counts.deliveries += 1;
                }
            }
        }

        // Case notes since the enrolment.
        if start < today {
            let span = (today - start).num_days() as u64;
            for _ in 0..self.rng.range(1, 3) {
                let (kind, text) = *self.rng.pick(NOTES);
                let day = start + Days::new(self.rng.below(span));
                let at = day
                    .and_hms_opt(
                        8 + self.rng.below(8) as u32,
                        5 * self.rng.below(12) as u32,
                        0,
                    )
                    .expect("a time of day");
                let id = self.next_id();
                out.push(BulkRecord::Note {
                    id,
                    participant: member.id,
                    data: Box::new(CaseNoteData {
                        at,
                        kind,
                        text: text.to_owned(),
                        author: worker.clone(),
                    }),
                });
                self.counts.notes += 1;
            }
        }
    }
}
