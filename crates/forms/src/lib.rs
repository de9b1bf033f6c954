//! Kartoteka's printed documents: A4 PDFs with the organisation's letterhead, an embedded
//! Polish font (subset, so a form stays small), page numbers and signature lines.
//!
//! Each document is one function taking a [`DocumentContext`] and its model, returning the
//! PDF bytes; `None` for the model prints the blank version to fill in by hand on a field
//! visit.
//!
//! Architecture invariants:
//! - No I/O, no clock, no randomness: the same input gives the same bytes (the app records
//!   the SHA-256 of each document it generates and can regenerate it).
//! - Text is real text in an embedded subset of Liberation Sans: selectable, searchable, with
//!   every Polish letter. Fonts are parsed once per process.
//! - Nothing runs off a page: the layout layer ([`layout`]) measures every line with the
//!   font's glyph advances and breaks pages itself.
//! - Dates on paper are dd.mm.yyyy; every word on paper is Polish.
//!
//! API boundary: the view models of [`model`] (plain strings and a few domain enums); this
//! crate knows nothing of the database, the window or the command line.

pub mod documents;
pub mod error;
pub mod format;
pub mod layout;
mod letterhead;
mod logo;
pub mod model;

pub use error::{FormsError, Result};
pub use model::{
    AddressSheet, AreaScore, AttendanceDelivery, AttendanceParticipant, AttendanceRow,
    AttendanceSheet, ConsentTemplate, Controller, DeclarationSheet, DocumentContext,
    ExitStatementSheet, GroupAttendanceSheet, GroupSessionSheet, GuardianSheet, ImageConsentSheet,
    ImageFormat, LogoStrip, Organisation, ParticipantSheet, PersonRecord, PersonRef, PlanAmendment,
    PlanClosingSheet, PlanGoal, PlanReviewRow, PlanServiceRow, PlanSheet, PlanSigningSheet,
    ProjectHeader, RecordBlock, RecoveryKeySheet, RecruitmentCriterion, RecruitmentLetter,
    RecruitmentRow, RecruitmentSheet,
};

use chrono::{DateTime, Utc};
use layout::flow::Laid;
use layout::render::{render, render_all, DocumentInfo};

/// Names the bytes this crate makes. The same model gives the same bytes only under the same
/// revision: it goes up whenever layout, fonts, texts or a dependency change the output (a
/// test holds the SHA-256 of a reference form, so such a change cannot go unnoticed). Record
/// it with a document's SHA-256; a regeneration under another revision is a new rendering,
/// not a copy. 4: the enrolment form's guardian, eligibility and attachment sections and its
/// "data wpływu" box, the declaration naming the criteria, the image consent's line for a
/// child aged 13–17.
pub const RENDERING_REVISION: u32 = 4;

/// The documents this crate prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Enrolment,
    Declaration,
    DataStatement,
    ImageConsent,
    /// Another consent the project needs (a text of kind `other`), printed under its own title.
    Consent,
    Plan,
    Attendance,
    Record,
    RecoveryKey,
    /// The person's situation within 4 weeks of leaving a project.
    ExitStatement,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 10] = [
        DocumentKind::Enrolment,
        DocumentKind::Declaration,
        DocumentKind::DataStatement,
        DocumentKind::ImageConsent,
        DocumentKind::Consent,
        DocumentKind::Plan,
        DocumentKind::Attendance,
        DocumentKind::Record,
        DocumentKind::RecoveryKey,
        DocumentKind::ExitStatement,
    ];

    /// A stable name for files, logs and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Enrolment => "enrolment",
            DocumentKind::Declaration => "declaration",
            DocumentKind::DataStatement => "data-statement",
            DocumentKind::ImageConsent => "image-consent",
            DocumentKind::Consent => "consent",
            DocumentKind::Plan => "plan",
            DocumentKind::Attendance => "attendance",
            DocumentKind::Record => "record",
            DocumentKind::RecoveryKey => "recovery-key",
            DocumentKind::ExitStatement => "exit-statement",
        }
    }

    /// The Polish title printed on the document and stored in its metadata.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Enrolment => "Formularz zgłoszeniowy uczestnika projektu",
            DocumentKind::Declaration => "Deklaracja uczestnictwa w projekcie",
            DocumentKind::DataStatement => {
                "Oświadczenie uczestnika projektu (klauzula informacyjna RODO)"
            }
            DocumentKind::ImageConsent => "Zgoda na wykorzystanie wizerunku",
            DocumentKind::Consent => "Zgoda",
            DocumentKind::Plan => "Indywidualny plan wsparcia",
            DocumentKind::Attendance => "Lista obecności / karta realizacji usługi",
            DocumentKind::Record => "Pełny zapis danych osoby",
            DocumentKind::RecoveryKey => "Klucz odzyskiwania Kartoteki",
            DocumentKind::ExitStatement => {
                "Oświadczenie uczestnika o sytuacji po zakończeniu udziału w projekcie"
            }
        }
    }

    /// Parses [`DocumentKind::as_str`] back.
    pub fn parse(text: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// What one document is made from: its kind and model (`None` prints the blank form).
#[derive(Debug, Clone, Copy)]
pub enum Model<'a> {
    Enrolment(Option<&'a ParticipantSheet>),
    Declaration(Option<&'a DeclarationSheet>),
    /// The organisation's clause, the managing authority's clause (an EU project's), the person.
    DataStatement(
        &'a ConsentTemplate,
        Option<&'a ConsentTemplate>,
        Option<&'a PersonRef>,
    ),
    ImageConsent(&'a ConsentTemplate, Option<&'a ImageConsentSheet>),
    /// Another consent: its text (title included) and the person with the answer recorded.
    Consent(&'a ConsentTemplate, Option<&'a ImageConsentSheet>),
    Plan(Option<&'a PlanSheet>),
    Attendance(Option<&'a AttendanceSheet>),
    Record(&'a PersonRecord),
    RecoveryKey(&'a RecoveryKeySheet),
    ExitStatement(Option<&'a ExitStatementSheet>),
}

/// A document laid out on its pages, not yet written: [`Document::to_pdf`] makes its own
/// file, [`combine`] puts several into one (a batch printed as one PDF). Either way its
/// pages, page numbers ("strona X z Y" of this document) and text are the same.
pub struct Document {
    laid: Laid,
    title: String,
    subject: String,
    created: DateTime<Utc>,
}

impl Document {
    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.laid.pages.len()
    }

    /// The PDF of this document alone: the same document gives the same bytes.
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        let info = DocumentInfo {
            title: &self.title,
            subject: &self.subject,
            created: self.created,
        };
        render(&self.laid, &info).map_err(FormsError::Pdf)
    }
}

/// Several documents in one PDF, pages one after another; the metadata (title, subject,
/// dates) is the first document's. Fails on an empty list.
pub fn combine(documents: &[Document]) -> Result<Vec<u8>> {
    let first = documents
        .first()
        .ok_or_else(|| FormsError::Input("brak dokumentów do połączenia".into()))?;
    let info = DocumentInfo {
        title: &first.title,
        subject: &first.subject,
        created: first.created,
    };
    let parts: Vec<&Laid> = documents.iter().map(|d| &d.laid).collect();
    render_all(&parts, &info).map_err(FormsError::Pdf)
}

/// Lays out one document.
pub fn lay_out(ctx: &DocumentContext, model: Model<'_>) -> Result<Document> {
    match model {
        Model::Enrolment(p) => documents::enrolment::render(ctx, p),
        Model::Declaration(d) => documents::declaration::render(ctx, d),
        Model::DataStatement(t, authority, p) => {
            documents::data_statement::render(ctx, t, authority, p)
        }
        Model::ImageConsent(t, c) => documents::image_consent::render(ctx, t, c),
        Model::Consent(t, c) => documents::consent::render(ctx, t, c),
        Model::Plan(p) => documents::plan::render(ctx, p),
        Model::Attendance(s) => documents::attendance::render(ctx, s),
        Model::Record(r) => documents::record::render(ctx, r),
        Model::RecoveryKey(k) => documents::recovery_key::render(ctx, k),
        Model::ExitStatement(s) => documents::exit_statement::render(ctx, s),
    }
}

/// A recruitment round's protocol for its committee (candidates by number and initials).
pub fn recruitment_protocol(ctx: &DocumentContext, s: &RecruitmentSheet) -> Result<Vec<u8>> {
    documents::recruitment::protocol(ctx, s)?.to_pdf()
}

/// A recruitment round's public list of results (candidate numbers only).
pub fn recruitment_results(ctx: &DocumentContext, s: &RecruitmentSheet) -> Result<Vec<u8>> {
    documents::recruitment::results(ctx, s)?.to_pdf()
}

/// A group's attendance list: a page per session (a month's sessions in one document), or
/// the blank list of the next session.
pub fn group_attendance(ctx: &DocumentContext, s: &GroupAttendanceSheet) -> Result<Vec<u8>> {
    documents::group_attendance::render(ctx, s)?.to_pdf()
}

/// A letter telling a candidate the decision on their application.
pub fn recruitment_letter(ctx: &DocumentContext, l: &RecruitmentLetter) -> Result<Vec<u8>> {
    documents::recruitment::letter(ctx, l)?.to_pdf()
}

/// The enrolment form; `None` prints the blank form.
pub fn enrolment_form(ctx: &DocumentContext, p: Option<&ParticipantSheet>) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Enrolment(p))?.to_pdf()
}

/// The participation declaration; `None` prints the blank form.
pub fn participation_declaration(
    ctx: &DocumentContext,
    d: Option<&DeclarationSheet>,
) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Declaration(d))?.to_pdf()
}

/// The participant data statement (GDPR information clause) in the given template version;
/// `None` for the person prints the blank form.
pub fn data_statement(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    p: Option<&PersonRef>,
) -> Result<Vec<u8>> {
    lay_out(ctx, Model::DataStatement(template, None, p))?.to_pdf()
}

/// The image-use consent in the given template version; `None` prints the blank form.
pub fn image_consent(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Vec<u8>> {
    lay_out(ctx, Model::ImageConsent(template, c))?.to_pdf()
}

/// Another consent (a text of kind `other`) in the given version; `None` prints it blank.
pub fn consent_form(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Consent(template, c))?.to_pdf()
}

/// The individual support plan (or its amendment); `None` prints the blank plan form for a
/// field visit.
pub fn support_plan(ctx: &DocumentContext, p: Option<&PlanSheet>) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Plan(p))?.to_pdf()
}

/// The attendance / delivery sheet of one service and month; `None` prints the blank sheet.
pub fn attendance_sheet(ctx: &DocumentContext, s: Option<&AttendanceSheet>) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Attendance(s))?.to_pdf()
}

/// The full record of one person (GDPR access request). There is no blank version.
pub fn person_record(ctx: &DocumentContext, r: &PersonRecord) -> Result<Vec<u8>> {
    lay_out(ctx, Model::Record(r))?.to_pdf()
}

/// The exit statement (the situation within 4 weeks of leaving); `None` prints it blank.
pub fn exit_statement(ctx: &DocumentContext, s: Option<&ExitStatementSheet>) -> Result<Vec<u8>> {
    lay_out(ctx, Model::ExitStatement(s))?.to_pdf()
}

/// The recovery key sheet. There is no blank version.
pub fn recovery_key_sheet(ctx: &DocumentContext, k: &RecoveryKeySheet) -> Result<Vec<u8>> {
    lay_out(ctx, Model::RecoveryKey(k))?.to_pdf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_kinds_round_trip_through_their_names() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(kind.as_str()), Some(kind));
            assert!(!kind.title().is_empty());
        }
        assert_eq!(DocumentKind::parse("plan"), Some(DocumentKind::Plan));
        assert_eq!(DocumentKind::parse("plany"), None);
    }
}
