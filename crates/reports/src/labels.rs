//! Polish words for codes, as reports print them.

use kartoteka_domain::closed::ClosedList;
use kartoteka_domain::participant::ParticipantStatus;
use kartoteka_domain::plan::{Attendance, Unit};
use kartoteka_domain::values::{Answer, CodeList};
use kartoteka_domain::Sex;

/// A label as a spreadsheet cell starts it: with a capital letter ("Tak", "Kobieta").
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Yes / No / Refused: the domain's labels, capitalised ("Odmowa podania informacji").
pub fn answer(a: Answer) -> String {
    capitalised(a.polish())
}

pub fn yes_no(b: bool) -> String {
    answer(if b { Answer::Yes } else { Answer::No })
}

pub fn sex(s: Sex) -> String {
    capitalised(s.polish())
}

/// The Polish label of a code from one of the domain's code lists (the code itself if the
/// list does not know it, so nothing is lost).
pub fn code(list: &CodeList, code: &str) -> String {
    list.label_or_code(code).to_owned()
}

pub fn status(s: ParticipantStatus) -> &'static str {
    match s {
        ParticipantStatus::Active => "aktywny",
        ParticipantStatus::Archived => "zarchiwizowany",
        ParticipantStatus::Anonymised => "zanonimizowany",
    }
}

/// A service's unit, as the catalogue stores it (`hour`, `session`, …), in Polish.
pub fn unit(code: &str) -> String {
    coded::<Unit>(code)
}

/// A delivery's attendance (`present`, …), in Polish.
pub fn attendance(code: &str) -> String {
    coded::<Attendance>(code)
}

/// The Polish label of a closed list's code (the code itself if the list does not know it, so
/// nothing is lost).
fn coded<T: ClosedList>(code: &str) -> String {
    T::from_code(code).map_or_else(|| code.to_owned(), |v| v.polish().to_owned())
}
