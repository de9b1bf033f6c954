//! Names of the files the window saves, in Polish and saying what they are:
//! `Formularz zgłoszeniowy – A.Z. – 2026-12-06.pdf` (the person's initials and the day, never a
//! PESEL or a name in full), in a subfolder per project (`Kartoteka/Aktywni razem 2026/`) so she
//! finds a project's paper in one place; a document of no project lies in the print folder
//! itself. A name already taken gets ` (2)`, ` (3)` …, so nothing printed earlier is
//! overwritten.

use crate::printing::{DocumentKind, DocumentRecord};
use crate::{ApiError, App};
use kartoteka_domain::plan::PlanKind;
use std::path::{Path, PathBuf};

/// The short Polish name of a kind of document, as a file name begins.
pub fn kind_label(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Enrolment => "Formularz zgłoszeniowy",
        DocumentKind::Declaration => "Deklaracja uczestnictwa",
        DocumentKind::DataStatement => "Oświadczenie RODO",
        DocumentKind::ImageConsent => "Zgoda na wizerunek",
        DocumentKind::Consent => "Zgoda",
        DocumentKind::Plan => "Plan wsparcia",
        DocumentKind::Attendance => "Lista obecności",
        DocumentKind::Record => "Zapis danych osoby",
        DocumentKind::RecoveryKey => "Klucz odzyskiwania",
        DocumentKind::ExitStatement => "Oświadczenie po zakończeniu udziału",
    }
}

/// "Łucja Żółkiewska-Nowak" → "Ł.Ż.N.": the first letter of the first given name and of each
/// part of the surname (the record holds "first last").
pub fn initials(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let first = words.next();
    let rest: Vec<&str> = words.collect();
    let parts = first
        .into_iter()
        .chain(rest.iter().flat_map(|w| w.split('-')))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic());
    parts.flat_map(|c| c.to_uppercase().chain(['.'])).collect()
}

/// A name that every system accepts as a file or folder name: characters Windows forbids
/// and control characters become spaces, runs of spaces one, no dot or space at the end, at
/// most 80 characters.
pub fn safe_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut name: String = words.join(" ").chars().take(80).collect();
    while name.ends_with(['.', ' ']) {
        name.pop();
    }
    name
}

/// `Formularz zgłoszeniowy – A.Z. – 2026-12-06.pdf`; a blank form says `pusty`.
pub fn document_file_name(kind: DocumentKind, person: Option<&str>, day: &str) -> String {
    named_file(kind_label(kind), person, day)
}

fn named_file(label: &str, person: Option<&str>, day: &str) -> String {
    let who = match person.map(initials).filter(|i| !i.is_empty()) {
        Some(initials) => initials,
        None => "pusty".to_owned(),
    };
    format!("{label} – {who} – {day}.pdf")
}

/// `path` if it is free, else the same name with ` (2)`, ` (3)` … before the extension.
pub fn unused(path: PathBuf) -> PathBuf {
    if !path.exists() {
        return path;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .expect("a free name")
}

impl App {
    /// Where a printed document is saved under the print folder `base`: the project's
    /// subfolder (if the document belongs to a project) and a free Polish name.
    pub fn document_path(&self, base: &Path, record: &DocumentRecord) -> Result<PathBuf, ApiError> {
        let kind = DocumentKind::parse(&record.kind)
            .ok_or_else(|| ApiError::invalid("kind", "Nieznany rodzaj dokumentu"))?;
        let folder = match &record.project_id {
            Some(id) => {
                let name = safe_name(&self.store.project(id)?.data.name);
                if name.is_empty() {
                    base.to_path_buf()
                } else {
                    base.join(name)
                }
            }
            None => base.to_path_buf(),
        };
        let day = record
            .generated_at
            .get(..10)
            .unwrap_or(&record.generated_at);
        // A plan of another kind is named as its title says ("Kontrakt socjalny – …").
        let label = match kind {
            DocumentKind::Plan => self
                .store
                .document_model(&record.id)?
                .pointer("/plan/kind")
                .and_then(|k| k.as_str())
                .and_then(PlanKind::parse)
                .filter(|k| *k != PlanKind::SupportPlan)
                .map_or(kind_label(kind), PlanKind::polish)
                .to_owned(),
            // Another consent is named by its text's title ("Zgoda na kontakt telefoniczny – …").
            DocumentKind::Consent => self
                .store
                .document_model(&record.id)?
                .pointer("/text/title")
                .and_then(|t| t.as_str())
                .map(safe_name)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| kind_label(kind).to_owned()),
            _ => kind_label(kind).to_owned(),
        };
        Ok(unused(folder.join(named_file(
            &label,
            record.participant_name.as_deref(),
            day,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_each_part_of_a_surname_and_keep_polish_letters() {
        assert_eq!(initials("Łucja Żółkiewska"), "Ł.Ż.");
        assert_eq!(initials("anna nowak-kowalska"), "A.N.K.");
        assert_eq!(initials("  Ewa   Ślusarczyk "), "E.Ś.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn a_file_name_says_what_the_document_is_whose_and_when() {
        assert_eq!(
            document_file_name(
                DocumentKind::Enrolment,
                Some("Anna Zielińska"),
                "2026-12-06"
            ),
            "Formularz zgłoszeniowy – A.Z. – 2026-12-06.pdf"
        );
        assert_eq!(
            document_file_name(DocumentKind::Declaration, None, "2026-12-06"),
            "Deklaracja uczestnictwa – pusty – 2026-12-06.pdf"
        );
    }

    #[test]
    fn folder_names_are_safe_on_windows() {
        assert_eq!(safe_name("Aktywni: razem / 2026?"), "Aktywni razem 2026");
        assert_eq!(safe_name("Projekt A. "), "Projekt A");
        assert_eq!(safe_name("a\u{0}b\nc"), "a b c");
        assert_eq!(safe_name(&"x".repeat(200)).len(), 80);
    }

    #[test]
    fn a_name_in_use_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("Plan wsparcia – A.Z. – 2026-12-06.pdf");
        assert_eq!(unused(first.clone()), first);
        std::fs::write(&first, b"x").unwrap();
        let second = unused(first.clone());
        assert_eq!(
            second.file_name().unwrap(),
            "Plan wsparcia – A.Z. – 2026-12-06 (2).pdf"
        );
        std::fs::write(&second, b"x").unwrap();
        assert!(unused(first).ends_with("Plan wsparcia – A.Z. – 2026-12-06 (3).pdf"));
    }
}
