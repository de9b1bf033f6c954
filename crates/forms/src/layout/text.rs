//! Running text on the flow: titles, section headings, paragraphs, lists, statements with a
//! check box, "label: value" lines and signature lines.
//!
//! Invariants: every block wraps its text to the current content width with real glyph
//! advances, and asks the flow for room line by line (or as a whole, for blocks that must not
//! be split, such as a heading with the start of its section, or a row of signature lines).

use super::flow::Flow;
use super::fonts::wrap;
use super::page::{Align, Paint, TextStyle, MM};
use super::style;

/// One signature line with what is printed around it.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// Printed at the start of the line, e.g. the town for "miejscowość, data".
    pub prefill: String,
    /// The caption under the line, e.g. "czytelny podpis uczestnika projektu".
    pub caption: String,
    /// A name printed under the caption (the guardian who signs for a minor).
    pub name: Option<String>,
}

impl Signature {
    /// The usual left half: place and date, with the place filled in when known.
    pub fn place_and_date(place: Option<&str>) -> Signature {
        Signature {
            prefill: place.map(|p| format!("{p}, ")).unwrap_or_default(),
            caption: "miejscowość, data".to_string(),
            name: None,
        }
    }

    pub fn signed_by(caption: &str, name: Option<&str>) -> Signature {
        Signature {
            prefill: String::new(),
            caption: caption.to_string(),
            name: name.map(str::to_string),
        }
    }
}

impl Flow {
    /// Draws already wrapped lines one under the other, breaking pages between lines.
    pub fn lines(&mut self, lines: &[String], style: TextStyle, indent: f32, align: Align) {
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            let (x, w, y) = (self.left() + indent, self.width() - indent, self.y());
            self.page()
                .text_in(x, w, y + style.baseline_offset(), line, style, align);
            self.advance(lh);
        }
    }

    /// A paragraph wrapped to the content width.
    pub fn paragraph(&mut self, text: &str, style: TextStyle) {
        let lines = wrap(text, style.weight, style.size, self.width());
        self.lines(&lines, style, 0.0, Align::Left);
    }

    /// Paragraphs separated by blank lines in `text`, with a small gap between them.
    pub fn paragraphs(&mut self, text: &str, style: TextStyle) {
        for (i, para) in split_paragraphs(text).iter().enumerate() {
            if i > 0 {
                self.gap(style.size * 0.6);
            }
            self.paragraph(para, style);
        }
    }

    /// The document's title, centred, with an optional smaller line under it.
    pub fn title(&mut self, title: &str, subtitle: Option<&str>) {
        self.gap(2.0 * MM);
        let lines = wrap(title, style::TITLE.weight, style::TITLE.size, self.width());
        self.lines(&lines, style::TITLE, 0.0, Align::Centre);
        if let Some(sub) = subtitle {
            let lines = wrap(sub, style::BODY.weight, style::BODY.size, self.width());
            self.lines(&lines, style::BODY, 0.0, Align::Centre);
        }
        self.gap(3.0 * MM);
    }

    /// A section heading on a grey bar. It is never left alone at the foot of a page: the
    /// bar and some room for what follows must fit, or the section starts on the next page.
    pub fn section(&mut self, heading: &str) {
        self.gap(2.5 * MM);
        let s = style::SECTION;
        let lines = wrap(heading, s.weight, s.size, self.width() - 8.0);
        let height = lines.len() as f32 * s.line_height() + 4.0;
        self.ensure(height + 60.0);
        let (x, w, y) = (self.left(), self.width(), self.y());
        self.page()
            .rect(x, y, w, height, Paint::Fill { grey: 0.86 });
        for (i, line) in lines.iter().enumerate() {
            let top = y + 2.0 + i as f32 * s.line_height();
            self.page()
                .text(x + 4.0, top + s.baseline_offset(), line, s);
        }
        self.advance(height);
        self.gap(1.5 * MM);
    }

    /// A list with a marker ("•", "1.", "a)") before each item and hanging indents.
    pub fn list(&mut self, items: &[String], style: TextStyle, marker: impl Fn(usize) -> String) {
        let indent = 14.0;
        for (i, item) in items.iter().enumerate() {
            let lines = wrap(item, style.weight, style.size, self.width() - indent);
            self.ensure(style.line_height());
            let (x, y) = (self.left(), self.y());
            self.page()
                .text(x + 2.0, y + style.baseline_offset(), &marker(i), style);
            self.lines(&lines, style, indent, Align::Left);
            self.gap(1.0);
        }
    }

    /// A statement with a check box before it ("☒ Wyrażam zgodę …").
    pub fn checkbox_statement(&mut self, ticked: bool, text: &str, style: TextStyle) {
        let side = 9.0;
        let indent = side + 6.0;
        let lines = wrap(text, style.weight, style.size, self.width() - indent);
        self.ensure(style.line_height().max(side + 2.0));
        let (x, y) = (self.left(), self.y());
        let box_top =
            y + style.baseline_offset() - style.size * 0.72 - (side - style.size * 0.72) / 2.0;
        self.page().checkbox(x, box_top, side, ticked);
        self.lines(&lines, style, indent, Align::Left);
        self.gap(2.0);
    }

    /// "Label: value" on one line with a dotted line to fill in by hand; the value (when
    /// given) is printed over the dotted line.
    pub fn label_line(&mut self, label: &str, value: &str) {
        let label_style = style::BODY;
        let value_style = style::VALUE;
        let height = 20.0;
        let label_width = label_style.width(label) + 4.0;
        let value_lines = wrap(
            value,
            value_style.weight,
            value_style.size,
            (self.width() - label_width).max(40.0),
        );
        if label_width > self.width() * 0.6 || value_lines.len() > 1 {
            // Too long for one line: label above, the value (or a blank line) under it.
            self.paragraph(label, label_style);
            let lines = if value_lines.is_empty() {
                vec![String::new()]
            } else {
                value_lines
            };
            for line in &lines {
                self.value_on_dots(0.0, line, height);
            }
            return;
        }
        self.ensure(height);
        let (x, y) = (self.left(), self.y());
        self.page().text(x, y + height - 5.0, label, label_style);
        let value = value_lines.first().cloned().unwrap_or_default();
        self.value_on_dots(label_width, &value, height);
    }

    fn value_on_dots(&mut self, indent: f32, value: &str, height: f32) {
        self.ensure(height);
        let (x, w, y) = (self.left() + indent, self.width() - indent, self.y());
        let baseline = y + height - 5.0;
        self.page().dotted(x, x + w, baseline + 2.0);
        self.page().text(x + 2.0, baseline, value, style::VALUE);
        self.advance(height);
    }

    /// Signature lines side by side, kept together on one page.
    pub fn signatures(&mut self, signatures: &[Signature]) {
        let count = signatures.len().max(1) as f32;
        self.keep_together(|flow| {
            flow.gap(4.0 * MM);
            let gutter = 12.0 * MM;
            let width = (flow.width() - gutter * (count - 1.0)) / count;
            let room = 14.0 * MM;
            let (left, top) = (flow.left(), flow.y());
            let line_y = top + room;
            let mut lowest: f32 = line_y;
            for (i, sig) in signatures.iter().enumerate() {
                let x = left + i as f32 * (width + gutter);
                let page = flow.page();
                page.dotted(x, x + width, line_y);
                if !sig.prefill.is_empty() {
                    page.text(x + 2.0, line_y - 2.5, &sig.prefill, style::VALUE);
                }
                let mut y = line_y + 2.0;
                let cap = style::CAPTION;
                for line in wrap(&sig.caption, cap.weight, cap.size, width) {
                    page.text_in(
                        x,
                        width,
                        y + cap.baseline_offset(),
                        &line,
                        cap,
                        Align::Centre,
                    );
                    y += cap.line_height();
                }
                if let Some(name) = &sig.name {
                    for line in wrap(&format!("({name})"), cap.weight, cap.size, width) {
                        page.text_in(
                            x,
                            width,
                            y + cap.baseline_offset(),
                            &line,
                            cap,
                            Align::Centre,
                        );
                        y += cap.line_height();
                    }
                }
                lowest = lowest.max(y);
            }
            flow.advance(lowest - top);
        });
    }
}

/// Splits a template text into paragraphs at blank lines; single line breaks inside a
/// paragraph are kept as line breaks.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    paragraphs
}
