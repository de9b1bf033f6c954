//! The group work of a seeded registry: a weekly group in the main project on the service most
//! of its people have in their plans (four sessions before the seed date, one or two absent
//! each time), and two community events in the other project.

use super::Rng;
use chrono::NaiveDate;
use kartoteka_domain::group::{EventInput, GroupInput, SessionInput};
use kartoteka_domain::plan::Unit;
use kartoteka_store::{Result, Source, Store};
use std::collections::HashMap;

/// Members of the seeded group.
const MEMBERS: usize = 12;
/// The seeded sessions: weekly, before the seed date (2026-01-15).
const SESSIONS: [&str; 4] = ["2025-12-04", "2025-12-11", "2025-12-18", "2026-01-08"];

/// What the seeded group work wrote: (groups, sessions, events).
pub(crate) fn seed_groups(
    store: &mut Store,
    main: &str,
    other: &str,
    seed: u64,
) -> Result<(usize, usize, usize)> {
    let mut rng = Rng::new(seed ^ 0x0067_726f_7570);
    let first = NaiveDate::from_ymd_opt(2025, 12, 4).expect("date");
    let last = NaiveDate::from_ymd_opt(2026, 1, 8).expect("date");
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    for e in store
        .enrolments_in_project(main)?
        .iter()
        .filter(|e| e.end.is_none())
        .take(200)
    {
        let person = e.participant_id.to_string();
        for s in store.deliverable_services(&person)? {
            // Groups meet for hours or sessions (not trips, tickets or events).
            let meets = matches!(s.unit, Unit::Hour | Unit::Session);
            if meets && s.start_date <= first && last <= s.end_date {
                holders
                    .entry(s.service_name.clone())
                    .or_default()
                    .push(person.clone());
            }
        }
    }
    let mut events = 0;
    let event = |title: &str, kind: &str, date: &str, headcount: u32| -> EventInput {
        serde_json::from_value(serde_json::json!({
            "date": date, "title": title, "kind": kind, "headcount": headcount}))
        .expect("a valid event")
    };
    for input in [
        event(
            "Spotkanie mieszkańców osiedla Zielonego",
            "meeting",
            "2025-11-20",
            38,
        ),
        event(
            "Wigilia sąsiedzka w świetlicy",
            "integration",
            "2025-12-19",
            64,
        ),
    ] {
        store.add_event(Source::Cli, other, &input)?;
        events += 1;
    }
    let Some((service_name, mut members)) = holders
        .into_iter()
        .max_by_key(|(name, people)| (people.len(), name.clone()))
    else {
        return Ok((0, 0, events));
    };
    members.sort();
    members.dedup();
    members.truncate(MEMBERS);
    let Some(service) = store
        .services(false)?
        .into_iter()
        .find(|s| s.data.name == service_name)
    else {
        return Ok((0, 0, events));
    };
    let group: GroupInput = serde_json::from_value(serde_json::json!({
        "name": format!("{} — grupa czwartkowa", service.data.name),
        "service": service.data.code,
        "specialist": "Marta Zielińska",
        "start_date": "2025-12-01",
        "end_date": "2026-06-30"
    }))
    .expect("a valid group");
    let group = store.add_group(Source::Cli, main, &group)?.to_string();
    for m in &members {
        store.join_group(Source::Cli, &group, m, Some(first))?;
    }
    const TOPICS: [&str; 4] = [
        "Poznajmy się — zasady pracy w grupie",
        "Emocje: jak je rozpoznawać i nazywać",
        "Komunikacja w rodzinie",
        "Plan na nowy rok — małe kroki",
    ];
    for (date, topic) in SESSIONS.iter().zip(TOPICS) {
        let present: Vec<String> = members
            .iter()
            .filter(|_| !rng.chance(12))
            .cloned()
            .collect();
        store.add_session(
            Source::Cli,
            &group,
            &SessionInput {
                date: Some((*date).into()),
                from: Some("16:00".into()),
                to: Some("17:30".into()),
                topic: Some(topic.into()),
                present: Some(present),
            },
        )?;
    }
    Ok((1, SESSIONS.len(), events))
}
