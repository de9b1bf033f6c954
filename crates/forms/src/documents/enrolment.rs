//! "Formularz zgłoszeniowy uczestnika projektu" — the enrolment form of an EU project.
//!
//! Invariants: the form prints every field the monitoring system wants (docs/domain.md,
//! "Paperwork"), in the same order filled or blank; closed lists (education, labour-market
//! status, disability degree) print every option from `kartoteka_domain::values`, so paper and
//! app offer the same choices; an unknown code is an error, never a silently empty box.

use kartoteka_domain::values::{
    Answer, CodeList, DISABILITY_DEGREE, EDUCATION, LABOUR_STATUS, LABOUR_SUBSTATUS,
};

use crate::error::{FormsError, Result};
use crate::format::{answer_index, date, sex_index, ANSWERS, SEXES};
use crate::layout::{style, Cell, Flow, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{AddressSheet, DocumentContext, ParticipantSheet};
use crate::Document;
use crate::DocumentKind;

const DEGURBA: [&str; 3] = [
    "1 — obszar gęsto zaludniony",
    "2 — obszar o średniej gęstości zaludnienia",
    "3 — obszar słabo zaludniony",
];

pub(crate) fn render(ctx: &DocumentContext, p: Option<&ParticipantSheet>) -> Result<Document> {
    let kind = DocumentKind::Enrolment;
    let mut flow = letterhead::start(ctx, Letterhead::Full)?;
    flow.title(kind.title(), None);

    identity(&mut flow, p)?;
    flow.section("II. Adres zamieszkania");
    address(&mut flow, p.map(|p| &p.address));
    contact(&mut flow, p);
    labour_market(&mut flow, p)?;
    social_situation(&mut flow, p)?;

    flow.section("VI. Potrzeby w zakresie dostępności");
    flow.row(&[Cell::text(
        "Specjalne potrzeby wynikające z niepełnosprawności lub sytuacji życiowej (np. duży druk, \
         tekst łatwy do czytania, asystent, dieta, opieka nad osobą zależną)",
        p.map(|p| p.accessibility_needs.clone()).unwrap_or_default(),
    )
    .lines(3)]);

    // From revision 4: what an audit asks of the form — the guardian's details, the project's
    // eligibility statements, the attachments and the day the form came in.
    let audit = ctx.revision >= 4;
    if audit {
        let mut next = Sections(7);
        guardian(&mut flow, p, &mut next);
        eligibility(&mut flow, ctx, &mut next);
        attachments(&mut flow, ctx, &mut next);
    }

    flow.gap(4.0 * MM);
    flow.keep_together(|flow| staff_box(flow, p, audit));

    let blank = p.is_none();
    super::closing(
        &mut flow,
        ctx,
        blank,
        p.and_then(|p| p.signatory.as_deref()),
        |flow| {
            flow.gap(4.0 * MM);
            flow.paragraph(
                "Oświadczam, że dane zawarte w niniejszym formularzu są zgodne z prawdą. Jestem \
             świadoma/świadomy odpowiedzialności za składanie oświadczeń niezgodnych z prawdą.",
                style::BODY,
            );
        },
    );

    letterhead::finish(flow, ctx, kind, kind.title())
}

fn identity(flow: &mut Flow, p: Option<&ParticipantSheet>) -> Result<()> {
    flow.section("I. Dane uczestnika projektu");
    let text = |f: fn(&ParticipantSheet) -> String| p.map(f).unwrap_or_default();
    flow.row(&[
        Cell::text("Imię (imiona)", text(|p| p.first_names.clone())),
        Cell::text("Nazwisko", text(|p| p.surname.clone())),
    ]);
    let no_pesel = p.map(|p| p.pesel.is_none());
    flow.row(&[
        Cell::digits("PESEL", 11, &text(|p| p.pesel.clone().unwrap_or_default())).share(1.1),
        Cell::choice(
            "Brak numeru PESEL",
            &["nie posiadam numeru PESEL"],
            tick(no_pesel == Some(true)),
        )
        .share(0.9),
    ]);
    flow.row(&[
        Cell::text(
            "Inny identyfikator (rodzaj i numer dokumentu) — tylko w przypadku braku numeru PESEL",
            text(|p| p.other_id.clone().unwrap_or_default()),
        )
        .share(2.0),
        Cell::choice("Płeć", &SEXES, p.map(|p| sex_index(p.sex))),
    ]);
    flow.row(&[
        Cell::text("Data urodzenia", text(|p| date(p.birth_date))),
        Cell::text(
            "Wiek w chwili przystąpienia do projektu",
            text(|p| p.age_on_joining.map(|a| a.to_string()).unwrap_or_default()),
        ),
        Cell::text("Obywatelstwo", text(|p| p.citizenship.clone())),
    ]);
    let education = code_index(
        &EDUCATION,
        p.and_then(|p| p.education.as_deref()),
        "wykształcenia",
    )?;
    flow.row(&[Cell::choice(
        "Wykształcenie",
        &labels(&EDUCATION),
        education,
    )]);
    Ok(())
}

fn address(flow: &mut Flow, a: Option<&AddressSheet>) {
    let text = |f: fn(&AddressSheet) -> String| a.map(f).unwrap_or_default();
    flow.row(&[
        Cell::text("Kraj", text(|a| a.country.clone())),
        Cell::text("Województwo", text(|a| a.voivodeship.clone())),
        Cell::text("Powiat", text(|a| a.county.clone())),
    ]);
    flow.row(&[
        Cell::text("Gmina", text(|a| a.commune.clone())),
        Cell::text("Miejscowość", text(|a| a.town.clone())),
        Cell::text("Kod pocztowy", text(|a| a.postcode.clone())),
    ]);
    flow.row(&[
        Cell::text("Ulica", text(|a| a.street.clone())).share(2.0),
        Cell::text("Nr budynku", text(|a| a.building.clone())).share(0.5),
        Cell::text("Nr lokalu", text(|a| a.flat.clone())).share(0.5),
    ]);
    let degurba = a
        .and_then(|a| a.degurba)
        .and_then(|d| usize::from(d).checked_sub(1));
    flow.row(&[Cell::choice(
        "Obszar według stopnia urbanizacji (DEGURBA)",
        &DEGURBA,
        degurba,
    )]);
}

fn contact(flow: &mut Flow, p: Option<&ParticipantSheet>) {
    flow.section("III. Adres do korespondencji i dane kontaktowe");
    let correspondence = match p {
        None => String::new(),
        Some(p) => match &p.correspondence_address {
            Some(a) => a.one_line(),
            None => "taki sam jak adres zamieszkania".to_string(),
        },
    };
    flow.row(&[Cell::text(
        "Adres do korespondencji (jeśli inny niż adres zamieszkania)",
        correspondence,
    )]);
    flow.row(&[
        Cell::text(
            "Telefon kontaktowy",
            p.map(|p| p.phone.clone()).unwrap_or_default(),
        ),
        Cell::text(
            "Adres e-mail",
            p.map(|p| p.email.clone()).unwrap_or_default(),
        ),
    ]);
}

fn labour_market(flow: &mut Flow, p: Option<&ParticipantSheet>) -> Result<()> {
    flow.section("IV. Status na rynku pracy w chwili przystąpienia do projektu");
    let status = code_index(
        &LABOUR_STATUS,
        p.and_then(|p| p.labour_status.as_deref()),
        "statusu na rynku pracy",
    )?;
    let substatus = code_index(
        &LABOUR_SUBSTATUS,
        p.and_then(|p| p.labour_substatus.as_deref()),
        "szczegółowego statusu na rynku pracy",
    )?;
    flow.row(&[Cell::choice("Status", &labels(&LABOUR_STATUS), status)]);
    flow.row(&[Cell::choice(
        "W tym (szczegółowy status)",
        &labels(&LABOUR_SUBSTATUS),
        substatus,
    )]);
    Ok(())
}

fn social_situation(flow: &mut Flow, p: Option<&ParticipantSheet>) -> Result<()> {
    flow.section("V. Sytuacja społeczna uczestnika w chwili przystąpienia do projektu");
    flow.paragraph(
        "Odpowiedź na poniższe pytania dotyczy danych szczególnie chronionych. Można odmówić \
         podania informacji.",
        style::LABEL,
    );
    flow.gap(1.5 * MM);
    let questions: [Question; 5] = [
        ("Osoba obcego pochodzenia", |p| p.foreign_origin),
        ("Osoba z państwa trzeciego", |p| p.third_country_national),
        (
            "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności \
             marginalizowane, np. Romowie)",
            |p| p.minority,
        ),
        (
            "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
            |p| p.homeless,
        ),
        ("Osoba z niepełnosprawnościami", |p| p.disability),
    ];
    for (question, answer) in questions {
        question_row(flow, question, p.and_then(answer));
    }
    let degree = code_index(
        &DISABILITY_DEGREE,
        p.and_then(|p| p.disability_degree.as_deref()),
        "stopnia niepełnosprawności",
    )?;
    flow.row(&[Cell::choice(
        "Jeśli tak — posiadane orzeczenie (stopień niepełnosprawności)",
        &labels(&DISABILITY_DEGREE),
        degree,
    )]);
    question_row(
        flow,
        "Osoba w innej niekorzystnej sytuacji społecznej",
        p.and_then(|p| p.other_disadvantage),
    );
    Ok(())
}

/// A yes / no / refused question and where its answer is in the sheet.
type Question = (&'static str, fn(&ParticipantSheet) -> Option<Answer>);

fn question_row(flow: &mut Flow, question: &str, answer: Option<Answer>) {
    flow.row(&[
        Cell::label(question).share(1.25),
        Cell::choice("", &ANSWERS, answer.map(answer_index)),
    ]);
}

/// Items the person attaches when the project names none.
const USUAL_ATTACHMENTS: [&str; 4] = [
    "orzeczenie o niepełnosprawności lub dokument równoważny (kopia)",
    "zaświadczenie z urzędu pracy o statusie osoby bezrobotnej",
    "zaświadczenie ze szkoły lub uczelni",
    "inne: …………………………………………………",
];

/// The numbers of the sections after VI, in the order they are printed (one left out leaves
/// no gap).
struct Sections(usize);

impl Sections {
    fn heading(&mut self, text: &str) -> String {
        const ROMAN: [&str; 5] = ["VII", "VIII", "IX", "X", "XI"];
        let n = ROMAN.get(self.0 - 7).copied().unwrap_or("");
        self.0 += 1;
        format!("{n}. {text}")
    }
}

/// A minor's parent or legal guardian: name, address and phone (printed empty on a blank form
/// to fill in by hand; left out for an adult).
fn guardian(flow: &mut Flow, p: Option<&ParticipantSheet>, next: &mut Sections) {
    if p.is_some_and(|p| p.signatory.is_none()) {
        return;
    }
    let g = p.and_then(|p| {
        p.guardian.clone().or_else(|| {
            p.signatory.clone().map(|name| crate::model::GuardianSheet {
                name,
                ..Default::default()
            })
        })
    });
    let g = g.unwrap_or_default();
    flow.section(
        &next.heading("Dane rodzica lub opiekuna prawnego (dotyczy osoby niepełnoletniej)"),
    );
    flow.row(&[
        Cell::text("Imię i nazwisko", g.name).share(1.3),
        Cell::text("Telefon kontaktowy", g.phone),
    ]);
    flow.row(&[Cell::text("Adres zamieszkania", g.address)]);
}

/// The project's eligibility criteria, each for the person to confirm.
fn eligibility(flow: &mut Flow, ctx: &DocumentContext, next: &mut Sections) {
    let criteria = ctx
        .project
        .as_ref()
        .map(|p| p.eligibility.as_slice())
        .unwrap_or_default();
    if criteria.is_empty() {
        return;
    }
    flow.section(&next.heading("Oświadczenia o spełnieniu kryteriów udziału w projekcie"));
    flow.paragraph(
        "Oświadczam, że (zaznacz każde, które Pani/Pana dotyczy):",
        style::BODY,
    );
    flow.gap(1.5 * MM);
    for c in criteria {
        flow.checkbox_statement(false, c, style::BODY);
    }
}

/// What the person attaches: the project's list, else the usual one.
fn attachments(flow: &mut Flow, ctx: &DocumentContext, next: &mut Sections) {
    let listed = ctx
        .project
        .as_ref()
        .map(|p| p.attachments.as_slice())
        .unwrap_or_default();
    flow.section(&next.heading("Załączniki do formularza"));
    let items: Vec<&str> = if listed.is_empty() {
        USUAL_ATTACHMENTS.to_vec()
    } else {
        listed.iter().map(String::as_str).collect()
    };
    for a in items {
        flow.checkbox_statement(false, a, style::BODY);
    }
}

fn staff_box(flow: &mut Flow, p: Option<&ParticipantSheet>, audit: bool) {
    flow.framed(6.0, |flow| {
        flow.paragraph("Wypełnia pracownik realizujący projekt", style::SECTION);
        flow.gap(1.5 * MM);
        if audit {
            flow.row(&[
                Cell::text("Data wpływu formularza", ""),
                Cell::text("Podpis osoby przyjmującej formularz", "").share(1.6),
            ]);
        }
        flow.row(&[
            Cell::text(
                "Data rozpoczęcia udziału w projekcie (data otrzymania pierwszej formy wsparcia)",
                p.and_then(|p| p.start_date).map(date).unwrap_or_default(),
            ),
            Cell::text(
                "Grupa docelowa",
                p.map(|p| p.target_group.clone()).unwrap_or_default(),
            ),
        ]);
        flow.row(&[
            Cell::text("Imię i nazwisko pracownika", ""),
            Cell::text("Podpis pracownika", ""),
        ]);
    });
}

fn labels(list: &CodeList) -> Vec<&'static str> {
    list.0.iter().map(|(_, label)| *label).collect()
}

fn tick(ticked: bool) -> Option<usize> {
    ticked.then_some(0)
}

/// Where `code` is in `list`: `None` when no code is given, an error for an unknown one.
fn code_index(list: &CodeList, code: Option<&str>, what: &str) -> Result<Option<usize>> {
    let Some(code) = code else { return Ok(None) };
    list.0
        .iter()
        .position(|(c, _)| *c == code)
        .map(Some)
        .ok_or_else(|| FormsError::Input(format!("nieznany kod {what}: „{code}”")))
}
