//! Consents: a participant agrees to a versioned text (data statement, image use, …). A
//! consent is never edited: it is withdrawn and, if needed, given anew. A new version of a text
//! never changes what was signed on an older one.

use crate::participant::parse_optional_date;
use crate::{Id, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which kind of statement a consent text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ConsentKind {
    /// The GDPR information clause the participant signs as read.
    DataStatement,
    /// Consent to use the participant's image.
    ImageConsent,
    /// Any other consent the project needs.
    Other,
    /// The managing authority's own information clause for the programme (a separate
    /// controller of the data in the central system), printed with the data statement of an
    /// EU project.
    AuthorityClause,
}

impl ConsentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::DataStatement => "data-statement",
            ConsentKind::ImageConsent => "image-consent",
            ConsentKind::Other => "other",
            ConsentKind::AuthorityClause => "authority-clause",
        }
    }
    pub fn parse(text: &str) -> Option<ConsentKind> {
        [
            ConsentKind::DataStatement,
            ConsentKind::ImageConsent,
            ConsentKind::Other,
            ConsentKind::AuthorityClause,
        ]
        .into_iter()
        .find(|k| k.as_str() == text.trim())
    }
    pub fn polish(self) -> &'static str {
        match self {
            ConsentKind::DataStatement => "oświadczenie uczestnika (klauzula informacyjna RODO)",
            ConsentKind::ImageConsent => "zgoda na wykorzystanie wizerunku",
            ConsentKind::Other => "inna zgoda",
            ConsentKind::AuthorityClause => {
                "klauzula informacyjna instytucji zarządzającej programem"
            }
        }
    }
}

/// A new consent text or a new version of one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ConsentTextInput {
    /// "data-statement", "image-consent" or "other".
    pub kind: Option<String>,
    pub title: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentText {
    pub kind: ConsentKind,
    pub title: String,
    pub text: String,
}

impl ConsentTextInput {
    pub fn parse(&self) -> Result<ConsentText, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(
                    "kind",
                    "Rodzaj treści: pole jest wymagane (data-statement, image-consent, other)",
                );
                None
            }
            Some(k) => ConsentKind::parse(k).or_else(|| {
                errors.push(
                    "kind",
                    "Rodzaj treści: dozwolone data-statement, image-consent, other",
                );
                None
            }),
        };
        let title = self
            .title
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .to_owned();
        if title.is_empty() {
            errors.push("title", "Tytuł: pole jest wymagane");
        }
        let text = self.text.as_deref().map(str::trim).unwrap_or("").to_owned();
        if text.is_empty() {
            errors.push("text", "Treść: pole jest wymagane");
        } else if text.chars().count() > 50_000 {
            errors.push("text", "Treść: najwyżej 50 000 znaków");
        }
        errors.into_result(|| ConsentText {
            kind: kind.expect("checked"),
            title,
            text,
        })
    }
}

/// One version of a consent text, as stored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentTemplateVersion {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub template_id: Id,
    #[ts(type = "string | null")]
    pub project_id: Option<Id>,
    pub kind: ConsentKind,
    pub title: String,
    /// 1, 2, 3 … within its template.
    pub version: u32,
    pub text: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ConsentGiveInput {
    /// "YYYY-MM-DD" (today when left out).
    pub given_on: Option<String>,
    /// The parent or legal guardian who signs (a related participant's id); required for a
    /// minor, left out when the participant signs for themselves.
    pub guardian_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ConsentWithdrawInput {
    /// "YYYY-MM-DD" (today when left out).
    pub withdrawn_on: Option<String>,
}

/// A consent given by (or for) a participant.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Consent {
    #[ts(type = "string")]
    pub id: Id,
    #[ts(type = "string")]
    pub participant_id: Id,
    #[ts(type = "string")]
    pub template_version_id: Id,
    pub kind: ConsentKind,
    pub title: String,
    pub version: u32,
    #[ts(type = "string")]
    pub given_on: NaiveDate,
    /// "self" or the guardian's name.
    pub given_by: String,
    #[ts(type = "string | null")]
    pub guardian_id: Option<Id>,
    #[ts(type = "string | null")]
    pub withdrawn_on: Option<NaiveDate>,
}

/// Parses the date a consent is given or withdrawn: `today` when empty, never in the future.
pub fn consent_date(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let date = if value.as_deref().map(str::trim).unwrap_or("").is_empty() {
        Some(today)
    } else {
        parse_optional_date(errors, field, label, value)
    };
    if date.is_some_and(|d| d > today) {
        errors.push(field, format!("{label}: data nie może być w przyszłości"));
        return None;
    }
    date
}
