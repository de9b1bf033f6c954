//! Family ties between participants, and the guardian rule: a minor needs a parent or legal
//! guardian in the registry wherever a guardian's signature is required.

use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use kartoteka_domain::relation::{RelatedPerson, RelationKind};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::params;

impl Tx<'_> {
    /// Writes a new, already checked relation and its audit events (shared with the bulk path).
    pub(crate) fn insert_relation(
        &mut self,
        id: Id,
        participant_id: &str,
        related_id: &str,
        kind: RelationKind,
    ) -> Result<()> {
        let now = self.now_text();
        self.tx.prepare_cached(
            "INSERT INTO relations(id, participant_id, related_id, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id.to_string(), participant_id, related_id, kind.as_str(), now])?;
        self.audit(
            "relation",
            &id.to_string(),
            "create",
            vec!["participant_id".into(), "related_id".into(), "kind".into()],
        );
        self.audit(
            "participant",
            participant_id,
            "relation_added",
            vec!["relations".into()],
        );
        Ok(())
    }
}

impl Store {
    /// Records that `related_id` is the `kind` of `participant_id` (e.g. the mother is the
    /// child's parent).
    pub fn add_relation(
        &mut self,
        source: Source,
        participant_id: &str,
        related_id: &str,
        kind: RelationKind,
    ) -> Result<Id> {
        let (a, b) = (participant_id.trim(), related_id.trim());
        if a == b {
            return Err(ValidationErrors::single(
                "related_id",
                "Osoba nie może być powiązana sama ze sobą",
            )
            .into());
        }
        self.participant(a)?;
        self.participant(b)?;
        self.write(source, |tx| {
            let exists: bool = tx.tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM relations WHERE (participant_id = ?1 AND related_id = ?2)
                     OR (participant_id = ?2 AND related_id = ?1))",
                [a, b],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Conflict("Te osoby są już ze sobą powiązane — nic nie zmieniono.".into()));
            }
            let id = Id::new_v7();
            tx.insert_relation(id, a, b, kind)?;
            Ok(id)
        })
    }

    pub fn remove_relation(&mut self, source: Source, relation_id: &str) -> Result<()> {
        self.write(source, |tx| {
            let removed = tx
                .tx
                .execute("DELETE FROM relations WHERE id = ?1", [relation_id.trim()])?;
            if removed == 0 {
                return Err(StoreError::NotFound {
                    what: "powiązanie",
                    id: relation_id.to_owned(),
                });
            }
            tx.audit("relation", relation_id.trim(), "delete", vec![]);
            Ok(())
        })
    }

    /// The people related to a participant, each with what they are to them.
    pub fn related_people(&self, participant_id: &str) -> Result<Vec<RelatedPerson>> {
        let id = participant_id.trim();
        let minor = self.participant(id)?.data.is_minor_on(self.clock().today());
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, r.related_id, p.first_name || ' ' || p.last_name, r.kind, 0
               FROM relations r JOIN participants p ON p.id = r.related_id WHERE r.participant_id = ?1
             UNION ALL
             SELECT r.id, r.participant_id, p.first_name || ' ' || p.last_name, r.kind, 1
               FROM relations r JOIN participants p ON p.id = r.participant_id WHERE r.related_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut people = Vec::new();
        for row in rows {
            let (rel, person, name, kind, inverse) = row?;
            let kind = RelationKind::parse(&kind).unwrap_or(RelationKind::Other);
            let kind = if inverse { kind.inverse() } else { kind };
            people.push(RelatedPerson {
                relation_id: rel
                    .parse()
                    .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))?,
                person_id: person
                    .parse()
                    .map_err(|_| StoreError::Corrupt("identyfikator nieczytelny".into()))?,
                name,
                kind,
                can_sign: minor && kind.can_sign_for_minor(),
            });
        }
        Ok(people)
    }

    /// Whether a participant is a minor with nobody in the registry who may sign for them.
    pub fn needs_guardian(&self, participant_id: &str) -> Result<bool> {
        let p = self.participant(participant_id)?;
        if !p.data.is_minor_on(self.clock().today()) {
            return Ok(false);
        }
        Ok(!self
            .related_people(participant_id)?
            .iter()
            .any(|r| r.can_sign))
    }
}
