//! How the CST2021 file writes each coded answer (`columns/cst2021-values.toml`): the monitoring
//! system's dictionary values, list by list, kept as data beside the column template.
//!
//! Invariant: every code of the registry's lists (education, labour status and its "w tym",
//! sex, the answers) has a value; a template that misses one or names an unknown list is
//! refused, so a file never carries a code where the system expects its word.

use crate::ReportError;
use kartoteka_domain::values::{
    CodeList, EDUCATION, EXIT_SITUATION, LABOUR_STATUS, LABOUR_SUBSTATUS,
};
use std::collections::BTreeMap;

/// The dictionary shipped with the program.
pub const EMBEDDED_VALUES: &str = include_str!("../columns/cst2021-values.toml");

/// A list of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueList {
    Education,
    LabourStatus,
    LabourSubstatus,
    Sex,
    Answer,
    YesNo,
    ExitSituation,
    ParticipantKind,
    Citizenship,
}

impl ValueList {
    const ALL: [ValueList; 9] = [
        ValueList::Education,
        ValueList::LabourStatus,
        ValueList::LabourSubstatus,
        ValueList::Sex,
        ValueList::Answer,
        ValueList::YesNo,
        ValueList::ExitSituation,
        ValueList::ParticipantKind,
        ValueList::Citizenship,
    ];

    fn name(self) -> &'static str {
        match self {
            ValueList::Education => "education",
            ValueList::LabourStatus => "labour_status",
            ValueList::LabourSubstatus => "labour_substatus",
            ValueList::Sex => "sex",
            ValueList::Answer => "answer",
            ValueList::YesNo => "yes_no",
            ValueList::ExitSituation => "exit_situation",
            ValueList::ParticipantKind => "participant_kind",
            ValueList::Citizenship => "citizenship",
        }
    }

    /// The codes the registry stores for this list.
    fn codes(self) -> Vec<&'static str> {
        let of = |list: &CodeList| list.0.iter().map(|(c, _)| *c).collect();
        match self {
            ValueList::Education => of(&EDUCATION),
            ValueList::LabourStatus => of(&LABOUR_STATUS),
            ValueList::LabourSubstatus => of(&LABOUR_SUBSTATUS),
            ValueList::Sex => vec!["female", "male"],
            ValueList::Answer => vec!["yes", "no", "refused"],
            ValueList::YesNo => vec!["yes", "no"],
            ValueList::ExitSituation => of(&EXIT_SITUATION),
            // Kartoteka records people; an institution as participant is not kept.
            ValueList::ParticipantKind => vec!["individual"],
            // Grouped from the person's citizenship and "Obywatel państwa trzeciego".
            ValueList::Citizenship => vec!["polish", "eu", "non_eu"],
        }
    }
}

/// A parsed dictionary.
#[derive(Debug, Clone)]
pub struct ValueMap {
    lists: BTreeMap<String, BTreeMap<String, String>>,
}

impl ValueMap {
    pub fn embedded() -> Result<ValueMap, ReportError> {
        ValueMap::parse(EMBEDDED_VALUES)
    }

    /// Parses a dictionary; an unknown list or code, an empty value, or a code without a
    /// value is refused, naming it.
    pub fn parse(text: &str) -> Result<ValueMap, ReportError> {
        let lists: BTreeMap<String, BTreeMap<String, String>> =
            toml::from_str(text).map_err(|e| ReportError::Template(e.to_string()))?;
        for (name, values) in &lists {
            let Some(list) = ValueList::ALL.into_iter().find(|l| l.name() == name) else {
                return Err(ReportError::Template(format!(
                    "słownik: nieznana lista „{name}”"
                )));
            };
            let codes = list.codes();
            for (code, value) in values {
                if !codes.contains(&code.as_str()) {
                    return Err(ReportError::Template(format!(
                        "słownik „{name}”: nieznany kod „{code}” (dozwolone: {})",
                        codes.join(", ")
                    )));
                }
                if value.trim().is_empty() {
                    return Err(ReportError::Template(format!(
                        "słownik „{name}”: pusta wartość dla „{code}”"
                    )));
                }
            }
        }
        for list in ValueList::ALL {
            for code in list.codes() {
                let known = lists.get(list.name()).is_some_and(|v| v.contains_key(code));
                if !known {
                    return Err(ReportError::Template(format!(
                        "słownik „{}”: brak wartości dla „{code}”",
                        list.name()
                    )));
                }
            }
        }
        Ok(ValueMap { lists })
    }

    /// The file's word for `code` (the code itself if the registry holds one no list knows,
    /// so nothing is lost: the check names it).
    pub fn value(&self, list: ValueList, code: &str) -> String {
        self.lists
            .get(list.name())
            .and_then(|values| values.get(code))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    pub fn yes_no(&self, yes: bool) -> String {
        self.value(ValueList::YesNo, if yes { "yes" } else { "no" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_covers_every_code_with_the_systems_words() {
        let map = ValueMap::embedded().unwrap();
        assert_eq!(
            map.value(ValueList::Education, "isced5_8"),
            "Wyższe (ISCED 5–8)"
        );
        assert_eq!(
            map.value(ValueList::Education, "isced2"),
            "Podstawowe (ISCED 1) lub gimnazjalne (ISCED 2)"
        );
        assert_eq!(
            map.value(ValueList::LabourStatus, "registered_unemployed"),
            "Osoba bezrobotna"
        );
        assert_eq!(map.value(ValueList::LabourSubstatus, "other"), "Inne");
        assert_eq!(map.yes_no(false), "Nie");
    }

    #[test]
    fn a_missing_value_an_unknown_code_or_list_is_refused_by_name() {
        let full = EMBEDDED_VALUES;
        let missing = full.replace("isced4 = ", "# isced4 = ");
        assert!(ValueMap::parse(&missing)
            .unwrap_err()
            .to_string()
            .contains("isced4"));
        let unknown = format!("{full}\n[shoe_size]\nbig = \"duży\"\n");
        assert!(ValueMap::parse(&unknown)
            .unwrap_err()
            .to_string()
            .contains("shoe_size"));
        let code = full.replace("[sex]\n", "[sex]\nother = \"Inna\"\n");
        assert!(ValueMap::parse(&code)
            .unwrap_err()
            .to_string()
            .contains("other"));
    }
}
