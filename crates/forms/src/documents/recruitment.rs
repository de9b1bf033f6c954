//! A recruitment round on paper: the committee's protocol (candidates by number and
//! initials, points, decision and why, the committee's signatures) and the public list of
//! results (by candidate number only).
//!
//! Invariants: no full name, PESEL or address is printed on either; the public list shows no
//! reasons (a reason may name a health criterion); a list of a round not yet closed says it
//! is provisional.

use crate::error::Result;
use crate::format::date;
use crate::layout::{style, Cell, Column, Flow, Signature, Table, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DocumentContext, RecruitmentSheet};
use crate::Document;

pub const PROTOCOL_TITLE: &str = "Protokół z rekrutacji uczestników projektu";
pub const RESULTS_TITLE: &str = "Lista rankingowa — wyniki rekrutacji";

fn round_rows(flow: &mut Flow, s: &RecruitmentSheet) {
    flow.row(&[
        Cell::text("Nabór", s.round.clone()).share(2.0),
        Cell::text(
            "Przyjmowanie zgłoszeń",
            format!("{} – {}", date(s.opens), date(s.closes)),
        )
        .share(1.4),
    ]);
    flow.row(&[
        Cell::text("Liczba miejsc", s.places.to_string()),
        Cell::text("Miejsca na liście rezerwowej", s.reserve_places.to_string()),
        Cell::text(
            "Stan listy",
            match s.closed_on {
                Some(d) => format!("zamknięta {}", date(d)),
                None => "wstępna — nabór nie jest zamknięty".to_owned(),
            },
        )
        .share(1.4),
    ]);
    flow.gap(3.0 * MM);
}

fn counts(s: &RecruitmentSheet) -> String {
    let n = |d: &str| s.rows.iter().filter(|r| r.decision == d).count();
    format!(
        "Zgłoszenia: {}. Zakwalifikowani: {}. Lista rezerwowa: {}. Niezakwalifikowani: {}.",
        s.rows.len(),
        n("zakwalifikowany"),
        n("lista rezerwowa"),
        n("niezakwalifikowany")
    )
}

pub(crate) fn protocol(ctx: &DocumentContext, s: &RecruitmentSheet) -> Result<Document> {
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(PROTOCOL_TITLE, Some(&s.round));
    round_rows(&mut flow, s);

    flow.section("Kryteria rekrutacji");
    let mut criteria = Table::new(vec![
        Column::new("Lp.", 0.4).centred(),
        Column::new("Kryterium", 4.0),
        Column::new("Rodzaj", 1.2).centred(),
        Column::new("Punkty", 0.7).centred(),
    ]);
    for (i, c) in s.criteria.iter().enumerate() {
        criteria.rows.push(vec![
            (i + 1).to_string(),
            c.label.clone(),
            if c.required {
                "obowiązkowe"
            } else {
                "punktowane"
            }
            .to_owned(),
            if c.required {
                "—".to_owned()
            } else {
                c.points.to_string()
            },
        ]);
    }
    if s.criteria.is_empty() {
        flow.paragraph(
            "Nabór nie ma kryteriów: o kolejności decyduje data złożenia zgłoszenia.",
            style::BODY,
        );
    } else {
        flow.table(&criteria);
    }

    flow.section("Zgłoszenia i decyzje komisji");
    let mut table = Table::new(vec![
        Column::new("Nr zgł.", 0.55).centred(),
        Column::new("Inicjały", 0.7).centred(),
        Column::new("Data złożenia", 1.15).centred(),
        Column::new("Punkty", 0.6).centred(),
        Column::new("Miejsce", 0.65).centred(),
        Column::new("Decyzja", 1.2),
        Column::new("Uzasadnienie", 2.4),
    ]);
    for r in &s.rows {
        table.rows.push(vec![
            r.number.to_string(),
            r.initials.clone(),
            r.submitted_at.clone(),
            r.points.to_string(),
            r.rank.map(|n| n.to_string()).unwrap_or_default(),
            r.decision.clone(),
            r.reason.clone(),
        ]);
    }
    flow.table(&table);
    flow.gap(2.0 * MM);
    flow.paragraph(&counts(s), style::BODY);

    flow.section("Komisja rekrutacyjna");
    flow.signatures(&[
        Signature::place_and_date(ctx.place.as_deref()),
        Signature::signed_by("przewodniczący/przewodnicząca komisji", None),
    ]);
    flow.signatures(&[
        Signature::signed_by("członek komisji", None),
        Signature::signed_by("członek komisji", None),
    ]);
    let footer = format!("{PROTOCOL_TITLE} — {}", s.round);
    letterhead::finish_titled(flow, ctx, PROTOCOL_TITLE, &footer)
}

pub(crate) fn results(ctx: &DocumentContext, s: &RecruitmentSheet) -> Result<Document> {
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(RESULTS_TITLE, Some(&s.round));
    round_rows(&mut flow, s);
    flow.paragraph(
        "Kandydaci są oznaczeni numerami zgłoszeń, które otrzymali przy składaniu formularza. \
         Lista nie zawiera danych osobowych. Informację o uzasadnieniu decyzji każdy kandydat \
         otrzymuje indywidualnie.",
        style::BODY,
    );
    flow.gap(2.0 * MM);
    let mut table = Table::new(vec![
        Column::new("Miejsce", 0.8).centred(),
        Column::new("Numer zgłoszenia", 1.2).centred(),
        Column::new("Punkty", 0.8).centred(),
        Column::new("Wynik", 2.0),
    ]);
    for r in &s.rows {
        table.rows.push(vec![
            r.rank.map(|n| n.to_string()).unwrap_or_default(),
            r.number.to_string(),
            r.points.to_string(),
            r.decision.clone(),
        ]);
    }
    flow.table(&table);
    flow.gap(2.0 * MM);
    flow.paragraph(&counts(s), style::BODY);
    flow.signatures(&[
        Signature::place_and_date(ctx.place.as_deref()),
        Signature::signed_by("podpis przewodniczącego/przewodniczącej komisji", None),
    ]);
    let footer = format!("{RESULTS_TITLE} — {}", s.round);
    letterhead::finish_titled(flow, ctx, RESULTS_TITLE, &footer)
}

pub const LETTER_TITLE: &str = "Informacja o wyniku rekrutacji";

pub(crate) fn letter(
    ctx: &DocumentContext,
    l: &crate::model::RecruitmentLetter,
) -> Result<Document> {
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    let place_and_date = match &ctx.place {
        Some(p) => format!("{p}, {}", date(ctx.generated_at.date_naive())),
        None => date(ctx.generated_at.date_naive()),
    };
    flow.lines(
        &[place_and_date],
        style::BODY,
        0.0,
        crate::layout::Align::Right,
    );
    flow.gap(6.0 * MM);
    flow.lines(
        &l.addressee,
        style::BODY,
        flow.width() * 0.55,
        crate::layout::Align::Left,
    );
    flow.gap(8.0 * MM);
    flow.title(LETTER_TITLE, Some(&l.round));
    let (dear, your) = if l.female {
        ("Szanowna Pani", "Pani")
    } else {
        ("Szanowny Panie", "Pana")
    };
    let project = ctx
        .project
        .as_ref()
        .map(|p| format!(" do projektu „{}”", p.name))
        .unwrap_or_default();
    let outcome = match l.decision.as_str() {
        "zakwalifikowany" => "zostało zakwalifikowane — zapraszamy do udziału w projekcie. Skontaktujemy się, by ustalić termin pierwszego spotkania.".to_owned(),
        "lista rezerwowa" => format!(
            "zostało wpisane na listę rezerwową{}. Jeśli zwolni się miejsce, skontaktujemy się niezwłocznie.",
            l.rank.map(|r| format!(" (miejsce {r} w rankingu)")).unwrap_or_default()
        ),
        _ => "nie zostało zakwalifikowane.".to_owned(),
    };
    flow.paragraph(&format!("{dear},"), style::BODY);
    flow.gap(2.0 * MM);
    flow.paragraph(
        &format!(
            "uprzejmie informujemy, że {your} zgłoszenie nr {}{project}, złożone {}, uzyskało {} pkt i {outcome}",
            l.number,
            date(l.submitted_on),
            l.points
        ),
        style::BODY,
    );
    if !l.reason.is_empty() {
        flow.gap(2.0 * MM);
        flow.paragraph(
            &format!("Uzasadnienie: {}.", l.reason.trim_end_matches('.')),
            style::BODY,
        );
    }
    if l.provisional {
        flow.gap(2.0 * MM);
        flow.paragraph(
            "Lista rankingowa nie jest jeszcze zamknięta: decyzja może się zmienić do czasu jej zamknięcia.",
            style::BODY,
        );
    }
    flow.gap(2.0 * MM);
    flow.paragraph(
        "W razie pytań prosimy o kontakt z koordynatorem projektu.",
        style::BODY,
    );
    flow.signatures(&[
        Signature::signed_by("pieczęć organizacji", None),
        Signature::signed_by("podpis koordynatora projektu", None),
    ]);
    letterhead::finish_titled(flow, ctx, LETTER_TITLE, LETTER_TITLE)
}
