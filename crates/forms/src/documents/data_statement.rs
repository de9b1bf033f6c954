//! "Oświadczenie uczestnika projektu (klauzula informacyjna RODO)" — the GDPR information
//! clause the participant signs to acknowledge.
//!
//! Invariants: the clause's text is the versioned template from the model, printed as given
//! (paragraphs at blank lines) with "Wersja treści: …" under the title, so a signed paper can
//! always be matched to the exact text the person read. The controller and its data
//! protection officer, when the organisation names them, are printed above the clause. An EU
//! project's statement also carries the managing authority's own clause (a separate
//! controller), with its own version line, before the signature.

use crate::error::Result;
use crate::layout::{style, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{ConsentTemplate, DocumentContext, PersonRef};
use crate::Document;
use crate::DocumentKind;

pub(crate) fn render(
    ctx: &DocumentContext,
    template: &ConsentTemplate,
    authority: Option<&ConsentTemplate>,
    p: Option<&PersonRef>,
) -> Result<Document> {
    let kind = DocumentKind::DataStatement;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), Some(&template.title));
    super::version_line(&mut flow, &template.version);
    flow.gap(2.0 * MM);
    super::person_rows(&mut flow, p);
    if let Some(c) = &ctx.organisation.controller {
        flow.gap(2.0 * MM);
        let address = if c.address.is_empty() {
            String::new()
        } else {
            format!(", {}", c.address)
        };
        flow.paragraph(
            &format!("Administrator danych osobowych: {}{address}.", c.name),
            style::BODY,
        );
        if !c.dpo_contact.is_empty() {
            flow.paragraph(
                &format!(
                    "Inspektor ochrony danych (IOD): {}.",
                    c.dpo_contact.trim_end_matches('.')
                ),
                style::BODY,
            );
        }
        flow.gap(2.0 * MM);
    }

    flow.paragraphs(&template.text, style::CLAUSE);
    if let Some(a) = authority {
        flow.gap(4.0 * MM);
        flow.paragraph(&a.title, style::SECTION);
        super::version_line(&mut flow, &a.version);
        flow.gap(1.0 * MM);
        flow.paragraphs(&a.text, style::CLAUSE);
    }
    super::sign_here(&mut flow, ctx, p, |flow| {
        flow.gap(4.0 * MM);
        flow.paragraph(
            "Oświadczam, że zapoznałam/zapoznałem się z powyższą informacją o przetwarzaniu \
             moich danych osobowych.",
            style::BODY,
        );
    });

    let footer = match authority {
        Some(a) => format!(
            "{} — wersja treści {}, klauzula instytucji zarządzającej {}",
            kind.title(),
            template.version,
            a.version
        ),
        None => format!("{} — wersja treści {}", kind.title(), template.version),
    };
    letterhead::finish(flow, ctx, kind, &footer)
}
