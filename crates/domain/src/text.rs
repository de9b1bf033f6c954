//! User text as the registry keeps it: normalised to NFC (so "ł" typed two ways is one
//! letter and the duplicate check and search see one spelling), short fields free of
//! characters nobody can see (control characters, zero-width and bidi-override marks, BOM),
//! and every field within a length a form and an export can hold.

use crate::ValidationErrors;
use unicode_normalization::UnicodeNormalization;

/// Names (first name, surname, a worker's name).
pub const NAME_MAX: usize = 100;
/// Address lines, identifiers, citizenship, short descriptions.
pub const LINE_MAX: usize = 200;
/// Free text that belongs to a form (accessibility needs, remarks).
pub const TEXT_MAX: usize = 10_000;
/// Case notes and other long writing.
pub const NOTE_MAX: usize = 20_000;

/// Whether a character is a control or an invisible formatting character (Unicode Cc and
/// the Cf characters that change how text is read: zero-width, joiners, bidi controls, BOM).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// A one-line field: trimmed, inner white space collapsed, NFC; `None` when empty. Control
/// and invisible characters, or more than `max` characters, are an error naming the field.
pub fn short_text(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Option<String> {
    let raw = value.as_deref()?;
    if raw.chars().any(is_invisible) {
        errors.push(
            field,
            format!("{label}: zawiera niewidoczne lub sterujące znaki (np. skopiowane z innego programu) — wpisz tekst ponownie"),
        );
        return None;
    }
    let text: String = raw.nfc().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        errors.push(field, format!("{label}: najwyżej {max} znaków"));
    }
    Some(text)
}

/// A required one-line field: `short_text`, and "pole jest wymagane" when empty.
pub fn required_short(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Option<String> {
    let before = errors.0.len();
    let text = short_text(errors, field, label, value, max);
    if text.is_none() && errors.0.len() == before {
        errors.push(field, format!("{label}: pole jest wymagane"));
    }
    text
}

/// A required long field: `long_text`, and "pole jest wymagane" when empty.
pub fn required_long(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Option<String> {
    let text = long_text(errors, field, label, value, max);
    if text.is_none() {
        errors.push(field, format!("{label}: pole jest wymagane"));
    }
    text
}

/// A long field kept as written (line breaks and all), NFC, without NUL; trimmed at the
/// ends; `None` when empty; more than `max` characters is an error naming the field.
pub fn long_text(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Option<String> {
    let raw = value.as_deref()?;
    let text: String = raw.nfc().filter(|c| *c != '\0').collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        errors.push(field, format!("{label}: najwyżej {max} znaków"));
    }
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(v: &str) -> Result<Option<String>, ValidationErrors> {
        let mut e = ValidationErrors::default();
        let out = short_text(&mut e, "f", "Pole", &Some(v.to_owned()), 10);
        if e.is_empty() {
            Ok(out)
        } else {
            Err(e)
        }
    }

    #[test]
    fn invisible_and_control_characters_are_refused_in_short_fields() {
        for bad in [
            "Jan\u{0}",
            "Ja\u{200B}n",
            "\u{202E}naJ",
            "\u{FEFF}Jan",
            "Jan\u{7}",
        ] {
            assert!(short(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            short("  Jan   Maria ").unwrap().as_deref(),
            Some("Jan Maria")
        );
        assert_eq!(short("   ").unwrap(), None);
    }

    #[test]
    fn text_is_normalised_to_one_spelling() {
        // "ł" and "ę" are single letters; "e" + combining ogonek becomes "ę".
        assert_eq!(short("We\u{328}gier").unwrap().as_deref(), Some("Węgier"));
    }

    #[test]
    fn lengths_are_checked_in_characters() {
        assert!(short("Żółć Żółć!").is_ok());
        assert!(short("Żółć Żółć!!").is_err());
    }

    #[test]
    fn long_text_keeps_lines_and_drops_only_nul() {
        let mut e = ValidationErrors::default();
        let out = long_text(
            &mut e,
            "n",
            "Notatka",
            &Some(" a\n\tb\u{0}c \u{200B}".into()),
            100,
        );
        assert!(e.is_empty());
        assert_eq!(out.as_deref(), Some("a\n\tbc \u{200B}"));
    }
}
