//! "Lista obecności / karta realizacji usługi" — one service in one month: who received it,
//! when, how much, and their signature.
//!
//! Invariants: rows are printed in the order given, numbered from 1; the table continues on
//! as many pages as it needs with its header repeated; the blank sheet (and the blank rows
//! after filled ones) leave room to write and sign by hand.

use crate::error::{FormsError, Result};
use crate::format::{date, month_year};
use crate::layout::{Cell, Column, Signature, Table, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{AttendanceSheet, DocumentContext};
use crate::DocumentKind;

/// Rows of the blank sheet: one A4 page under the header.
const BLANK_ROWS: usize = 18;

pub(crate) fn render(ctx: &DocumentContext, s: Option<&AttendanceSheet>) -> Result<Vec<u8>> {
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
