//! Reconciling the registry with SM EFS: a participant export downloaded from the central system
//! (CSV or XLSX) against the CST2021 file this program would write for the same project. Who is
//! only here, who is only there, and every column that differs, person by person.
//!
//! People are matched by "PESEL/Inny identyfikator" (PESEL, or the other identifier of a person
//! without one). Only the columns both files have are compared, except the system's own
//! bookkeeping (its technical id, who added the person). Values are compared as a person reads
//! them: spaces and letter case do not count, a date is the same in any of the usual forms, and
//! `|`-lists are compared item by item. Nothing is written.

use crate::table::Table;
use crate::ReportError;
use chrono::NaiveDate;
use kartoteka_store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The column people are matched by.
pub const KEY_COLUMN: &str = "PESEL/Inny identyfikator";
/// Columns that differ by nature between two systems and are never compared.
const NOT_COMPARED: [&str; 2] = [
    "Techniczny identyfikator uczestnika",
    "Użytkownik, który dodał uczestnika",
];

/// A person found in one file only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ComparedPerson {
    /// PESEL or the other identifier.
    pub key: String,
    /// "Surname First name" as that file has it.
    pub name: String,
    /// The person's row in that file (the header is row 1).
    pub row: usize,
}

/// One column whose values differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldDifference {
    pub column: String,
    /// What this registry would report.
    pub here: String,
    /// What the system holds.
    pub there: String,
}

/// A person in both files with the columns that differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PersonDifference {
    pub key: String,
    pub name: String,
    pub differences: Vec<FieldDifference>,
}

/// What `report cst2021 --compare` prints.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Cst2021Comparison {
    pub project_id: String,
    pub project_name: String,
    /// People in both files with the same values in every compared column.
    pub same: usize,
    pub only_here: Vec<ComparedPerson>,
    pub only_there: Vec<ComparedPerson>,
    pub different: Vec<PersonDifference>,
    /// The columns compared (both files have them).
    pub columns: Vec<String>,
}

/// Compares the project's CST2021 data with a file exported from SM EFS.
pub fn compare_cst2021(
    store: &Store,
    project_id: &str,
    export: &Path,
) -> Result<Cst2021Comparison, ReportError> {
    let theirs = read_table(export)?;
    let report = crate::check_cst2021(store, project_id, crate::Layout::Export)?;
    let ours = Sheet::of_table(&report.table);
    let mut comparison = compare(&ours, &theirs)?;
    comparison.project_id = report.project_id;
    comparison.project_name = report.project_name;
    Ok(comparison)
}

/// A table as text: headers and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    fn of_table(table: &Table) -> Sheet {
        Sheet {
            headers: table.headers.clone(),
            rows: table
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.display()).collect())
                .collect(),
        }
    }

    fn column(&self, header: &str) -> Option<usize> {
        let wanted = normalise_header(header);
        self.headers
            .iter()
            .position(|h| normalise_header(h) == wanted)
    }
}

fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{FEFF}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A value as a person reads it: trimmed, spaces folded, lower case, dates as ISO, lists item
/// by item.
fn normalise_value(v: &str) -> String {
    v.split('|')
        .map(|item| {
            let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
            let date = [
                "%d.%m.%Y",
                "%Y-%m-%d",
                "%d-%m-%Y",
                "%Y.%m.%d",
                "%Y-%m-%d %H:%M:%S",
            ]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(&item, f).ok());
            match date {
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => item.to_lowercase(),
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Compares two sheets (ours first) by the key column.
pub fn compare(ours: &Sheet, theirs: &Sheet) -> Result<Cst2021Comparison, ReportError> {
    let key_of = |sheet: &Sheet, which: &str| {
        sheet.column(KEY_COLUMN).ok_or_else(|| ReportError::Invalid {
            field: "compare",
            message: format!(
                "Plik z SM EFS: brak kolumny „{KEY_COLUMN}” w {which} — wybierz eksport uczestników projektu z SM EFS (plik CSV albo XLSX z nagłówkiem w pierwszym wierszu)."
            ),
        })
    };
    let our_key = key_of(ours, "tym pliku")?;
    let their_key = key_of(theirs, "pliku z systemu")?;
    let name = |sheet: &Sheet, row: &[String]| {
        let part = |h: &str| {
            sheet
                .column(h)
                .and_then(|i| row.get(i))
                .cloned()
                .unwrap_or_default()
        };
        format!("{} {}", part("Nazwisko"), part("Imię"))
            .trim()
            .to_owned()
    };
    let columns: Vec<(String, usize, usize)> = ours
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !NOT_COMPARED.contains(&h.as_str()) && h.as_str() != KEY_COLUMN)
        .filter_map(|(i, h)| theirs.column(h).map(|j| (h.clone(), i, j)))
        .collect();
    let key = |row: &[String], i: usize| {
        row.get(i)
            .map(|k| k.split_whitespace().collect::<String>().to_uppercase())
            .unwrap_or_default()
    };
    let mut there: BTreeMap<String, (usize, &Vec<String>)> = BTreeMap::new();
    for (n, row) in theirs.rows.iter().enumerate() {
        let k = key(row, their_key);
        if !k.is_empty() {
            there.entry(k).or_insert((n + 2, row));
        }
    }
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut comparison = Cst2021Comparison {
        project_id: String::new(),
        project_name: String::new(),
        same: 0,
        only_here: vec![],
        only_there: vec![],
        different: vec![],
        columns: columns.iter().map(|(h, _, _)| h.clone()).collect(),
    };
    for (n, row) in ours.rows.iter().enumerate() {
        let k = key(row, our_key);
        seen.insert(k.clone(), ());
        let Some((_, their_row)) = there.get(&k) else {
            comparison.only_here.push(ComparedPerson {
                key: row.get(our_key).cloned().unwrap_or_default(),
                name: name(ours, row),
                row: n + 2,
            });
            continue;
        };
        let differences: Vec<FieldDifference> = columns
            .iter()
            .filter_map(|(header, i, j)| {
                let here = row.get(*i).cloned().unwrap_or_default();
                let value = their_row.get(*j).cloned().unwrap_or_default();
                (normalise_value(&here) != normalise_value(&value)).then(|| FieldDifference {
                    column: header.clone(),
                    here,
                    there: value,
                })
            })
            .collect();
        if differences.is_empty() {
            comparison.same += 1;
        } else {
            comparison.different.push(PersonDifference {
                key: row.get(our_key).cloned().unwrap_or_default(),
                name: name(ours, row),
                differences,
            });
        }
    }
    for (k, (row_number, row)) in &there {
        if !seen.contains_key(k) {
            comparison.only_there.push(ComparedPerson {
                key: row.get(their_key).cloned().unwrap_or_default(),
                name: name(theirs, row),
                row: *row_number,
            });
        }
    }
    comparison.only_there.sort_by_key(|p| p.row);
    Ok(comparison)
}

/// Reads the first sheet of an XLSX file, or a CSV file (`;`, `,` or tab, with or without a
/// BOM, quoted fields with `""`).
pub fn read_table(path: &Path) -> Result<Sheet, ReportError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ReportError::Invalid {
        field: "compare",
        message: format!(
            "Plik z SM EFS ({}) nie daje się odczytać: {e}. Podaj eksport uczestników w formacie CSV albo XLSX.",
            path.display()
        ),
    }
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let mut rows: Vec<Vec<String>> = match extension.as_deref() {
        Some("xlsx") => read_xlsx(path).map_err(|e| unreadable(&e))?,
        Some("csv") | Some("txt") => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                unreadable(&"to nie jest tekst w UTF-8 (zapisz plik jako „CSV UTF-8”)")
            })?;
            parse_csv(text.trim_start_matches('\u{FEFF}'))
        }
        _ => {
            return Err(ReportError::Invalid {
                field: "compare",
                message: "Plik z SM EFS: podaj plik .csv albo .xlsx".into(),
            })
        }
    };
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    if rows.is_empty() {
        return Err(unreadable(&"plik jest pusty"));
    }
    let headers = rows.remove(0);
    Ok(Sheet { headers, rows })
}

fn read_xlsx(path: &Path) -> Result<Vec<Vec<String>>, String> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("w pliku nie ma arkusza")?
        .map_err(|e| e.to_string())?;
    Ok(range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::DateTime(d) => d
                        .as_datetime()
                        .map(|t| t.date().format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}

/// CSV as spreadsheets write it; the separator is the first of `;`, tab or `,` in the header.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let first_line = text.lines().next().unwrap_or("");
    let separator = [';', '\t', ',']
        .into_iter()
        .find(|s| first_line.contains(*s))
        .unwrap_or(';');
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == separator && !quoted => row.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    // A leading apostrophe guards a formula-like text in our CSV; it is not part of the value.
    for r in &mut rows {
        for f in r.iter_mut() {
            if f.starts_with('\'') {
                f.remove(0);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Sheet {
        let mut rows = parse_csv(text);
        let headers = rows.remove(0);
        Sheet { headers, rows }
    }

    #[test]
    fn csv_fields_keep_separators_quotes_and_line_breaks() {
        let rows = parse_csv("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";\"two\nlines\"\r\n");
        assert_eq!(rows[1], ["x;y", "say \"hi\"", "two\nlines"]);
        assert_eq!(parse_csv("a,b\n1,2\n")[1], ["1", "2"]);
    }

    #[test]
    fn people_are_matched_by_pesel_and_values_compared_as_a_person_reads_them() {
        let ours = sheet(
            "Imię;Nazwisko;PESEL/Inny identyfikator;Płeć;Data rozpoczęcia udziału w projekcie;Techniczny identyfikator uczestnika\n\
             Łucja;Wałęsa;02270803624;Kobieta;02.03.2026;ours-1\n\
             Jan;Nowak;80010112345;Mężczyzna;01.02.2026;ours-2\n\
             Ewa;Tylko-Tu;90010112345;Kobieta;01.02.2026;ours-3\n",
        );
        let theirs = sheet(
            "Imię,Nazwisko,PESEL/Inny identyfikator,Płeć,Data rozpoczęcia udziału w projekcie,Techniczny identyfikator uczestnika,Kolumna tylko w SM EFS\n\
             Łucja,Wałęsa,02270803624,kobieta,2026-03-02,SM-1,x\n\
             Jan,Nowak,80010112345,Mężczyzna,2026-02-03,SM-2,y\n\
             Adam,Tylko-Tam,70010112345,Mężczyzna,2026-01-01,SM-3,z\n",
        );
        let c = compare(&ours, &theirs).unwrap();
        assert_eq!(c.same, 1, "Łucja: case and date form do not count");
        assert_eq!(c.different.len(), 1);
        assert_eq!(c.different[0].name, "Nowak Jan");
        assert_eq!(
            c.different[0].differences,
            [FieldDifference {
                column: "Data rozpoczęcia udziału w projekcie".into(),
                here: "01.02.2026".into(),
                there: "2026-02-03".into(),
            }]
        );
        assert_eq!(c.only_here.len(), 1);
        assert_eq!(c.only_here[0].name, "Tylko-Tu Ewa");
        assert_eq!(c.only_there.len(), 1);
        assert_eq!(c.only_there[0].key, "70010112345");
        assert_eq!(c.only_there[0].row, 4);
        assert!(!c
            .columns
            .contains(&"Techniczny identyfikator uczestnika".to_owned()));
        assert!(!c.columns.contains(&"Kolumna tylko w SM EFS".to_owned()));
    }

    #[test]
    fn a_file_without_the_key_column_is_refused_with_what_to_do() {
        let ours = sheet("PESEL/Inny identyfikator\n1\n");
        let theirs = sheet("Imię;Nazwisko\nA;B\n");
        let err = compare(&ours, &theirs).unwrap_err().to_string();
        assert!(err.contains("PESEL/Inny identyfikator"), "{err}");
    }
}
