//! How values are written on paper: dates as dd.mm.yyyy, months by their Polish names,
//! answers and sexes in Polish words.

use chrono::{Datelike, NaiveDate};
use kartoteka_domain::values::Answer;
use kartoteka_domain::Sex;

/// A date on paper: `dd.mm.yyyy`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// An optional date on paper, empty when unknown.
pub fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
];

/// A month as a sheet's heading names it: "listopad 2026". `None` for a month out of range.
pub fn month_year(year: i32, month: u32) -> Option<String> {
    let name = MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    Some(format!("{name} {year}"))
}

/// The month of a date, "listopad 2026".
pub fn month_of(d: NaiveDate) -> String {
    month_year(d.year(), d.month()).expect("a date's month is 1 to 12")
}

/// The three answers a sensitive question allows, in the order printed.
pub const ANSWERS: [&str; 3] = ["Tak", "Nie", "Odmowa podania informacji"];

/// The index of `answer` in [`ANSWERS`].
pub fn answer_index(answer: Answer) -> usize {
    match answer {
        Answer::Yes => 0,
        Answer::No => 1,
        Answer::Refused => 2,
    }
}

pub const SEXES: [&str; 2] = ["kobieta", "mężczyzna"];

pub fn sex_index(sex: Sex) -> usize {
    match sex {
        Sex::Female => 0,
        Sex::Male => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year_with_dots() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(date(d), "07.03.2026");
    }

    #[test]
    fn months_have_polish_names() {
        assert_eq!(month_year(2026, 11).as_deref(), Some("listopad 2026"));
        assert_eq!(month_year(2027, 1).as_deref(), Some("styczeń 2027"));
        assert_eq!(month_year(2027, 13), None);
        assert_eq!(month_year(2027, 0), None);
    }
}
