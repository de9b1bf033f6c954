//! A real encrypted store in a temp folder with a small project: people with Polish names,
//! one complete, one with gaps, one who refused to answer; deliveries written straight into
//! the plan tables (the plans API arrives separately).

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use kartoteka_domain::enrolment::{EnrolmentEndInput, EnrolmentInput};
use kartoteka_domain::participant::ParticipantInput;
use kartoteka_domain::project::ProjectInput;
use kartoteka_store::keyring::KdfCost;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{FixedClock, OpenOptions, Source, Store};
use std::sync::Arc;

pub const PASSWORD: &str = "haslo-testowe-1";

pub fn options() -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock(
            Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap(),
        )),
        kdf: KdfCost {
            m_cost: 256,
            t_cost: 1,
            p_cost: 1,
        },
    }
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub project: String,
    pub other_project: String,
    /// Łucja Wałęsa: every required field, ended participation, two services received.
    pub complete: String,
    pub complete_enrolment: String,
    /// Grzegorz Brzęczyszczykiewicz: no PESEL but a passport, no education, county or
    /// disability answer.
    pub gaps: String,
    /// Olena Kovalenko: a foreigner who refused to say whether she belongs to a minority.
    pub refused: String,
    /// Żaneta Ćwik: only in the other project.
    pub elsewhere: String,
}

pub fn participant(store: &mut Store, json: serde_json::Value) -> String {
    let input: ParticipantInput = serde_json::from_value(json).unwrap();
    store
        .add_participant(Source::Cli, &input, DuplicateCheck::Refuse)
        .unwrap()
        .to_string()
}

pub fn enrol(store: &mut Store, person: &str, project: &str, json: serde_json::Value) -> String {
    let input: EnrolmentInput = serde_json::from_value(json).unwrap();
    store
        .add_enrolment(Source::Cli, person, project, &input)
        .unwrap()
        .to_string()
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "Anna Pracownik", PASSWORD, options())
        .unwrap()
        .store;
    let project: ProjectInput = serde_json::from_value(serde_json::json!({
        "name": "Rodzina w centrum — Łódź", "start_date": "2026-01-01", "end_date": "2027-12-31"
    }))
    .unwrap();
    let project = store
        .add_project(Source::Cli, &project)
        .unwrap()
        .to_string();
    let other: ProjectInput = serde_json::from_value(serde_json::json!({
        "name": "Aktywni seniorzy", "start_date": "2026-01-01", "end_date": "2027-12-31"
    }))
    .unwrap();
    let other_project = store.add_project(Source::Cli, &other).unwrap().to_string();

    let complete = participant(
        &mut store,
        serde_json::json!({
            "first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624",
            "citizenship": "polskie", "education": "isced3", "labour_status": "inactive",
            "labour_substatus": "other",
            "phone": "+48 601 234 567", "email": "lucja@example.pl",
            "address": {"country": "Polska", "voivodeship": "łódzkie", "county": "Łódź",
                "commune": "Łódź", "town": "Łódź", "street": "Żeromskiego", "building": "5",
                "flat": "3", "postcode": "90-001", "degurba": 1},
            "disability": "nie", "foreign_origin": "nie", "third_country_national": "nie",
            "minority": "nie", "homeless": "tak",
            "accessibility_needs": "duża czcionka; asystent \"na miejscu\"\nużywa wózka"
        }),
    );
    let gaps = participant(
        &mut store,
        serde_json::json!({
            "first_name": "Grzegorz", "last_name": "Brzęczyszczykiewicz", "sex": "male",
            "birth_date": "1990-06-15", "no_pesel_reason": "nie nadano",
            "other_id": "paszport ZX1234567", "citizenship": "polskie",
            "address": {"voivodeship": "śląskie", "commune": "Chrząszczyrzewoszyce",
                "town": "Chrząszczyrzewoszyce", "postcode": "44-330", "degurba": 3},
            "foreign_origin": "nie", "third_country_national": "nie", "minority": "nie",
            "homeless": "nie"
        }),
    );
    let refused = participant(
        &mut store,
        serde_json::json!({
            "first_name": "Olena", "last_name": "Kovalenko", "sex": "female",
            "birth_date": "1985-03-12", "other_id": "karta pobytu RP123",
            "citizenship": "ukraińskie", "education": "isced5_8",
            "labour_status": "employed", "labour_substatus": "private_sector",
            "address": {"voivodeship": "mazowieckie", "county": "warszawski zachodni",
                "commune": "Łomianki", "town": "Łomianki", "postcode": "05-092", "degurba": 2},
            "disability": "nie", "foreign_origin": "tak", "third_country_national": "tak",
            "minority": "odmowa", "homeless": "nie"
        }),
    );
    let elsewhere = participant(
        &mut store,
        serde_json::json!({"first_name": "Żaneta", "last_name": "Ćwik", "sex": "female",
            "birth_date": "1950-01-01"}),
    );

    let complete_enrolment = enrol(
        &mut store,
        &complete,
        &project,
        serde_json::json!({"start_date": "2026-03-02", "status_at_start": "registered_unemployed"}),
    );
    let end: EnrolmentEndInput = serde_json::from_value(serde_json::json!({
        "end_date": "2026-10-30", "exit_situation": "employed",
        "completed_as_planned": true
    }))
    .unwrap();
    store
        .end_enrolment(Source::Cli, &complete_enrolment, &end)
        .unwrap();
    enrol(
        &mut store,
        &gaps,
        &project,
        serde_json::json!({"start_date": "2026-04-01"}),
    );
    enrol(
        &mut store,
        &refused,
        &project,
        serde_json::json!({"start_date": "2026-05-04", "status_at_start": "employed"}),
    );
    enrol(
        &mut store,
        &elsewhere,
        &other_project,
        serde_json::json!({"start_date": "2026-02-02"}),
    );

    // Two services for Łucja: therapy (absent once before the first session she attended)
    // and a parenting workshop.
    let now = "2026-11-22T10:00:00.000Z";
    store
        .execute_raw(&format!(
            "INSERT INTO services(id, code, name, category, unit, active, created_at, updated_at) VALUES
               ('019a0000-0000-7000-8000-0000000000a1', 'TEST-TER', 'Terapia psychologiczna', 'terapia', 'hour', 1, '{now}', '{now}'),
               ('019a0000-0000-7000-8000-0000000000a2', 'TEST-WAR', 'Warsztaty dla rodziców; grupa \"Żak\"', 'rodzina', 'session', 1, '{now}', '{now}');
             INSERT INTO plans(id, enrolment_id, version, replaces_id, status, data, created_at, updated_at)
               VALUES ('plan-1', '{complete_enrolment}', 1, NULL, 'signed', '{{}}', '{now}', '{now}');
             INSERT INTO planned_services(id, plan_id, goal_id, service_id, carried_from, position, data, created_at, updated_at) VALUES
               ('ps-1', 'plan-1', 'g1', '019a0000-0000-7000-8000-0000000000a1', NULL, 1, '{{}}', '{now}', '{now}'),
               ('ps-2', 'plan-1', 'g1', '019a0000-0000-7000-8000-0000000000a2', NULL, 2, '{{}}', '{now}', '{now}');
             INSERT INTO deliveries(id, planned_service_id, delivery_date, quantity_centi, attendance, data, created_at) VALUES
               ('d-1', 'ps-1', '2026-03-09', 100, 'absent_excused', '{{\"delivered_by\": \"Józef Nowak\"}}', '{now}'),
               ('d-2', 'ps-1', '2026-03-16', 150, 'present', '{{\"delivered_by\": \"Józef Nowak\", \"note\": \"pierwsza sesja; \\\"dobra\\\" współpraca\"}}', '{now}'),
               ('d-3', 'ps-2', '2026-04-20', 200, 'present', '{{}}', '{now}'),
               ('d-4', 'ps-1', '2026-03-23', 100, 'present', '{{}}', '{now}');"
        ))
        .unwrap();

    Fixture {
        dir,
        store,
        project,
        other_project,
        complete,
        complete_enrolment,
        gaps,
        refused,
        elsewhere,
    }
}

/// Parses semicolon CSV (quotes doubled inside quoted fields; CRLF or LF); strips a BOM.
pub fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => field.push(c),
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
        } else if c == '\r' && chars.peek() == Some(&'\n') {
        } else if c == '\n' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The row whose column `header` equals `value`, as (header → value).
pub fn row_where(
    rows: &[Vec<String>],
    header: &str,
    value: &str,
) -> std::collections::HashMap<String, String> {
    let headers = &rows[0];
    let col = headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {headers:?}"));
    let row = rows[1..]
        .iter()
        .find(|r| r[col] == value)
        .unwrap_or_else(|| panic!("no row with {header} = {value}"));
    headers.iter().cloned().zip(row.iter().cloned()).collect()
}
