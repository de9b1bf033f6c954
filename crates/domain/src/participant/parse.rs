//! Parsing what a form or a JSON file carries into valid participant data, with a Polish
//! error per field.

use super::*;
use crate::text::{long_text, short_text, LINE_MAX, NAME_MAX, TEXT_MAX};

pub(super) fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A required name part: one line, NFC, nothing invisible, at most `NAME_MAX` characters.
pub(super) fn check_name(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> String {
    let before = errors.0.len();
    match short_text(errors, field, label, value, NAME_MAX) {
        None if errors.0.len() == before => {
            errors.push(field, format!("{label}: pole jest wymagane"));
            String::new()
        }
        v => v.unwrap_or_default(),
    }
}

/// No one born before this year is registered: typed birth dates and PESELs alike.
const EARLIEST_BIRTH_YEAR: i32 = 1890;

/// A date as people and scripts type it: "YYYY-MM-DD" or "DD.MM.RRRR".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

/// Parses an optional date field; `field` and `label` name it in the error.
pub fn parse_optional_date(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<NaiveDate> {
    let text = clean(value)?;
    match parse_date(&text) {
        Some(d) => Some(d),
        None => {
            errors.push(
                field,
                format!("{label}: niepoprawna data (oczekiwano RRRR-MM-DD lub DD.MM.RRRR)"),
            );
            None
        }
    }
}

pub(super) fn parse_answer(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<Answer> {
    let text = clean(value)?;
    match Answer::parse(&text) {
        Ok(a) => Some(a),
        Err(msg) => {
            errors.push(field, format!("{label}: {msg}"));
            None
        }
    }
}

pub(crate) fn parse_code(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    list: &crate::values::CodeList,
    value: &Option<String>,
) -> Option<String> {
    let text = clean(value)?;
    match list.parse(&text) {
        Some(code) => Some(code.to_owned()),
        None => {
            errors.push(
                field,
                format!("{label}: nieznana wartość (dozwolone: {})", list.codes()),
            );
            None
        }
    }
}

pub(super) fn parse_text(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Option<String> {
    long_text(errors, field, label, value, TEXT_MAX)
}

impl AddressInput {
    fn parse(&self, errors: &mut ValidationErrors, prefix: &str) -> Option<Address> {
        let f = |name: &str| format!("{prefix}.{name}");
        let postcode = clean(&self.postcode).and_then(|p| match PostalCode::parse(&p) {
            Ok(p) => Some(p),
            Err(msg) => {
                errors.push(f("postcode"), format!("Kod pocztowy: {msg}"));
                None
            }
        });
        let voivodeship = clean(&self.voivodeship).and_then(|v| match parse_voivodeship(&v) {
            Ok(v) => Some(v.to_owned()),
            Err(msg) => {
                errors.push(f("voivodeship"), format!("Województwo: {msg}"));
                None
            }
        });
        if let Some(d) = self.degurba {
            if !(1..=3).contains(&d) {
                errors.push(
                    f("degurba"),
                    "DEGURBA: dozwolone 1 (gęsto zaludniony), 2 (pośredni), 3 (słabo zaludniony)",
                );
            }
        }
        let mut line = |name: &str, label: &str, value: &Option<String>, max: usize| {
            short_text(errors, &f(name), label, value, max)
        };
        let country = line("country", "Kraj", &self.country, NAME_MAX);
        let county = line("county", "Powiat", &self.county, NAME_MAX);
        let commune = line("commune", "Gmina", &self.commune, NAME_MAX);
        let town = line("town", "Miejscowość", &self.town, NAME_MAX);
        let street = line("street", "Ulica", &self.street, LINE_MAX);
        let building = line("building", "Nr budynku", &self.building, 20);
        let flat = line("flat", "Nr lokalu", &self.flat, 20);
        let address = Address {
            country,
            voivodeship,
            county,
            commune,
            town,
            street,
            building,
            flat,
            postcode,
            degurba: self.degurba.filter(|d| (1..=3).contains(d)),
        };
        (address != Address::default()).then_some(address)
    }
}

impl ParticipantInput {
    /// Parses the whole input, reporting every bad field. `today` decides what a future birth
    /// date is.
    pub fn parse(&self, today: NaiveDate) -> Result<ParticipantData, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let first_name = check_name(&mut errors, "first_name", "Imię", &self.first_name);
        let last_name = check_name(&mut errors, "last_name", "Nazwisko", &self.last_name);

        let pesel = clean(&self.pesel).and_then(|p| match Pesel::parse(&p.replace(' ', "")) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push("pesel", e.message());
                None
            }
        });
        let pesel_typed_but_bad = clean(&self.pesel).is_some() && pesel.is_none();

        let typed_sex = clean(&self.sex).and_then(|s| match Sex::parse(&s) {
            Some(s) => Some(s),
            None => {
                errors.push(
                    "sex",
                    "Płeć: dozwolone wartości to female (kobieta) lub male (mężczyzna)",
                );
                None
            }
        });
        let typed_birth = parse_optional_date(
            &mut errors,
            "birth_date",
            "Data urodzenia",
            &self.birth_date,
        );
        if let Some(b) = typed_birth {
            if b > today {
                errors.push("birth_date", "Data urodzenia nie może być w przyszłości");
            } else if b.year() < EARLIEST_BIRTH_YEAR {
                errors.push(
                    "birth_date",
                    "Data urodzenia jest zbyt odległa — sprawdź rok",
                );
            }
        }

        let (sex, birth_date) = match pesel {
            Some(p) => {
                if typed_sex.is_some_and(|s| s != p.sex()) {
                    errors.push(
                        "sex",
                        format!(
                            "Płeć nie zgadza się z numerem PESEL (z PESEL wynika: {})",
                            p.sex().polish()
                        ),
                    );
                }
                if typed_birth.is_some_and(|b| b != p.birth_date()) {
                    errors.push(
                        "birth_date",
                        format!(
                            "Data urodzenia nie zgadza się z numerem PESEL (z PESEL wynika: {})",
                            p.birth_date().format("%d.%m.%Y")
                        ),
                    );
                }
                if p.birth_date() > today {
                    errors.push("pesel", "PESEL wskazuje datę urodzenia w przyszłości");
                } else if p.birth_date().year() < EARLIEST_BIRTH_YEAR {
                    // The same rule as for a typed birth date (a PESEL of the 1800s is
                    // valid as a number, but nobody born then is alive to be registered).
                    errors.push(
                        "pesel",
                        format!(
                            "PESEL wskazuje datę urodzenia {} — zbyt odległą; sprawdź numer",
                            p.birth_date().format("%d.%m.%Y")
                        ),
                    );
                }
                (Some(p.sex()), Some(p.birth_date()))
            }
            None => {
                if !pesel_typed_but_bad {
                    if typed_sex.is_none() && clean(&self.sex).is_none() {
                        errors.push(
                            "sex",
                            "Płeć: pole jest wymagane, gdy osoba nie ma numeru PESEL",
                        );
                    }
                    if typed_birth.is_none() && clean(&self.birth_date).is_none() {
                        errors.push(
                            "birth_date",
                            "Data urodzenia: pole jest wymagane, gdy osoba nie ma numeru PESEL",
                        );
                    }
                }
                (typed_sex, typed_birth)
            }
        };

        let phone = short_text(&mut errors, "phone", "Telefon", &self.phone, 40).and_then(|p| {
            match PhoneNumber::parse(&p) {
                Ok(p) => Some(p),
                Err(msg) => {
                    errors.push("phone", format!("Telefon: {msg}"));
                    None
                }
            }
        });
        let email =
            short_text(&mut errors, "email", "E-mail", &self.email, LINE_MAX).and_then(|e| {
                match Email::parse(&e) {
                    Ok(e) => Some(e),
                    Err(msg) => {
                        errors.push("email", format!("E-mail: {msg}"));
                        None
                    }
                }
            });
        let address = self
            .address
            .as_ref()
            .and_then(|a| a.parse(&mut errors, "address"));
        let correspondence_address = self
            .correspondence_address
            .as_ref()
            .and_then(|a| a.parse(&mut errors, "correspondence_address"));

        let education = parse_code(
            &mut errors,
            "education",
            "Wykształcenie",
            &EDUCATION,
            &self.education,
        );
        let labour_status = parse_code(
            &mut errors,
            "labour_status",
            "Status na rynku pracy",
            &LABOUR_STATUS,
            &self.labour_status,
        );
        let labour_substatus = parse_code(
            &mut errors,
            "labour_substatus",
            "Status szczegółowy",
            &LABOUR_SUBSTATUS,
            &self.labour_substatus,
        );
        match (&labour_status, &labour_substatus) {
            (None, Some(_)) => errors.push(
                "labour_substatus",
                "Status szczegółowy: najpierw wybierz status na rynku pracy",
            ),
            (Some(status), Some(sub)) if !crate::values::substatus_fits(status, sub) => {
                errors.push(
                    "labour_substatus",
                    "Status szczegółowy nie pasuje do statusu na rynku pracy (np. „osoba długotrwale bezrobotna” tylko dla osoby bezrobotnej) — wybierz inny albo „inne”",
                )
            }
            _ => {}
        }
        let disability = parse_answer(
            &mut errors,
            "disability",
            "Niepełnosprawność",
            &self.disability,
        );
        let disability_degree = parse_code(
            &mut errors,
            "disability_degree",
            "Stopień niepełnosprawności",
            &DISABILITY_DEGREE,
            &self.disability_degree,
        );
        if disability_degree.is_some() && disability != Some(Answer::Yes) {
            errors.push(
                "disability_degree",
                "Stopień niepełnosprawności podaje się tylko, gdy odpowiedź o niepełnosprawności to „tak”",
            );
        }
        let foreign_origin = parse_answer(
            &mut errors,
            "foreign_origin",
            "Obce pochodzenie",
            &self.foreign_origin,
        );
        let third_country_national = parse_answer(
            &mut errors,
            "third_country_national",
            "Obywatel państwa trzeciego",
            &self.third_country_national,
        );
        let minority = parse_answer(&mut errors, "minority", "Mniejszość", &self.minority);
        let homeless = parse_answer(&mut errors, "homeless", "Bezdomność", &self.homeless);
        let other_disadvantage = parse_answer(
            &mut errors,
            "other_disadvantage",
            "Inna niekorzystna sytuacja",
            &self.other_disadvantage,
        );
        let accessibility_needs = parse_text(
            &mut errors,
            "accessibility_needs",
            "Potrzeby dostępnościowe",
            &self.accessibility_needs,
        );
        let notes = parse_text(&mut errors, "notes", "Uwagi", &self.notes);
        let citizenship = short_text(
            &mut errors,
            "citizenship",
            "Obywatelstwo",
            &self.citizenship,
            NAME_MAX,
        );
        let no_pesel_reason = short_text(
            &mut errors,
            "no_pesel_reason",
            "Powód braku numeru PESEL",
            &self.no_pesel_reason,
            LINE_MAX,
        );
        let other_id = short_text(
            &mut errors,
            "other_id",
            "Inny identyfikator",
            &self.other_id,
            50,
        );
        let (no_pesel_reason, other_id) = if pesel.is_some() {
            (None, None)
        } else {
            (no_pesel_reason, other_id)
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ParticipantData {
            first_name,
            last_name,
            pesel,
            no_pesel_reason,
            other_id,
            sex: sex.expect("sex is checked above"),
            birth_date: birth_date.expect("birth date is checked above"),
            citizenship,
            address,
            correspondence_address,
            phone,
            email,
            education,
            labour_status,
            labour_substatus,
            disability,
            disability_degree,
            foreign_origin,
            third_country_national,
            minority,
            homeless,
            other_disadvantage,
            accessibility_needs,
            notes,
        })
    }
}
