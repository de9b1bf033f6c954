//! Case notes from home visits, calls and office meetings.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoteKind {
    HomeVisit,
    Phone,
    Office,
    Other,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::HomeVisit => "home_visit",
            NoteKind::Phone => "phone",
            NoteKind::Office => "office",
            NoteKind::Other => "other",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            NoteKind::HomeVisit => "wizyta domowa",
            NoteKind::Phone => "rozmowa telefoniczna",
            NoteKind::Office => "spotkanie w biurze",
            NoteKind::Other => "inne",
        }
    }

    pub fn parse(text: &str) -> Option<NoteKind> {
        let t = text.trim().to_lowercase();
        [
            NoteKind::HomeVisit,
            NoteKind::Phone,
            NoteKind::Office,
            NoteKind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == t || k.polish() == t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct CaseNoteInput {
    /// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM" (now when left out).
    pub at: Option<String>,
    /// home_visit, phone, office, other.
    pub kind: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CaseNoteData {
    #[ts(type = "string")]
    pub at: NaiveDateTime,
    pub kind: NoteKind,
    pub text: String,
    pub author: String,
}

impl CaseNoteInput {
    pub fn parse(
        &self,
        now: NaiveDateTime,
        author: &str,
    ) -> Result<CaseNoteData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let at = match clean(&self.at) {
            None => Some(now),
            Some(t) => {
                let parsed = [
                    "%Y-%m-%dT%H:%M",
                    "%Y-%m-%d %H:%M",
                    "%Y-%m-%dT%H:%M:%S",
                    "%d.%m.%Y %H:%M",
                ]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok());
                if parsed.is_none() {
                    errors.push(
                        "at",
                        "Data i godzina: niepoprawne (oczekiwano RRRR-MM-DD GG:MM)",
                    );
                }
                parsed
            }
        };
        if at.is_some_and(|a| a.date() > now.date()) {
            errors.push("at", "Data i godzina: nie może być w przyszłości");
        }
        let kind = match clean(&self.kind) {
            None => {
                errors.push(
                    "kind",
                    "Rodzaj kontaktu: pole jest wymagane (wizyta domowa, telefon, biuro, inne)",
                );
                None
            }
            Some(k) => {
                let k = match k.as_str() {
                    "telefon" => "phone".to_owned(),
                    "biuro" => "office".to_owned(),
                    _ => k,
                };
                let kind = NoteKind::parse(&k);
                if kind.is_none() {
                    errors.push(
                        "kind",
                        "Rodzaj kontaktu: dozwolone home_visit, phone, office, other",
                    );
                }
                kind
            }
        };
        let text = crate::text::required_long(
            &mut errors,
            "text",
            "Treść notatki",
            &self.text,
            crate::text::NOTE_MAX,
        );
        errors.into_result(|| CaseNoteData {
            at: at.expect("checked"),
            kind: kind.expect("checked"),
            text: text.expect("checked"),
            author: author.to_owned(),
        })
    }
}
