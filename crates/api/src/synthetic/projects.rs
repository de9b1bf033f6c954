//! The synthetic projects: EU-funded projects of a Mazovian centre, the first one the main
//! project of up to `MAIN_PROJECT_SIZE` people, the rest with places for 500.

use super::MAIN_PROJECT_SIZE;
use kartoteka_domain::project::{ProjectData, ProjectInput};

pub(super) fn project_data(i: usize) -> ProjectData {
    const NAMES: &[&str] = &[
        "Aktywni razem",
        "Rodzina w centrum",
        "Krok do pracy",
        "Wsparcie seniorów",
        "Łączy nas sąsiedztwo",
        "Świetlica na start",
        "Nowe kompetencje",
        "Pewny jutro",
    ];
    let name = if i < NAMES.len() {
        NAMES[i].to_owned()
    } else {
        format!("{} {}", NAMES[i % NAMES.len()], i / NAMES.len() + 1)
    };
    ProjectInput {
        name: Some(name),
        agreement_number: Some(format!("FEMA.07.{:02}-IP.01-{:04}/24", 1 + i % 9, 100 + i)),
        programme: Some("Fundusze Europejskie dla Mazowsza 2021–2027".into()),
        start_date: Some("2024-01-01".into()),
        end_date: Some("2026-12-31".into()),
        participant_target: Some(if i == 0 {
            MAIN_PROJECT_SIZE as u32
        } else {
            500
        }),
        target_groups: Some(vec![
            "osoby zagrożone ubóstwem lub wykluczeniem społecznym".into(),
            "otoczenie osób zagrożonych wykluczeniem".into(),
        ]),
        retention_until: Some("2031-12-31".into()),
        priority: Some("FEMA.07 Fundusze europejskie dla silnego społecznie Mazowsza".into()),
        measure: Some(format!("FEMA.07.{:02} Usługi społeczne", 1 + i % 9)),
        call_number: Some(format!("FEMA.07.{:02}-IP.01-001/23", 1 + i % 9)),
        eu_funds: Some(format!("{} 000,00", 2_400 + 100 * i)),
        state_budget: Some("285 000,00".into()),
        own_contribution: Some("150 000,00".into()),
        eligibility_criteria: Some(vec![
            "zamieszkuję na terenie województwa mazowieckiego w rozumieniu Kodeksu cywilnego".into(),
            "jestem osobą zagrożoną ubóstwem lub wykluczeniem społecznym albo osobą z jej otoczenia".into(),
            "korzystam ze świadczeń pomocy społecznej lub spełniam przesłanki z art. 7 ustawy o pomocy społecznej".into(),
        ]),
        attachments: None,
    }
    .parse()
    .expect("synthetic projects are valid")
}
