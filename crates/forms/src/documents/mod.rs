//! One module per document. Each `render` lays the document out on a [`Flow`] between
//! `letterhead::start` and `letterhead::finish`; the blank version is the same layout with
//! every value empty and every box unticked.

pub mod attendance;
pub mod consent;
pub mod data_statement;
pub mod declaration;
pub mod enrolment;
pub mod exit_statement;
pub mod group_attendance;
pub mod image_consent;
pub mod plan;
pub mod record;
pub mod recovery_key;
pub mod recruitment;

use crate::layout::{style, Cell, Flow, Signature};
use crate::model::{DocumentContext, PersonRef};

/// The caption under the participant's signature line. A named guardian signs for a minor;
/// a blank form names both possibilities.
pub(crate) fn signer_caption(
    blank: bool,
    signatory: Option<&str>,
) -> (&'static str, Option<String>) {
    match (blank, signatory) {
        (true, _) => (
            "czytelny podpis uczestnika projektu (w przypadku osoby niepełnoletniej — rodzica lub opiekuna prawnego)",
            None,
        ),
        (false, Some(name)) => (
            "czytelny podpis rodzica lub opiekuna prawnego",
            Some(name.to_string()),
        ),
        (false, None) => ("czytelny podpis uczestnika projektu", None),
    }
}

/// The closing of a document: `statement` (what the signer confirms, check boxes) and under
/// it "miejscowość, data" and the signer's line, side by side — kept together on one page,
/// so a signature never stands alone on a page without what it signs.
pub(crate) fn closing(
    flow: &mut Flow,
    ctx: &DocumentContext,
    blank: bool,
    signatory: Option<&str>,
    statement: impl Fn(&mut Flow),
) {
    let (caption, name) = signer_caption(blank, signatory);
    flow.keep_together(|flow| {
        statement(flow);
        flow.signatures(&[
            Signature::place_and_date(ctx.place.as_deref()),
            Signature::signed_by(caption, name.as_deref()),
        ]);
    });
}

/// [`closing`] for a one-person statement.
pub(crate) fn sign_here(
    flow: &mut Flow,
    ctx: &DocumentContext,
    person: Option<&PersonRef>,
    statement: impl Fn(&mut Flow),
) {
    let signatory = person.and_then(|p| p.signatory.as_deref());
    closing(flow, ctx, person.is_none(), signatory, statement);
}

/// The person a statement is about: name and PESEL, with the guardian when one signs.
pub(crate) fn person_rows(flow: &mut Flow, person: Option<&PersonRef>) {
    person_rows_as(flow, person, "Imię i nazwisko uczestnika projektu");
}

/// [`person_rows`] with the name's own label (a social contract is made with a person, not a
/// project's participant).
pub(crate) fn person_rows_as(flow: &mut Flow, person: Option<&PersonRef>, label: &str) {
    let name = person.map(|p| p.full_name.clone()).unwrap_or_default();
    let pesel = person.and_then(|p| p.pesel.clone()).unwrap_or_default();
    flow.row(&[
        Cell::text(label, name).share(1.4),
        Cell::digits("PESEL", 11, &pesel),
    ]);
    if person.is_none_or(|p| p.signatory.is_some()) {
        let guardian = person.and_then(|p| p.signatory.clone()).unwrap_or_default();
        flow.row(&[Cell::text(
            "Imię i nazwisko rodzica lub opiekuna prawnego (w przypadku osoby niepełnoletniej)",
            guardian,
        )]);
    }
    flow.gap(3.0 * crate::layout::MM);
}

/// The office's box under a document handed in: "Data wpływu" and "Podpis osoby
/// przyjmującej", always empty (filled by hand when the paper comes in).
pub(crate) fn received_box(flow: &mut Flow) {
    flow.gap(4.0 * crate::layout::MM);
    flow.paragraph("Wypełnia realizator projektu", style::CAPTION);
    flow.row(&[
        Cell::text("Data wpływu", ""),
        Cell::text("Podpis osoby przyjmującej", "").share(1.6),
    ]);
}

/// The line "Wersja treści: v3" under a versioned text's title.
pub(crate) fn version_line(flow: &mut Flow, version: &str) {
    flow.paragraph(&format!("Wersja treści: {version}"), style::CAPTION);
}
