//! The flow: a cursor that moves down A4 pages, breaking to a new page when the next piece
//! does not fit.
//!
//! Invariants:
//! - Body content is drawn only between the top of the page body (below the running header)
//!   and `BODY_BOTTOM`; every block asks [`Flow::ensure`] for its height before drawing, so
//!   nothing runs off the page silently. A single line taller than a whole page body is the
//!   only thing that could, and blocks split their content into lines first.
//! - The footer ("strona X z Y") is drawn when the document is finished, once the number of
//!   pages is known.
//! - [`Flow::measure`] runs a block on a scratch flow of unlimited height and reports how tall
//!   it is, so a block can be kept together on one page without a second layout engine.

use printpdf::{XObject, XObjectId};

use super::page::{Page, Paint, TextStyle, MM, PAGE_HEIGHT, PAGE_WIDTH};

pub const MARGIN_LEFT: f32 = 18.0 * MM;
pub const MARGIN_RIGHT: f32 = 18.0 * MM;
pub const MARGIN_TOP: f32 = 12.0 * MM;
/// The lowest point body content may reach; the footer lives below it.
pub const BODY_BOTTOM: f32 = PAGE_HEIGHT - 18.0 * MM;
/// Width of the content between the margins.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// Baseline of the footer text.
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 10.0 * MM;

/// An image printed at the top of every page (the logo strip of an EU project).
#[derive(Clone)]
struct RunningHeader {
    id: XObjectId,
    pixels: (usize, usize),
    size: (f32, f32),
}

/// A rectangle drawn around content that may span pages once the content is laid out.
struct OpenFrame {
    page: usize,
    top: f32,
    left: f32,
    right: f32,
}

/// A document being laid out.
pub struct Flow {
    pages: Vec<Page>,
    /// Top of the body on each page (below the running header).
    body_tops: Vec<f32>,
    y: f32,
    inset_left: f32,
    inset_right: f32,
    running_header: Option<RunningHeader>,
    /// A line printed above the footer rule of every page (an EU project's programme).
    running_line: Option<String>,
    frames: Vec<OpenFrame>,
    /// A scratch flow for [`Flow::measure`]: one endless page whose drawing is thrown away.
    measuring: bool,
    /// Images used on the pages, named `Im1`, `Im2`, … in the order they were added.
    images: Vec<(XObjectId, XObject)>,
}

/// What a finished flow hands to the renderer.
pub struct Laid {
    pub pages: Vec<Page>,
    pub images: Vec<(XObjectId, XObject)>,
}

impl Default for Flow {
    fn default() -> Flow {
        Flow::new()
    }
}

impl Flow {
    /// Starts the first page.
    pub fn new() -> Flow {
        let mut flow = Flow {
            pages: Vec::new(),
            body_tops: Vec::new(),
            y: MARGIN_TOP,
            inset_left: 0.0,
            inset_right: 0.0,
            running_header: None,
            running_line: None,
            frames: Vec::new(),
            measuring: false,
            images: Vec::new(),
        };
        flow.start_page();
        flow
    }

    /// Starts the first page with `image` (`pixels` wide and high) printed at the top of
    /// every page, `width` points wide (centred) and as tall as its aspect ratio makes it.
    pub fn with_running_image(image: XObject, pixels: (usize, usize), width: f32) -> Flow {
        let pixels = (pixels.0.max(1), pixels.1.max(1));
        let height = width * pixels.1 as f32 / pixels.0 as f32;
        let id = XObjectId("Im1".to_string());
        let mut flow = Flow {
            pages: Vec::new(),
            body_tops: Vec::new(),
            y: MARGIN_TOP,
            inset_left: 0.0,
            inset_right: 0.0,
            running_header: Some(RunningHeader {
                id: id.clone(),
                pixels,
                size: (width, height),
            }),
            running_line: None,
            frames: Vec::new(),
            measuring: false,
            images: vec![(id, image)],
        };
        flow.start_page();
        flow
    }

    /// Left edge of the content box (margins and open boxes taken into account).
    pub fn left(&self) -> f32 {
        MARGIN_LEFT + self.inset_left
    }

    /// Width of the content box.
    pub fn width(&self) -> f32 {
        CONTENT_WIDTH - self.inset_left - self.inset_right
    }

    /// The cursor: where the next block starts, from the top of the page.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the cursor down by `dy` points (after drawing something that tall).
    pub fn advance(&mut self, dy: f32) {
        self.y += dy;
    }

    /// A vertical gap; swallowed at the top of a page, where it would only look odd.
    pub fn gap(&mut self, dy: f32) {
        if !self.at_page_top() {
            self.y = (self.y + dy).min(self.bottom());
        }
    }

    /// The page being drawn on.
    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    /// The number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Height of the body of a fresh page: the most any one block can hope for.
    pub fn page_body_height(&self) -> f32 {
        self.bottom() - self.fresh_page_top()
    }

    /// Room left on this page below the cursor.
    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Makes room for a block `height` points tall: starts a new page when it does not fit
    /// here. Returns `true` when a page was started. At the top of a page nothing more can
    /// be gained, so it does not break again (the block must then split itself).
    pub fn ensure(&mut self, height: f32) -> bool {
        if height <= self.remaining() + 0.01 || self.at_page_top() {
            return false;
        }
        self.break_page();
        true
    }

    /// Ends this page and continues on a new one.
    pub fn break_page(&mut self) {
        if self.measuring {
            return;
        }
        let bottom = self.bottom();
        let page = self.pages.len() - 1;
        for i in 0..self.frames.len() {
            let (top, left, right) = {
                let f = &self.frames[i];
                let top = if f.page == page {
                    f.top
                } else {
                    self.body_tops[page]
                };
                (top, f.left, f.right)
            };
            self.draw_frame(left, right, top, bottom);
        }
        self.start_page();
    }

    /// How tall `block` would be if drawn here, on an endless page.
    pub fn measure(&self, block: impl FnOnce(&mut Flow)) -> f32 {
        let mut scratch = Flow {
            pages: vec![Page::default()],
            body_tops: vec![0.0],
            y: 0.0,
            inset_left: self.inset_left,
            inset_right: self.inset_right,
            running_header: None,
            running_line: None,
            frames: Vec::new(),
            measuring: true,
            images: Vec::new(),
        };
        block(&mut scratch);
        scratch.y
    }

    /// Draws `block` on one page when it fits on one: breaks first if it would not fit here.
    pub fn keep_together(&mut self, block: impl Fn(&mut Flow)) {
        let height = self.measure(&block);
        if height <= self.page_body_height() {
            self.ensure(height);
        }
        block(self);
    }

    /// Draws `block` inside a box with `padding` on each side. The box follows its content
    /// across pages: each page gets its own part of the outline.
    pub fn framed(&mut self, padding: f32, block: impl FnOnce(&mut Flow)) {
        // Never open a box in the last few points of a page: its first part would be empty.
        self.ensure(2.0 * padding + 40.0);
        let left = self.left();
        let right = left + self.width();
        let page = self.pages.len() - 1;
        self.frames.push(OpenFrame {
            page,
            top: self.y,
            left,
            right,
        });
        self.inset_left += padding;
        self.inset_right += padding;
        self.y += padding;
        block(self);
        self.y += padding;
        self.inset_left -= padding;
        self.inset_right -= padding;
        let frame = self.frames.pop().expect("the frame pushed above");
        let last = self.pages.len() - 1;
        let top = if frame.page == last {
            frame.top
        } else {
            self.body_tops[last]
        };
        let bottom = self.y.min(self.bottom());
        self.draw_frame(frame.left, frame.right, top, bottom);
    }

    /// Prints `line` above the footer rule of every page, centred (cut to one line).
    pub fn set_running_line(&mut self, line: &str) {
        self.running_line = Some(line.to_owned()).filter(|l| !l.trim().is_empty());
    }

    /// Finishes the layout: draws the footer on every page and hands the pages over.
    pub fn finish(mut self, footer_note: &str) -> Laid {
        let total = self.pages.len();
        let note_style = TextStyle::regular(7.5).grey(0.35);
        let running_style = TextStyle::regular(7.5).grey(0.2);
        let running = self.running_line.as_deref().map(|line| {
            let text = one_line(line, running_style, PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT);
            let x = (PAGE_WIDTH - running_style.width(&text)) / 2.0;
            (text, x)
        });
        for (i, page) in self.pages.iter_mut().enumerate() {
            let rule = FOOTER_BASELINE - 9.0;
            if let Some((text, x)) = &running {
                page.text(*x, rule - 3.0, text, running_style);
            }
            page.line(
                (MARGIN_LEFT, rule),
                (PAGE_WIDTH - MARGIN_RIGHT, rule),
                0.4,
                0.6,
            );
            let number = format!("strona {} z {}", i + 1, total);
            let number_width = note_style.width(&number);
            page.text(
                PAGE_WIDTH - MARGIN_RIGHT - number_width,
                FOOTER_BASELINE,
                &number,
                note_style,
            );
            let room = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT - number_width - 12.0;
            let note = one_line(footer_note, note_style, room);
            page.text(MARGIN_LEFT, FOOTER_BASELINE, &note, note_style);
        }
        Laid {
            pages: self.pages,
            images: self.images,
        }
    }

    fn bottom(&self) -> f32 {
        if self.measuring {
            f32::INFINITY
        } else {
            BODY_BOTTOM
        }
    }

    fn at_page_top(&self) -> bool {
        let top = self.body_tops.last().copied().unwrap_or(MARGIN_TOP);
        self.y <= top + 0.01
    }

    fn fresh_page_top(&self) -> f32 {
        match &self.running_header {
            Some(h) => MARGIN_TOP + h.size.1 + 4.0 * MM,
            None => MARGIN_TOP,
        }
    }

    fn start_page(&mut self) {
        let mut page = Page::default();
        if let Some(h) = &self.running_header {
            let x = (PAGE_WIDTH - h.size.0) / 2.0;
            page.image(&h.id, h.pixels, (x, MARGIN_TOP), h.size);
        }
        self.pages.push(page);
        self.y = self.fresh_page_top();
        self.body_tops.push(self.y);
    }

    fn draw_frame(&mut self, left: f32, right: f32, top: f32, bottom: f32) {
        if bottom - top < 0.5 {
            return;
        }
        self.page().rect(
            left,
            top,
            right - left,
            bottom - top,
            Paint::Stroke {
                width: 0.9,
                grey: 0.0,
            },
        );
    }
}

/// `text` on one line of `width`, shortened with "…" when it does not fit.
fn one_line(text: &str, style: TextStyle, width: f32) -> String {
    if style.width(text) <= width {
        return text.to_string();
    }
    let mut short: String = text.to_string();
    while !short.is_empty() && style.width(&format!("{short}…")) > width {
        short.pop();
    }
    format!("{}…", short.trim_end())
}
