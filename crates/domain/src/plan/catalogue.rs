//! The service catalogue: what can be planned, and the unit it is counted in.

use super::*;

/// The unit a service is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Unit {
    Hour,
    Session,
    Visit,
    Trip,
    Day,
    Ticket,
    Event,
    Course,
}

pub const UNITS: [Unit; 8] = [
    Unit::Hour,
    Unit::Session,
    Unit::Visit,
    Unit::Trip,
    Unit::Day,
    Unit::Ticket,
    Unit::Event,
    Unit::Course,
];

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Hour => "hour",
            Unit::Session => "session",
            Unit::Visit => "visit",
            Unit::Trip => "trip",
            Unit::Day => "day",
            Unit::Ticket => "ticket",
            Unit::Event => "event",
            Unit::Course => "course",
        }
    }

    /// The unit's Polish name, as the catalogue shows it.
    pub fn polish(self) -> &'static str {
        match self {
            Unit::Hour => "godzina",
            Unit::Session => "sesja",
            Unit::Visit => "wizyta",
            Unit::Trip => "przejazd",
            Unit::Day => "dzień",
            Unit::Ticket => "bilet",
            Unit::Event => "wydarzenie",
            Unit::Course => "kurs",
        }
    }

    /// The form used after a number in "4 z 10 …" (genitive plural; "godz." for hours).
    pub fn after_number(self) -> &'static str {
        match self {
            Unit::Hour => "godz.",
            Unit::Session => "sesji",
            Unit::Visit => "wizyt",
            Unit::Trip => "przejazdów",
            Unit::Day => "dni",
            Unit::Ticket => "biletów",
            Unit::Event => "wydarzeń",
            Unit::Course => "kursów",
        }
    }

    /// Accepts the code or the Polish name, any case.
    pub fn parse(text: &str) -> Option<Unit> {
        let t = text.trim().to_lowercase();
        UNITS
            .into_iter()
            .find(|u| u.as_str() == t || u.polish() == t || u.after_number() == t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ServiceInput {
    /// Short code, unique in the catalogue (e.g. "TER-PSY").
    pub code: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
    /// hour, session, visit, trip, day, ticket, event or course (or the Polish name).
    pub unit: Option<String>,
    pub active: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceData {
    pub code: String,
    pub name: String,
    pub category: String,
    pub unit: Unit,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Service {
    #[ts(type = "string")]
    pub id: Id,
    #[serde(flatten)]
    pub data: ServiceData,
    pub unit_label: String,
}

impl ServiceInput {
    pub fn parse(&self) -> Result<ServiceData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let code = required(&mut errors, "code", "Kod usługi", &self.code);
        if let Some(c) = &code {
            if c.chars().count() > 20 || c.chars().any(char::is_whitespace) {
                errors.push("code", "Kod usługi: do 20 znaków, bez spacji (np. TER-PSY)");
            }
        }
        let name = required(&mut errors, "name", "Nazwa usługi", &self.name);
        let category = required(&mut errors, "category", "Kategoria usługi", &self.category);
        let unit = match required(&mut errors, "unit", "Jednostka", &self.unit) {
            Some(u) => match Unit::parse(&u) {
                Some(unit) => Some(unit),
                None => {
                    errors.push(
                        "unit",
                        "Jednostka: dozwolone godzina, sesja, wizyta, przejazd, dzień, bilet, wydarzenie, kurs",
                    );
                    None
                }
            },
            None => None,
        };
        errors.into_result(|| ServiceData {
            code: code.expect("checked").to_uppercase(),
            name: name.expect("checked"),
            category: category.expect("checked"),
            unit: unit.expect("checked"),
            active: self.active.unwrap_or(true),
        })
    }
}
