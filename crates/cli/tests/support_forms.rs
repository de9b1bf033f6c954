//! SM EFS forms of support from the command line: `service list` gives each seeded service its
//! default naming, `service update` sets the office's own (both scope and kind, or exit 2), and
//! `report cst2021` writes one entry per form with its first day, the `|`-lists in line.

mod common;

use common::office::*;
use common::*;

/// The person's row of the CST2021 CSV, by header.
fn row_of(o: &Office, person: &str) -> std::collections::HashMap<String, String> {
    let file = o.dir.path().join("cst.csv");
    let _ = std::fs::remove_file(&file);
    ok(
        o.dir.path(),
        &[
            "report",
            "cst2021",
            "--project",
            &o.project,
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<Vec<String>> = text
        .trim_start_matches('\u{FEFF}')
        .trim_end()
        .split("\r\n")
        .map(|l| {
            l.split(';')
                .map(|c| c.trim_matches('"').to_owned())
                .collect()
        })
        .collect();
    let id_col = lines[0]
        .iter()
        .position(|h| h == "Techniczny identyfikator uczestnika")
        .unwrap();
    let row = lines[1..].iter().find(|r| r[id_col] == person).unwrap();
    lines[0].iter().cloned().zip(row.iter().cloned()).collect()
}

#[test]
fn forms_of_support_come_from_the_catalogue_one_entry_each_with_its_first_day() {
    let o = office();
    let dir = o.dir.path();
    let (_, v2) = signed_plan(&o, &o.person, true);
    // A first day of career advice, after the therapy's first day (04.05.2026).
    let plan = ok(dir, &["plan", "show", &v2], None);
    let advice = plan["goals"][1]["services"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        dir,
        &[
            "delivery",
            "add",
            "--planned-service",
            &advice,
            "--json",
            "-",
        ],
        Some(r#"{"date": "2026-06-15", "quantity": 1, "attendance": "present"}"#),
    );

    let services = ok(dir, &["service", "list"], None);
    let psy = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "TER-PSY")
        .unwrap();
    assert_eq!(psy["sm_efs_scope"], serde_json::Value::Null);
    assert_eq!(psy["sm_efs_default"]["scope"], "Aktywizacja społeczna");
    assert_eq!(psy["sm_efs_default"]["kind"], "Wsparcie psychologiczne");

    let row = row_of(&o, &o.person);
    assert_eq!(
        row["Zakres wsparcia"],
        "Aktywizacja społeczna|Aktywizacja zawodowa"
    );
    assert_eq!(
        row["Rodzaj przyznanego wsparcia"],
        "Wsparcie psychologiczne|Doradztwo zawodowe i pośrednictwo pracy"
    );
    assert_eq!(
        row["Data rozpoczęcia udziału we wsparciu"],
        "04.05.2026|15.06.2026"
    );

    // Half a naming is refused, naming the missing half; nothing changes.
    let err = fail(
        dir,
        &["service", "update", "PRA-DORAD", "--json", "-"],
        Some(r#"{"sm_efs_scope": "Aktywizacja społeczna"}"#),
        2,
    );
    assert!(err.contains("sm_efs_kind"), "{err}");
    // The office names career advice as the same form as the therapy: one entry, first day.
    let updated = ok(
        dir,
        &["service", "update", "PRA-DORAD", "--json", "-"],
        Some(
            r#"{"sm_efs_scope": "Aktywizacja społeczna", "sm_efs_kind": "Wsparcie psychologiczne", "sm_efs_detail": "indywidualne"}"#,
        ),
    );
    assert_eq!(updated["sm_efs_kind"], "Wsparcie psychologiczne");
    let row = row_of(&o, &o.person);
    assert_eq!(row["Zakres wsparcia"], "Aktywizacja społeczna");
    assert_eq!(
        row["Rodzaj przyznanego wsparcia"],
        "Wsparcie psychologiczne"
    );
    assert_eq!(row["Data rozpoczęcia udziału we wsparciu"], "04.05.2026");

    // Empty texts clear the office's naming: the default applies again.
    ok(
        dir,
        &["service", "update", "PRA-DORAD", "--json", "-"],
        Some(r#"{"sm_efs_scope": "", "sm_efs_kind": "", "sm_efs_detail": ""}"#),
    );
    let row = row_of(&o, &o.person);
    assert_eq!(
        row["Zakres wsparcia"],
        "Aktywizacja społeczna|Aktywizacja zawodowa"
    );
}
