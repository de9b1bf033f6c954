//! "Lista obecności na zajęciach grupowych" — one session of a group per page: date, hours,
//! topic, the members with their presence and a signature column, and the specialist's
//! signature. A month of sessions prints as one document, one session after another.
//!
//! Invariants: every session starts on a new page and ends with the specialist's signature,
//! so a page never carries two sessions' signatures; a blank list (no date) leaves presence,
//! date, hours and topic to be written by hand, with room for a few more names.

use crate::error::{FormsError, Result};
use crate::format::date;
use crate::layout::{Cell, Column, Signature, Table, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DocumentContext, GroupAttendanceSheet};
use crate::Document;

pub const TITLE: &str = "Lista obecności na zajęciach grupowych";

/// Empty rows under the members on a blank list (newcomers, guests).
const EXTRA_ROWS: usize = 4;

pub(crate) fn render(ctx: &DocumentContext, s: &GroupAttendanceSheet) -> Result<Document> {
    if s.sessions.is_empty() {
        return Err(FormsError::Input("brak zajęć do wydrukowania".into()));
    }
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    for (i, session) in s.sessions.iter().enumerate() {
        if i > 0 {
            flow.break_page();
        }
        flow.title(TITLE, Some(&s.group));
        flow.row(&[
            Cell::text("Forma wsparcia", s.service.clone()).share(2.0),
            Cell::text("Prowadzący", s.specialist.clone()).share(1.4),
        ]);
        flow.row(&[
            Cell::text("Data zajęć", session.date.map(date).unwrap_or_default()),
            Cell::text("Godziny", session.hours.clone()),
            Cell::text("Temat zajęć", session.topic.clone()).share(2.4),
        ]);
        flow.gap(3.0 * MM);
        let mut table = Table::new(vec![
            Column::new("Lp.", 0.45).centred(),
            Column::new("Imię i nazwisko uczestnika", 2.6),
            Column::new("Obecność", 1.0).centred(),
            Column::new("Podpis uczestnika", 2.0),
        ]);
        table.min_row_height = 8.0 * MM;
        for (n, (name, present)) in session.rows.iter().enumerate() {
            table.rows.push(vec![
                (n + 1).to_string(),
                name.clone(),
                match present {
                    Some(true) => "obecny/a".to_owned(),
                    Some(false) => "nieobecny/a".to_owned(),
                    None => String::new(),
                },
                String::new(),
            ]);
        }
        if session.date.is_none() {
            for n in 0..EXTRA_ROWS {
                let mut row = vec![String::new(); 4];
                row[0] = (session.rows.len() + n + 1).to_string();
                table.rows.push(row);
            }
        }
        flow.table(&table);
        if session.date.is_some() {
            flow.gap(2.0 * MM);
            let present = session
                .rows
                .iter()
                .filter(|(_, p)| *p == Some(true))
                .count();
            flow.paragraph(
                &format!("Obecnych: {present} z {}.", session.rows.len()),
                crate::layout::style::BODY,
            );
        }
        flow.signatures(&[
            Signature::place_and_date(ctx.place.as_deref()),
            Signature::signed_by("podpis prowadzącego zajęcia", None),
        ]);
    }
    let footer = format!("{TITLE} — {}", s.group);
    letterhead::finish_titled(flow, ctx, TITLE, &footer)
}
