//! "Klucz odzyskiwania Kartoteki" — the sheet with the installation's recovery key, printed
//! once and kept in the office safe.
//!
//! Invariants: the key is printed large in bold, in groups as given, in a box of its own,
//! wrapped only between groups where possible; no participant data appears on this sheet.

use crate::error::Result;
use crate::format::date;
use crate::layout::page::Paint;
use crate::layout::{style, Align, Flow, TextStyle, MM};
use crate::letterhead::{self, Letterhead};
use crate::model::{DocumentContext, RecoveryKeySheet};
use crate::Document;
use crate::DocumentKind;

const KEY: TextStyle = TextStyle::bold(14.0);

pub(crate) fn render(ctx: &DocumentContext, k: &RecoveryKeySheet) -> Result<Document> {
    let kind = DocumentKind::RecoveryKey;
    let mut flow = letterhead::start(ctx, Letterhead::OrganisationOnly)?;
    flow.title(kind.title(), None);
    flow.paragraph(
        "Ten klucz otwiera zaszyfrowaną bazę danych Kartoteki, gdy nikt nie pamięta hasła. \
         Kto ma ten arkusz i kopię danych, ma dostęp do danych wszystkich uczestników.",
        style::BODY,
    );
    flow.gap(5.0 * MM);
    flow.framed(5.0 * MM, |flow| key_box(flow, &k.key));
    flow.gap(5.0 * MM);
    flow.label_line("Data wydruku:", &date(ctx.generated_at.date_naive()));
    flow.label_line("Folder danych:", &k.data_folder);
    flow.label_line("Organizacja:", &ctx.organisation.name);

    flow.section("Jak przechowywać ten arkusz");
    let rules = [
        "Przechowuj arkusz w sejfie lub zamykanej szafie w biurze, osobno od komputera i kopii \
         zapasowych.",
        "Nie fotografuj go, nie skanuj i nie przepisuj klucza do komputera, telefonu ani \
         poczty e-mail.",
        "Klucz wpisuje się tylko w oknie „Odzyskiwanie dostępu” Kartoteki, aby ustawić nowe \
         hasło.",
        "Po użyciu klucza lub jeśli arkusz mógł trafić w niepowołane ręce, wygeneruj nowy klucz \
         w ustawieniach i zniszcz ten arkusz (niszczarka).",
        "Zapisz w rejestrze czynności przetwarzania, gdzie arkusz jest przechowywany i kto ma \
         do niego dostęp.",
    ];
    let rules: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
    flow.list(&rules, style::BODY, |i| format!("{}.", i + 1));
    letterhead::finish(flow, ctx, kind, kind.title())
}

/// The key in large bold type, one character per box (so 0 and O, 1 and I are easy to tell
/// apart and to copy by hand), its groups separated by dashes and centred; a line breaks
/// only between groups unless one group alone is wider than the box.
fn key_box(flow: &mut Flow, key: &str) {
    const SIDE: f32 = 19.0;
    const GAP: f32 = 12.0;
    flow.paragraph("Klucz odzyskiwania", style::CAPTION);
    flow.gap(2.0 * MM);
    let width = flow.width();
    let per_line = ((width / SIDE).floor() as usize).max(1);
    let mut groups: Vec<String> = Vec::new();
    for group in key.split(|c: char| c == '-' || c.is_whitespace()) {
        let chars: Vec<char> = group.chars().collect();
        groups.extend(chars.chunks(per_line).map(|c| c.iter().collect::<String>()));
    }
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut used = 0.0;
    for group in groups {
        let w = group.chars().count() as f32 * SIDE;
        match lines.last_mut() {
            Some(line) if used + GAP + w <= width => {
                line.push(group);
                used += GAP + w;
            }
            _ => {
                lines.push(vec![group]);
                used = w;
            }
        }
    }
    for line in lines {
        let chars: usize = line.iter().map(|g| g.chars().count()).sum();
        let line_width = chars as f32 * SIDE + GAP * (line.len() - 1) as f32;
        flow.ensure(SIDE + 6.0);
        let (mut x, top) = (flow.left() + (width - line_width) / 2.0, flow.y());
        let page = flow.page();
        let baseline = top + (SIDE + KEY.size * 0.72) / 2.0;
        page.begin_span(&line.join("-"));
        for (i, group) in line.iter().enumerate() {
            if i > 0 {
                page.text_in(x, GAP, baseline, "-", KEY, Align::Centre);
                x += GAP;
            }
            for c in group.chars() {
                page.rect(
                    x,
                    top,
                    SIDE,
                    SIDE,
                    Paint::Stroke {
                        width: 0.6,
                        grey: 0.4,
                    },
                );
                page.text_in(
                    x,
                    SIDE,
                    baseline,
                    c.encode_utf8(&mut [0; 4]),
                    KEY,
                    Align::Centre,
                );
                x += SIDE;
            }
        }
        page.end_span();
        flow.advance(SIDE + 6.0);
    }
}
