//! The individual support plan: filled (an amendment, signed), blank for a field visit, a long
//! plan across pages, and several documents combined into one PDF.

mod common;

use common::*;
use kartoteka_forms::{combine, lay_out, support_plan, DocumentKind, Model, PlanServiceRow};

#[test]
fn a_signed_amendment_prints_goals_services_and_signatures() {
    let bytes = support_plan(&context(), Some(&plan())).unwrap();
    assert!(
        bytes.len() < 80_000,
        "a normal plan is {} bytes",
        bytes.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "plan.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Indywidualny plan wsparcia",
        "Aneks nr 1 do planu z dnia 05.02.2026",
        FULL_NAME,
        "Agnieszka Wójcik",
        "od 01.02.2026 do 31.12.2026",
        "Sfera psychiczna",
        "Umiejętności społeczne",
        "Poprawa samopoczucia psychicznego",
        "Terapia psychologiczna",
        "10 godz.",
        "2,5 godz.",
        "mgr Bożena Źrebięta",
        "raz w tygodniu",
        "Podjęcie zatrudnienia",
        "Zobowiązania uczestnika",
        "Nastrój się poprawił",
        "Ocena końcowa",
        "Łódź, 10.06.2026",
        "czytelny podpis uczestnika projektu",
        "czytelny podpis pracownika",
        "strona 1 z",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(digits.contains(PESEL));
    assert!(!text.contains("szkic"), "a signed plan is not a draft");
    assert_well_formed(&pdf, DocumentKind::Plan.title());
    assert_nothing_below_the_margin(&pdf);
    // Same model, same bytes.
    assert_eq!(bytes, support_plan(&context(), Some(&plan())).unwrap());
}

#[test]
fn a_draft_says_so_and_version_one_is_no_amendment() {
    let mut draft = plan();
    draft.version = 1;
    draft.amendment = None;
    draft.draft = true;
    draft.status = "szkic".into();
    draft.signing = None;
    let bytes = support_plan(&context(), Some(&draft)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "draft.pdf", &bytes);
    let text = text_of(&pdf);
    assert!(text.contains("Wersja robocza (szkic)"), "{text}");
    assert!(!text.contains("Aneks"), "{text}");
}

#[test]
fn the_blank_plan_has_every_area_with_five_boxes_and_room_for_goals() {
    let bytes = support_plan(&context(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "blank-plan.pdf", &bytes);
    let text = text_of(&pdf);
    for area in kartoteka_domain::plan::LIFE_AREAS {
        assert!(text.contains(area.polish()), "{} missing", area.polish());
    }
    for expected in [
        "Cel 1",
        "Cel 2",
        "Cel 3",
        "Usługa / działanie",
        "Częstotliwość",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert!(
        !text.contains(FULL_NAME),
        "a blank plan holds nobody's data"
    );
    assert!(text.contains("rodzica lub opiekuna prawnego"));
    assert_well_formed(&pdf, DocumentKind::Plan.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_long_plan_continues_on_the_next_pages_with_table_headers_repeated() {
    let mut long = plan();
    let goal = long.goals[0].clone();
    for i in 0..6 {
        let mut g = goal.clone();
        g.title = format!(
            "Cel dodatkowy {i}: {}",
            "wzmacnianie kompetencji rodzicielskich ".repeat(3)
        );
        g.services = (0..12)
            .map(|k| PlanServiceRow {
                service: format!("Usługa {k} — poradnictwo rodzinne"),
                quantity: format!("{k} sesji"),
                specialist: "Żaneta Ćwiek".into(),
                start_date: None,
                end_date: None,
                frequency: "co dwa tygodnie".into(),
            })
            .collect();
        long.goals.push(g);
    }
    long.problem_situation = "Trudna sytuacja mieszkaniowa i finansowa rodziny. ".repeat(40);
    let bytes = support_plan(&context(), Some(&long)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "long-plan.pdf", &bytes);
    let pages = pages_of(&pdf);
    assert!(pages >= 4, "{pages} pages");
    let words = words_of(&pdf);
    let headed: std::collections::BTreeSet<usize> = words
        .iter()
        .filter(|w| w.text == "Częstotliwość")
        .map(|w| w.page)
        .collect();
    assert!(headed.len() >= 3, "services tables on pages {headed:?}");
    // An EU project's programme is named at the foot of every page.
    let programme: std::collections::BTreeSet<usize> = words
        .iter()
        .filter(|w| w.text == "współfinansowany")
        .map(|w| w.page)
        .collect();
    assert_eq!(
        programme.len(),
        pages,
        "programme line on pages {programme:?}"
    );
    let text = text_of(&pdf);
    assert!(text.contains(
        "Projekt współfinansowany ze środków Unii Europejskiej w ramach programu Fundusze Europejskie dla Łódzkiego 2021–2027"
    ), "{text}");
    assert_well_formed(&pdf, DocumentKind::Plan.title());
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn documents_combined_into_one_file_keep_their_pages_and_page_numbers() {
    let ctx = context();
    let one = lay_out(&ctx, Model::Plan(Some(&plan()))).unwrap();
    let pages = one.page_count();
    let alone = one.to_pdf().unwrap();
    assert_eq!(alone, support_plan(&ctx, Some(&plan())).unwrap());
    let documents: Vec<_> = (0..3)
        .map(|_| lay_out(&ctx, Model::Plan(Some(&plan()))).unwrap())
        .collect();
    let bytes = combine(&documents).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "combined.pdf", &bytes);
    assert_eq!(pages_of(&pdf), 3 * pages);
    let text = text_of(&pdf);
    assert_eq!(
        text.matches("strona 1 z").count(),
        3,
        "numbers restart per document"
    );
    // One set of fonts and one logo for the whole file.
    assert!(
        bytes.len() < 2 * alone.len(),
        "{} vs {}",
        bytes.len(),
        alone.len()
    );
    assert!(combine(&[]).is_err());
}
