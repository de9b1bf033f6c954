//! Removes TrueType hinting (glyph instructions, `fpgm`, `prep`, `cvt `) from a font program
//! before it is embedded.
//!
//! Hinting snaps outlines to the pixel grid of low-resolution screens; printed A4 and PDF
//! viewers do not need it, and in Liberation Sans it is over a third of every glyph's bytes.
//! Outlines, advances and every other table stay exactly as they were.
//!
//! Invariants: the result is a valid sfnt with the same glyphs, in the same order, with the
//! same metrics; `loca` is rewritten in the long format. This happens in memory only: the
//! font files shipped in `fonts/` stay the unmodified originals (the SIL OFL's conditions
//! on modified fonts do not reach documents made with the font).

use std::collections::BTreeMap;

const DROPPED: [&[u8; 4]; 3] = [b"fpgm", b"prep", b"cvt "];

/// The font `ttf` without hinting.
pub(crate) fn strip(ttf: &[u8]) -> Result<Vec<u8>, String> {
    let mut tables = read_tables(ttf)?;
    let head = tables.get(b"head").ok_or("brak tabeli head")?.clone();
    let maxp = tables.get(b"maxp").ok_or("brak tabeli maxp")?.clone();
    let loca = tables.get(b"loca").ok_or("brak tabeli loca")?;
    let glyf = tables.get(b"glyf").ok_or("brak tabeli glyf")?;
    let long_loca = be16(&head, 50)? == 1;
    let glyphs = usize::from(be16(&maxp, 4)?);

    let offset = |i: usize| -> Result<usize, String> {
        if long_loca {
            be32(loca, i * 4).map(|v| v as usize)
        } else {
            be16(loca, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    for i in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        let glyph = glyf.get(start..end).ok_or("glyf krótszy niż loca")?;
        if !glyph.is_empty() {
            new_glyf.extend(strip_glyph(glyph)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut head = head;
    head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment: optional, left at zero
    head[50..52].copy_from_slice(&1u16.to_be_bytes()); // indexToLocFormat: long
    let mut maxp = maxp;
    if maxp.len() >= 28 {
        maxp[26..28].copy_from_slice(&[0, 0]); // maxSizeOfInstructions
    }
    tables.insert(*b"head", head);
    tables.insert(*b"maxp", maxp);
    tables.insert(*b"loca", new_loca);
    tables.insert(*b"glyf", new_glyf);
    for tag in DROPPED {
        tables.remove(tag);
    }
    Ok(write_tables(&tables))
}

/// One glyph without its instructions.
fn strip_glyph(glyph: &[u8]) -> Result<Vec<u8>, String> {
    let contours = be16(glyph, 0)? as i16;
    if contours >= 0 {
        let ends = 10 + 2 * contours as usize;
        let length = usize::from(be16(glyph, ends)?);
        let rest = glyph.get(ends + 2 + length..).ok_or("uszkodzony glif")?;
        let mut out = glyph[..ends].to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Ok(out);
    }
    // A composite glyph: walk its components, clear WE_HAVE_INSTRUCTIONS, drop the tail.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.get(..10).ok_or("uszkodzony glif")?.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(glyph, at)?;
        let mut size = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        size += match () {
            _ if flags & HAVE_SCALE != 0 => 2,
            _ if flags & HAVE_XY_SCALE != 0 => 4,
            _ if flags & HAVE_TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        let component = glyph.get(at..at + size).ok_or("uszkodzony glif złożony")?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

fn read_tables(ttf: &[u8]) -> Result<BTreeMap<[u8; 4], Vec<u8>>, String> {
    let count = usize::from(be16(ttf, 4)?);
    let mut tables = BTreeMap::new();
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = ttf
            .get(record..record + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or("uszkodzony katalog tabel")?;
        let offset = be32(ttf, record + 8)? as usize;
        let length = be32(ttf, record + 12)? as usize;
        let data = ttf
            .get(offset..offset + length)
            .ok_or("tabela poza plikiem")?;
        tables.insert(tag, data.to_vec());
    }
    Ok(tables)
}

fn write_tables(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros());
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&((count - power) * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut data = Vec::new();
    for (tag, table) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(table).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(table.len() as u32).to_be_bytes());
        data.extend_from_slice(table);
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset = 12 + 16 * tables.len() + data.len();
    }
    out.extend(data);
    out
}

fn checksum(table: &[u8]) -> u32 {
    table.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn be16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| "uszkodzona czcionka".to_string())
}

fn be32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| "uszkodzona czcionka".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
    static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

    #[test]
    fn stripping_keeps_every_outline_and_advance() {
        for ttf in [REGULAR, BOLD] {
            let stripped = strip(ttf).unwrap();
            assert!(
                stripped.len() < ttf.len() * 8 / 10,
                "hinting was not removed"
            );
            let before = ttf_parser::Face::parse(ttf, 0).unwrap();
            let after = ttf_parser::Face::parse(&stripped, 0).unwrap();
            assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
            for g in 0..before.number_of_glyphs() {
                let id = ttf_parser::GlyphId(g);
                assert_eq!(before.glyph_hor_advance(id), after.glyph_hor_advance(id));
                let (mut a, mut b) = (Sink::default(), Sink::default());
                let boxes = (
                    before.outline_glyph(id, &mut a),
                    after.outline_glyph(id, &mut b),
                );
                assert_eq!(boxes.0, boxes.1, "bounding box of glyph {g}");
                assert_eq!(a.0, b.0, "outline of glyph {g}");
            }
            for tag in DROPPED {
                let tag = ttf_parser::Tag::from_bytes(tag);
                assert!(after.raw_face().table(tag).is_none());
            }
        }
    }

    /// Records an outline as a list of numbers.
    #[derive(Default)]
    struct Sink(Vec<f32>);

    impl ttf_parser::OutlineBuilder for Sink {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.extend([0.0, x, y]);
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.extend([1.0, x, y]);
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.extend([2.0, x1, y1, x, y]);
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.extend([3.0, x1, y1, x2, y2, x, y]);
        }
        fn close(&mut self) {
            self.0.push(4.0);
        }
    }
}
