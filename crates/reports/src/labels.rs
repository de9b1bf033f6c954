//! Polish words for codes, as reports print them.

use kartoteka_domain::participant::ParticipantStatus;
use kartoteka_domain::values::{Answer, CodeList};
use kartoteka_domain::Sex;

/// Yes / No / Refused as the monitoring form spells them.
pub fn answer(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "Tak",
        Answer::No => "Nie",
        Answer::Refused => "Odmowa podania informacji",
    }
}

pub fn yes_no(b: bool) -> &'static str {
    if b {
        "Tak"
    } else {
        "Nie"
    }
}

pub fn sex(s: Sex) -> &'static str {
    match s {
        Sex::Female => "Kobieta",
        Sex::Male => "Mężczyzna",
    }
}

/// The Polish label of a code from one of the domain's code lists (the code itself if the
/// list does not know it, so nothing is lost).
pub fn code(list: &CodeList, code: &str) -> String {
    list.label(code).unwrap_or(code).to_owned()
}

pub fn status(s: ParticipantStatus) -> &'static str {
    match s {
        ParticipantStatus::Active => "aktywny",
        ParticipantStatus::Archived => "zarchiwizowany",
        ParticipantStatus::Anonymised => "zanonimizowany",
    }
}

/// A service's unit, as the catalogue stores it (`hour`, `session`, …).
pub fn unit(code: &str) -> String {
    match code {
        "hour" => "godzina",
        "session" => "sesja",
        "visit" => "wizyta",
        "trip" => "przejazd",
        "day" => "dzień",
        "ticket" => "bilet",
        "event" => "wydarzenie",
        "course" => "kurs",
        other => other,
    }
    .to_owned()
}

pub fn attendance(code: &str) -> String {
    match code {
        "present" => "obecność",
        "absent_excused" => "nieobecność usprawiedliwiona",
        "absent_unexcused" => "nieobecność nieusprawiedliwiona",
        other => other,
    }
    .to_owned()
}
