//! "Deklaracja uczestnictwa w projekcie" — the participant declares voluntary participation,
//! eligibility and truthful data, and takes on the project's commitments.
//!
//! Invariants: the statements are fixed text of this module (they do not change between
//! projects the way consent texts do); the required attendance comes from the model and is
//! 80 % on the blank form.

use crate::error::Result;
use crate::layout::{style, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DeclarationSheet, DocumentContext};
use crate::Document;
use crate::DocumentKind;

const DEFAULT_ATTENDANCE: u8 = 80;

pub(crate) fn render(ctx: &DocumentContext, d: Option<&DeclarationSheet>) -> Result<Document> {
    let kind = DocumentKind::Declaration;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), None);
    super::person_rows(&mut flow, d.map(|d| &d.person));

    let project = ctx
        .project
        .as_ref()
        .map(|p| format!("„{}”", p.name))
        .unwrap_or_else(|| "wskazanym w nagłówku".to_string());
    flow.paragraph(
        &format!("Ja, niżej podpisana/podpisany, deklaruję udział w projekcie {project} i oświadczam, że:"),
        style::BODY,
    );
    flow.gap(2.0 * MM);
    // From revision 4 the declaration names the project's criteria.
    let criteria = ctx
        .project
        .as_ref()
        .filter(|p| ctx.revision >= 4 && !p.eligibility.is_empty())
        .map(|p| p.eligibility.join("; "));
    let statements = [
        "biorę udział w projekcie dobrowolnie;".to_string(),
        match criteria {
            Some(c) => format!(
                "spełniam kryteria kwalifikowalności uprawniające do udziału w projekcie: {c};"
            ),
            None => "spełniam kryteria kwalifikowalności uprawniające do udziału w projekcie;"
                .to_string(),
        },
        "zapoznałam/zapoznałem się z regulaminem projektu i akceptuję jego postanowienia;"
            .to_string(),
        "dane podane w formularzu zgłoszeniowym są zgodne z prawdą; jestem świadoma/świadomy \
         odpowiedzialności za składanie oświadczeń niezgodnych z prawdą."
            .to_string(),
    ];
    flow.list(&statements, style::BODY, |i| format!("{}.", i + 1));

    flow.gap(2.0 * MM);
    flow.paragraph("Jednocześnie zobowiązuję się do:", style::BODY);
    flow.gap(2.0 * MM);
    let attendance = d
        .map(|d| d.min_attendance_percent)
        .unwrap_or(DEFAULT_ATTENDANCE);
    let commitments = [
        format!(
            "udziału w co najmniej {attendance} % zaplanowanych dla mnie zajęć i form wsparcia;"
        ),
        "wypełniania ankiet i testów związanych z realizacją i ewaluacją projektu, także po \
         jego zakończeniu;"
            .to_string(),
        "niezwłocznego informowania realizatora projektu o zmianie moich danych osobowych \
         i kontaktowych oraz o zmianie sytuacji, która może mieć wpływ na udział w projekcie;"
            .to_string(),
        "przekazania realizatorowi projektu, w ciągu 4 tygodni od zakończenia udziału, \
         informacji o mojej sytuacji po opuszczeniu projektu;"
            .to_string(),
        "pisemnego powiadomienia realizatora projektu o rezygnacji z udziału w projekcie, \
         z podaniem jej przyczyny."
            .to_string(),
    ];
    flow.list(&commitments, style::BODY, |i| format!("{}.", i + 1));

    super::sign_here(&mut flow, ctx, d.map(|d| &d.person), |_| {});
    letterhead::finish(flow, ctx, kind, kind.title())
}
