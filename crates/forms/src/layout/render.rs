//! Turning laid-out pages into PDF bytes.
//!
//! Invariants: the same pages and metadata give the same bytes, every time and on every
//! machine — the app records the SHA-256 of each generated document and must be able to
//! regenerate it. printpdf names resources and the file identifier at random, so fonts and
//! images get fixed names here and the trailer `/ID` is derived from the content: the file
//! is written with a zero identifier, hashed, and the hash written in its place (same
//! length, so no offset moves). Dates in the metadata come from the caller, never the clock.
//!
//! Fonts: a face whose text stays within its house subset (see `fonts.rs`) is embedded as
//! that subset, deflated once per process; only a face with other characters is subset for
//! the document. Either way the embedded font is a tagged subset (`KRTREG+…`).

use std::collections::BTreeSet;
use std::io::Write;

use chrono::{DateTime, Utc};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Object, StringFormat};
use printpdf::{
    FontEmbeddingMode, FontId, OffsetDateTime, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, PrintpdfFontMeta, Pt, TextItem,
};
use sha2::{Digest, Sha256};

use super::flow::Laid;
use super::fonts::{Face, FONTS};
use super::page::{PAGE_HEIGHT, PAGE_WIDTH};

/// What goes into the PDF's document information.
#[derive(Debug, Clone)]
pub struct DocumentInfo<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    /// Creation and modification date of the document.
    pub created: DateTime<Utc>,
}

const AUTHOR: &str = "Kartoteka";
const ID_BYTES: usize = 16;
/// zlib level of the page streams: level 3 writes files a few hundred bytes larger than
/// level 6 in a third of the time.
const LEVEL: u32 = 3;

/// Serialises `laid` to PDF bytes.
pub fn render(laid: &Laid, info: &DocumentInfo<'_>) -> Result<Vec<u8>, String> {
    render_all(&[laid], info)
}

/// Serialises several laid-out documents into one PDF, their pages one after another (a
/// batch printed as one file). Resources of the same name (the fonts, the logo strip) are
/// the same in every document of a batch and are written once.
pub fn render_all(parts: &[&Laid], info: &DocumentInfo<'_>) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(info.title);
    let date = OffsetDateTime::from_unix_timestamp(info.created.timestamp())
        .map_err(|e| format!("data dokumentu poza zakresem: {e}"))?;
    let meta = &mut doc.metadata.info;
    meta.creation_date = date;
    meta.modification_date = date;
    meta.metadata_date = date;
    meta.author = AUTHOR.to_string();
    meta.creator = AUTHOR.to_string();
    meta.producer = format!("{AUTHOR} (printpdf 0.12.8)");
    meta.subject = info.subject.to_string();

    let outside = faces_leaving_the_house(parts.iter().flat_map(|laid| laid.pages.iter()));
    for face in FONTS.all() {
        let font = if outside.contains(face.id) {
            PdfFont::new(face.whole().clone())
        } else {
            PdfFont::with_meta(
                face.house.parsed.clone(),
                PrintpdfFontMeta {
                    embedding_mode: FontEmbeddingMode::Full,
                    requires_subsetting: false,
                    ..PrintpdfFontMeta::default()
                },
            )
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(face.id.to_string()), font);
    }
    for laid in parts {
        for (id, image) in &laid.images {
            doc.resources
                .xobjects
                .map
                .entry(id.clone())
                .or_insert_with(|| image.clone());
        }
    }
    let pages = parts
        .iter()
        .flat_map(|laid| laid.pages.iter())
        .map(|p| PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), p.ops.clone()))
        .collect();
    doc.with_pages(pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // The only image, the logo strip, comes encoded already (see `logo.rs`).
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    tidy_info(&mut pdf);
    let zero = Object::String(vec![0; ID_BYTES], StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![zero.clone(), zero]));
    for face in FONTS.all() {
        if !outside.contains(face.id) {
            use_deflated_house_program(&mut pdf, face);
        }
    }
    compress_streams(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| format!("zapis PDF nie powiódł się: {e}"))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// The faces (by resource name) with at least one character outside their house subset.
fn faces_leaving_the_house<'a>(
    pages: impl Iterator<Item = &'a super::page::Page>,
) -> BTreeSet<&'static str> {
    let mut outside = BTreeSet::new();
    for page in pages {
        let mut face = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => face = FONTS.by_id(&id.0),
                Op::ShowText { items } => {
                    let Some(face) = face else { continue };
                    let leaves = items.iter().any(|item| match item {
                        TextItem::Text(t) => t.chars().any(|c| !face.house.covers(c)),
                        _ => false,
                    });
                    if leaves {
                        outside.insert(face.id);
                    }
                }
                _ => {}
            }
        }
    }
    outside
}

/// Puts the house subset's once-deflated program in place of the raw one printpdf wrote,
/// and gives the font its subset tag (`KRTREG+LiberationSans`): it is a subset, and
/// readers should know it.
fn use_deflated_house_program(pdf: &mut lopdf::Document, face: &Face) {
    let program = &face.house.program;
    let Some(stream_id) = pdf.objects.iter().find_map(|(id, object)| match object {
        Object::Stream(s) if s.content.len() == program.len() && s.content == *program => Some(*id),
        _ => None,
    }) else {
        return;
    };
    if let Some(Object::Stream(stream)) = pdf.objects.get_mut(&stream_id) {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(face.house.deflated.to_vec());
    }
    // The descriptor that points at the program names the face; tag that name everywhere.
    let mut name = None;
    for object in pdf.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if dict.get(b"FontFile2").and_then(Object::as_reference).ok() == Some(stream_id) {
            if let Ok(Object::Name(n)) = dict.get(b"FontName") {
                name = Some(n.clone());
                let tagged = tagged(face.id, n);
                dict.set("FontName", Object::Name(tagged));
            }
        }
    }
    let Some(name) = name else { return };
    let tagged = tagged(face.id, &name);
    for object in pdf.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            retag(dict, &name, &tagged);
        }
    }
}

fn tagged(id: &str, name: &[u8]) -> Vec<u8> {
    let mut tagged = format!("{id}+").into_bytes();
    tagged.extend_from_slice(name);
    tagged
}

/// Renames `BaseFont` `name` to `tagged` in a font dictionary and its descendant fonts.
fn retag(dict: &mut lopdf::Dictionary, name: &[u8], tagged: &[u8]) {
    if matches!(dict.get(b"BaseFont"), Ok(Object::Name(n)) if n == name) {
        dict.set("BaseFont", Object::Name(tagged.to_vec()));
    }
    if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
        for d in descendants {
            if let Object::Dictionary(d) = d {
                retag(d, name, tagged);
            }
        }
    }
}

/// Deflates every stream that is not compressed yet: the pages, the ToUnicode maps and a
/// font subset made for this document alone.
fn compress_streams(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
            if encoder.write_all(&stream.content).is_err() {
                continue;
            }
            if let Ok(compressed) = encoder.finish() {
                if compressed.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            }
        }
    }
}

/// Drops the keys printpdf writes empty into the document information. An empty
/// `GTS_PDFXVersion` makes readers claim the file is PDF/X, which it is not.
fn tidy_info(pdf: &mut lopdf::Document) {
    let Ok(id) = pdf.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(Object::Dictionary(info)) = pdf.get_object_mut(id) {
        for key in ["GTS_PDFXVersion", "Trapped", "Identifier", "Keywords"] {
            info.remove(key.as_bytes());
        }
    }
}

/// Replaces the zero `/ID` in the trailer with the first bytes of the file's SHA-256.
fn stamp_id(bytes: &mut [u8]) -> Result<(), String> {
    let placeholder = format!("<{}>", "00".repeat(ID_BYTES));
    let digest = Sha256::digest(&*bytes);
    let stamp = format!("<{}>", hex::encode_upper(&digest[..ID_BYTES]));
    let trailer = find_last(bytes, b"trailer").ok_or("PDF bez sekcji trailer")?;
    let mut at = trailer;
    let mut stamped = 0;
    while let Some(pos) = find_first(&bytes[at..], placeholder.as_bytes()) {
        let start = at + pos;
        bytes[start..start + stamp.len()].copy_from_slice(stamp.as_bytes());
        at = start + stamp.len();
        stamped += 1;
    }
    if stamped == 2 {
        Ok(())
    } else {
        Err(format!("identyfikator PDF nie znaleziony ({stamped} z 2)"))
    }
}

fn find_first(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
