//! The recruitment of a seeded registry: an open supplementary round in a project, with
//! candidates among the older people not taking part in it yet (so the list has qualified,
//! reserve and rejected candidates to look at).

use super::Rng;
use kartoteka_domain::recruitment::{CandidateInput, RecruitmentInput};
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Result, Source, Store};
use std::collections::{BTreeMap, HashSet};

/// The most candidates the seeded round gets.
const CANDIDATES: usize = 25;

/// What the seeded recruitment wrote: (rounds, candidates).
pub(crate) fn seed_recruitment(
    store: &mut Store,
    project: &str,
    seed: u64,
) -> Result<(usize, usize)> {
    let input: RecruitmentInput = serde_json::from_value(serde_json::json!({
        "name": "Nabór uzupełniający 2026",
        "opens": "2026-01-05",
        "closes": "2026-02-27",
        "places": 10,
        "reserve_places": 5,
        "criteria": [
            {"code": "wiek60", "label": "Wiek 60 lat lub więcej", "required": true},
            {"code": "gmina", "label": "Zamieszkanie na terenie gminy", "required": true},
            {"code": "niepelnosprawnosc", "label": "Orzeczenie o niepełnosprawności", "points": 5},
            {"code": "samotnie", "label": "Prowadzi jednoosobowe gospodarstwo domowe", "points": 3},
            {"code": "dochod", "label": "Dochód poniżej 150% kryterium z ustawy o pomocy społecznej", "points": 2}
        ]
    }))
    .expect("a valid round");
    let round = store
        .add_recruitment(Source::Cli, project, &input)?
        .to_string();
    let enrolled: HashSet<String> = store
        .enrolments_in_project(project)?
        .into_iter()
        .map(|e| e.participant_id.to_string())
        .collect();
    let page = store.participant_page(0, 1_000, false)?;
    let mut rng = Rng::new(seed ^ 0x7265_6b72);
    let mut added = 0;
    for person in page.rows.iter().filter(|p| !enrolled.contains(&p.id)) {
        if added == CANDIDATES {
            break;
        }
        if person.birth_date.as_str() > "1975-12-31" {
            continue;
        }
        // Most meet both required criteria; a few do not (too young, another commune).
        let criteria = BTreeMap::from([
            (
                "wiek60".to_owned(),
                person.birth_date.as_str() <= "1965-12-31",
            ),
            ("gmina".to_owned(), !rng.chance(8)),
            ("niepelnosprawnosc".to_owned(), rng.chance(30)),
            ("samotnie".to_owned(), rng.chance(35)),
            ("dochod".to_owned(), rng.chance(50)),
        ]);
        let day = 5 + added as u32;
        let input = CandidateInput {
            participant_id: Some(person.id.clone()),
            submitted_at: Some(format!(
                "2026-01-{day:02} {:02}:{:02}",
                8 + rng.below(8),
                rng.below(60)
            )),
            criteria: Some(criteria),
            attachments: Some(vec![
                "formularz zgłoszeniowy".into(),
                "oświadczenie o zamieszkaniu".into(),
            ]),
            ..CandidateInput::default()
        };
        store.add_candidate(Source::Cli, &round, &input, DuplicateCheck::Refuse)?;
        added += 1;
    }
    Ok((1, added))
}
