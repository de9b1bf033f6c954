//! Forms of support as SM EFS names them (`columns/cst2021-services.toml`): each catalogue
//! service's "Zakres wsparcia", "Rodzaj przyznanego wsparcia" and "w tym", and a person's
//! supports as the participant file lists them — one entry per form, with the first day.
//!
//! Invariant: a service's own values (set in the catalogue) win over the shipped default of its
//! code, which wins over its category and name; entries are in the order of their first day, so
//! the `|`-lists of scope, kind, detail and date line up position by position.

use crate::ReportError;
use kartoteka_domain::plan::{SmEfsForm, SM_EFS_TEXT_MAX};
use kartoteka_store::SupportStart;
use std::collections::BTreeMap;

/// The defaults shipped with the program.
pub const EMBEDDED_SERVICE_FORMS: &str = include_str!("../columns/cst2021-services.toml");

/// The shipped SM EFS forms of the seeded services, by service code.
#[derive(Debug, Clone)]
pub struct ServiceForms(BTreeMap<String, SmEfsForm>);

/// One entry of a person's supports in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportEntry {
    pub form: SmEfsForm,
    /// YYYY-MM-DD: the first day the person was present at any service of this form.
    pub first_date: String,
}

impl ServiceForms {
    pub fn embedded() -> Result<ServiceForms, ReportError> {
        ServiceForms::parse(EMBEDDED_SERVICE_FORMS)
    }

    /// Parses the defaults; an entry without scope or kind, or a value too long for the
    /// catalogue, is refused, naming the code.
    pub fn parse(text: &str) -> Result<ServiceForms, ReportError> {
        let forms: BTreeMap<String, SmEfsForm> =
            toml::from_str(text).map_err(|e| ReportError::Template(e.to_string()))?;
        for (code, form) in &forms {
            let values = [Some(&form.scope), Some(&form.kind), form.detail.as_ref()];
            if form.scope.trim().is_empty() || form.kind.trim().is_empty() {
                return Err(ReportError::Template(format!(
                    "formy wsparcia: „{code}” nie ma zakresu albo rodzaju wsparcia"
                )));
            }
            if values
                .into_iter()
                .flatten()
                .any(|v| v.chars().count() > SM_EFS_TEXT_MAX)
            {
                return Err(ReportError::Template(format!(
                    "formy wsparcia: „{code}” ma wartość dłuższą niż {SM_EFS_TEXT_MAX} znaków"
                )));
            }
        }
        Ok(ServiceForms(forms))
    }

    /// The shipped default of a service code, if it has one.
    pub fn default_for(&self, code: &str) -> Option<&SmEfsForm> {
        self.0.get(&code.trim().to_uppercase())
    }

    /// The form a delivered service is reported as.
    pub fn form_of(&self, s: &SupportStart) -> SmEfsForm {
        if let (Some(scope), Some(kind)) = (&s.sm_efs_scope, &s.sm_efs_kind) {
            return SmEfsForm {
                scope: scope.clone(),
                kind: kind.clone(),
                detail: s.sm_efs_detail.clone(),
            };
        }
        self.default_for(&s.service_code)
            .cloned()
            .unwrap_or_else(|| SmEfsForm {
                scope: s.service_category.clone(),
                kind: s.service_name.clone(),
                detail: None,
            })
    }

    /// A person's supports (the services of one enrolment with their first days) as the
    /// file's entries: one per form, its earliest day, in the order of those days.
    pub fn entries(&self, starts: &[SupportStart]) -> Vec<SupportEntry> {
        let mut first: BTreeMap<SmEfsForm, String> = BTreeMap::new();
        for s in starts {
            let day = first
                .entry(self.form_of(s))
                .or_insert_with(|| s.first_date.clone());
            if s.first_date < *day {
                *day = s.first_date.clone();
            }
        }
        let mut entries: Vec<SupportEntry> = first
            .into_iter()
            .map(|(form, first_date)| SupportEntry { form, first_date })
            .collect();
        entries.sort_by(|a, b| {
            (a.first_date.as_str(), &a.form).cmp(&(b.first_date.as_str(), &b.form))
        });
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(code: &str, category: &str, name: &str, date: &str) -> SupportStart {
        SupportStart {
            enrolment_id: "e".into(),
            service_code: code.into(),
            service_name: name.into(),
            service_category: category.into(),
            sm_efs_scope: None,
            sm_efs_kind: None,
            sm_efs_detail: None,
            first_date: date.into(),
        }
    }

    #[test]
    fn services_of_one_form_are_one_entry_with_the_first_day_in_date_order() {
        let forms = ServiceForms::embedded().unwrap();
        let mut own = start("ARTE", "Terapia", "Arteterapia", "2026-04-01");
        own.sm_efs_scope = Some("Aktywizacja społeczna".into());
        own.sm_efs_kind = Some("Wsparcie psychologiczne".into());
        own.sm_efs_detail = Some("indywidualne".into());
        let entries = forms.entries(&[
            start("PRA-DORAD", "Praca", "Pośrednictwo pracy", "2026-03-10"),
            // The same form as TER-PSY by the office's own values: one entry, the earlier day.
            start("TER-PSY", "Terapia", "Terapia psychologiczna", "2026-05-02"),
            own,
            start("XYZ", "Inne", "Coś własnego", "2026-02-01"),
        ]);
        let lines: Vec<(&str, &str, Option<&str>, &str)> = entries
            .iter()
            .map(|e| {
                (
                    e.form.scope.as_str(),
                    e.form.kind.as_str(),
                    e.form.detail.as_deref(),
                    e.first_date.as_str(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("Inne", "Coś własnego", None, "2026-02-01"),
                (
                    "Aktywizacja zawodowa",
                    "Doradztwo zawodowe i pośrednictwo pracy",
                    None,
                    "2026-03-10"
                ),
                (
                    "Aktywizacja społeczna",
                    "Wsparcie psychologiczne",
                    Some("indywidualne"),
                    "2026-04-01"
                ),
            ]
        );
    }

    #[test]
    fn a_default_without_its_kind_is_refused_by_name() {
        let err = ServiceForms::parse("[TER-PSY]\nscope = \"Usługi\"\nkind = \" \"\n").unwrap_err();
        assert!(err.to_string().contains("TER-PSY"), "{err}");
    }
}
