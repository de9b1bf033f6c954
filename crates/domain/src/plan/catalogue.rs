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
    /// How SM EFS names this form of support: "Zakres wsparcia", "Rodzaj przyznanego
    /// wsparcia" and its "w tym" (empty text clears them; the shipped defaults apply then).
    pub sm_efs_scope: Option<String>,
    pub sm_efs_kind: Option<String>,
    pub sm_efs_detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceData {
    pub code: String,
    pub name: String,
    pub category: String,
    pub unit: Unit,
    pub active: bool,
    /// The office's own SM EFS naming of this support (see [`SmEfsForm`]); none: the default.
    #[serde(default)]
    pub sm_efs_scope: Option<String>,
    #[serde(default)]
    pub sm_efs_kind: Option<String>,
    #[serde(default)]
    pub sm_efs_detail: Option<String>,
}

/// A form of support as the EU monitoring system (SM EFS, CST2021) names it: the columns
/// "Zakres wsparcia", "Rodzaj przyznanego wsparcia" and its "w tym". Several services of a
/// person that are one form are one entry of the participant file, with the first day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SmEfsForm {
    pub scope: String,
    pub kind: String,
    #[serde(default)]
    pub detail: Option<String>,
}

/// Longest SM EFS value the catalogue takes.
pub const SM_EFS_TEXT_MAX: usize = 200;

impl ServiceData {
    /// The office's own SM EFS form of this service, when it gave both scope and kind.
    pub fn own_sm_efs_form(&self) -> Option<SmEfsForm> {
        Some(SmEfsForm {
            scope: self.sm_efs_scope.clone()?,
            kind: self.sm_efs_kind.clone()?,
            detail: self.sm_efs_detail.clone(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Service {
    #[ts(type = "string")]
    pub id: Id,
    #[serde(flatten)]
    pub data: ServiceData,
    pub unit_label: String,
    /// The form SM EFS gets when the office gave none of its own (the shipped defaults of the
    /// seeded services); filled by the application, none from the store.
    pub sm_efs_default: Option<SmEfsForm>,
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
        let sm_efs =
            |errors: &mut ValidationErrors, field: &str, label: &str, v: &Option<String>| {
                crate::text::short_text(errors, field, label, v, SM_EFS_TEXT_MAX)
            };
        let sm_efs_scope = sm_efs(
            &mut errors,
            "sm_efs_scope",
            "Zakres wsparcia (SM EFS)",
            &self.sm_efs_scope,
        );
        let sm_efs_kind = sm_efs(
            &mut errors,
            "sm_efs_kind",
            "Rodzaj przyznanego wsparcia (SM EFS)",
            &self.sm_efs_kind,
        );
        let sm_efs_detail = sm_efs(
            &mut errors,
            "sm_efs_detail",
            "W tym (SM EFS)",
            &self.sm_efs_detail,
        );
        // A half-given form would be written beside the default's other half: both or neither.
        match (&sm_efs_scope, &sm_efs_kind) {
            (Some(_), None) => errors.push(
                "sm_efs_kind",
                "Rodzaj przyznanego wsparcia (SM EFS): podaj go razem z zakresem wsparcia",
            ),
            (None, Some(_)) => errors.push(
                "sm_efs_scope",
                "Zakres wsparcia (SM EFS): podaj go razem z rodzajem wsparcia",
            ),
            (None, None) if sm_efs_detail.is_some() => errors.push(
                "sm_efs_detail",
                "W tym (SM EFS): podaj najpierw zakres i rodzaj wsparcia",
            ),
            _ => {}
        }
        errors.into_result(|| ServiceData {
            code: code.expect("checked").to_uppercase(),
            name: name.expect("checked"),
            category: category.expect("checked"),
            unit: unit.expect("checked"),
            active: self.active.unwrap_or(true),
            sm_efs_scope,
            sm_efs_kind,
            sm_efs_detail,
        })
    }
}
