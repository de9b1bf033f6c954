//! Forms of support in the CST2021 file on a real store: a service's own SM EFS naming wins,
//! two services named as one form are one entry with the first day, and the `|`-lists of
//! scope, kind, "w tym" and date stay in line even when two entries share a scope.

mod common;

use common::{fixture, parse_csv, row_where};
use kartoteka_domain::plan::ServiceInput;
use kartoteka_reports::cst2021::build;
use kartoteka_reports::{check_cst2021, export_cst2021, ColumnMap, Layout, ServiceForms, ValueMap};
use kartoteka_store::{Source, Store};

fn name(store: &mut Store, code: &str, scope: &str, kind: &str, detail: &str) {
    store
        .update_service(
            Source::Cli,
            code,
            &ServiceInput {
                sm_efs_scope: Some(scope.into()),
                sm_efs_kind: Some(kind.into()),
                sm_efs_detail: Some(detail.into()),
                ..Default::default()
            },
        )
        .unwrap();
}

fn lucja_row(f: &common::Fixture) -> std::collections::HashMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cst.csv");
    export_cst2021(&f.store, &f.project, Layout::Export, &out).unwrap();
    let rows = parse_csv(&std::fs::read_to_string(&out).unwrap(), ';');
    row_where(&rows, "Techniczny identyfikator uczestnika", &f.complete)
}

#[test]
fn the_lists_line_up_and_one_form_is_one_entry_with_its_first_day() {
    let mut f = fixture();
    // Two forms sharing a scope: the scope is written twice, in line with the kinds and dates.
    name(
        &mut f.store,
        "TEST-TER",
        "Aktywizacja społeczna",
        "Wsparcie psychologiczne",
        "indywidualne",
    );
    name(
        &mut f.store,
        "TEST-WAR",
        "Aktywizacja społeczna",
        "Wsparcie rodziny",
        "",
    );
    let lucja = lucja_row(&f);
    assert_eq!(
        lucja["Zakres wsparcia"],
        "Aktywizacja społeczna|Aktywizacja społeczna"
    );
    assert_eq!(
        lucja["Rodzaj przyznanego wsparcia"],
        "Wsparcie psychologiczne|Wsparcie rodziny"
    );
    assert_eq!(
        lucja["Data rozpoczęcia udziału we wsparciu"],
        "16.03.2026|20.04.2026"
    );

    // The same form for both services: one entry, the earlier first day.
    name(
        &mut f.store,
        "TEST-WAR",
        "Aktywizacja społeczna",
        "Wsparcie psychologiczne",
        "indywidualne",
    );
    let lucja = lucja_row(&f);
    assert_eq!(lucja["Zakres wsparcia"], "Aktywizacja społeczna");
    assert_eq!(
        lucja["Rodzaj przyznanego wsparcia"],
        "Wsparcie psychologiczne"
    );
    assert_eq!(lucja["Data rozpoczęcia udziału we wsparciu"], "16.03.2026");

    // A template may add the "w tym" of each support; a form without one keeps its place.
    name(
        &mut f.store,
        "TEST-WAR",
        "Usługi społeczne",
        "Wsparcie rodziny",
        "",
    );
    let template = format!(
        "{}\n[[column]]\nheader = \"w tym (wsparcie)\"\nfield = \"support.details\"\nrequired = \"never\"\n",
        kartoteka_reports::cst2021::EMBEDDED_COLUMNS
    );
    let report = build(
        &f.store,
        &f.project,
        &ColumnMap::parse(&template).unwrap(),
        &ValueMap::embedded().unwrap(),
        &ServiceForms::embedded().unwrap(),
    )
    .unwrap();
    let last = report.table.headers.len() - 1;
    let lucja = report
        .table
        .rows
        .iter()
        .find(|r| r.iter().any(|c| c.display() == f.complete))
        .unwrap();
    assert_eq!(lucja[last].display(), "indywidualne|");
    // Clearing the office's values brings back the category and name (no default for TEST-*).
    name(&mut f.store, "TEST-TER", "", "", "");
    let report = check_cst2021(&f.store, &f.project, Layout::Export).unwrap();
    assert!(report
        .incomplete
        .iter()
        .all(|p| p.participant_id != f.complete));
    assert_eq!(lucja_row(&f)["Zakres wsparcia"], "terapia|Usługi społeczne");
}

#[test]
fn every_seeded_service_has_a_default_form() {
    let f = fixture();
    let forms = ServiceForms::embedded().unwrap();
    let seeded: Vec<String> = f
        .store
        .services(true)
        .unwrap()
        .into_iter()
        .filter(|s| s.id.to_string().starts_with("00000000-0000-7000-8000-"))
        .map(|s| s.data.code)
        .collect();
    assert!(seeded.len() >= 35, "{seeded:?}");
    for code in seeded {
        assert!(
            forms.default_for(&code).is_some(),
            "{code} has no SM EFS default"
        );
    }
}
