//! "Lista obecności / karta realizacji usługi" — one service in one month: who received it,
//! when, how much, and their signature.
//!
//! Invariants: rows are printed in the order given, numbered from 1; the table continues on
//! as many pages as it needs with its header repeated; the blank sheet (and the blank rows
//! after filled ones) leave room to write and sign by hand.

use crate::error::{FormsError, Result};
use crate::format::{date, month_year};
use crate::layout::{Cell, Column, Flow, Signature, Table, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{AttendanceSheet, DocumentContext};
use crate::Document;
use crate::DocumentKind;

/// Rows of the blank sheet: one A4 page under the header.
const BLANK_ROWS: usize = 18;

pub(crate) fn render(ctx: &DocumentContext, s: Option<&AttendanceSheet>) -> Result<Document> {
    let kind = DocumentKind::Attendance;
    let month = match s {
        Some(s) => month_year(s.year, s.month)
            .ok_or_else(|| FormsError::Input(format!("miesiąc {} nie istnieje", s.month)))?,
        None => String::new(),
    };
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), None);
    let text = |f: fn(&AttendanceSheet) -> String| s.map(f).unwrap_or_default();
    flow.row(&[
        Cell::text("Usługa / forma wsparcia", text(|s| s.service.clone())).share(2.0),
        Cell::text("Jednostka", text(|s| s.unit.clone())),
    ]);
    flow.row(&[
        Cell::text("Miesiąc", month).share(1.0),
        Cell::text(
            "Specjalista realizujący usługę",
            text(|s| s.specialist.clone()),
        )
        .share(2.0),
    ]);
    flow.gap(4.0 * MM);

    let unit = s.map(|s| s.unit.as_str()).filter(|u| !u.is_empty());
    let quantity = match unit {
        Some(u) => format!("Ilość ({u})"),
        None => "Ilość".to_string(),
    };
    if let Some(s) = s.filter(|s| !s.participants.is_empty()) {
        from_the_log(&mut flow, s, &quantity);
        flow.signatures(&[
            Signature::place_and_date(ctx.place.as_deref()),
            Signature::signed_by("podpis specjalisty realizującego usługę", None),
        ]);
        return letterhead::finish(flow, ctx, kind, kind.title());
    }
    let mut table = Table::new(vec![
        Column::new("Lp.", 0.45).centred(),
        Column::new("Data (dd.mm.rrrr)", 1.05).centred(),
        Column::new("Imię i nazwisko uczestnika", 2.4),
        Column::new(&quantity, 0.9).centred(),
        Column::new("Obecność", 1.0).centred(),
        Column::new("Podpis uczestnika", 1.6),
    ]);
    table.min_row_height = 8.0 * MM;
    let filled = s.map(|s| s.rows.as_slice()).unwrap_or(&[]);
    for (i, row) in filled.iter().enumerate() {
        table.rows.push(vec![
            (i + 1).to_string(),
            date(row.date),
            row.participant.clone(),
            row.quantity.clone(),
            if row.attended { "obecny" } else { "nieobecny" }.to_string(),
            String::new(),
        ]);
    }
    let blanks = match s {
        Some(s) if !s.rows.is_empty() => s.blank_rows,
        Some(s) => s.blank_rows.max(BLANK_ROWS),
        None => BLANK_ROWS,
    };
    for i in 0..blanks {
        let mut row = vec![String::new(); 6];
        row[0] = (filled.len() + i + 1).to_string();
        table.rows.push(row);
    }
    flow.table(&table);

    flow.signatures(&[
        Signature::place_and_date(ctx.place.as_deref()),
        Signature::signed_by("podpis specjalisty realizującego usługę", None),
    ]);
    letterhead::finish(flow, ctx, kind, kind.title())
}

/// The sheet of a month from the delivery log: one row per delivery (each signed by the
/// participant), a row to fill in for a participant with nothing logged yet, then the
/// month's summary per participant.
fn from_the_log(flow: &mut Flow, s: &AttendanceSheet, quantity: &str) {
    let mut table = Table::new(vec![
        Column::new("Lp.", 0.45).centred(),
        Column::new("Imię i nazwisko uczestnika", 2.2),
        Column::new("Data (dd.mm.rrrr)", 1.05).centred(),
        Column::new(quantity, 0.85).centred(),
        Column::new("Obecność", 1.15).centred(),
        Column::new("Podpis uczestnika", 1.6),
    ]);
    table.min_row_height = 8.0 * MM;
    for p in &s.participants {
        if p.deliveries.is_empty() {
            let mut row = vec![String::new(); 6];
            row[1] = p.name.clone();
            table.rows.push(row);
        }
        for d in &p.deliveries {
            table.rows.push(vec![
                String::new(),
                p.name.clone(),
                date(d.date),
                d.quantity.clone(),
                d.attendance.clone(),
                String::new(),
            ]);
        }
    }
    table
        .rows
        .extend(std::iter::repeat_n(vec![String::new(); 6], s.blank_rows));
    for (i, row) in table.rows.iter_mut().enumerate() {
        row[0] = (i + 1).to_string();
    }
    flow.table(&table);

    flow.section("Podsumowanie miesiąca");
    let mut summary = Table::new(vec![
        Column::new("Imię i nazwisko uczestnika", 2.4),
        Column::new("Zaplanowano w planie", 1.2).centred(),
        Column::new("Zrealizowano w miesiącu (obecności)", 1.4).centred(),
        Column::new("Obecności (z terminów w miesiącu)", 1.3).centred(),
    ]);
    for p in &s.participants {
        let present = p.deliveries.iter().filter(|d| d.attended).count();
        summary.rows.push(vec![
            p.name.clone(),
            p.planned.clone(),
            p.delivered.clone(),
            format!("{present} z {}", p.deliveries.len()),
        ]);
    }
    flow.table(&summary);
}
