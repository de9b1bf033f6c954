//! "Indywidualny plan wsparcia" — the shape every Polish support plan shares (docs/domain.md,
//! "Plans"): header → diagnosis with the seven areas of life assessed 1–5 → goals, each with
//! its planned services table → the participant's commitments → reviews → final evaluation →
//! signatures of the participant (or guardian) and the worker.
//!
//! The other kinds keep that skeleton with their own title, words and parts (`Shape`): an IŚR
//! adds the diagnosis team, each member signing; a social contract cites art. 108, puts the
//! person's and the worker's obligations side by side and is signed by both parties; a family
//! work plan cites the family support act, names the family's members, opens with the
//! assistant's initial assessment and ends with the final one.
//!
//! Invariants: the filled plan and the blank one have the same sections in the same order;
//! every area of life is printed (an area not assessed has no box ticked); a version above 1
//! says which amendment it is and of which plan; a draft says it is a working copy. Tables
//! continue across pages with their header repeated (the layout layer's `table`).

use kartoteka_domain::plan::{PlanKind, LIFE_AREAS};

use crate::error::Result;
use crate::format::{date, date_or_blank};
use crate::layout::{style, Cell, Column, Flow, Signature, Table, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DocumentContext, PlanGoal, PlanSheet};
use crate::{Document, DocumentKind};

/// Goals and service rows of the blank form.
const BLANK_GOALS: usize = 3;
const BLANK_SERVICES: usize = 4;
const BLANK_REVIEWS: usize = 3;
const SCORES: [&str; 5] = ["1", "2", "3", "4", "5"];

/// What differs between the kinds on paper.
struct Shape {
    kind: PlanKind,
    /// "uczestnika", "osoby", "rodziny": whose data, situation, obligations.
    whose: &'static str,
    worker_label: &'static str,
    commitments_section: &'static str,
    commitments_label: &'static str,
    evaluation_section: &'static str,
    agreement: &'static str,
    /// "Aneks nr 1 do {amended} z dnia …": "planu", "ścieżki", "kontraktu".
    amended: &'static str,
    /// "{basis_verb} na podstawie art. …": a contract is concluded, a family plan drawn up.
    basis_verb: &'static str,
}

impl Shape {
    fn of(kind: PlanKind) -> Shape {
        let base = Shape {
            kind,
            whose: "uczestnika",
            worker_label: "Pracownik prowadzący plan",
            commitments_section: "IV. Zobowiązania uczestnika",
            commitments_label: "Uczestnik zobowiązuje się do",
            evaluation_section: "VI. Ocena końcowa realizacji planu",
            agreement:
                "Plan został opracowany wspólnie z uczestnikiem. Uczestnik zapoznał się z jego \
                        treścią, akceptuje go i zobowiązuje się do jego realizacji.",
            amended: "planu",
            basis_verb: "opracowany",
        };
        match kind {
            PlanKind::SupportPlan => base,
            PlanKind::ReintegrationPath => Shape {
                agreement: "Ścieżka została opracowana wspólnie z uczestnikiem na podstawie diagnozy \
                            zespołu. Uczestnik zapoznał się z jej treścią, akceptuje ją i zobowiązuje \
                            się do jej realizacji.",
                amended: "ścieżki",
                ..base
            },
            PlanKind::SocialContract => Shape {
                whose: "osoby",
                worker_label: "Pracownik socjalny",
                commitments_section: "IV. Zobowiązania stron",
                commitments_label: "Osoba zobowiązuje się do",
                evaluation_section: "VI. Ocena realizacji kontraktu",
                agreement: "Strony zgodnie ustaliły powyższe cele i działania. Niedotrzymanie \
                            postanowień kontraktu może stanowić podstawę odmowy przyznania \
                            świadczenia, uchylenia decyzji o jego przyznaniu lub jej zmiany \
                            (art. 11 ust. 2 ustawy o pomocy społecznej).",
                amended: "kontraktu",
                basis_verb: "zawarty",
                ..base
            },
            PlanKind::FamilyWorkPlan => Shape {
                whose: "rodziny",
                worker_label: "Asystent rodziny",
                commitments_section: "IV. Zobowiązania rodziny",
                commitments_label: "Rodzina zobowiązuje się do",
                evaluation_section: "VI. Końcowa ocena sytuacji rodziny",
                agreement: "Plan został opracowany przez asystenta rodziny wspólnie z rodziną. \
                            Rodzina zapoznała się z jego treścią, akceptuje go i zobowiązuje się \
                            do współpracy w jego realizacji.",
                ..base
            },
        }
    }
}

pub(crate) fn render(ctx: &DocumentContext, p: Option<&PlanSheet>) -> Result<Document> {
    let kind = DocumentKind::Plan;
    let shape = Shape::of(p.map_or(PlanKind::SupportPlan, |p| p.kind));
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    let amendment = p.and_then(|p| p.amendment).map(|a| {
        format!(
            "Aneks nr {} do {} z dnia {}",
            a.number,
            shape.amended,
            date(a.plan_date)
        )
    });
    let basis = shape
        .kind
        .legal_basis()
        .map(|b| format!("{} na podstawie {b}", shape.basis_verb));
    let subtitle = match (amendment, basis) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    let title = match shape.kind {
        PlanKind::SupportPlan => kind.title(),
        other => other.polish(),
    };
    flow.title(title, subtitle.as_deref());
    if p.is_some_and(|p| p.draft) {
        flow.paragraph(
            "Wersja robocza (szkic) — plan nie został jeszcze podpisany.",
            style::CAPTION,
        );
        flow.gap(2.0 * MM);
    }

    header(&mut flow, &shape, p);
    diagnosis(&mut flow, &shape, p);
    goals(&mut flow, p);

    flow.section(shape.commitments_section);
    flow.row(&[Cell::text(
        shape.commitments_label,
        p.map(|p| p.commitments.clone()).unwrap_or_default(),
    )
    .lines(4)]);
    if shape.kind == PlanKind::SocialContract {
        flow.row(&[Cell::text(
            "Pracownik socjalny zobowiązuje się do",
            p.map(|p| p.worker_obligations.clone()).unwrap_or_default(),
        )
        .lines(4)]);
    }

    reviews(&mut flow, &shape, p);
    evaluation(&mut flow, &shape, p);
    signatures(&mut flow, ctx, &shape, p);

    let footer = match p {
        Some(p) => format!("{title} — wersja {}", p.version),
        None => title.to_string(),
    };
    // The file's title (what a PDF viewer shows) is the document's own: "Kontrakt socjalny".
    letterhead::finish_titled(flow, ctx, title, &footer)
}

fn header(flow: &mut Flow, shape: &Shape, p: Option<&PlanSheet>) {
    flow.section(match shape.kind {
        PlanKind::SocialContract => "I. Strony kontraktu",
        PlanKind::FamilyWorkPlan => "I. Dane rodziny i planu",
        _ => "I. Dane uczestnika i planu",
    });
    let person = p.map(|p| &p.person);
    match shape.kind {
        PlanKind::SocialContract => {
            super::person_rows_as(flow, person, "Imię i nazwisko osoby zawierającej kontrakt")
        }
        PlanKind::FamilyWorkPlan => super::person_rows_as(
            flow,
            person,
            "Imię i nazwisko osoby, z której rodziną pracuje asystent",
        ),
        _ => super::person_rows(flow, person),
    }
    if shape.kind == PlanKind::FamilyWorkPlan {
        let mut members = Table::new(vec![
            Column::new("Członek rodziny", 2.0),
            Column::new("Kim jest dla osoby wymienionej wyżej", 2.0),
        ]);
        match p {
            Some(p) => {
                members.rows = p
                    .family
                    .iter()
                    .map(|(name, relation)| vec![name.clone(), relation.clone()])
                    .collect()
            }
            None => {
                members.min_row_height = 8.0 * MM;
                members.rows = vec![vec![String::new(); 2]; 4];
            }
        }
        flow.gap(1.5 * MM);
        if members.rows.is_empty() {
            flow.paragraph(
                "W planie nie wskazano innych członków rodziny.",
                style::LABEL,
            );
        } else {
            flow.table(&members);
        }
        flow.gap(1.5 * MM);
    }
    let period = p
        .map(|p| format!("od {} do {}", date(p.start_date), date(p.end_date)))
        .unwrap_or_default();
    let version = p
        .map(|p| format!("{} ({})", p.version, p.status))
        .unwrap_or_default();
    flow.row(&[
        Cell::text(
            shape.worker_label,
            p.map(|p| p.worker.clone()).unwrap_or_default(),
        )
        .share(1.4),
        Cell::text(&format!("Okres realizacji {}", shape.amended), period).share(1.3),
        Cell::text(&format!("Wersja {} (stan)", shape.amended), version).share(0.9),
    ]);
}

fn diagnosis(flow: &mut Flow, shape: &Shape, p: Option<&PlanSheet>) {
    let text = |f: fn(&PlanSheet) -> String| p.map(f).unwrap_or_default();
    match shape.kind {
        PlanKind::SocialContract => flow.section("II. Ocena sytuacji osoby"),
        PlanKind::FamilyWorkPlan => {
            flow.section("II. Wstępna ocena sytuacji rodziny");
            flow.row(&[Cell::text(
                "Ocena asystenta rodziny na początku pracy z rodziną",
                text(|p| p.initial_assessment.clone()),
            )
            .lines(5)]);
        }
        _ => flow.section(&format!("II. Diagnoza sytuacji {}", shape.whose)),
    }
    flow.row(&[Cell::text(
        "Sytuacja problemowa (opis sytuacji, przyczyny trudności)",
        text(|p| p.problem_situation.clone()),
    )
    .lines(4)]);
    flow.row(&[Cell::text(
        match shape.kind {
            PlanKind::SupportPlan | PlanKind::ReintegrationPath => {
                "Zasoby i mocne strony uczestnika i rodziny"
            }
            PlanKind::SocialContract => "Zasoby i mocne strony osoby i rodziny",
            PlanKind::FamilyWorkPlan => "Zasoby i mocne strony rodziny",
        },
        text(|p| p.strengths.clone()),
    )
    .lines(3)]);
    flow.row(&[Cell::text("Potrzeby", text(|p| p.needs.clone())).lines(3)]);
    flow.gap(2.0 * MM);
    flow.keep_together(|flow| {
        flow.paragraph(
            "Ocena sytuacji w obszarach życia: 1 — sytuacja bardzo trudna, 2 — trudna, \
             3 — przeciętna, 4 — dobra, 5 — brak problemów.",
            style::LABEL,
        );
        flow.gap(1.5 * MM);
        for area in LIFE_AREAS {
            let assessed = p.and_then(|p| p.areas.iter().find(|a| a.area == area));
            let score = assessed
                .and_then(|a| a.score)
                .and_then(|s| usize::from(s).checked_sub(1))
                .filter(|i| *i < SCORES.len());
            flow.row(&[
                Cell::label(area.polish()).share(1.0),
                Cell::choice("", &SCORES, score).share(1.25),
                Cell::text(
                    "Uwagi",
                    assessed.map(|a| a.comment.clone()).unwrap_or_default(),
                )
                .share(1.9),
            ]);
        }
    });
    if shape.kind == PlanKind::ReintegrationPath {
        team(flow, p);
    }
}

/// The team that made an IŚR's diagnosis, each member signing it.
fn team(flow: &mut Flow, p: Option<&PlanSheet>) {
    let mut table = Table::new(vec![
        Column::new("Imię i nazwisko", 1.8),
        Column::new("Funkcja w zespole", 1.6),
        Column::new("Podpis", 1.6),
    ]);
    table.min_row_height = 10.0 * MM;
    table.rows = match p {
        Some(p) if !p.team.is_empty() => p
            .team
            .iter()
            .map(|(name, role)| vec![name.clone(), role.clone(), String::new()])
            .collect(),
        _ => vec![vec![String::new(); 3]; 3],
    };
    flow.keep_together(|flow| {
        flow.gap(2.0 * MM);
        flow.paragraph(
            "Diagnozę przygotował zespół w składzie (podpisy członków zespołu):",
            style::LABEL,
        );
        flow.gap(1.5 * MM);
        flow.table(&table);
    });
}

fn goals(flow: &mut Flow, p: Option<&PlanSheet>) {
    const HEADING: &str = "III. Cele i zaplanowane działania";
    let goals: Vec<Option<&PlanGoal>> = match p {
        Some(p) => p.goals.iter().map(Some).collect(),
        None => vec![None; BLANK_GOALS],
    };
    let Some(first) = goals.first().copied() else {
        flow.section(HEADING);
        flow.paragraph("W planie nie określono celów.", style::BODY);
        return;
    };
    // The heading never stays alone at the foot of a page: it goes with the first goal.
    flow.keep_together(|flow| {
        flow.section(HEADING);
        goal_block(flow, 1, first);
    });
    for (i, goal) in goals.iter().enumerate().skip(1) {
        goal_block(flow, i + 1, *goal);
    }
}

/// One goal: what, how it is measured, by when, and the services planned for it. Kept on one
/// page when it fits on one.
fn goal_block(flow: &mut Flow, number: usize, goal: Option<&PlanGoal>) {
    let text = |f: fn(&PlanGoal) -> String| goal.map(f).unwrap_or_default();
    let mut table = Table::new(vec![
        Column::new("Usługa / działanie", 2.3),
        Column::new("Ilość", 0.8).centred(),
        Column::new("Specjalista odpowiedzialny", 1.5),
        Column::new("Okres realizacji", 1.25).centred(),
        Column::new("Częstotliwość", 1.15),
    ]);
    match goal {
        Some(g) => {
            for s in &g.services {
                let period = match (s.start_date, s.end_date) {
                    (None, None) => "w okresie planu".to_string(),
                    (from, to) => format!("{} – {}", date_or_blank(from), date_or_blank(to)),
                };
                table.rows.push(vec![
                    s.service.clone(),
                    s.quantity.clone(),
                    s.specialist.clone(),
                    period,
                    s.frequency.clone(),
                ]);
            }
        }
        None => {
            table.min_row_height = 9.0 * MM;
            table.rows = vec![vec![String::new(); 5]; BLANK_SERVICES];
        }
    }
    flow.keep_together(|flow| {
        flow.row(&[
            Cell::text(&format!("Cel {number}"), text(|g| g.title.clone()))
                .lines(2)
                .share(2.6),
            Cell::text("Termin osiągnięcia", text(|g| date_or_blank(g.target_date))).share(0.8),
            Cell::text("Stan realizacji", text(|g| g.status.clone())).share(0.8),
        ]);
        flow.row(&[Cell::text(
            "Miernik — po czym poznamy, że cel został osiągnięty",
            text(|g| g.measure.clone()),
        )]);
        flow.gap(1.5 * MM);
        if goal.is_some_and(|g| g.services.is_empty()) {
            flow.paragraph("Do tego celu nie zaplanowano usług.", style::LABEL);
        } else {
            flow.table(&table);
        }
        flow.gap(4.0 * MM);
    });
}

fn reviews(flow: &mut Flow, shape: &Shape, p: Option<&PlanSheet>) {
    flow.section(&format!(
        "V. Przeglądy (monitoring) realizacji {}",
        shape.amended
    ));
    let mut table = Table::new(vec![
        Column::new("Data przeglądu", 0.9).centred(),
        Column::new("Co się zmieniło", 2.4),
        Column::new("Ocena realizacji celów", 2.3),
        Column::new("Pracownik", 1.1),
    ]);
    let filled = p.map(|p| p.reviews.as_slice()).unwrap_or(&[]);
    for r in filled {
        table.rows.push(vec![
            date(r.date),
            r.changes.clone(),
            r.goals.clone(),
            r.worker.clone(),
        ]);
    }
    if filled.is_empty() {
        // Room for the reviews to come, written by hand.
        table.min_row_height = 16.0 * MM;
        let rows = if p.is_some() { 2 } else { BLANK_REVIEWS };
        table.rows = vec![vec![String::new(); 4]; rows];
    }
    flow.table(&table);
}

fn evaluation(flow: &mut Flow, shape: &Shape, p: Option<&PlanSheet>) {
    flow.section(shape.evaluation_section);
    let closing = p.and_then(|p| p.closing.as_ref());
    flow.row(&[Cell::text(
        match shape.kind {
            PlanKind::FamilyWorkPlan => {
                "Ocena asystenta rodziny na zakończenie (co się zmieniło w sytuacji rodziny, dalsze zalecenia)"
            }
            _ => "Ocena końcowa (co osiągnięto, co nie i dlaczego, dalsze zalecenia)",
        },
        closing.map(|c| c.evaluation.clone()).unwrap_or_default(),
    )
    .lines(4)]);
    flow.row(&[
        Cell::text(
            &format!("Data zamknięcia {}", shape.amended),
            closing.map(|c| date(c.closed_on)).unwrap_or_default(),
        ),
        Cell::text(
            "Ocenę sporządził(a)",
            closing.map(|c| c.worker.clone()).unwrap_or_default(),
        )
        .share(2.0),
    ]);
}

fn signatures(flow: &mut Flow, ctx: &DocumentContext, shape: &Shape, p: Option<&PlanSheet>) {
    let blank = p.is_none();
    let signatory = p.and_then(|p| p.person.signatory.as_deref());
    let (caption, name) = match (shape.kind, signatory) {
        (PlanKind::SupportPlan | PlanKind::ReintegrationPath, _) | (_, Some(_)) => {
            super::signer_caption(blank, signatory)
        }
        (PlanKind::SocialContract, None) => ("czytelny podpis osoby zawierającej kontrakt", None),
        (PlanKind::FamilyWorkPlan, None) => ("czytelny podpis członka rodziny", None),
    };
    let signing = p.and_then(|p| p.signing);
    let place_and = |on: Option<chrono::NaiveDate>| match on {
        Some(d) => Signature {
            prefill: match ctx.place.as_deref() {
                Some(place) => format!("{place}, {}", date(d)),
                None => date(d),
            },
            ..Signature::place_and_date(None)
        },
        None => Signature::place_and_date(ctx.place.as_deref()),
    };
    let worker = p.map(|p| p.worker.clone()).filter(|w| !w.is_empty());
    flow.keep_together(|flow| {
        flow.gap(4.0 * MM);
        flow.paragraph(shape.agreement, style::BODY);
        flow.signatures(&[
            place_and(signing.map(|s| s.participant_signed_on)),
            Signature::signed_by(caption, name.as_deref()),
        ]);
        flow.signatures(&[
            place_and(signing.map(|s| s.worker_signed_on)),
            Signature::signed_by(
                match shape.kind {
                    PlanKind::SocialContract => "czytelny podpis pracownika socjalnego",
                    PlanKind::FamilyWorkPlan => "czytelny podpis asystenta rodziny",
                    _ => "czytelny podpis pracownika prowadzącego plan",
                },
                worker.as_deref(),
            ),
        ]);
    });
}
