//! Another consent a project needs — a versioned text of kind `other` ("Zgoda na kontakt
//! telefoniczny", "Zgoda na udział dziecka w wycieczce") — printed under its own title; and the
//! sheet every consent shares (the image consent's too).
//!
//! Invariants: the text is the version from the model with "Wersja treści: …"; the person
//! chooses between "wyrażam zgodę" and "nie wyrażam zgody" (both empty on a blank form or with
//! no answer recorded); for a minor the named parent or guardian signs. The file's title is
//! the document's heading (for another consent, the text's title).

use crate::error::Result;
use crate::layout::{style, Signature, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{ConsentTemplate, DocumentContext, ImageConsentSheet};
use crate::Document;

/// How one consent reads on paper.
pub(super) struct ConsentWording<'a> {
    pub heading: &'a str,
    pub subtitle: Option<&'a str>,
    pub yes: &'a str,
    pub no: &'a str,
    /// A child aged 13–17 signs too (the image consent, from revision 4).
    pub child_line: bool,
}

pub(crate) fn render(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Document> {
    let wording = ConsentWording {
        heading: &template.title,
        subtitle: None,
        yes: "wyrażam zgodę",
        no: "nie wyrażam zgody",
        child_line: false,
    };
    consent_sheet(ctx, &wording, template, c)
}

/// A consent: heading, version, the person, the text, the two answers and the signatures.
pub(super) fn consent_sheet(
    ctx: &DocumentContext,
    wording: &ConsentWording<'_>,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Document> {
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(wording.heading, wording.subtitle);
    super::version_line(&mut flow, &template.version);
    flow.gap(2.0 * MM);
    let person = c.map(|c| &c.person);
    super::person_rows(&mut flow, person);

    flow.paragraphs(&template.text, style::CLAUSE);
    let answer = c.and_then(|c| c.consent);
    super::sign_here(&mut flow, ctx, person, |flow| {
        flow.gap(4.0 * MM);
        flow.checkbox_statement(answer == Some(true), wording.yes, style::BODY);
        flow.checkbox_statement(answer == Some(false), wording.no, style::BODY);
        flow.paragraph(
            "(zaznacz jedną odpowiedź; zgodę można w każdej chwili wycofać)",
            style::CAPTION,
        );
    });
    // A child aged 13–17 decides about their own image too: a line beside the guardian's.
    if wording.child_line && ctx.revision >= 4 && c.is_none_or(|c| c.child_co_signs) {
        let (caption, name) = match c {
            None => (
                "czytelny podpis uczestnika w wieku 13–17 lat (jeśli dotyczy) — także wyrażam zgodę",
                None,
            ),
            Some(c) => (
                "czytelny podpis uczestnika (osoby w wieku 13–17 lat) — także wyrażam zgodę",
                Some(c.person.full_name.as_str()),
            ),
        };
        flow.signatures(&[Signature::signed_by(caption, name)]);
    }

    let footer = format!("{} — wersja treści {}", wording.heading, template.version);
    letterhead::finish_titled(flow, ctx, wording.heading, &footer)
}
