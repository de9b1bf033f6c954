//! Our own small layout layer over printpdf, which places text and lines but neither wraps
//! nor breaks pages.
//!
//! The pieces: [`fonts`] (the embedded faces and wrapping with real glyph advances), [`page`]
//! (drawing on one A4 page), [`flow`] (the cursor and page breaks), [`text`] (titles,
//! paragraphs, lists, signature lines), [`cells`] (form grids, check boxes, the PESEL grid),
//! [`table`] (tables that continue across pages) and [`render`] (pages to PDF bytes, the same
//! bytes for the same input).
//!
//! A new document (e.g. a support plan: sections, a goals table with services) is a sequence
//! of calls on a [`Flow`]: `section`, `row`, `table`, `paragraphs`, `signatures`.

pub mod cells;
pub mod flow;
pub mod fonts;
// Only for making the kept house subsets (see fonts.rs), which a test checks.
#[cfg(test)]
mod hinting;
pub mod page;
pub mod render;
pub mod table;
pub mod text;

pub use cells::{Cell, CellBody};
pub use flow::Flow;
pub use fonts::Weight;
pub use page::{Align, TextStyle, MM};
pub use table::{Column, Table};
pub use text::Signature;

/// The house style: every document uses these sizes, so they look like one family.
pub mod style {
    use super::page::TextStyle;

    /// Running text.
    pub const BODY: TextStyle = TextStyle::regular(10.0);
    /// Running text in long legal clauses.
    pub const CLAUSE: TextStyle = TextStyle::regular(9.0);
    /// A value filled into a form.
    pub const VALUE: TextStyle = TextStyle::regular(10.0);
    /// Questions and check box labels.
    pub const LABEL: TextStyle = TextStyle::regular(8.5);
    /// Small captions of form cells and under signature lines.
    pub const CAPTION: TextStyle = TextStyle::regular(7.0).grey(0.3);
    /// One character in a digit box (PESEL).
    pub const DIGIT: TextStyle = TextStyle::regular(11.0);
    pub const TITLE: TextStyle = TextStyle::bold(14.0);
    pub const SECTION: TextStyle = TextStyle::bold(10.0);
    pub const TABLE: TextStyle = TextStyle::regular(8.5);
    pub const TABLE_HEAD: TextStyle = TextStyle::bold(8.0);
    /// The organisation's name in the document header.
    pub const ORGANISATION: TextStyle = TextStyle::bold(10.0);
    /// Address and project lines in the document header.
    pub const HEADER: TextStyle = TextStyle::regular(8.5).grey(0.15);
}
