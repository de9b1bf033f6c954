//! Renders every document, filled and blank, into a folder, and times the enrolment form.
//!
//! `cargo run --release -p kartoteka-forms --example render_all -- /tmp/forms`
//! Then look at them: `pdftoppm -r 60 -png /tmp/forms/enrolment.pdf /tmp/forms/enrolment`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use kartoteka_forms::*;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("/tmp/forms".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let ctx = common::context();
    let p = common::participant();
    let cold = Instant::now();
    enrolment_form(&ctx, Some(&p)).unwrap();
    println!(
        "first enrolment form in this process (fonts parsed, logo encoded): {:?}",
        cold.elapsed()
    );
    let gdpr = common::gdpr_template();
    let image = common::image_template();
    let consent = ImageConsentSheet {
        person: common::minor(),
        consent: Some(true),
        child_co_signs: false,
    };
    let declaration = DeclarationSheet {
        person: common::person(),
        min_attendance_percent: 80,
    };
    let docs: Vec<(&str, Vec<u8>)> = vec![
        ("enrolment", enrolment_form(&ctx, Some(&p)).unwrap()),
        ("enrolment-blank", enrolment_form(&ctx, None).unwrap()),
        (
            "declaration",
            participation_declaration(&ctx, Some(&declaration)).unwrap(),
        ),
        (
            "declaration-blank",
            participation_declaration(&ctx, None).unwrap(),
        ),
        (
            "data-statement",
            data_statement(&ctx, &gdpr, Some(&common::person())).unwrap(),
        ),
        (
            "data-statement-blank",
            data_statement(&ctx, &gdpr, None).unwrap(),
        ),
        (
            "image-consent",
            image_consent(&ctx, &image, Some(&consent)).unwrap(),
        ),
        (
            "image-consent-blank",
            image_consent(&ctx, &image, None).unwrap(),
        ),
        (
            "attendance",
            attendance_sheet(&ctx, Some(&common::attendance())).unwrap(),
        ),
        ("attendance-blank", attendance_sheet(&ctx, None).unwrap()),
        ("record", person_record(&ctx, &common::record()).unwrap()),
        (
            "recovery-key",
            recovery_key_sheet(&ctx, &common::recovery_key()).unwrap(),
        ),
    ];
    for (name, bytes) in &docs {
        common::write(&dir, &format!("{name}.pdf"), bytes);
        println!("{name:22} {:>7} B", bytes.len());
    }

    let started = Instant::now();
    let first = enrolment_form(&ctx, Some(&p)).unwrap();
    let rounds = 200;
    for _ in 0..rounds {
        let again = enrolment_form(&ctx, Some(&p)).unwrap();
        assert_eq!(again.len(), first.len());
    }
    let each = started.elapsed() / (rounds + 1);
    println!(
        "enrolment form: {each:?} each over {} runs, {} B",
        rounds + 1,
        first.len()
    );

    let mut plain = ctx.clone();
    plain.organisation.logo_strip = None;
    let started = Instant::now();
    for _ in 0..rounds {
        enrolment_form(&plain, Some(&p)).unwrap();
    }
    let each = started.elapsed() / rounds;
    println!("enrolment form without a logo strip: {each:?} each");

    let started = Instant::now();
    for _ in 0..rounds {
        let mut flow = kartoteka_forms::layout::Flow::new();
        flow.paragraph("Zażółć gęślą jaźń", kartoteka_forms::layout::style::BODY);
        flow.paragraph("Zażółć gęślą jaźń", kartoteka_forms::layout::style::SECTION);
        let info = kartoteka_forms::layout::render::DocumentInfo {
            title: "x",
            subject: "y",
            created: ctx.generated_at.to_utc(),
        };
        kartoteka_forms::layout::render::render(&flow.finish("x"), &info).unwrap();
    }
    let each = started.elapsed() / rounds;
    println!("one line in each face: {each:?} each");
}
