//! PESEL, the Polish personal identification number: YYMMDD ZZZZ S K.
//!
//! Invariant: a `Pesel` holds 11 digits with a correct checksum that encode a real date
//! (century taken from the month) — so its birth date and sex can always be read from it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_lowercase().as_str() {
            "female" | "k" | "kobieta" | "f" => Some(Sex::Female),
            "male" | "m" | "mężczyzna" | "mezczyzna" => Some(Sex::Male),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            Sex::Female => "kobieta",
            Sex::Male => "mężczyzna",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeselError {
    NotElevenDigits,
    BadChecksum,
    NoSuchDate,
}

impl PeselError {
    /// The Polish message shown next to the PESEL field.
    pub fn message(self) -> &'static str {
        match self {
            PeselError::NotElevenDigits => "PESEL musi mieć dokładnie 11 cyfr",
            PeselError::BadChecksum => {
                "PESEL ma błędną cyfrę kontrolną — sprawdź, czy wszystkie cyfry są przepisane poprawnie"
            }
            PeselError::NoSuchDate => "PESEL zawiera datę urodzenia, która nie istnieje",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pesel([u8; 11]);

impl Pesel {
    pub fn parse(text: &str) -> Result<Pesel, PeselError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() != 11 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(PeselError::NotElevenDigits);
        }
        let mut digits = [0u8; 11];
        for (d, b) in digits.iter_mut().zip(bytes) {
            *d = b - b'0';
        }
        let sum: u32 = WEIGHTS
            .iter()
            .zip(&digits)
            .map(|(w, d)| w * u32::from(*d))
            .sum();
        if (10 - sum % 10) % 10 != u32::from(digits[10]) {
            return Err(PeselError::BadChecksum);
        }
        let pesel = Pesel(digits);
        if pesel.compute_birth_date().is_none() {
            return Err(PeselError::NoSuchDate);
        }
        Ok(pesel)
    }

    fn compute_birth_date(&self) -> Option<NaiveDate> {
        let d = |i: usize| i32::from(self.0[i]);
        let yy = d(0) * 10 + d(1);
        let mm = d(2) * 10 + d(3);
        let dd = d(4) * 10 + d(5);
        let (century, month) = match mm {
            1..=12 => (1900, mm),
            21..=32 => (2000, mm - 20),
            41..=52 => (2100, mm - 40),
            61..=72 => (2200, mm - 60),
            81..=92 => (1800, mm - 80),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(century + yy, month as u32, dd as u32)
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.compute_birth_date()
            .expect("a parsed PESEL always encodes a real date")
    }

    pub fn sex(&self) -> Sex {
        if self.0[9] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// Builds a valid PESEL for a date, a serial (0–999) and a sex. Used by synthetic data and
    /// tests; returns `None` for dates outside 1800–2299.
    pub fn generate(date: NaiveDate, serial: u16, sex: Sex) -> Option<Pesel> {
        use chrono::Datelike;
        let year = date.year();
        let offset = match year {
            1800..=1899 => 80,
            1900..=1999 => 0,
            2000..=2099 => 20,
            2100..=2199 => 40,
            2200..=2299 => 60,
            _ => return None,
        };
        let yy = (year % 100) as u32;
        let mm = date.month() + offset;
        let dd = date.day();
        let serial = u32::from(serial % 1000);
        let sex_digit = match sex {
            Sex::Male => (serial % 5) * 2 + 1,
            Sex::Female => (serial % 5) * 2,
        };
        let mut digits = [0u8; 11];
        let head = [
            yy / 10,
            yy % 10,
            mm / 10,
            mm % 10,
            dd / 10,
            dd % 10,
            serial / 100,
            serial / 10 % 10,
            serial % 10,
            sex_digit,
        ];
        for (i, v) in head.iter().enumerate() {
            digits[i] = *v as u8;
        }
        let sum: u32 = WEIGHTS
            .iter()
            .zip(&digits)
            .map(|(w, d)| w * u32::from(*d))
            .sum();
        digits[10] = ((10 - sum % 10) % 10) as u8;
        Some(Pesel(digits))
    }
}

impl fmt::Display for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl fmt::Debug for Pesel {
    // A PESEL is personal data: debug output (which may reach a log) never shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pesel(***)")
    }
}

impl Serialize for Pesel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for Pesel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Pesel::parse(&text).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_valid_pesel_gives_its_birth_date_and_sex() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.birth_date(), date(1944, 5, 14));
        assert_eq!(p.sex(), Sex::Male);
    }

    #[test]
    fn the_century_comes_from_the_month() {
        let p = Pesel::parse("02270803624").unwrap();
        assert_eq!(p.birth_date(), date(2002, 7, 8));
        assert_eq!(p.sex(), Sex::Female);
        for (y, m, d) in [(1850, 1, 1), (2150, 12, 31), (2250, 2, 28), (1999, 12, 31)] {
            let generated = Pesel::generate(date(y, m, d), 123, Sex::Female).unwrap();
            let parsed = Pesel::parse(&generated.as_string()).unwrap();
            assert_eq!(parsed.birth_date(), date(y, m, d));
            assert_eq!(parsed.sex(), Sex::Female);
        }
    }

    #[test]
    fn a_pesel_with_a_wrong_checksum_is_rejected() {
        assert_eq!(Pesel::parse("44051401358"), Err(PeselError::BadChecksum));
    }

    #[test]
    fn a_pesel_of_wrong_length_or_with_letters_is_rejected() {
        assert_eq!(Pesel::parse("4405140135"), Err(PeselError::NotElevenDigits));
        assert_eq!(
            Pesel::parse("4405140135a"),
            Err(PeselError::NotElevenDigits)
        );
        assert_eq!(Pesel::parse(""), Err(PeselError::NotElevenDigits));
    }

    #[test]
    fn a_pesel_with_an_impossible_date_is_rejected() {
        // 30 February 1990, checksum made valid so only the date is wrong.
        let digits = *b"9002300000";
        let weights = WEIGHTS;
        let sum: u32 = digits
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        let check = (10 - sum % 10) % 10;
        let text = format!("{}{}", std::str::from_utf8(&digits).unwrap(), check);
        assert_eq!(Pesel::parse(&text), Err(PeselError::NoSuchDate));
        // Month 13 is not a month in any century.
        let g = Pesel::generate(date(1990, 1, 1), 1, Sex::Male)
            .unwrap()
            .as_string();
        let bad_month = format!("90{}", &g[2..]).replacen("9001", "9013", 1);
        assert!(Pesel::parse(&bad_month).is_err());
    }

    #[test]
    fn generated_pesels_are_valid_and_keep_the_sex() {
        for serial in 0..1000u16 {
            let p = Pesel::generate(date(1985, 3, 9), serial, Sex::Male).unwrap();
            assert_eq!(Pesel::parse(&p.as_string()).unwrap().sex(), Sex::Male);
        }
    }

    #[test]
    fn debug_output_hides_the_number() {
        let p = Pesel::parse("44051401359").unwrap();
        assert!(!format!("{p:?}").contains("4405"));
    }
}
