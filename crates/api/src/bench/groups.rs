//! Group work in the benchmark: recording a session of 15 people (each present member's
//! delivery on their plan, in one transaction) and the month's attendance list PDF.

use super::{internal, measure, Row, Which};
use crate::app::App;
use crate::groups::AttendanceScope;
use kartoteka_domain::group::{GroupInput, SessionInput};
use std::collections::HashMap;

/// Members of the benchmark's group.
const MEMBERS: usize = 15;

pub(super) fn bench_sessions(
    app: &mut App,
    size: usize,
    project_id: &str,
    rows: &mut Vec<Row>,
) -> Result<(), crate::ApiError> {
    eprintln!("   zajęcia grupowe…");
    let today = app.today();
    let detail = app.project_detail(project_id)?;
    // The catalogue service most of the project's people have in a plan in force today: the
    // group's service, so most members get a delivery.
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    for e in detail
        .enrolments
        .iter()
        .filter(|e| e.end.is_none())
        .take(300)
    {
        let person = e.participant_id.to_string();
        for s in app.deliverable_services(&person)? {
            if s.start_date <= today && today <= s.end_date {
                holders
                    .entry(s.service_name.clone())
                    .or_default()
                    .push(person.clone());
            }
        }
    }
    let (service_name, mut members) = holders
        .into_iter()
        .max_by_key(|(_, people)| people.len())
        .unwrap_or_default();
    members.sort();
    members.dedup();
    for e in detail.enrolments.iter().filter(|e| e.end.is_none()) {
        if members.len() >= MEMBERS {
            break;
        }
        let id = e.participant_id.to_string();
        if !members.contains(&id) {
            members.push(id);
        }
    }
    members.truncate(MEMBERS);
    let service = app
        .services(false)?
        .into_iter()
        .find(|s| s.data.name == service_name)
        .map(|s| s.data.code)
        .unwrap_or_else(|| "TER-SOCJO".to_owned());
    let project = &detail.project.data;
    let group = app
        .group_add(
            project_id,
            &GroupInput {
                name: Some("Grupa do pomiarów".into()),
                service: Some(service),
                specialist: Some("Marta Zielińska".into()),
                start_date: Some(project.start_date.to_string()),
                end_date: Some(project.end_date.to_string()),
            },
        )?
        .id;
    let joined = project
        .start_date
        .max(today - chrono::Days::new(30))
        .to_string();
    for m in &members {
        app.group_join(&group, m, Some(&joined))?;
    }
    let mut minute = 0u32;
    let mut deliveries = 0;
    let record = measure(3, 20, || {
        minute += 1;
        let from = chrono::NaiveTime::from_hms_opt(8, 0, 0).expect("time")
            + chrono::Duration::minutes(i64::from(minute));
        let added = app.session_add(
            &group,
            &SessionInput {
                date: Some(today.to_string()),
                from: Some(from.format("%H:%M").to_string()),
                to: Some(
                    (from + chrono::Duration::minutes(90))
                        .format("%H:%M")
                        .to_string(),
                ),
                topic: Some("Zajęcia do pomiarów".into()),
                present: Some(members.clone()),
            },
        )?;
        deliveries = added.deliveries;
        Ok(())
    })?;
    let mut row = record.row(
        size,
        "record a group session (15 people)",
        "< 50 ms",
        Some((Which::P50, 50.0)),
    );
    row.extra = Some(format!("{deliveries} deliveries of {MEMBERS} present"));
    rows.push(row);

    let month = AttendanceScope::Month(today.format("%Y-%m").to_string());
    let mut bytes = 0;
    let pdf = measure(1, 10, || {
        bytes = app.group_attendance(&group, &month)?.len();
        Ok(())
    })
    .map_err(|e| internal(e.message))?;
    let mut row = pdf.row(
        size,
        "group attendance list PDF (23 sessions)",
        "< 200 ms",
        Some((Which::P50, 200.0)),
    );
    row.extra = Some(format!("{:.1} KB", bytes as f64 / 1024.0));
    rows.push(row);
    Ok(())
}
