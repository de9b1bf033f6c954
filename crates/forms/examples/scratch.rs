use std::collections::BTreeMap;
use std::io::Write;
fn main() {
    for f in ["Regular", "Bold"] {
        let bytes = std::fs::read(format!("fonts/LiberationSans-{f}.ttf")).unwrap();
        let font = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).unwrap();
        let mut chars: Vec<char> = (0x20u8..0x7F).map(char::from).collect();
        chars.extend("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ–—„”“‘’…•·§°×€".chars());
        let mut ids = BTreeMap::new();
        for c in &chars { if let Some(g) = font.lookup_glyph_index(*c as u32) { ids.insert(g, c.to_string()); } }
        let t = std::time::Instant::now();
        let sub = printpdf::subset_font(&font, &ids).unwrap();
        let el = t.elapsed();
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&sub.bytes).unwrap();
        let c = e.finish().unwrap();
        println!("{f}: {} glyphs, subset {} B raw, {} B deflated, {el:?}", ids.len(), sub.bytes.len(), c.len());
    }
}
