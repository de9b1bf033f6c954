//! Drawing on one A4 page: text runs, lines, rectangles, check marks and images.
//!
//! Invariants: coordinates here are points measured from the page's top-left corner, y
//! growing downwards (as a form is read); the flip to PDF's bottom-up space happens only in
//! this file. Each text run is positioned with an absolute text matrix, so runs never depend
//! on where the previous one ended. The font is set again on every new page, because
//! printpdf collects the glyphs to embed page by page.

use std::collections::BTreeMap;

use printpdf::{
    Color, DictItem, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, Point, Pt, Rect,
    TextItem, TextMatrix, XObjectId, XObjectTransform,
};

use super::fonts::{Weight, FONTS};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;

/// Points in one millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    /// Grey level of the ink: 0 is black.
    pub grey: f32,
}

impl TextStyle {
    pub const fn regular(size: f32) -> TextStyle {
        TextStyle {
            weight: Weight::Regular,
            size,
            grey: 0.0,
        }
    }

    pub const fn bold(size: f32) -> TextStyle {
        TextStyle {
            weight: Weight::Bold,
            size,
            grey: 0.0,
        }
    }

    pub const fn grey(self, grey: f32) -> TextStyle {
        TextStyle { grey, ..self }
    }

    pub const fn with_weight(self, weight: Weight) -> TextStyle {
        TextStyle { weight, ..self }
    }

    /// Distance between baselines of two wrapped lines.
    pub fn line_height(&self) -> f32 {
        self.size * 1.25
    }

    /// Width of `text` in this style, in points.
    pub fn width(&self, text: &str) -> f32 {
        super::fonts::text_width(text, self.weight, self.size)
    }

    /// How far below the top of a line box its baseline sits, so capitals look centred in
    /// a box of `line_height`.
    pub fn baseline_offset(&self) -> f32 {
        let cap = FONTS.face(self.weight).cap_height() * self.size;
        (self.line_height() + cap) / 2.0
    }
}

/// How a rectangle is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    /// An outline of the given line width and grey level.
    Stroke { width: f32, grey: f32 },
    /// A filled area of the given grey level.
    Fill { grey: f32 },
}

/// Horizontal placement of a run of text within a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// The drawing operations of one page.
#[derive(Default)]
pub struct Page {
    pub(crate) ops: Vec<Op>,
    font: Option<(Weight, u32)>,
    fill: Option<u32>,
    stroke: Option<(u32, u32)>,
}

fn pt_point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(PAGE_HEIGHT - y),
        },
        bezier: false,
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

impl Page {
    /// Writes `text` with its baseline at `baseline` (from the top), starting at `x`.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: TextStyle) {
        if text.is_empty() {
            return;
        }
        self.set_fill(style.grey);
        self.ops.push(Op::StartTextSection);
        let key = (style.weight, style.size.to_bits());
        if self.font != Some(key) {
            self.ops.push(Op::SetFont {
                font: FONTS.face(style.weight).handle(),
                size: Pt(style.size),
            });
            self.font = Some(key);
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT - baseline)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        self.ops.push(Op::EndTextSection);
    }

    /// Writes `text` aligned within `[x, x + width]`.
    pub fn text_in(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        text: &str,
        style: TextStyle,
        align: Align,
    ) {
        let x = match align {
            Align::Left => x,
            Align::Centre => x + (width - style.width(text)) / 2.0,
            Align::Right => x + width - style.width(text),
        };
        self.text(x, baseline, text, style);
    }

    /// Starts a span whose extracted text is `text`, whatever glyphs it shows: digits
    /// spread over boxes then copy and search as one number ("88051401247", not
    /// "8 8 0 5 …"). Close it with [`Page::end_span`].
    pub fn begin_span(&mut self, text: &str) {
        let mut utf16 = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_be_bytes());
        }
        let mut map = BTreeMap::new();
        map.insert(
            "ActualText".to_string(),
            DictItem::String {
                data: utf16,
                literal: false,
            },
        );
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict { map },
        });
    }

    pub fn end_span(&mut self) {
        self.ops.push(Op::EndMarkedContent);
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, grey_level: f32) {
        self.set_stroke(width, grey_level);
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![pt_point(from.0, from.1), pt_point(to.0, to.1)],
                is_closed: false,
            },
        });
    }

    /// A dotted line to write on by hand.
    pub fn dotted(&mut self, from_x: f32, to_x: f32, y: f32) {
        self.ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[0.8, 1.6]),
        });
        self.line((from_x, y), (to_x, y), 0.6, 0.0);
        self.ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
    }

    /// A rectangle whose top-left corner is at (`x`, `top`).
    pub fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, paint: Paint) {
        let mode = match paint {
            Paint::Stroke { width, grey } => {
                self.set_stroke(width, grey);
                PaintMode::Stroke
            }
            Paint::Fill { grey } => {
                self.set_fill(grey);
                PaintMode::Fill
            }
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    /// A square check box of side `side`; `ticked` draws an X inside it.
    pub fn checkbox(&mut self, x: f32, top: f32, side: f32, ticked: bool) {
        self.rect(
            x,
            top,
            side,
            side,
            Paint::Stroke {
                width: 0.8,
                grey: 0.0,
            },
        );
        if ticked {
            let inset = side * 0.2;
            let (l, r, t, b) = (x + inset, x + side - inset, top + inset, top + side - inset);
            self.line((l, t), (r, b), 1.3, 0.0);
            self.line((l, b), (r, t), 1.3, 0.0);
        }
    }

    /// Places an image resource in the box with top-left corner (`x`, `top`).
    pub fn image(
        &mut self,
        id: &XObjectId,
        pixels: (usize, usize),
        at: (f32, f32),
        size: (f32, f32),
    ) {
        let (x, top) = at;
        let (width, height) = size;
        // printpdf wraps the placement in its own q/Q, so our tracked colours stay valid.
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(PAGE_HEIGHT - top - height)),
                // At 72 dpi one pixel is one point; the scale then gives the wanted size.
                dpi: Some(72.0),
                scale_x: Some(width / pixels.0 as f32),
                scale_y: Some(height / pixels.1 as f32),
                ..Default::default()
            },
        });
    }

    fn set_fill(&mut self, level: f32) {
        let key = level.to_bits();
        if self.fill != Some(key) {
            self.ops.push(Op::SetFillColor { col: grey(level) });
            self.fill = Some(key);
        }
    }

    fn set_stroke(&mut self, width: f32, level: f32) {
        let key = (width.to_bits(), level.to_bits());
        if self.stroke != Some(key) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            self.ops.push(Op::SetOutlineColor { col: grey(level) });
            self.stroke = Some(key);
        }
    }
}
