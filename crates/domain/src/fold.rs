//! Folding text for search and duplicate detection: lower case, Polish diacritics removed
//! (ł and Ł included, which SQLite's unicode61 tokenizer does not fold), other Latin accents
//! removed too, every run of non-alphanumeric characters turned into one space.

/// Folds one character to its base lowercase form; `None` for separators.
fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'ą' | 'Ą' | 'á' | 'Á' | 'à' | 'À' | 'â' | 'Â' | 'ä' | 'Ä' | 'ã' | 'Ã' | 'å' | 'Å' => {
            'a'
        }
        'ć' | 'Ć' | 'č' | 'Č' | 'ç' | 'Ç' => 'c',
        'ď' | 'Ď' => 'd',
        'ę' | 'Ę' | 'é' | 'É' | 'è' | 'È' | 'ê' | 'Ê' | 'ë' | 'Ë' | 'ě' | 'Ě' => 'e',
        'í' | 'Í' | 'ì' | 'Ì' | 'î' | 'Î' | 'ï' | 'Ï' => 'i',
        'ł' | 'Ł' => 'l',
        'ń' | 'Ń' | 'ň' | 'Ň' | 'ñ' | 'Ñ' => 'n',
        'ó' | 'Ó' | 'ò' | 'Ò' | 'ô' | 'Ô' | 'ö' | 'Ö' | 'õ' | 'Õ' => 'o',
        'ř' | 'Ř' => 'r',
        'ś' | 'Ś' | 'š' | 'Š' | 'ß' => 's',
        'ť' | 'Ť' => 't',
        'ú' | 'Ú' | 'ù' | 'Ù' | 'û' | 'Û' | 'ü' | 'Ü' | 'ů' | 'Ů' => 'u',
        'ý' | 'Ý' | 'ÿ' => 'y',
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => 'z',
        c if c.is_alphanumeric() => return c.to_lowercase().next(),
        _ => return None,
    };
    Some(folded)
}

/// Folds a text: `"Łódź-Bałuty"` becomes `"lodz baluty"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match fold_char(c) {
            Some(f) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(f);
            }
            None => pending_space = true,
        }
    }
    out
}

/// The folded words of a text, for search queries.
pub fn fold_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Only the digits of a text (phone numbers are searched by digits).
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_polish_letter_folds_to_its_base() {
        assert_eq!(fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż"), "acelnoszz acelnoszz");
    }

    #[test]
    fn l_with_stroke_folds_both_ways() {
        assert_eq!(fold("Łódź"), fold("lodz"));
        assert_eq!(fold("Wałęsa"), "walesa");
        assert_eq!(fold("LODZ"), "lodz");
    }

    #[test]
    fn separators_collapse_to_one_space() {
        assert_eq!(fold("  Kowalska-Nowak,  Anna "), "kowalska nowak anna");
        assert_eq!(fold_words("<img src=x>"), vec!["img", "src", "x"]);
    }

    #[test]
    fn digits_keeps_only_digits() {
        assert_eq!(digits("+48 601-234 567"), "48601234567");
    }
}
