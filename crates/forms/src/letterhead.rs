//! The top and bottom of every document: the logo strip on every page, the organisation and
//! project under it on the first page, the project's programme at the foot of every page, and
//! the PDF metadata when the document is finished.
//!
//! Invariants: the logo strip keeps its aspect ratio and spans the content width, unless
//! that would make it taller than `MAX_LOGO_HEIGHT` (then it is narrower and centred). The
//! document's dates come from `DocumentContext::generated_at`.

use chrono::Utc;

use crate::error::{FormsError, Result};
use crate::layout::flow::CONTENT_WIDTH;
use crate::layout::page::Paint;
use crate::layout::{style, Align, Flow, Weight, MM};
use crate::model::DocumentContext;
use crate::{Document, DocumentKind};

const MAX_LOGO_HEIGHT: f32 = 28.0 * MM;

/// What the letterhead shows besides the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Letterhead {
    /// Logo strip, organisation, and the project when the context has one.
    Full,
    /// Only the organisation's name and address (documents that concern no project).
    OrganisationOnly,
}

/// The line at the foot of every page of a project's document: "Projekt współfinansowany ze
/// środków Unii Europejskiej w ramach programu …" (or, without EU funds, "realizowany w
/// ramach programu …"); none without a programme.
fn programme_line(project: &crate::model::ProjectHeader) -> Option<String> {
    let programme = project.programme.trim();
    if programme.is_empty() {
        return None;
    }
    Some(if project.eu_funded {
        format!(
            "Projekt współfinansowany ze środków Unii Europejskiej w ramach programu {programme}"
        )
    } else {
        format!("Projekt realizowany w ramach programu {programme}")
    })
}

/// Starts a document: the first page with its letterhead.
pub(crate) fn start(ctx: &DocumentContext, letterhead: Letterhead) -> Result<Flow> {
    let logo = match (&ctx.organisation.logo_strip, letterhead) {
        (Some(strip), Letterhead::Full) => Some(strip.encoded().map_err(FormsError::Logo)?),
        _ => None,
    };
    let mut flow = match logo {
        Some(image) => {
            let (w, h) = image.pixels;
            let aspect = h.max(1) as f32 / w.max(1) as f32;
            let width = CONTENT_WIDTH.min(MAX_LOGO_HEIGHT / aspect);
            Flow::with_running_image(image.xobject.clone(), image.pixels, width)
        }
        None => Flow::new(),
    };
    let org = &ctx.organisation;
    flow.paragraph(&org.name, style::ORGANISATION);
    let address = org.address_lines.join(" · ");
    if !address.is_empty() {
        flow.paragraph(&address, style::HEADER);
    }
    if let (Some(project), Letterhead::Full) = (&ctx.project, letterhead) {
        flow.gap(2.0);
        flow.paragraph(
            &format!("Projekt: {}", project.name),
            style::HEADER.with_weight(Weight::Bold),
        );
        if !project.agreement_number.is_empty() {
            flow.paragraph(
                &format!("Umowa o dofinansowanie nr {}", project.agreement_number),
                style::HEADER,
            );
        }
        if let Some(line) = programme_line(project) {
            flow.set_running_line(&line);
        }
    }
    flow.gap(2.0 * MM);
    let (x, w, y) = (flow.left(), flow.width(), flow.y());
    flow.page().rect(x, y, w, 0.8, Paint::Fill { grey: 0.0 });
    flow.advance(0.8);
    flow.gap(2.0 * MM);
    Ok(flow)
}

/// Finishes a document: footer on every page and its metadata; [`Document::to_pdf`] makes
/// the bytes.
pub(crate) fn finish(
    flow: Flow,
    ctx: &DocumentContext,
    kind: DocumentKind,
    footer: &str,
) -> Result<Document> {
    finish_titled(flow, ctx, kind.title(), footer)
}

/// [`finish`] for a document outside the register's kinds (a round's protocol or list).
pub(crate) fn finish_titled(
    flow: Flow,
    ctx: &DocumentContext,
    title: &str,
    footer: &str,
) -> Result<Document> {
    let laid = flow.finish(footer);
    // The subject names the organisation and project, never the person: file managers and
    // desktop search show and index PDF metadata.
    let subject = match &ctx.project {
        Some(p) => format!("{} — {}", ctx.organisation.name, p.name),
        None => ctx.organisation.name.clone(),
    };
    Ok(Document {
        laid,
        title: title.to_owned(),
        subject,
        created: ctx.generated_at.with_timezone(&Utc),
    })
}

/// A line under the title: "Wygenerowano 07.11.2026".
pub(crate) fn generated_line(flow: &mut Flow, ctx: &DocumentContext) {
    let text = format!(
        "Wygenerowano {}",
        crate::format::date(ctx.generated_at.date_naive())
    );
    let s = style::CAPTION;
    let lines = crate::layout::fonts::wrap(&text, s.weight, s.size, flow.width());
    flow.lines(&lines, s, 0.0, Align::Right);
}
