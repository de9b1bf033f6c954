//! "Zgoda na wykorzystanie wizerunku" — the separate, voluntary consent to use a
//! participant's image.
//!
//! Invariants: the text is the versioned template from the model with "Wersja treści: …"
//! printed; the person chooses between "wyrażam zgodę" and "nie wyrażam zgody" (both boxes
//! empty on a blank form or when no answer is recorded); for a minor the named parent or
//! guardian signs. The sheet is the one every consent shares (`consent.rs`).

use super::consent::{consent_sheet, ConsentWording};
use crate::error::Result;
use crate::model::{ConsentTemplate, DocumentContext, ImageConsentSheet};
use crate::Document;
use crate::DocumentKind;

pub(crate) fn render(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    c: Option<&ImageConsentSheet>,
) -> Result<Document> {
    let wording = ConsentWording {
        heading: DocumentKind::ImageConsent.title(),
        subtitle: Some(&template.title),
        yes: "wyrażam zgodę na nieodpłatne wykorzystanie wizerunku na zasadach opisanych powyżej",
        no: "nie wyrażam zgody na wykorzystanie wizerunku",
        child_line: true,
    };
    consent_sheet(ctx, &wording, template, c)
}
