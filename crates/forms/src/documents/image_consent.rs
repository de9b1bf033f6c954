//! "Zgoda na wykorzystanie wizerunku" — the separate, voluntary consent to use a
//! participant's image.
//!
//! Invariants: the text is the versioned template from the model with "Wersja treści: …"
//! printed; the person chooses between "wyrażam zgodę" and "nie wyrażam zgody" (both boxes
//! empty on a blank form or when no answer is recorded); for a minor the named parent or
//! guardian signs.

use crate::error::Result;
use crate::layout::{style, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{ConsentTemplate, DocumentContext, ImageConsentSheet};
use crate::Document;
use crate::DocumentKind;

pub(crate) fn render(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Document> {
    let kind = DocumentKind::ImageConsent;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), Some(&template.title));
    super::version_line(&mut flow, &template.version);
    flow.gap(2.0 * MM);
    let person = c.map(|c| &c.person);
    super::person_rows(&mut flow, person);

    flow.paragraphs(&template.text, style::CLAUSE);
    let answer = c.and_then(|c| c.consent);
    super::sign_here(&mut flow, ctx, person, |flow| {
        flow.gap(4.0 * MM);
        flow.checkbox_statement(
            answer == Some(true),
            "wyrażam zgodę na nieodpłatne wykorzystanie wizerunku na zasadach opisanych powyżej",
            style::BODY,
        );
        flow.checkbox_statement(
            answer == Some(false),
            "nie wyrażam zgody na wykorzystanie wizerunku",
            style::BODY,
        );
        flow.paragraph(
            "(zaznacz jedną odpowiedź; zgodę można w każdej chwili wycofać)",
            style::CAPTION,
        );
    });

    let footer = format!("{} — wersja treści {}", kind.title(), template.version);
    letterhead::finish(flow, ctx, kind, &footer)
}
