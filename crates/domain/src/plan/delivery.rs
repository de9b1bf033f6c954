//! A delivery logged on a planned service.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Attendance {
    Present,
    AbsentExcused,
    AbsentUnexcused,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::AbsentExcused => "absent_excused",
            Attendance::AbsentUnexcused => "absent_unexcused",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            Attendance::Present => "obecny",
            Attendance::AbsentExcused => "nieobecny (usprawiedliwiony)",
            Attendance::AbsentUnexcused => "nieobecny (nieusprawiedliwiony)",
        }
    }

    pub fn parse(text: &str) -> Option<Attendance> {
        let t = text.trim().to_lowercase();
        [
            Attendance::Present,
            Attendance::AbsentExcused,
            Attendance::AbsentUnexcused,
        ]
        .into_iter()
        .find(|a| a.as_str() == t || a.polish() == t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct DeliveryInput {
    /// "YYYY-MM-DD" (today when left out).
    pub date: Option<String>,
    /// How much, in the service's unit (e.g. 1.5 hours).
    pub quantity: Option<f64>,
    /// Who delivered it (the unlocking worker when left out).
    pub delivered_by: Option<String>,
    /// present (default), absent_excused, absent_unexcused.
    pub attendance: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeliveryData {
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub quantity_centi: i64,
    pub delivered_by: String,
    pub attendance: Attendance,
    pub note: Option<String>,
}

impl DeliveryInput {
    pub fn parse(&self, today: NaiveDate, worker: &str) -> Result<DeliveryData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date =
            crate::consent::consent_date(&mut errors, "date", "Data realizacji", &self.date, today);
        let quantity = quantity_centi(&mut errors, "quantity", "Ilość", self.quantity, true);
        let attendance = match clean(&self.attendance) {
            None => Attendance::Present,
            Some(a) => Attendance::parse(&a).unwrap_or_else(|| {
                errors.push(
                    "attendance",
                    "Obecność: dozwolone present, absent_excused, absent_unexcused",
                );
                Attendance::Present
            }),
        };
        if attendance == Attendance::Present && quantity == Some(0) {
            errors.push("quantity", "Ilość: przy obecności musi być większa od zera");
        }
        errors.into_result(|| DeliveryData {
            date: date.expect("checked"),
            quantity_centi: quantity.expect("checked"),
            delivered_by: clean(&self.delivered_by).unwrap_or_else(|| worker.to_owned()),
            attendance,
            note: clean(&self.note),
        })
    }
}
