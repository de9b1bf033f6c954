//! The two embedded faces (Liberation Sans Regular and Bold) and their glyph metrics.
//!
//! Invariants: the TTF files are compiled into the binary and parsed once per process (the
//! first document pays for it, every later one reuses the parse). Widths come from the same
//! font program that is embedded, glyph by glyph (printpdf maps characters to glyphs one to
//! one, without kerning), so a measured line is exactly as wide as the printed one.
//!
//! Each face also has a *house subset*: the glyphs of every character our documents
//! normally print (ASCII, the Polish letters, Polish quotes and dashes), without hinting.
//! A document whose text stays within it embeds that subset as it is — no per-document
//! subsetting or compression, which were most of the time a form took. A document with any
//! other character (a foreign name with "é" or "ř") gets a subset of the whole face made for
//! it instead (the whole face is parsed only then), so no character is ever lost.
//!
//! The house subsets are made from the TTF files ahead of time and kept next to them
//! (`fonts/house/`, program and deflated program): making them costs ~30 ms, which every
//! `kartoteka form …` process would otherwise pay before its first page. A test rebuilds them
//! from the TTF files and fails if the kept files differ (`KARTOTEKA_WRITE_HOUSE_FONTS=1`
//! rewrites them), so they cannot drift from the fonts.

use std::collections::BTreeSet;
use std::sync::{LazyLock, OnceLock};

use printpdf::{FontId, ParsedFont, PdfFontHandle};

/// Characters below this code point have their advance cached (Latin, Polish, Greek).
const CACHED: u32 = 0x400;

/// The characters of the house subset.
const HOUSE_EXTRA: &str = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ–—„”“‘’…•·§°×€";

static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");
static REGULAR_HOUSE: &[u8] = include_bytes!("../../fonts/house/KRTREG.ttf");
static REGULAR_HOUSE_DEFLATED: &[u8] = include_bytes!("../../fonts/house/KRTREG.ttf.zlib");
static BOLD_HOUSE: &[u8] = include_bytes!("../../fonts/house/KRTBLD.ttf");
static BOLD_HOUSE_DEFLATED: &[u8] = include_bytes!("../../fonts/house/KRTBLD.ttf.zlib");

/// A font weight used on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One parsed face: what printpdf embeds plus what we measure with.
pub(crate) struct Face {
    /// The resource name in the PDF; its first six letters become the subset tag
    /// (`KRTREG+LiberationSans`), so it is six capital letters and fixed: the same input
    /// must give the same bytes.
    pub(crate) id: &'static str,
    /// The TrueType program of the whole face.
    ttf: &'static [u8],
    /// The whole face, parsed the first time a text leaves the house subset.
    whole: OnceLock<ParsedFont>,
    pub(crate) house: House,
    metrics: ttf_parser::Face<'static>,
    /// Advances of the characters below `CACHED` (wrapping looks each one up many times).
    advances: Vec<u16>,
    units_per_em: f32,
    /// Advance of the glyph printed for a character the font lacks (`.notdef`).
    notdef_advance: u16,
}

/// The house subset of a face, ready to embed.
pub(crate) struct House {
    pub(crate) parsed: ParsedFont,
    /// The font program printpdf embeds (a TrueType subset without hinting).
    pub(crate) program: &'static [u8],
    /// The same program, deflated.
    pub(crate) deflated: &'static [u8],
    chars: BTreeSet<char>,
}

/// The characters of every house subset.
fn house_chars() -> impl Iterator<Item = char> {
    (' '..='~').chain(HOUSE_EXTRA.chars())
}

/// Makes the house subset of a whole face: its program without hinting, and deflated.
/// Only the test that checks the kept files (and rewrites them when asked) calls this.
#[cfg(test)]
pub(crate) fn make_house_subset(id: &str, whole: &ParsedFont) -> (Vec<u8>, Vec<u8>) {
    use flate2::write::ZlibEncoder;
    use flate2::Compression;
    use std::io::Write;
    let mut glyphs = std::collections::BTreeMap::new();
    for c in house_chars() {
        if let Some(gid) = whole.lookup_glyph_index(u32::from(c)) {
            glyphs.insert(gid, c.to_string());
        }
    }
    let subset = printpdf::subset_font(whole, &glyphs)
        .unwrap_or_else(|e| panic!("the house subset of {id} fails: {e}"));
    let program = super::hinting::strip(&subset.bytes)
        .unwrap_or_else(|e| panic!("the house subset of {id} cannot lose its hinting: {e}"));
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&program).expect("deflating into memory");
    let deflated = encoder.finish().expect("deflating into memory");
    (program, deflated)
}

impl House {
    fn load(
        id: &str,
        metrics: &ttf_parser::Face<'_>,
        program: &'static [u8],
        deflated: &'static [u8],
    ) -> House {
        let parsed = ParsedFont::from_bytes(program, 0, &mut Vec::new())
            .unwrap_or_else(|| panic!("the house subset of {id} does not parse"));
        let chars = house_chars()
            .filter(|&c| metrics.glyph_index(c).is_some())
            .collect();
        House {
            parsed,
            program,
            deflated,
            chars,
        }
    }

    /// Whether the house subset has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.chars.contains(&c)
    }
}

impl Face {
    fn load(
        id: &'static str,
        bytes: &'static [u8],
        house_program: &'static [u8],
        house_deflated: &'static [u8],
    ) -> Face {
        let metrics = ttf_parser::Face::parse(bytes, 0)
            .unwrap_or_else(|e| panic!("the embedded font {id} does not parse: {e}"));
        let house = House::load(id, &metrics, house_program, house_deflated);
        let units_per_em = f32::from(metrics.units_per_em());
        let notdef_advance = metrics
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .unwrap_or(0);
        let mut face = Face {
            id,
            ttf: bytes,
            whole: OnceLock::new(),
            house,
            metrics,
            advances: Vec::new(),
            units_per_em,
            notdef_advance,
        };
        face.advances = (0..CACHED)
            .map(|u| char::from_u32(u).map_or(face.notdef_advance, |c| face.lookup(c)))
            .collect();
        face
    }

    /// The whole face, for a document whose text leaves the house subset.
    pub(crate) fn whole(&self) -> &ParsedFont {
        self.whole.get_or_init(|| {
            ParsedFont::from_bytes(self.ttf, 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("the embedded font {} does not parse", self.id))
        })
    }

    /// The advance of `c` in font units.
    fn advance(&self, c: char) -> u16 {
        match self.advances.get(c as usize) {
            Some(advance) => *advance,
            None => self.lookup(c),
        }
    }

    fn lookup(&self, c: char) -> u16 {
        self.metrics
            .glyph_index(c)
            .and_then(|g| self.metrics.glyph_hor_advance(g))
            .unwrap_or(self.notdef_advance)
    }

    /// Width of `text` set at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / self.units_per_em
    }

    /// Height above the baseline of capital letters, as a fraction of the font size.
    pub(crate) fn cap_height(&self) -> f32 {
        f32::from(self.metrics.capital_height().unwrap_or(1409)) / self.units_per_em
    }

    pub(crate) fn handle(&self) -> PdfFontHandle {
        PdfFontHandle::External(FontId(self.id.to_string()))
    }
}

pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    /// Both faces, regular first.
    pub(crate) fn all(&self) -> [&Face; 2] {
        [&self.regular, &self.bold]
    }

    /// The face printpdf knows by the resource name `id`.
    pub(crate) fn by_id(&self, id: &str) -> Option<&Face> {
        self.all().into_iter().find(|f| f.id == id)
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// Both faces, parsed on first use.
pub(crate) static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: Face::load("KRTREG", REGULAR_TTF, REGULAR_HOUSE, REGULAR_HOUSE_DEFLATED),
    bold: Face::load("KRTBLD", BOLD_TTF, BOLD_HOUSE, BOLD_HOUSE_DEFLATED),
});

/// Width of `text` in the given weight and size, in points.
pub fn text_width(text: &str, weight: Weight, size: f32) -> f32 {
    FONTS.face(weight).width(text, size)
}

/// Breaks `text` into lines no wider than `width` points.
///
/// Paragraph breaks (`\n`) are kept; runs of spaces collapse to one. A word longer than the
/// whole line is cut between characters rather than allowed to run past the edge. An empty
/// text gives no lines.
pub fn wrap(text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let face = FONTS.face(weight);
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = face.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
            } else {
                let (pieces, rest) = cut_word(face, word, size, width);
                lines.extend(pieces);
                line_width = face.width(&rest, size);
                line = rest;
            }
        }
        if !line.is_empty() || paragraph.trim().is_empty() {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Cuts a word wider than `width` into full pieces and a remainder that fits.
fn cut_word(face: &Face, word: &str, size: f32, width: f32) -> (Vec<String>, String) {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for c in word.chars() {
        let w = face.width(c.encode_utf8(&mut [0; 4]), size);
        if !piece.is_empty() && piece_width + w > width {
            pieces.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += w;
    }
    (pieces, piece)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_polish_letter_has_a_glyph_in_both_faces() {
        for face in [&FONTS.regular, &FONTS.bold] {
            for c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ–„”§·".chars() {
                assert!(
                    face.metrics.glyph_index(c).is_some(),
                    "{} lacks {c}",
                    face.id
                );
            }
        }
    }

    #[test]
    fn the_house_subset_covers_every_polish_letter_and_is_small() {
        for face in FONTS.all() {
            for c in "Zażółć gęślą jaźń ZAŻÓŁĆ GĘŚLĄ JAŹŃ „cytat” – 100 % § 5".chars()
            {
                assert!(face.house.covers(c), "{} lacks {c}", face.id);
            }
            assert!(!face.house.covers('ř'));
            assert!(
                face.house.deflated.len() < 16_000,
                "{} B",
                face.house.deflated.len()
            );
        }
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let text =
            "Zażółć gęślą jaźń, Łucja Żółkiewska-Wałęsa mieszka w Łodzi przy ulicy Źródlanej. "
                .repeat(20);
        for width in [40.0, 120.0, 300.0] {
            let lines = wrap(&text, Weight::Regular, 10.0, width);
            assert!(lines.len() > 1);
            for line in &lines {
                assert!(
                    text_width(line, Weight::Regular, 10.0) <= width + 0.01,
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_overflowed() {
        let lines = wrap(&"W".repeat(60), Weight::Bold, 12.0, 50.0);
        assert!(lines.len() > 5);
        assert_eq!(lines.concat(), "W".repeat(60));
    }

    #[test]
    fn paragraph_breaks_and_blank_lines_are_kept() {
        let lines = wrap("pierwszy\n\ndrugi", Weight::Regular, 10.0, 500.0);
        assert_eq!(lines, vec!["pierwszy", "", "drugi"]);
        assert!(wrap("", Weight::Regular, 10.0, 500.0).is_empty());
    }
}

#[cfg(test)]
mod house_files {
    use super::*;

    /// The package's folder in the checkout being tested. Read when the test runs (cargo sets it),
    /// not baked in at compile time: clones that share a target folder reuse each other's test
    /// binaries, and a baked path would point at another clone.
    fn manifest_dir() -> std::path::PathBuf {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
    }

    /// The kept house subsets are exactly what the fonts make today.
    /// `KARTOTEKA_WRITE_HOUSE_FONTS=1 cargo test -p kartoteka-forms house` rewrites them.
    #[test]
    fn house_subsets_are_made_from_the_embedded_fonts() {
        let dir = manifest_dir().join("fonts/house");
        let write = std::env::var_os("KARTOTEKA_WRITE_HOUSE_FONTS").is_some();
        for (id, ttf, program, deflated) in [
            ("KRTREG", REGULAR_TTF, REGULAR_HOUSE, REGULAR_HOUSE_DEFLATED),
            ("KRTBLD", BOLD_TTF, BOLD_HOUSE, BOLD_HOUSE_DEFLATED),
        ] {
            let whole = ParsedFont::from_bytes(ttf, 0, &mut Vec::new()).expect("font parses");
            let (made, made_deflated) = make_house_subset(id, &whole);
            if write {
                std::fs::write(dir.join(format!("{id}.ttf")), &made).expect("write");
                std::fs::write(dir.join(format!("{id}.ttf.zlib")), &made_deflated).expect("write");
                continue;
            }
            assert!(
                made == program && made_deflated == deflated,
                "fonts/house/{id}.ttf is stale: run KARTOTEKA_WRITE_HOUSE_FONTS=1 cargo test -p kartoteka-forms house"
            );
        }
    }

    #[test]
    fn the_house_subset_covers_every_polish_letter() {
        for face in FONTS.all() {
            for c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–".chars() {
                assert!(face.house.covers(c), "{} lacks {c}", face.id);
            }
            assert!(!face.house.covers('é'));
        }
    }
}
