//! Consent texts (versioned per project) and the consents participants give on them.
//!
//! Invariants: a text version is never changed (a trigger refuses it); a consent is never
//! edited, only withdrawn once; a minor's consent names a parent or guardian who is in the
//! registry as such.

use crate::error::{Result, StoreError};
use crate::write::Source;
use crate::Store;
use kartoteka_domain::consent::{
    consent_date, Consent, ConsentGiveInput, ConsentKind, ConsentTemplateVersion, ConsentTextInput,
    ConsentWithdrawInput,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, OptionalExtension, Row};

const VERSION_COLUMNS: &str =
    "v.id, v.template_id, t.project_id, t.kind, v.title, v.version, v.text, v.created_at";

type VersionRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    u32,
    String,
    String,
);

fn version_from_row(r: &Row) -> rusqlite::Result<VersionRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn parse_id(s: &str) -> Result<Id> {
    s.parse()
        .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))
}

fn to_version(row: VersionRow) -> Result<ConsentTemplateVersion> {
    let (id, template_id, project_id, kind, title, version, text, created_at) = row;
    Ok(ConsentTemplateVersion {
        id: parse_id(&id)?,
        template_id: parse_id(&template_id)?,
        project_id: project_id.as_deref().map(parse_id).transpose()?,
        kind: ConsentKind::parse(&kind).unwrap_or(ConsentKind::Other),
        title,
        version,
        text,
        created_at,
    })
}

const CONSENT_COLUMNS: &str =
    "c.id, c.participant_id, c.template_version_id, t.kind, v.title, v.version,
    c.given_on, c.given_by, c.guardian_id, c.withdrawn_on";

fn consent_from_row(r: &Row) -> rusqlite::Result<Result<Consent>> {
    let text = |i: usize| r.get::<_, String>(i);
    let optional = |i: usize| r.get::<_, Option<String>>(i);
    let date = |s: String| {
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt("data nieczytelna".into()))
    };
    let (id, participant, version_id, kind) = (text(0)?, text(1)?, text(2)?, text(3)?);
    let (title, version, given_on, given_by) = (text(4)?, r.get::<_, u32>(5)?, text(6)?, text(7)?);
    let (guardian, withdrawn) = (optional(8)?, optional(9)?);
    Ok((|| {
        Ok(Consent {
            id: parse_id(&id)?,
            participant_id: parse_id(&participant)?,
            template_version_id: parse_id(&version_id)?,
            kind: ConsentKind::parse(&kind).unwrap_or(ConsentKind::Other),
            title,
            version,
            given_on: date(given_on)?,
            given_by,
            guardian_id: guardian.as_deref().map(parse_id).transpose()?,
            withdrawn_on: withdrawn.map(date).transpose()?,
        })
    })())
}

impl Store {
    /// Adds a consent text for a project (or the organisation when `project_id` is `None`):
    /// the first version of a new template, or — with `template_id` — its next version.
    pub fn add_consent_text(
        &mut self,
        source: Source,
        project_id: Option<&str>,
        template_id: Option<&str>,
        input: &ConsentTextInput,
    ) -> Result<ConsentTemplateVersion> {
        let text = input.parse()?;
        if let Some(p) = project_id {
            self.project(p)?;
        }
        let version_id = self.write(source, |tx| {
            let now = tx.now_text();
            let (template, version) = match template_id {
                Some(t) => {
                    let found: Option<(String, u32)> = tx
                        .tx
                        .query_row(
                            "SELECT t.kind, max(v.version) FROM consent_templates t JOIN consent_template_versions v ON v.template_id = t.id WHERE t.id = ?1",
                            [t.trim()],
                            |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get::<_, Option<u32>>(1)?.unwrap_or(0))),
                        )
                        .optional()?
                        .filter(|(kind, _)| !kind.is_empty());
                    let (kind, last) = found.ok_or_else(|| StoreError::NotFound { what: "treść zgody", id: t.to_owned() })?;
                    if kind != text.kind.as_str() {
                        return Err(ValidationErrors::single("kind", "Nowa wersja musi mieć ten sam rodzaj co poprzednie").into());
                    }
                    (t.trim().to_owned(), last + 1)
                }
                None => {
                    let id = Id::new_v7().to_string();
                    tx.tx.execute(
                        "INSERT INTO consent_templates(id, project_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![id, project_id.map(str::trim), text.kind.as_str(), now],
                    )?;
                    (id, 1)
                }
            };
            let version_id = Id::new_v7().to_string();
            tx.tx.execute(
                "INSERT INTO consent_template_versions(id, template_id, version, title, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![version_id, template, version, text.title, text.text, now],
            )?;
            tx.audit("consent_text", &version_id, "create", vec!["title".into(), "text".into(), format!("version {version}")]);
            Ok(version_id)
        })?;
        self.consent_text(&version_id)
    }

    pub fn consent_text(&self, version_id: &str) -> Result<ConsentTemplateVersion> {
        let sql = format!("SELECT {VERSION_COLUMNS} FROM consent_template_versions v JOIN consent_templates t ON t.id = v.template_id WHERE v.id = ?1");
        let row = self
            .conn()
            .query_row(&sql, [version_id.trim()], version_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "wersja treści zgody",
                id: version_id.to_owned(),
            })?;
        to_version(row)
    }

    /// Every version of the texts of a project (and the organisation's own), newest first.
    pub fn consent_texts(&self, project_id: Option<&str>) -> Result<Vec<ConsentTemplateVersion>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM consent_template_versions v JOIN consent_templates t ON t.id = v.template_id
             WHERE t.project_id IS NULL OR t.project_id = ?1 ORDER BY t.kind, v.template_id, v.version DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<VersionRow> = stmt
            .query_map([project_id.map(str::trim)], version_from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(to_version).collect()
    }

    /// The newest version of a kind of text for a project (falling back to the organisation's).
    pub fn current_consent_text(
        &self,
        project_id: Option<&str>,
        kind: ConsentKind,
    ) -> Result<Option<ConsentTemplateVersion>> {
        let mut texts: Vec<_> = self
            .consent_texts(project_id)?
            .into_iter()
            .filter(|t| t.kind == kind)
            .collect();
        // A project's own text wins over the organisation's; the newest version first.
        texts.sort_by(|a, b| {
            b.project_id
                .is_some()
                .cmp(&a.project_id.is_some())
                .then(b.created_at.cmp(&a.created_at))
        });
        Ok(texts.into_iter().next())
    }

    /// Records a consent. For a minor the guardian must be given and be a parent or legal
    /// guardian in the registry.
    pub fn give_consent(
        &mut self,
        source: Source,
        participant_id: &str,
        version_id: &str,
        input: &ConsentGiveInput,
    ) -> Result<Consent> {
        let participant = self.participant(participant_id)?;
        let version = self.consent_text(version_id)?;
        let today = self.clock().today();
        let mut errors = ValidationErrors::default();
        let given_on = consent_date(
            &mut errors,
            "given_on",
            "Data wyrażenia zgody",
            &input.given_on,
            today,
        );
        if let Some(d) = given_on {
            if d < participant.data.birth_date {
                errors.push(
                    "given_on",
                    "Data wyrażenia zgody jest wcześniejsza niż data urodzenia",
                );
            }
        }
        let guardian_id = input
            .guardian_id
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty());
        let minor = given_on.is_some_and(|d| participant.data.is_minor_on(d));
        let mut given_by = "self".to_owned();
        match (minor, guardian_id) {
            (true, None) => errors.push(
                "guardian_id",
                "Osoba jest niepełnoletnia: zgodę podpisuje rodzic lub opiekun prawny — wskaż go (najpierw dodaj go w zakładce Rodzina).",
            ),
            (_, Some(g)) => {
                let related = self.related_people(participant_id)?;
                match related.iter().find(|r| r.person_id.to_string() == g) {
                    Some(r) if r.kind.can_sign_for_minor() => given_by = r.name.clone(),
                    Some(_) => errors.push("guardian_id", "Ta osoba nie jest rodzicem ani opiekunem prawnym uczestnika"),
                    None => errors.push("guardian_id", "Wskazany opiekun nie jest powiązany z uczestnikiem w kartotece"),
                }
            }
            (false, None) => {}
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let given_on = given_on.expect("checked");
        let id = self.write(source, |tx| {
            let id = Id::new_v7().to_string();
            tx.tx.execute(
                "INSERT INTO consents(id, participant_id, template_version_id, given_on, guardian_id, given_by, withdrawn_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
                params![id, participant.id.to_string(), version.id.to_string(), given_on.to_string(), guardian_id, given_by, tx.now_text()],
            )?;
            tx.audit("consent", &id, "give", vec!["given_on".into(), "given_by".into()]);
            tx.audit("participant", &participant.id.to_string(), "consent_given", vec![version.kind.as_str().into()]);
            Ok(id)
        })?;
        self.consent(&id)
    }

    /// Withdraws a consent; the record of when it was given stays.
    pub fn withdraw_consent(
        &mut self,
        source: Source,
        consent_id: &str,
        input: &ConsentWithdrawInput,
    ) -> Result<Consent> {
        let consent = self.consent(consent_id)?;
        if consent.withdrawn_on.is_some() {
            return Err(StoreError::Conflict(
                "Ta zgoda została już wycofana — nic nie zmieniono.".into(),
            ));
        }
        let mut errors = ValidationErrors::default();
        let today = self.clock().today();
        let on = consent_date(
            &mut errors,
            "withdrawn_on",
            "Data wycofania zgody",
            &input.withdrawn_on,
            today,
        );
        if on.is_some_and(|d| d < consent.given_on) {
            errors.push(
                "withdrawn_on",
                "Zgody nie można wycofać przed dniem, w którym ją wyrażono",
            );
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE consents SET withdrawn_on = ?2 WHERE id = ?1 AND withdrawn_on IS NULL",
                params![consent.id.to_string(), on.expect("checked").to_string()],
            )?;
            tx.audit(
                "consent",
                &consent.id.to_string(),
                "withdraw",
                vec!["withdrawn_on".into()],
            );
            tx.audit(
                "participant",
                &consent.participant_id.to_string(),
                "consent_withdrawn",
                vec![consent.kind.as_str().into()],
            );
            Ok(())
        })?;
        self.consent(consent_id)
    }

    pub fn consent(&self, id: &str) -> Result<Consent> {
        let sql = format!(
            "SELECT {CONSENT_COLUMNS} FROM consents c JOIN consent_template_versions v ON v.id = c.template_version_id
             JOIN consent_templates t ON t.id = v.template_id WHERE c.id = ?1"
        );
        self.conn()
            .query_row(&sql, [id.trim()], consent_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "zgoda",
                id: id.to_owned(),
            })?
    }

    /// A participant's consents, newest first, withdrawn ones included.
    pub fn consents_of(&self, participant_id: &str) -> Result<Vec<Consent>> {
        let sql = format!(
            "SELECT {CONSENT_COLUMNS} FROM consents c JOIN consent_template_versions v ON v.id = c.template_version_id
             JOIN consent_templates t ON t.id = v.template_id WHERE c.participant_id = ?1 ORDER BY c.given_on DESC, c.created_at DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<Result<Consent>> = stmt
            .query_map([participant_id.trim()], consent_from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().collect()
    }
}
