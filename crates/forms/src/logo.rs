//! The organisation's logo strip, turned once into an image stream every document embeds
//! as it is.
//!
//! Invariants: a JPEG is embedded byte for byte (DCTDecode); an opaque PNG keeps its own
//! compressed data too (PDF's FlateDecode with PNG predictors reads it as it is) — neither
//! is decoded or re-encoded, so nothing is lost and nothing costs time. Only a PNG with
//! transparency (or interlacing) is decoded, laid over white paper and deflated, once per
//! process. Either way each document only copies the encoded image.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Px, RawImage, RawImageData, RawImageFormat, XObject,
};

use std::sync::OnceLock;

/// An image ready to embed: the XObject and its size in pixels.
#[derive(Debug, Clone)]
pub(crate) struct EncodedImage {
    pub(crate) xobject: XObject,
    pub(crate) pixels: (usize, usize),
}

/// The format of a logo image file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// A logo strip image. It is checked and encoded once, on first use, however many
/// documents print it: keep one `DocumentContext` for a batch.
#[derive(Debug, Clone)]
pub struct LogoStrip {
    bytes: Vec<u8>,
    format: ImageFormat,
    encoded: OnceLock<Result<EncodedImage, String>>,
}

impl LogoStrip {
    pub fn new(bytes: Vec<u8>, format: ImageFormat) -> LogoStrip {
        LogoStrip {
            bytes,
            format,
            encoded: OnceLock::new(),
        }
    }

    pub fn format(&self) -> ImageFormat {
        self.format
    }

    pub(crate) fn encoded(&self) -> Result<&EncodedImage, String> {
        self.encoded
            .get_or_init(|| encode(&self.bytes, self.format))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// Checks and encodes the logo strip's file.
pub(crate) fn encode(bytes: &[u8], format: ImageFormat) -> Result<EncodedImage, String> {
    match format {
        ImageFormat::Jpeg => {
            let (width, height, components) =
                jpeg_frame(bytes).ok_or("plik nie jest poprawnym obrazem JPEG")?;
            match components {
                1 | 3 => Ok(image(
                    width,
                    height,
                    components,
                    "DCTDecode",
                    bytes.to_vec(),
                )),
                // CMYK and other rare JPEGs: decode and store as RGB.
                _ => decoded(bytes),
            }
        }
        ImageFormat::Png => {
            if !bytes.starts_with(PNG_SIGNATURE) {
                return Err("plik nie jest obrazem PNG".to_string());
            }
            match png_as_is(bytes)? {
                Some(image) => Ok(image),
                None => decoded(bytes),
            }
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// An opaque, non-interlaced PNG as a PDF image over the PNG's own zlib data; `None` when
/// the PNG has transparency or interlacing and must be decoded.
fn png_as_is(bytes: &[u8]) -> Result<Option<EncodedImage>, String> {
    let mut at = PNG_SIGNATURE.len();
    let mut header = None;
    let mut palette = None;
    let mut data = Vec::new();
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = bytes
            .get(at + 8..at + 8 + length)
            .ok_or("plik PNG jest ucięty")?;
        match kind {
            b"IHDR" if body.len() >= 13 => header = Some(body.to_vec()),
            b"PLTE" => palette = Some(body.to_vec()),
            b"tRNS" => return Ok(None),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + length;
    }
    let header = header.ok_or("plik PNG bez nagłówka IHDR")?;
    let width = u32::from_be_bytes(header[0..4].try_into().expect("4 bytes")) as usize;
    let height = u32::from_be_bytes(header[4..8].try_into().expect("4 bytes")) as usize;
    let (depth, colour_type, interlace) = (header[8], header[9], header[12]);
    if interlace != 0 || data.is_empty() || width == 0 || height == 0 {
        return Ok(None);
    }
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let (colour_space, colours) = match (colour_type, palette) {
        (0, _) => (name("DeviceGray"), 1),
        (2, _) => (name("DeviceRGB"), 3),
        (3, Some(palette)) => {
            let entries = (palette.len() / 3) as i64;
            let indexed = DictItem::Array(vec![
                name("Indexed"),
                name("DeviceRGB"),
                DictItem::Int(entries - 1),
                DictItem::String {
                    data: palette,
                    literal: false,
                },
            ]);
            (indexed, 1)
        }
        // Grey or colour with an alpha channel.
        _ => return Ok(None),
    };
    let parms = BTreeMap::from([
        ("Predictor".to_string(), DictItem::Int(15)),
        ("Colors".to_string(), DictItem::Int(colours)),
        (
            "BitsPerComponent".to_string(),
            DictItem::Int(i64::from(depth)),
        ),
        ("Columns".to_string(), DictItem::Int(width as i64)),
    ]);
    let mut image = image(width, height, 1, "FlateDecode", data);
    if let XObject::External(x) = &mut image.xobject {
        let dict = &mut x.stream.dict;
        dict.insert("ColorSpace".to_string(), colour_space);
        dict.insert(
            "BitsPerComponent".to_string(),
            DictItem::Int(i64::from(depth)),
        );
        dict.insert("DecodeParms".to_string(), DictItem::Dict { map: parms });
    }
    Ok(Some(image))
}

fn decoded(bytes: &[u8]) -> Result<EncodedImage, String> {
    let raw = RawImage::decode_from_bytes(bytes, &mut Vec::new())?;
    let (components, samples) = on_white(&raw)?;
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(&samples)
        .map_err(|e| format!("kompresja obrazu: {e}"))?;
    let content = encoder
        .finish()
        .map_err(|e| format!("kompresja obrazu: {e}"))?;
    Ok(image(
        raw.width,
        raw.height,
        components,
        "FlateDecode",
        content,
    ))
}

fn image(
    width: usize,
    height: usize,
    components: u8,
    filter: &str,
    content: Vec<u8>,
) -> EncodedImage {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let colour_space = if components == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(width as i64)),
        ("Height".to_string(), DictItem::Int(height as i64)),
        ("ColorSpace".to_string(), name(colour_space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name(filter)),
    ]);
    EncodedImage {
        xobject: XObject::External(ExternalXObject {
            stream: ExternalStream {
                dict,
                content,
                compress: false,
            },
            width: Some(Px(width)),
            height: Some(Px(height)),
            dpi: None,
        }),
        pixels: (width, height),
    }
}

/// Grey or RGB samples, 8 bits each, with any transparency laid over white paper.
fn on_white(raw: &RawImage) -> Result<(u8, Vec<u8>), String> {
    let samples: Vec<u8> = match &raw.pixels {
        RawImageData::U8(v) => v.clone(),
        RawImageData::U16(v) => v.iter().map(|s| (s >> 8) as u8).collect(),
        RawImageData::F32(_) => return Err("obrazy zmiennoprzecinkowe nie są obsługiwane".into()),
    };
    use RawImageFormat::*;
    let (channels, colour, alpha, bgr) = match raw.data_format {
        R8 | R16 => (1, 1, false, false),
        RG8 | RG16 => (2, 1, true, false),
        RGB8 | RGB16 => (3, 3, false, false),
        RGBA8 | RGBA16 => (4, 3, true, false),
        BGR8 => (3, 3, false, true),
        BGRA8 => (4, 3, true, true),
        RGBF32 | RGBAF32 => return Err("obrazy zmiennoprzecinkowe nie są obsługiwane".into()),
    };
    let mut out = Vec::with_capacity(raw.width * raw.height * colour);
    for px in samples.chunks_exact(channels) {
        let a = if alpha {
            u32::from(px[channels - 1])
        } else {
            255
        };
        let over_white = |c: u8| ((u32::from(c) * a + 255 * (255 - a)) / 255) as u8;
        if colour == 1 {
            out.push(over_white(px[0]));
        } else if bgr {
            out.extend([px[2], px[1], px[0]].map(over_white));
        } else {
            out.extend([px[0], px[1], px[2]].map(over_white));
        }
    }
    Ok((colour as u8, out))
}

/// Width, height and number of colour components from a JPEG's start-of-frame marker.
fn jpeg_frame(bytes: &[u8]) -> Option<(usize, usize, u8)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let f = bytes.get(at + 4..at + 10)?;
            let height = usize::from(u16::from_be_bytes([f[1], f[2]]));
            let width = usize::from(u16::from_be_bytes([f[3], f[4]]));
            return (width > 0 && height > 0).then_some((width, height, f[5]));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_frame_gives_its_size_and_components() {
        // SOI, APP0 (length 16), SOF0: precision 8, height 2, width 3, 3 components.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend([0u8; 14]);
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03]);
        assert_eq!(jpeg_frame(&jpeg), Some((3, 2, 3)));
        assert_eq!(jpeg_frame(b"\x89PNG"), None);
    }

    #[test]
    fn transparency_is_laid_over_white() {
        let raw = RawImage {
            pixels: RawImageData::U8(vec![0, 0, 0, 0, 0, 0, 0, 255]),
            width: 2,
            height: 1,
            data_format: RawImageFormat::RGBA8,
            tag: Vec::new(),
        };
        let (components, samples) = on_white(&raw).unwrap();
        assert_eq!(components, 3);
        assert_eq!(samples, vec![255, 255, 255, 0, 0, 0]);
    }

    #[test]
    fn an_opaque_png_keeps_its_own_compressed_data() {
        let png: &[u8] = include_bytes!("../tests/fixtures/logo-strip.png");
        let image = encode(png, ImageFormat::Png).unwrap();
        assert_eq!(image.pixels, (1600, 180));
        let XObject::External(x) = image.xobject else {
            panic!("not a stream")
        };
        assert!(x.stream.dict.contains_key("DecodeParms"));
        assert!(x.stream.content.len() < png.len());
    }

    #[test]
    fn a_png_with_transparency_is_decoded_and_laid_over_white() {
        let png: &[u8] = include_bytes!("../tests/fixtures/logo-strip-rgba.png");
        let image = encode(png, ImageFormat::Png).unwrap();
        assert_eq!(image.pixels, (400, 60));
        let XObject::External(x) = image.xobject else {
            panic!("not a stream")
        };
        assert!(!x.stream.dict.contains_key("DecodeParms"));
    }

    #[test]
    fn a_file_that_is_not_the_stated_format_is_refused() {
        assert!(encode(b"GIF89a", ImageFormat::Png).is_err());
        assert!(encode(b"\x89PNG\r\n\x1a\n", ImageFormat::Jpeg).is_err());
    }
}
