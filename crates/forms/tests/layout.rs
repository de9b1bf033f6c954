//! The layout layer on its own: text flows onto further pages, tables continue with their
//! header, nothing runs off a page, and the output is the same bytes every time.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use common::*;
use kartoteka_forms::layout::flow::BODY_BOTTOM;
use kartoteka_forms::layout::render::{render, DocumentInfo};
use kartoteka_forms::layout::{style, Column, Flow, Table};

const POLISH: [&str; 12] = [
    "źdźbło",
    "gęślą",
    "jaźń",
    "żółć",
    "Łódź",
    "Świętokrzyskie",
    "ćma",
    "Ńasz",
    "Ółówek",
    "Żabka",
    "ąkacz",
    "łęczyca",
];

fn info() -> DocumentInfo<'static> {
    DocumentInfo {
        title: "Próba układu",
        subject: "testy",
        created: DateTime::parse_from_rfc3339("2026-11-07T09:30:00Z")
            .unwrap()
            .with_timezone(&Utc),
    }
}

/// 3000 distinct words, each a Polish word with its number.
fn long_text() -> (String, Vec<String>) {
    let words: Vec<String> = (0..3000)
        .map(|i| format!("{}{i}", POLISH[i % POLISH.len()]))
        .collect();
    (words.join(" "), words)
}

fn counts(words: &[Word]) -> HashMap<&str, usize> {
    let mut map = HashMap::new();
    for w in words {
        *map.entry(w.text.as_str()).or_insert(0) += 1;
    }
    map
}

#[test]
fn a_long_text_flows_onto_the_next_pages_with_every_word_kept() {
    let (text, expected) = long_text();
    let mut flow = Flow::new();
    flow.title("Bardzo długi tekst", None);
    flow.paragraph(&text, style::BODY);
    let bytes = render(&flow.finish("Stopka próbna"), &info()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "long.pdf", &bytes);
    let pages = pages_of(&pdf);
    assert!(
        pages >= 4,
        "3000 words should need several pages, got {pages}"
    );
    let words = words_of(&pdf);
    let found = counts(&words);
    for word in &expected {
        assert_eq!(
            found.get(word.as_str()),
            Some(&1),
            "{word} is missing or doubled"
        );
    }
    for word in words.iter().filter(|w| expected.contains(&w.text)) {
        assert!(
            word.y_max <= BODY_BOTTOM + 0.5,
            "{word:?} runs below the bottom margin"
        );
    }
    let text = text_of(&pdf);
    assert!(text.contains(&format!("strona 1 z {pages}")));
    assert!(text.contains(&format!("strona {pages} z {pages}")));
}

#[test]
fn a_table_continues_on_the_next_page_with_its_header_repeated() {
    let mut table = Table::new(vec![
        Column::new("Lp.", 0.5),
        Column::new("Nagłówek kolumny", 3.0),
    ]);
    table.rows = (1..=120)
        .map(|i| vec![i.to_string(), format!("wiersz-{i} Żółw")])
        .collect();
    let mut flow = Flow::new();
    flow.table(&table);
    let bytes = render(&flow.finish("Tabela"), &info()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "table.pdf", &bytes);
    let pages = pages_of(&pdf);
    assert!(pages >= 2);
    let words = words_of(&pdf);
    for page in 1..=pages {
        assert!(
            words.iter().any(|w| w.page == page && w.text == "Nagłówek"),
            "no header on page {page}"
        );
    }
    let found = counts(&words);
    for i in 1..=120 {
        assert_eq!(found.get(format!("wiersz-{i}").as_str()), Some(&1));
    }
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn a_table_row_taller_than_a_page_is_split_without_losing_a_word() {
    let (text, expected) = long_text();
    let mut table = Table::new(vec![Column::new("Pole", 1.0), Column::new("Wartość", 3.0)]);
    table.rows = vec![
        vec!["krótki".into(), "wiersz".into()],
        vec!["długi".into(), text],
    ];
    let mut flow = Flow::new();
    flow.table(&table);
    let bytes = render(&flow.finish("Tabela"), &info()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "split.pdf", &bytes);
    assert!(pages_of(&pdf) >= 2);
    let words = words_of(&pdf);
    let found = counts(&words);
    for word in &expected {
        assert_eq!(
            found.get(word.as_str()),
            Some(&1),
            "{word} is missing or doubled"
        );
    }
    assert_nothing_below_the_margin(&pdf);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let render_once = || {
        let mut flow = Flow::new();
        flow.section("Sekcja");
        flow.paragraph("Zażółć gęślą jaźń.", style::BODY);
        render(&flow.finish("Stopka"), &info()).unwrap()
    };
    let first = render_once();
    assert_eq!(first, render_once());
    // The file identifier is derived from the content, not random.
    let text = String::from_utf8_lossy(&first);
    let trailer = &text[text.rfind("trailer").unwrap()..];
    assert!(
        !trailer.contains(&"00".repeat(16)),
        "the /ID placeholder was not replaced"
    );
}

#[test]
fn documents_that_differ_get_different_identifiers() {
    let render_text = |t: &str| {
        let mut flow = Flow::new();
        flow.paragraph(t, style::BODY);
        render(&flow.finish("Stopka"), &info()).unwrap()
    };
    let id = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).to_string();
        let at = text.rfind("/ID").unwrap();
        text[at..at + 80].to_string()
    };
    assert_ne!(id(&render_text("pierwszy")), id(&render_text("drugi")));
}
