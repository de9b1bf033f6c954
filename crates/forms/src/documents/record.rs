//! "Pełny zapis danych osoby" — everything the registry holds about one person, printed for
//! a GDPR access request.
//!
//! Invariants: the document prints the blocks exactly in the order and wording the store
//! gives (field lists and tables), so it stays generic as the data model grows; field
//! lists are two-column tables, so long values wrap and continue across pages like any
//! table. An empty value prints as "—" so a reader sees the field was not forgotten.

use crate::error::Result;
use crate::layout::{style, Column, Table, MM};
use crate::letterhead::{self, generated_line, Letterhead};
use crate::model::{DocumentContext, PersonRecord, RecordBlock};
use crate::Document;
use crate::DocumentKind;

pub(crate) fn render(ctx: &DocumentContext, r: &PersonRecord) -> Result<Document> {
    let kind = DocumentKind::Record;
    let mut flow = letterhead::start(ctx, Letterhead::OrganisationOnly)?;
    flow.title(kind.title(), Some(&r.full_name));
    generated_line(&mut flow, ctx);
    flow.paragraph(
        "Zestawienie wszystkich danych osobowych tej osoby przechowywanych w rejestrze \
         uczestników, sporządzone na podstawie art. 15 RODO (prawo dostępu do danych).",
        style::LABEL,
    );
    for (i, block) in r.blocks.iter().enumerate() {
        match block {
            RecordBlock::Fields { title, fields } => {
                flow.section(&heading(i, title));
                let mut table =
                    Table::new(vec![Column::new("Pole", 1.0), Column::new("Wartość", 2.0)]);
                table.header = false;
                table.label_column = true;
                table.body_style = Some(style::LABEL);
                table.rows = fields
                    .iter()
                    .map(|(label, value)| vec![label.clone(), or_dash(value)])
                    .collect();
                flow.table(&table);
            }
            RecordBlock::Table {
                title,
                columns,
                rows,
            } => {
                flow.section(&heading(i, title));
                if rows.is_empty() {
                    flow.paragraph("Brak wpisów.", style::LABEL);
                    continue;
                }
                let mut table = Table::new(columns.iter().map(|c| Column::new(c, 1.0)).collect());
                table.rows = rows
                    .iter()
                    .map(|row| row.iter().map(|v| or_dash(v)).collect())
                    .collect();
                table.fit_columns();
                flow.table(&table);
            }
        }
        flow.gap(2.0 * MM);
    }
    letterhead::finish(flow, ctx, kind, kind.title())
}

fn heading(i: usize, title: &str) -> String {
    format!("{}. {}", i + 1, title)
}

fn or_dash(value: &str) -> String {
    if value.trim().is_empty() {
        "—".to_string()
    } else {
        value.to_string()
    }
}
