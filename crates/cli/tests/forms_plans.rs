//! Support plans, attendance sheets and one-PDF batches printed from the command line, read
//! back with pdftotext and pdfinfo.

mod common;

use common::office::*;
use common::*;

#[test]
fn the_support_plan_prints_filled_and_blank_and_regenerates_identically() {
    let o = office();
    let (v1, v2) = signed_plan(&o, &o.person, false);
    let file = o.dir.path().join("plan.pdf");
    let printed = ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--participant",
            &o.person,
            "--project",
            &o.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&file);
    for expected in [
        "Indywidualny plan wsparcia",
        "Aneks nr 1 do planu z dnia 05.02.2026",
        "Łucja",
        "Żółkiewska-Wałęsa",
        "Agnieszka Wójcik",
        "Poprawa samopoczucia psychicznego",
        "Podjęcie zatrudnienia",
        "Terapia psychologiczna",
        "10 godz.",
        "6,5 godz.",
        "mgr Bożena Źrebięta",
        "Regularny udział w sesjach",
        "Nastrój się poprawił",
        "Łódź, 10.06.2026",
        "czytelny podpis uczestnika projektu",
        "strona 1 z",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 80_000, "a normal plan is {size} bytes");
    let doc = &printed["document"];
    assert_eq!(doc["kind"], "plan");
    assert_eq!(doc["project_id"], o.project.as_str());

    // The recorded plan renders again byte for byte.
    let again = o.dir.path().join("again.pdf");
    let regenerated = ok(
        o.dir.path(),
        &[
            "form",
            "regenerate",
            doc["id"].as_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(regenerated["sha256"], doc["sha256"]);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );

    // --plan picks a version: the first, superseded, is no amendment; the current is v2.
    let first = o.dir.path().join("v1.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--plan",
            &v1,
            "--out",
            first.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&first);
    assert!(
        !text.contains("Aneks") && text.contains("zastąpiony aneksem"),
        "{text}"
    );
    assert!(
        pdftotext(&file).contains("2 (podpisany)"),
        "current plan is {v2}"
    );

    // A plan of someone else is refused; someone without a plan is told to make one.
    let (code, _, _) = run_parts(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--participant",
            &o.child,
            "--plan",
            &v1,
            "--out",
            "x.pdf",
        ],
        None,
    );
    assert_eq!(code, 2);
    let (code, _, err) = run_parts(
        o.dir.path(),
        &["form", "plan", "--participant", &o.child, "--out", "x.pdf"],
        None,
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("planu wsparcia"), "{err}");

    let blank = o.dir.path().join("blank-plan.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "plan",
            "--blank",
            "--project",
            &o.project,
            "--out",
            blank.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&blank);
    assert!(!text.contains("Łucja"), "a blank plan holds nobody's data");
    for expected in [
        "Sfera psychiczna",
        "Umiejętności społeczne",
        "Cel 3",
        "Częstotliwość",
        "czytelny podpis",
        "strona 1 z",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the blank plan"
        );
    }
}

#[test]
fn the_attendance_sheet_lists_deliveries_of_a_catalogue_service_in_a_month() {
    let o = office();
    signed_plan(&o, &o.person, true);
    let file = o.dir.path().join("obecnosci.pdf");
    let printed = ok(
        o.dir.path(),
        &[
            "form",
            "attendance",
            "--project",
            &o.project,
            "--service",
            "TER-PSY",
            "--month",
            "2026-05",
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = pdftotext(&file);
    for expected in [
        "Terapia psychologiczna",
        "maj 2026",
        "Żółkiewska-Wałęsa",
        "04.05.2026",
        "11.05.2026",
        "18.05.2026",
        "1,5",
        "obecny",
        "usprawiedliwiony",
        "Podpis uczestnika",
        "10 godz.",
        "2,5 godz.",
        "mgr Bożena Źrebięta",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("01.06.2026"), "June is not May");
    // A sheet from the log regenerates identically too.
    let again = o.dir.path().join("again.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "regenerate",
            printed["document"]["id"].as_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // An unknown code is refused rather than printed as a name.
    let (code, _, _) = run_parts(
        o.dir.path(),
        &[
            "form",
            "attendance",
            "--project",
            &o.project,
            "--service",
            "TER-XYZ",
            "--month",
            "2026-05",
            "--out",
            "x.pdf",
        ],
        None,
    );
    assert_eq!(code, 2);
}

#[test]
fn a_batch_into_one_pdf_holds_every_persons_pages() {
    let o = office();
    let single = o.dir.path().join("one.pdf");
    ok(
        o.dir.path(),
        &[
            "form",
            "declaration",
            "--participant",
            &o.person,
            "--out",
            single.to_str().unwrap(),
        ],
        None,
    );
    let per_person = pdfinfo_pages(&single);
    let file = o.dir.path().join("wszystkie.pdf");
    let result = ok(
        o.dir.path(),
        &[
            "form",
            "batch",
            "declaration",
            "--project",
            &o.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(result["count"], 2);
    assert_eq!(pdfinfo_pages(&file), 2 * per_person);
    assert_eq!(result["pages"], 2 * per_person);
    let text = pdftotext(&file);
    assert!(text.contains("Żółkiewska-Wałęsa") && text.contains("Źdźbło"));
    assert_eq!(
        text.matches("strona 1 z").count(),
        2,
        "page numbers restart per person"
    );
    // Each person's document is in the register.
    let listed = ok(o.dir.path(), &["form", "list"], None);
    assert_eq!(listed.as_array().unwrap().len(), 3);

    // Plans: only people with a plan; the others are skipped.
    signed_plan(&o, &o.person, false);
    let plans = o.dir.path().join("plany.pdf");
    let result = ok(
        o.dir.path(),
        &[
            "form",
            "batch",
            "plan",
            "--project",
            &o.project,
            "--out",
            plans.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(result["count"], 1);
    assert_eq!(result["skipped"].as_array().unwrap().len(), 1);
    assert!(pdftotext(&plans).contains("Poprawa samopoczucia psychicznego"));
}
