//! Small value types that can only hold valid values: postcodes, e-mail addresses, phone
//! numbers, voivodeships, DEGURBA, and the closed lists of the EU enrolment form.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A Polish postcode, NN-NNN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct PostalCode(String);

impl TryFrom<String> for PostalCode {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        PostalCode::parse(&text)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> String {
        value.0
    }
}

impl PostalCode {
    pub fn parse(text: &str) -> Result<PostalCode, &'static str> {
        let t = text.trim();
        let b = t.as_bytes();
        let ok = b.len() == 6
            && b[2] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit());
        if ok {
            Ok(PostalCode(t.to_owned()))
        } else if b.len() == 5 && b.iter().all(u8::is_ascii_digit) {
            Ok(PostalCode(format!("{}-{}", &t[..2], &t[2..])))
        } else {
            Err("kod pocztowy musi mieć postać NN-NNN, np. 00-950")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address: one @, a non-empty local part, a domain with a dot, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Email(String);

impl TryFrom<String> for Email {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Email::parse(&text)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> String {
        value.0
    }
}

impl Email {
    pub fn parse(text: &str) -> Result<Email, &'static str> {
        let t = text.trim();
        let mut parts = t.split('@');
        let (local, domain) = (parts.next().unwrap_or(""), parts.next());
        let ok = match domain {
            Some(domain) => {
                parts.next().is_none()
                    && !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !t.chars().any(char::is_whitespace)
                    && t.len() <= 254
            }
            None => false,
        };
        if ok {
            Ok(Email(t.to_owned()))
        } else {
            Err("adres e-mail jest niepoprawny (oczekiwano np. jan.kowalski@example.pl)")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as typed (spaces and dashes kept for readability), 9–15 digits, optional +.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct PhoneNumber(String);

impl TryFrom<String> for PhoneNumber {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&text)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> String {
        value.0
    }
}

impl PhoneNumber {
    pub fn parse(text: &str) -> Result<PhoneNumber, &'static str> {
        let t = text.trim();
        let allowed = t
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (i == 0 && c == '+'));
        let digits = t.chars().filter(char::is_ascii_digit).count();
        if allowed && (9..=15).contains(&digits) {
            Ok(PhoneNumber(t.to_owned()))
        } else {
            Err("numer telefonu musi mieć od 9 do 15 cyfr (dozwolone spacje, myślniki i + na początku)")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 16 voivodeships, spelled as on official forms (lower case).
pub const VOIVODESHIPS: [&str; 16] = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
];

/// Finds the voivodeship a user meant, ignoring case and diacritics ("slaskie" → "śląskie").
pub fn parse_voivodeship(text: &str) -> Result<&'static str, &'static str> {
    let wanted = crate::fold::fold(text).replace(' ', "-");
    VOIVODESHIPS
        .iter()
        .find(|v| crate::fold::fold(v).replace(' ', "-") == wanted)
        .copied()
        .ok_or("nieznane województwo — wybierz jedno z 16 województw")
}

/// Yes / No / Refused to answer — the EU form's answer for each sensitive status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Answer {
    Yes,
    No,
    Refused,
}

impl Answer {
    pub fn parse(text: &str) -> Result<Answer, &'static str> {
        match crate::fold::fold(text).as_str() {
            "yes" | "tak" => Ok(Answer::Yes),
            "no" | "nie" => Ok(Answer::No),
            "refused" | "odmowa" | "odmowa podania informacji" => Ok(Answer::Refused),
            _ => Err("dozwolone odpowiedzi: tak, nie, odmowa podania informacji"),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Refused => "refused",
        }
    }
    pub fn polish(self) -> &'static str {
        match self {
            Answer::Yes => "tak",
            Answer::No => "nie",
            Answer::Refused => "odmowa podania informacji",
        }
    }
}

/// A closed list of codes with Polish labels, parsed from either.
pub struct CodeList(pub &'static [(&'static str, &'static str)]);

impl CodeList {
    pub fn parse(&self, text: &str) -> Option<&'static str> {
        let f = crate::fold::fold(text);
        self.0
            .iter()
            .find(|(code, label)| crate::fold::fold(code) == f || crate::fold::fold(label) == f)
            .map(|(code, _)| *code)
    }
    pub fn label(&self, code: &str) -> Option<&'static str> {
        self.0.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
    }
    /// The label of `code`, or the code itself when the list does not know it (a value stored
    /// before the list existed is shown as it was typed, never lost).
    pub fn label_or_code<'a>(&self, code: &'a str) -> &'a str {
        self.label(code).unwrap_or(code)
    }
    pub fn codes(&self) -> String {
        self.0
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Education levels as the EU monitoring data groups them (ISCED).
pub const EDUCATION: CodeList = CodeList(&[
    ("isced0", "niższe niż podstawowe (ISCED 0)"),
    ("isced1", "podstawowe (ISCED 1)"),
    ("isced2", "gimnazjalne / podstawowe 8-letnie (ISCED 2)"),
    ("isced3", "ponadgimnazjalne / średnie (ISCED 3)"),
    ("isced4", "policealne (ISCED 4)"),
    ("isced5_8", "wyższe (ISCED 5–8)"),
]);

/// Labour-market status on joining.
pub const LABOUR_STATUS: CodeList = CodeList(&[
    (
        "registered_unemployed",
        "osoba bezrobotna zarejestrowana w ewidencji urzędu pracy",
    ),
    (
        "unregistered_unemployed",
        "osoba bezrobotna niezarejestrowana",
    ),
    ("inactive", "osoba bierna zawodowo"),
    ("employed", "osoba pracująca"),
]);

/// Sub-statuses that qualify the labour-market status.
pub const LABOUR_SUBSTATUS: CodeList = CodeList(&[
    ("long_term_unemployed", "osoba długotrwale bezrobotna"),
    ("in_education", "osoba ucząca się / kształcąca się"),
    ("not_in_education", "osoba nieuczestnicząca w kształceniu"),
    ("public_sector", "zatrudniona w administracji publicznej"),
    ("private_sector", "zatrudniona w sektorze prywatnym"),
    ("ngo_sector", "zatrudniona w organizacji pozarządowej"),
    ("self_employed", "prowadząca działalność gospodarczą"),
    ("other", "inne"),
]);

/// The person's situation on leaving the project, as told within 4 weeks of leaving (the
/// exit statement): the EU common result indicators of the ESF+ regulation (Regulation (EU)
/// 2021/1057, Annex I: job searching, education or training, a qualification, employment
/// including self-employment) and the social-inclusion programmes' own "social situation
/// improved"; "other" when none applies. The monitoring file's words are data
/// (`crates/reports/columns/cst2021-values.toml`, list `exit_situation`).
pub const EXIT_SITUATION: CodeList = CodeList(&[
    ("employed", "osoba pracująca (także na własny rachunek)"),
    ("job_searching", "osoba poszukująca pracy"),
    ("in_education", "osoba ucząca się lub szkoląca się"),
    ("qualification", "osoba, która uzyskała kwalifikacje"),
    (
        "social_improved",
        "osoba, której sytuacja społeczna uległa poprawie",
    ),
    ("other", "inna sytuacja"),
]);

/// The sub-statuses ("w tym") that fit a labour-market status, as the monitoring system
/// accepts them: long-term unemployment only for the unemployed, education for the inactive,
/// the employer for the employed; "other" fits every status.
pub fn substatus_fits(status: &str, substatus: &str) -> bool {
    let fitting: &[&str] = match status {
        "registered_unemployed" | "unregistered_unemployed" => &["long_term_unemployed", "other"],
        "inactive" => &["in_education", "not_in_education", "other"],
        "employed" => &[
            "public_sector",
            "private_sector",
            "ngo_sector",
            "self_employed",
            "other",
        ],
        _ => &[],
    };
    fitting.contains(&substatus)
}

/// Degree of disability (orzeczenie).
pub const DISABILITY_DEGREE: CodeList = CodeList(&[
    ("light", "lekki"),
    ("moderate", "umiarkowany"),
    ("severe", "znaczny"),
    (
        "child_certificate",
        "orzeczenie o niepełnosprawności (dziecko do 16 lat)",
    ),
    ("equivalent", "orzeczenie równoważne"),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_must_be_nn_nnn() {
        assert_eq!(PostalCode::parse("00-950").unwrap().as_str(), "00-950");
        assert_eq!(PostalCode::parse("44330").unwrap().as_str(), "44-330");
        assert!(PostalCode::parse("0-950").is_err());
        assert!(PostalCode::parse("00-95a").is_err());
    }

    #[test]
    fn emails_need_one_at_and_a_domain() {
        assert!(Email::parse("anna.nowak@ops.pl").is_ok());
        assert!(Email::parse("anna@ops").is_err());
        assert!(Email::parse("an na@ops.pl").is_err());
        assert!(Email::parse("a@b@ops.pl").is_err());
    }

    #[test]
    fn phones_are_nine_to_fifteen_digits() {
        assert!(PhoneNumber::parse("601 234 567").is_ok());
        assert!(PhoneNumber::parse("+48 601-234-567").is_ok());
        assert!(PhoneNumber::parse("12345").is_err());
        assert!(PhoneNumber::parse("601 234 56x").is_err());
    }

    #[test]
    fn voivodeships_are_found_without_diacritics() {
        assert_eq!(parse_voivodeship("slaskie"), Ok("śląskie"));
        assert_eq!(parse_voivodeship("Łódzkie"), Ok("łódzkie"));
        assert_eq!(
            parse_voivodeship("Warminsko Mazurskie"),
            Ok("warmińsko-mazurskie")
        );
        assert!(parse_voivodeship("bawarskie").is_err());
    }

    #[test]
    fn code_lists_accept_codes_and_polish_labels() {
        assert_eq!(LABOUR_STATUS.parse("inactive"), Some("inactive"));
        assert_eq!(
            LABOUR_STATUS.parse("osoba bierna zawodowo"),
            Some("inactive")
        );
        assert_eq!(EDUCATION.parse("ISCED3"), Some("isced3"));
    }
}
