//! Form grids: rows of bordered cells, each with a small caption and a value, a set of check
//! boxes, a row of digit boxes (the PESEL grid) or a shaded question.
//!
//! Invariants: a row is drawn whole on one page (its height is measured first); cells of a
//! row share one height, so borders of consecutive rows meet and the grid looks like one
//! table. An empty value leaves room to write by hand, which is what a blank form is. A row
//! too tall for any page (only a huge value could make one) is printed as plain paragraphs
//! instead of being cut.

use super::flow::Flow;
use super::fonts::wrap;
use super::page::{Align, Page, Paint, TextStyle};
use super::style;

const PAD: f32 = 3.0;
/// The least height of a row: room for a caption and a handwritten value.
const MIN_ROW: f32 = 25.0;
const BOX: f32 = 8.0;
const CHOICE_LINE: f32 = 13.0;
const DIGIT: f32 = 16.0;

/// What a cell holds under its caption.
#[derive(Debug, Clone)]
pub enum CellBody {
    /// A value (empty on a blank form).
    Text(String),
    /// Options with check boxes; the selected one is ticked.
    Choice {
        options: Vec<String>,
        selected: Option<usize>,
    },
    /// A row of boxes with one character in each (the PESEL grid has 11).
    Digits { count: usize, value: String },
    /// A shaded question or label, as the first cell of a question row.
    Label(String),
}

/// One cell of a form row.
#[derive(Debug, Clone)]
pub struct Cell {
    pub caption: String,
    pub body: CellBody,
    /// The cell's share of the row width, relative to the other cells.
    pub share: f32,
    /// Lines of room a text cell keeps for writing by hand, even when empty.
    pub min_lines: usize,
}

impl Cell {
    pub fn text(caption: &str, value: impl Into<String>) -> Cell {
        Cell {
            caption: caption.to_string(),
            body: CellBody::Text(value.into()),
            share: 1.0,
            min_lines: 1,
        }
    }

    pub fn choice(caption: &str, options: &[&str], selected: Option<usize>) -> Cell {
        Cell {
            caption: caption.to_string(),
            body: CellBody::Choice {
                options: options.iter().map(|o| o.to_string()).collect(),
                selected,
            },
            share: 1.0,
            min_lines: 1,
        }
    }

    pub fn digits(caption: &str, count: usize, value: &str) -> Cell {
        Cell {
            caption: caption.to_string(),
            body: CellBody::Digits {
                count,
                value: value.to_string(),
            },
            share: 1.0,
            min_lines: 1,
        }
    }

    pub fn label(text: &str) -> Cell {
        Cell {
            caption: String::new(),
            body: CellBody::Label(text.to_string()),
            share: 1.0,
            min_lines: 1,
        }
    }

    /// Keeps room for `lines` lines of handwriting in a text cell.
    pub fn lines(mut self, lines: usize) -> Cell {
        self.min_lines = lines;
        self
    }

    /// Sets the cell's share of the row width.
    pub fn share(mut self, share: f32) -> Cell {
        self.share = share;
        self
    }
}

/// A cell measured for a given width.
struct Laid {
    caption: Vec<String>,
    body: LaidBody,
    height: f32,
}

/// One check box placed in a cell: its offset from the cell's inner left edge, the line it
/// starts on, its label (wrapped) and whether it is ticked.
struct ChoiceItem {
    x: f32,
    line: usize,
    label: Vec<String>,
    ticked: bool,
}

enum LaidBody {
    Lines(Vec<String>, TextStyle),
    /// The placed boxes and the number of lines they take.
    Choice(Vec<ChoiceItem>, usize),
    Digits(usize, Vec<char>, f32),
}

fn lay_out(cell: &Cell, width: f32) -> Laid {
    let inner = width - 2.0 * PAD;
    let cap = style::CAPTION;
    let caption = wrap(&cell.caption, cap.weight, cap.size, inner);
    let caption_height = caption.len() as f32 * cap.line_height();
    let (body, body_height) = match &cell.body {
        CellBody::Text(value) => {
            let s = style::VALUE;
            let lines = wrap(value, s.weight, s.size, inner);
            let h = lines.len().max(cell.min_lines) as f32 * s.line_height();
            (LaidBody::Lines(lines, s), h)
        }
        CellBody::Label(text) => {
            let s = style::LABEL;
            let lines = wrap(text, s.weight, s.size, inner);
            let h = lines.len().max(1) as f32 * s.line_height();
            (LaidBody::Lines(lines, s), h)
        }
        CellBody::Choice { options, selected } => {
            let (items, rows) = lay_out_choice(options, *selected, inner);
            (LaidBody::Choice(items, rows), rows as f32 * CHOICE_LINE)
        }
        CellBody::Digits { count, value } => {
            let side = DIGIT.min(inner / *count as f32);
            (
                LaidBody::Digits(*count, value.chars().collect(), side),
                side + 2.0,
            )
        }
    };
    let gap = if caption.is_empty() { 0.0 } else { 1.5 };
    Laid {
        caption,
        body,
        height: PAD + caption_height + gap + body_height + PAD,
    }
}

/// Places check boxes with their labels: on one line when they all fit, else in a grid of
/// equal columns (reading left to right), else one under the other with wrapped labels.
fn lay_out_choice(
    options: &[String],
    selected: Option<usize>,
    width: f32,
) -> (Vec<ChoiceItem>, usize) {
    const GUTTER: f32 = 12.0;
    let s = style::LABEL;
    let widths: Vec<f32> = options.iter().map(|o| BOX + 4.0 + s.width(o)).collect();
    let in_line: f32 = widths.iter().sum::<f32>() + GUTTER * widths.len().saturating_sub(1) as f32;
    if in_line <= width {
        let mut x = 0.0;
        let mut items = Vec::new();
        for (i, (option, w)) in options.iter().zip(&widths).enumerate() {
            items.push(ChoiceItem {
                x,
                line: 0,
                label: vec![option.clone()],
                ticked: selected == Some(i),
            });
            x += w + GUTTER;
        }
        return (items, 1);
    }
    let widest = widths.iter().copied().fold(0.0, f32::max);
    let columns = (((width + GUTTER) / (widest + GUTTER)).floor() as usize).max(1);
    let mut items = Vec::new();
    let mut line = 0;
    if columns > 1 {
        let step = width / columns as f32;
        for (i, option) in options.iter().enumerate() {
            let (row, col) = (i / columns, i % columns);
            items.push(ChoiceItem {
                x: col as f32 * step,
                line: row,
                label: vec![option.clone()],
                ticked: selected == Some(i),
            });
            line = row + 1;
        }
    } else {
        for (i, option) in options.iter().enumerate() {
            let label = wrap(option, s.weight, s.size, width - BOX - 4.0);
            let used = label.len().max(1);
            items.push(ChoiceItem {
                x: 0.0,
                line,
                label,
                ticked: selected == Some(i),
            });
            line += used;
        }
    }
    (items, line.max(1))
}

impl Flow {
    /// One row of cells across the content width.
    pub fn row(&mut self, cells: &[Cell]) {
        let total: f32 = cells.iter().map(|c| c.share).sum();
        let width = self.width();
        let widths: Vec<f32> = cells.iter().map(|c| width * c.share / total).collect();
        let laid: Vec<Laid> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| lay_out(c, *w))
            .collect();
        let height = laid.iter().map(|l| l.height).fold(MIN_ROW, f32::max);
        if height > self.page_body_height() {
            self.row_as_paragraphs(cells);
            return;
        }
        self.ensure(height);
        let (mut x, top) = (self.left(), self.y());
        for ((cell, laid), w) in cells.iter().zip(&laid).zip(&widths) {
            draw_cell(self.page(), cell, laid, (x, top), (*w, height));
            x += w;
        }
        self.advance(height);
    }

    /// Several rows, one after another.
    pub fn rows(&mut self, rows: Vec<Vec<Cell>>) {
        for row in rows {
            self.row(&row);
        }
    }

    fn row_as_paragraphs(&mut self, cells: &[Cell]) {
        for cell in cells {
            self.paragraph(&cell.caption, style::CAPTION);
            if let CellBody::Text(value) | CellBody::Label(value) = &cell.body {
                self.paragraph(value, style::VALUE);
            }
            self.gap(4.0);
        }
    }
}

fn draw_cell(page: &mut Page, cell: &Cell, laid: &Laid, at: (f32, f32), size: (f32, f32)) {
    let (x, top) = at;
    let (width, height) = size;
    if matches!(cell.body, CellBody::Label(_)) {
        page.rect(x, top, width, height, Paint::Fill { grey: 0.93 });
    }
    page.rect(
        x,
        top,
        width,
        height,
        Paint::Stroke {
            width: 0.5,
            grey: 0.0,
        },
    );
    let cap = style::CAPTION;
    let mut y = top + PAD;
    for line in &laid.caption {
        page.text(x + PAD, y + cap.baseline_offset(), line, cap);
        y += cap.line_height();
    }
    if !laid.caption.is_empty() {
        y += 1.5;
    }
    match &laid.body {
        LaidBody::Lines(lines, s) => {
            if matches!(cell.body, CellBody::Label(_)) {
                // A question sits in the middle of its row.
                y = top + (height - lines.len() as f32 * s.line_height()) / 2.0;
            }
            for line in lines {
                page.text(x + PAD, y + s.baseline_offset(), line, *s);
                y += s.line_height();
            }
        }
        LaidBody::Choice(items, rows) => {
            if laid.caption.is_empty() {
                y = top + (height - *rows as f32 * CHOICE_LINE) / 2.0;
            }
            let s = style::LABEL;
            for item in items {
                let line_top = y + item.line as f32 * CHOICE_LINE;
                let bx = x + PAD + item.x;
                page.checkbox(bx, line_top + (CHOICE_LINE - BOX) / 2.0, BOX, item.ticked);
                for (k, part) in item.label.iter().enumerate() {
                    let t = line_top + k as f32 * CHOICE_LINE;
                    let baseline = t + (CHOICE_LINE + s.size * 0.72) / 2.0;
                    page.text(bx + BOX + 4.0, baseline, part, s);
                }
            }
        }
        LaidBody::Digits(count, chars, side) => {
            let digit_style = style::DIGIT;
            let value: String = chars.iter().collect();
            if !value.is_empty() {
                page.begin_span(&value);
            }
            for i in 0..*count {
                let bx = x + PAD + i as f32 * side;
                page.rect(
                    bx,
                    y,
                    *side,
                    *side,
                    Paint::Stroke {
                        width: 0.6,
                        grey: 0.0,
                    },
                );
                if let Some(c) = chars.get(i) {
                    let baseline = y + (side + digit_style.size * 0.72) / 2.0;
                    let text = c.to_string();
                    page.text_in(bx, *side, baseline, &text, digit_style, Align::Centre);
                }
            }
            if !value.is_empty() {
                page.end_span();
            }
        }
    }
}
