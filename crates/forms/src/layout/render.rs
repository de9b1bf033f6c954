//! Turning laid-out pages into PDF bytes.
//!
//! Invariants: the same pages and metadata give the same bytes, every time and on every
//! machine — the app records the SHA-256 of each generated document and must be able to
//! regenerate it. printpdf names resources and the file identifier at random, so fonts and
//! images get fixed names here and the trailer `/ID` is derived from the content: the file
//! is written with a zero identifier, hashed, and the hash written in its place (same
//! length, so no offset moves). Dates in the metadata come from the caller, never the clock.

use std::io::Write;

use chrono::{DateTime, Utc};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Object, StringFormat};
use printpdf::{FontId, OffsetDateTime, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use super::flow::Laid;
use super::fonts::FONTS;
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
/// zlib level of page and font streams.
const LEVEL: u32 = 6;

/// Serialises `laid` to PDF bytes.
pub fn render(laid: Laid, info: &DocumentInfo<'_>) -> Result<Vec<u8>, String> {
    let t00 = std::time::Instant::now();
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

    for face in [&FONTS.regular, &FONTS.bold] {
        doc.resources.fonts.map.insert(
            FontId(face.id.to_string()),
            PdfFont::new(face.parsed.clone()),
        );
    }
    for (id, image) in laid.images {
        doc.resources.xobjects.map.insert(id, image);
    }
    let pages = laid
        .pages
        .into_iter()
        .map(|p| PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), p.ops))
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
    let tprep = t00.elapsed();
    let t0 = std::time::Instant::now();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    let t1 = t0.elapsed();
    tidy_info(&mut pdf);
    let zero = Object::String(vec![0; ID_BYTES], StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![zero.clone(), zero]));
    let t2 = std::time::Instant::now();
    compress_streams(&mut pdf);
    let t3 = t2.elapsed();
    let t4 = std::time::Instant::now();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| format!("zapis PDF nie powiódł się: {e}"))?;
    let t5 = t4.elapsed();
    stamp_id(&mut bytes)?;
    if std::env::var("FORMS_TIMING").is_ok() { eprintln!("prep {tprep:?} lopdf {t1:?} compress {t3:?} save {t5:?} total {:?}", t00.elapsed()); }
    Ok(bytes)
}

/// Deflates every stream that is not compressed yet (pages, fonts), at a quick level: the
/// best level costs twice the time for a file a few per cent smaller.
fn compress_streams(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            if std::env::var("FORMS_TIMING").is_ok() { eprintln!("stream {} {:?}", stream.content.len(), stream.dict.get(b"Subtype").ok()); }
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
