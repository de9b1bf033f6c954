//! "Indywidualny plan wsparcia" — the shape every Polish support plan shares (docs/domain.md,
//! "Support plans"): header → diagnosis with the seven areas of life assessed 1–5 → goals,
//! each with its planned services table → the participant's commitments → reviews → final
//! evaluation → signatures of the participant (or guardian) and the worker.
//!
//! Invariants: the filled plan and the blank one have the same sections in the same order;
//! every area of life is printed (an area not assessed has no box ticked); a version above 1
//! says which amendment it is and of which plan; a draft says it is a working copy. Tables
//! continue across pages with their header repeated (the layout layer's `table`).

use kartoteka_domain::plan::LIFE_AREAS;

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

pub(crate) fn render(ctx: &DocumentContext, p: Option<&PlanSheet>) -> Result<Document> {
    let kind = DocumentKind::Plan;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    let subtitle = p.and_then(|p| p.amendment).map(|a| {
        format!(
            "Aneks nr {} do planu z dnia {}",
            a.number,
            date(a.plan_date)
        )
    });
    flow.title(kind.title(), subtitle.as_deref());
    if p.is_some_and(|p| p.draft) {
        flow.paragraph(
            "Wersja robocza (szkic) — plan nie został jeszcze podpisany.",
            style::CAPTION,
        );
        flow.gap(2.0 * MM);
    }

    header(&mut flow, p);
    diagnosis(&mut flow, p);
    goals(&mut flow, p);

    flow.section("IV. Zobowiązania uczestnika");
    flow.row(&[Cell::text(
        "Uczestnik zobowiązuje się do",
        p.map(|p| p.commitments.clone()).unwrap_or_default(),
    )
    .lines(4)]);

    reviews(&mut flow, p);
    evaluation(&mut flow, p);
    signatures(&mut flow, ctx, p);

    let footer = match p {
        Some(p) => format!("{} — wersja {}", kind.title(), p.version),
        None => kind.title().to_string(),
    };
    letterhead::finish(flow, ctx, kind, &footer)
}

fn header(flow: &mut Flow, p: Option<&PlanSheet>) {
    flow.section("I. Dane uczestnika i planu");
    super::person_rows(flow, p.map(|p| &p.person));
    let period = p
        .map(|p| format!("od {} do {}", date(p.start_date), date(p.end_date)))
        .unwrap_or_default();
    let version = p
        .map(|p| format!("{} ({})", p.version, p.status))
        .unwrap_or_default();
    flow.row(&[
        Cell::text(
            "Pracownik prowadzący plan",
            p.map(|p| p.worker.clone()).unwrap_or_default(),
        )
        .share(1.4),
        Cell::text("Okres realizacji planu", period).share(1.3),
        Cell::text("Wersja planu (stan)", version).share(0.9),
    ]);
}

fn diagnosis(flow: &mut Flow, p: Option<&PlanSheet>) {
    flow.section("II. Diagnoza sytuacji uczestnika");
    let text = |f: fn(&PlanSheet) -> String| p.map(f).unwrap_or_default();
    flow.row(&[Cell::text(
        "Sytuacja problemowa (opis sytuacji, przyczyny trudności)",
        text(|p| p.problem_situation.clone()),
    )
    .lines(4)]);
    flow.row(&[Cell::text(
        "Zasoby i mocne strony uczestnika i rodziny",
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

fn reviews(flow: &mut Flow, p: Option<&PlanSheet>) {
    flow.section("V. Przeglądy (monitoring) realizacji planu");
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

fn evaluation(flow: &mut Flow, p: Option<&PlanSheet>) {
    flow.section("VI. Ocena końcowa realizacji planu");
    let closing = p.and_then(|p| p.closing.as_ref());
    flow.row(&[Cell::text(
        "Ocena końcowa (co osiągnięto, co nie i dlaczego, dalsze zalecenia)",
        closing.map(|c| c.evaluation.clone()).unwrap_or_default(),
    )
    .lines(4)]);
    flow.row(&[
        Cell::text(
            "Data zamknięcia planu",
            closing.map(|c| date(c.closed_on)).unwrap_or_default(),
        ),
        Cell::text(
            "Ocenę sporządził(a)",
            closing.map(|c| c.worker.clone()).unwrap_or_default(),
        )
        .share(2.0),
    ]);
}

fn signatures(flow: &mut Flow, ctx: &DocumentContext, p: Option<&PlanSheet>) {
    let blank = p.is_none();
    let signatory = p.and_then(|p| p.person.signatory.as_deref());
    let (caption, name) = super::signer_caption(blank, signatory);
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
        flow.paragraph(
            "Plan został opracowany wspólnie z uczestnikiem. Uczestnik zapoznał się z jego \
             treścią, akceptuje go i zobowiązuje się do jego realizacji.",
            style::BODY,
        );
        flow.signatures(&[
            place_and(signing.map(|s| s.participant_signed_on)),
            Signature::signed_by(caption, name.as_deref()),
        ]);
        flow.signatures(&[
            place_and(signing.map(|s| s.worker_signed_on)),
            Signature::signed_by(
                "czytelny podpis pracownika prowadzącego plan",
                worker.as_deref(),
            ),
        ]);
    });
}
