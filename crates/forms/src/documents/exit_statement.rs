//! "Oświadczenie uczestnika o sytuacji po zakończeniu udziału w projekcie" — what the person
//! tells the project within 4 weeks of leaving (work, job search, education, a qualification,
//! a better social situation). The answer feeds the project's result indicators and the
//! monitoring file's "Sytuacja osoby w momencie zakończenia udziału w projekcie".
//!
//! Invariants: the choices are the codes of `kartoteka_domain::values::EXIT_SITUATION`, each
//! worded here in the first person; the one recorded on the participation is ticked, none on
//! a blank form or before anything is recorded; the box for the office ("data wpływu / podpis
//! osoby przyjmującej") is always printed empty.

use crate::error::Result;
use crate::layout::{style, Cell, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DocumentContext, ExitStatementSheet};
use crate::Document;
use crate::DocumentKind;

/// Each situation of the closed list as the person declares it.
const CHOICES: [(&str, &str); 6] = [
    (
        "employed",
        "pracuję — podjęłam/podjąłem lub kontynuuję zatrudnienie albo prowadzę działalność na własny rachunek",
    ),
    ("job_searching", "poszukuję pracy"),
    ("in_education", "uczę się lub szkolę (kształcenie lub szkolenie)"),
    ("qualification", "uzyskałam/uzyskałem kwalifikacje (potwierdzone certyfikatem, dyplomem lub świadectwem)"),
    ("social_improved", "moja sytuacja społeczna uległa poprawie"),
    ("other", "inna sytuacja"),
];

pub(crate) fn render(ctx: &DocumentContext, s: Option<&ExitStatementSheet>) -> Result<Document> {
    let kind = DocumentKind::ExitStatement;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), None);
    let person = s.map(|s| &s.person);
    super::person_rows(&mut flow, person);
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_default()
    };
    flow.row(&[
        Cell::text(
            "Data rozpoczęcia udziału w projekcie",
            date(s.and_then(|s| s.start_date)),
        ),
        Cell::text(
            "Data zakończenia udziału w projekcie",
            date(s.and_then(|s| s.end_date)),
        ),
    ]);
    flow.gap(3.0 * MM);

    let project = ctx
        .project
        .as_ref()
        .map(|p| format!("„{}”", p.name))
        .unwrap_or_else(|| "wskazanego w nagłówku".to_string());
    flow.paragraph(
        &format!(
            "Ja, niżej podpisana/podpisany, oświadczam, że w ciągu 4 tygodni od zakończenia udziału w projekcie {project} moja sytuacja jest następująca (zaznacz właściwą odpowiedź):"
        ),
        style::BODY,
    );
    flow.gap(2.0 * MM);
    let recorded = s.and_then(|s| s.situation.as_deref());
    for (code, text) in CHOICES {
        flow.checkbox_statement(recorded == Some(code), text, style::BODY);
    }
    flow.gap(2.0 * MM);
    flow.paragraph(
        "Na potwierdzenie dołączam (jeśli dotyczy): kopię umowy o pracę lub zaświadczenie pracodawcy, zaświadczenie o wpisie działalności gospodarczej, zaświadczenie ze szkoły lub od organizatora szkolenia, kopię certyfikatu lub dyplomu, zaświadczenie z urzędu pracy.",
        style::CAPTION,
    );
    flow.gap(2.0 * MM);
    flow.paragraph(
        "Przyjmuję do wiadomości, że informacje te służą do obliczenia wskaźników rezultatu projektu i przekazania ich do systemu monitorowania (SM EFS) oraz mogą zostać sprawdzone przez instytucję kontrolującą projekt. Jestem świadoma/świadomy odpowiedzialności za składanie oświadczeń niezgodnych z prawdą.",
        style::BODY,
    );

    super::sign_here(&mut flow, ctx, person, |_| {});
    super::received_box(&mut flow);
    letterhead::finish(flow, ctx, kind, kind.title())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_situation_of_the_closed_list_is_worded_once() {
        let list = &kartoteka_domain::values::EXIT_SITUATION;
        assert_eq!(super::CHOICES.len(), list.0.len());
        for (code, _) in list.0 {
            assert_eq!(
                super::CHOICES.iter().filter(|(c, _)| c == code).count(),
                1,
                "{code}"
            );
        }
    }
}
