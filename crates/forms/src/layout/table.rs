//! Tables: a shaded header row and body rows whose cells wrap; the table continues on the
//! next page with its header repeated.
//!
//! Invariants: the header is never left at the foot of a page without a body row under it; a
//! row that fits on a page is never split; a row taller than a whole page is split between
//! text lines, each part bordered, with the header repeated above the continuation. Every
//! line of every cell is printed: nothing is cut off.

use super::flow::Flow;
use super::fonts::wrap;
use super::page::{Align, Paint, TextStyle};
use super::style;

const PAD: f32 = 3.0;

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    /// The column's share of the table width, relative to the other columns.
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: &str, share: f32) -> Column {
        Column {
            header: header.to_string(),
            share,
            align: Align::Left,
        }
    }

    pub fn centred(mut self) -> Column {
        self.align = Align::Centre;
        self
    }

    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
}

/// A table to print.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Print the header row (and repeat it on every page the table reaches).
    pub header: bool,
    /// The least height of a body row: room to sign or write by hand.
    pub min_row_height: f32,
    /// Shade the first column (a list of labels and values).
    pub label_column: bool,
    pub body_style: Option<TextStyle>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            header: true,
            min_row_height: 0.0,
            ..Table::default()
        }
    }
}

impl Table {
    /// Sets each column's share from its content: the widest header word or cell text,
    /// within bounds, so short dates stay narrow and long texts get the room.
    pub fn fit_columns(&mut self) {
        let body = self.body_style.unwrap_or(style::TABLE);
        let head = style::TABLE_HEAD;
        for (i, column) in self.columns.iter_mut().enumerate() {
            let header = column
                .header
                .split_whitespace()
                .map(|w| head.width(w))
                .fold(0.0, f32::max);
            let cells = self
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| body.width(t))
                .fold(0.0, f32::max);
            column.share = header.max(cells).clamp(30.0, 220.0) + 2.0 * PAD;
        }
    }
}

impl Flow {
    /// Prints `table` from the cursor on.
    pub fn table(&mut self, table: &Table) {
        let body = table.body_style.unwrap_or(style::TABLE);
        let head = style::TABLE_HEAD;
        let total: f32 = table.columns.iter().map(|c| c.share).sum();
        let width = self.width();
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| width * c.share / total)
            .collect();
        let header: Vec<Vec<String>> = if table.header {
            table
                .columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(&c.header, head.weight, head.size, w - 2.0 * PAD))
                .collect()
        } else {
            Vec::new()
        };
        let header_height = row_height(&header, head, 0.0);

        let mut first = true;
        for row in &table.rows {
            let cells: Vec<Vec<String>> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = row.get(i).map(String::as_str).unwrap_or("");
                    wrap(text, body.weight, body.size, w - 2.0 * PAD)
                })
                .collect();
            let height = row_height(&cells, body, table.min_row_height);
            let broke = self.ensure(if first {
                header_height + height
            } else {
                height
            });
            if first || broke {
                self.table_header(table, &header, &widths, header_height);
            }
            first = false;
            self.table_row(table, &cells, &widths, body, height, &header, header_height);
        }
        if first {
            // No rows at all: the header alone still shows what the table would hold.
            self.ensure(header_height);
            self.table_header(table, &header, &widths, header_height);
        }
    }

    fn table_header(&mut self, table: &Table, header: &[Vec<String>], widths: &[f32], height: f32) {
        if !table.header {
            return;
        }
        let cells: Vec<&[String]> = header.iter().map(Vec::as_slice).collect();
        let (x, y) = (self.left(), self.y());
        draw_row(self, &cells, widths, (x, y), height, RowLook::Header, table);
        self.advance(height);
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        table: &Table,
        cells: &[Vec<String>],
        widths: &[f32],
        body: TextStyle,
        height: f32,
        header: &[Vec<String>],
        header_height: f32,
    ) {
        let mut from = 0;
        let mut height = height;
        loop {
            let lh = body.line_height();
            let room = self.remaining();
            if height <= room + 0.01 {
                let part: Vec<&[String]> = cells.iter().map(|c| tail(c, from)).collect();
                let (x, y) = (self.left(), self.y());
                draw_row(
                    self,
                    &part,
                    widths,
                    (x, y),
                    height,
                    RowLook::Body(body),
                    table,
                );
                self.advance(height);
                return;
            }
            if room < lh + 2.0 * PAD {
                // Not even one line fits here: continue on a fresh page.
                self.break_page();
                self.table_header(table, header, widths, header_height);
                continue;
            }
            // Split: as many lines as fit here, then the rest on the next page.
            let fit = ((room - 2.0 * PAD) / lh).floor() as usize;
            let part: Vec<&[String]> = cells
                .iter()
                .map(|c| {
                    let t = tail(c, from);
                    &t[..fit.min(t.len())]
                })
                .collect();
            let (x, y) = (self.left(), self.y());
            draw_row(
                self,
                &part,
                widths,
                (x, y),
                room,
                RowLook::Body(body),
                table,
            );
            from += fit;
            let rest = cells.iter().map(|c| tail(c, from).len()).max().unwrap_or(0);
            self.break_page();
            self.table_header(table, header, widths, header_height);
            if rest == 0 {
                return;
            }
            height = rest as f32 * lh + 2.0 * PAD;
        }
    }
}

fn tail(lines: &[String], from: usize) -> &[String] {
    &lines[from.min(lines.len())..]
}

fn row_height(cells: &[Vec<String>], style: TextStyle, min: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (lines as f32 * style.line_height() + 2.0 * PAD).max(min)
}

#[derive(Clone, Copy)]
enum RowLook {
    Header,
    Body(TextStyle),
}

fn draw_row(
    flow: &mut Flow,
    cells: &[&[String]],
    widths: &[f32],
    at: (f32, f32),
    height: f32,
    look: RowLook,
    table: &Table,
) {
    let (mut x, top) = at;
    let page = flow.page();
    for (i, (lines, w)) in cells.iter().zip(widths).enumerate() {
        let shaded = matches!(look, RowLook::Header) || (table.label_column && i == 0);
        if shaded {
            let grey = if matches!(look, RowLook::Header) {
                0.86
            } else {
                0.94
            };
            page.rect(x, top, *w, height, Paint::Fill { grey });
        }
        page.rect(
            x,
            top,
            *w,
            height,
            Paint::Stroke {
                width: 0.5,
                grey: 0.0,
            },
        );
        let (style, align) = match look {
            RowLook::Header => (style::TABLE_HEAD, Align::Centre),
            RowLook::Body(s) => (s, table.columns[i].align),
        };
        // Short content sits in the middle of a row kept tall for signatures; anything
        // else (a long cell, a part of a split row) starts at the top.
        let text_height = lines.len() as f32 * style.line_height();
        let mut y = top + PAD;
        if height <= table.min_row_height + 0.01 {
            y += ((height - 2.0 * PAD - text_height) / 2.0).max(0.0);
        }
        for line in lines.iter() {
            page.text_in(
                x + PAD,
                w - 2.0 * PAD,
                y + style.baseline_offset(),
                line,
                style,
                align,
            );
            y += style.line_height();
        }
        x += w;
    }
}
