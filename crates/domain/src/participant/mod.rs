//! Participants: the people a centre supports.
//!
//! `ParticipantInput` is what a form or a JSON file carries (raw text, every field optional);
//! `ParticipantInput::parse` turns it into `ParticipantData`, whose fields are always valid, or
//! into a list of Polish field errors. `ParticipantData` serialises to the same keys as the
//! input, so a stored record can be shown, edited and re-parsed without a second shape.
//! The parsing itself (every field's rule and message) is in `parse.rs`.

use crate::fold;
use crate::pesel::{Pesel, Sex};
use crate::values::{
    parse_voivodeship, Answer, Email, PhoneNumber, PostalCode, DISABILITY_DEGREE, EDUCATION,
    LABOUR_STATUS, LABOUR_SUBSTATUS,
};
use crate::{Id, ValidationErrors};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod parse;

pub(crate) use parse::parse_code;
pub use parse::{parse_date, parse_optional_date};

/// An address as typed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct AddressInput {
    pub country: Option<String>,
    pub voivodeship: Option<String>,
    pub county: Option<String>,
    pub commune: Option<String>,
    pub town: Option<String>,
    pub street: Option<String>,
    pub building: Option<String>,
    pub flat: Option<String>,
    pub postcode: Option<String>,
    /// DEGURBA: 1 densely, 2 intermediate, 3 thinly populated area.
    pub degurba: Option<u8>,
}

/// A participant as typed in the form or given in JSON (`kartoteka participant add --json`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export, optional_fields)]
pub struct ParticipantInput {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub pesel: Option<String>,
    /// Why there is no PESEL (foreigner, not issued, …); used only without a PESEL.
    pub no_pesel_reason: Option<String>,
    /// Another identity document (passport, residence card) when there is no PESEL.
    pub other_id: Option<String>,
    /// "female" or "male"; read from the PESEL when left out.
    pub sex: Option<String>,
    /// "YYYY-MM-DD"; read from the PESEL when left out.
    pub birth_date: Option<String>,
    pub citizenship: Option<String>,
    pub address: Option<AddressInput>,
    pub correspondence_address: Option<AddressInput>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education: Option<String>,
    pub labour_status: Option<String>,
    pub labour_substatus: Option<String>,
    pub disability: Option<String>,
    pub disability_degree: Option<String>,
    pub foreign_origin: Option<String>,
    pub third_country_national: Option<String>,
    pub minority: Option<String>,
    pub homeless: Option<String>,
    pub other_disadvantage: Option<String>,
    pub accessibility_needs: Option<String>,
    pub notes: Option<String>,
}

/// A valid address. Every part is optional (a field visit may know only the town).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Address {
    pub country: Option<String>,
    pub voivodeship: Option<String>,
    pub county: Option<String>,
    pub commune: Option<String>,
    pub town: Option<String>,
    pub street: Option<String>,
    pub building: Option<String>,
    pub flat: Option<String>,
    #[ts(type = "string | null")]
    pub postcode: Option<PostalCode>,
    pub degurba: Option<u8>,
}

impl Address {
    /// One line for lists and printouts: "ul. Długa 5/3, 44-330 Jastrzębie-Zdrój".
    pub fn one_line(&self) -> String {
        let mut street = self.street.clone().unwrap_or_default();
        if let Some(b) = &self.building {
            street = format!("{street} {b}").trim().to_owned();
            if let Some(f) = &self.flat {
                street.push('/');
                street.push_str(f);
            }
        }
        let town = [
            self.postcode.as_ref().map(|p| p.as_str().to_owned()),
            self.town.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        [street, town]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A participant's data, always valid. Serialises to the keys of `ParticipantInput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParticipantData {
    pub first_name: String,
    pub last_name: String,
    #[ts(type = "string | null")]
    pub pesel: Option<Pesel>,
    pub no_pesel_reason: Option<String>,
    pub other_id: Option<String>,
    pub sex: Sex,
    #[ts(type = "string")]
    pub birth_date: NaiveDate,
    pub citizenship: Option<String>,
    pub address: Option<Address>,
    pub correspondence_address: Option<Address>,
    #[ts(type = "string | null")]
    pub phone: Option<PhoneNumber>,
    #[ts(type = "string | null")]
    pub email: Option<Email>,
    pub education: Option<String>,
    pub labour_status: Option<String>,
    pub labour_substatus: Option<String>,
    pub disability: Option<Answer>,
    pub disability_degree: Option<String>,
    pub foreign_origin: Option<Answer>,
    pub third_country_national: Option<Answer>,
    pub minority: Option<Answer>,
    pub homeless: Option<Answer>,
    pub other_disadvantage: Option<Answer>,
    pub accessibility_needs: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ParticipantStatus {
    Active,
    Archived,
    /// Personal data removed after the retention date; counts for reports remain.
    Anonymised,
}

impl ParticipantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantStatus::Active => "active",
            ParticipantStatus::Archived => "archived",
            ParticipantStatus::Anonymised => "anonymised",
        }
    }
    pub fn from_db(text: &str) -> ParticipantStatus {
        match text {
            "archived" => ParticipantStatus::Archived,
            "anonymised" => ParticipantStatus::Anonymised,
            _ => ParticipantStatus::Active,
        }
    }
}

/// A stored participant: what `participant show` prints and the detail view displays.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Participant {
    #[ts(type = "string")]
    pub id: Id,
    pub status: ParticipantStatus,
    #[serde(flatten)]
    pub data: ParticipantData,
    /// Full years of age today.
    pub age: u32,
    pub created_at: String,
    pub updated_at: String,
}

impl ParticipantData {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The folded name used to spot likely duplicates: "Łucja Wałęsa" → "lucja walesa".
    pub fn duplicate_key(&self) -> String {
        fold::fold(&format!("{} {}", self.first_name, self.last_name))
    }

    pub fn age_on(&self, day: NaiveDate) -> u32 {
        age_on(self.birth_date, day)
    }

    pub fn is_minor_on(&self, day: NaiveDate) -> bool {
        self.age_on(day) < 18
    }

    /// What is left after anonymisation: no names, identifiers, contact details, street
    /// address or free text; sex, birth year, area (voivodeship to town, DEGURBA), education,
    /// labour status and the statuses counted in reports stay.
    pub fn anonymised(&self) -> ParticipantData {
        let keep_area = |a: &Address| Address {
            country: a.country.clone(),
            voivodeship: a.voivodeship.clone(),
            county: a.county.clone(),
            commune: a.commune.clone(),
            town: a.town.clone(),
            street: None,
            building: None,
            flat: None,
            postcode: None,
            degurba: a.degurba,
        };
        ParticipantData {
            first_name: String::new(),
            last_name: String::new(),
            pesel: None,
            no_pesel_reason: None,
            other_id: None,
            birth_date: NaiveDate::from_ymd_opt(self.birth_date.year(), 1, 1)
                .unwrap_or(self.birth_date),
            address: self.address.as_ref().map(keep_area),
            correspondence_address: None,
            phone: None,
            email: None,
            accessibility_needs: None,
            notes: None,
            ..self.clone()
        }
    }

    /// The stored data as input, so an update can overlay only the keys the user sent.
    pub fn to_input_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("participant data always serialises")
    }
}

/// Full years between a birth date and a day.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    day.years_since(birth).unwrap_or(0)
}

/// Overlays the keys of `patch` on `base` (nested objects are overlaid too; `null` clears).
pub fn overlay(base: &mut serde_json::Value, patch: &serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                match b.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => overlay(existing, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn input(json: serde_json::Value) -> ParticipantInput {
        serde_json::from_value(json).unwrap()
    }

    fn fields_in_error(json: serde_json::Value) -> Vec<String> {
        input(json)
            .parse(today())
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_pesel_of_the_1800s_is_refused_like_a_typed_birth_date_before_1890() {
        let old = Pesel::generate(
            NaiveDate::from_ymd_opt(1885, 3, 1).unwrap(),
            123,
            Sex::Female,
        )
        .unwrap();
        let fields = fields_in_error(
            serde_json::json!({"first_name": "Anna", "last_name": "Stara", "pesel": old.as_string()}),
        );
        assert_eq!(fields, ["pesel"]);
        let fields = fields_in_error(
            serde_json::json!({"first_name": "Anna", "last_name": "Stara", "sex": "female", "birth_date": "1885-03-01"}),
        );
        assert_eq!(fields, ["birth_date"]);
    }

    #[test]
    fn the_labour_sub_status_must_fit_the_status() {
        let person = |status: Option<&str>, sub: &str| {
            let mut json = serde_json::json!({"first_name": "Anna", "last_name": "Nowak",
                "sex": "female", "birth_date": "1980-01-01", "labour_substatus": sub});
            if let Some(s) = status {
                json["labour_status"] = serde_json::json!(s);
            }
            json
        };
        assert_eq!(
            fields_in_error(person(Some("employed"), "long_term_unemployed")),
            ["labour_substatus"]
        );
        assert_eq!(fields_in_error(person(None, "other")), ["labour_substatus"]);
        for (status, sub) in [
            ("registered_unemployed", "long_term_unemployed"),
            ("inactive", "not_in_education"),
            ("employed", "self_employed"),
            ("employed", "other"),
        ] {
            input(person(Some(status), sub)).parse(today()).unwrap();
        }
    }

    #[test]
    fn every_text_field_has_a_limit_and_no_invisible_characters() {
        let long = "x".repeat(40_000);
        let fields = fields_in_error(
            serde_json::json!({"first_name": "Jan", "last_name": "Nowak",
            "sex": "male", "birth_date": "1980-01-01", "other_id": long, "no_pesel_reason": long,
            "citizenship": long, "address": {"country": long, "street": long}, "notes": "x".repeat(20_001)}),
        );
        for f in [
            "other_id",
            "no_pesel_reason",
            "citizenship",
            "address.country",
            "address.street",
            "notes",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        for (field, value) in [
            ("first_name", "Ja\u{200B}n"),
            ("last_name", "\u{202E}kawoN"),
            ("email", "jan\u{0}@example.com"),
            ("citizenship", "\u{FEFF}polskie"),
        ] {
            let mut json = serde_json::json!({"first_name": "Jan", "last_name": "Nowak", "sex": "male", "birth_date": "1980-01-01"});
            json[field] = value.into();
            assert_eq!(fields_in_error(json), [field], "{value:?}");
        }
        let mut json = serde_json::json!({"first_name": "Jan", "last_name": "Nowak", "sex": "male", "birth_date": "1980-01-01"});
        json["address"] = serde_json::json!({"town": "Zielona\u{200D}Góra"});
        assert_eq!(fields_in_error(json), ["address.town"]);
    }

    #[test]
    fn names_are_kept_in_one_spelling_and_notes_verbatim_without_nul() {
        let data = input(
            serde_json::json!({"first_name": "Łucja", "last_name": "We\u{328}grzyn",
            "sex": "female", "birth_date": "1980-01-01", "notes": "wizyta\n\n  domowa\u{0}"}),
        )
        .parse(today())
        .unwrap();
        assert_eq!(data.last_name, "Węgrzyn");
        assert_eq!(data.notes.as_deref(), Some("wizyta\n\n  domowa"));
    }

    #[test]
    fn birth_date_and_sex_come_from_the_pesel() {
        let data = input(serde_json::json!({"first_name": "Jan", "last_name": "Kowalski", "pesel": "44051401359"}))
            .parse(today())
            .unwrap();
        assert_eq!(data.sex, Sex::Male);
        assert_eq!(
            data.birth_date,
            NaiveDate::from_ymd_opt(1944, 5, 14).unwrap()
        );
        assert_eq!(data.age_on(today()), 82);
    }

    #[test]
    fn a_typed_sex_that_disagrees_with_the_pesel_is_an_error() {
        let err = input(
            serde_json::json!({"first_name": "Jan", "last_name": "Kowalski",
            "pesel": "44051401359", "sex": "female", "birth_date": "1944-05-15"}),
        )
        .parse(today())
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sex", "birth_date"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let err = input(
            serde_json::json!({"pesel": "123", "email": "x", "phone": "1",
            "address": {"postcode": "123", "voivodeship": "bawarskie", "degurba": 7}}),
        )
        .parse(today())
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "first_name",
            "last_name",
            "pesel",
            "email",
            "phone",
            "address.postcode",
            "address.voivodeship",
            "address.degurba",
        ] {
            assert!(fields.contains(&f), "{f} missing in {fields:?}");
        }
        assert!(err.0.iter().all(|e| !e.message.is_empty()));
    }

    #[test]
    fn without_a_pesel_birth_date_and_sex_are_required() {
        let err = input(serde_json::json!({"first_name": "Olena", "last_name": "Kovalenko"}))
            .parse(today())
            .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sex", "birth_date"]);
        let ok = input(
            serde_json::json!({"first_name": "Olena", "last_name": "Kovalenko",
            "sex": "female", "birth_date": "12.03.2015", "no_pesel_reason": "cudzoziemka",
            "other_id": "paszport FX123"}),
        )
        .parse(today())
        .unwrap();
        assert!(ok.is_minor_on(today()));
    }

    #[test]
    fn stored_data_reparses_to_itself() {
        let data = input(serde_json::json!({"first_name": "Łucja", "last_name": "Wałęsa",
            "pesel": "02270803624", "phone": "601 234 567", "email": "l@ops.pl", "disability": "tak",
            "disability_degree": "umiarkowany",
            "address": {"town": "Łódź", "postcode": "90001", "voivodeship": "lodzkie", "degurba": 1}}))
        .parse(today())
        .unwrap();
        let again: ParticipantInput = serde_json::from_value(data.to_input_json()).unwrap();
        assert_eq!(again.parse(today()).unwrap(), data);
        assert_eq!(data.duplicate_key(), "lucja walesa");
    }

    #[test]
    fn markup_in_a_name_is_kept_as_plain_text() {
        let data = input(
            serde_json::json!({"first_name": "<img src=x onerror=alert(1)>",
            "last_name": "Nowak", "sex": "male", "birth_date": "1990-01-01"}),
        )
        .parse(today())
        .unwrap();
        assert_eq!(data.first_name, "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn overlay_replaces_only_the_given_keys() {
        let mut base = serde_json::json!({"a": 1, "addr": {"town": "X", "street": "Y"}});
        overlay(
            &mut base,
            &serde_json::json!({"addr": {"town": "Z"}, "b": null}),
        );
        assert_eq!(
            base,
            serde_json::json!({"a": 1, "addr": {"town": "Z", "street": "Y"}, "b": null})
        );
    }
}
