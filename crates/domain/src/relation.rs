//! Family ties between participants. A relation reads "`related` is the `kind` of
//! `participant`": (child, mother, Parent) means the mother is the child's parent.

use crate::Id;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RelationKind {
    Parent,
    LegalGuardian,
    FosterParent,
    Child,
    Spouse,
    Sibling,
    Other,
}

impl RelationKind {
    pub const ALL: [RelationKind; 7] = [
        RelationKind::Parent,
        RelationKind::LegalGuardian,
        RelationKind::FosterParent,
        RelationKind::Child,
        RelationKind::Spouse,
        RelationKind::Sibling,
        RelationKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Parent => "parent",
            RelationKind::LegalGuardian => "legal_guardian",
            RelationKind::FosterParent => "foster_parent",
            RelationKind::Child => "child",
            RelationKind::Spouse => "spouse",
            RelationKind::Sibling => "sibling",
            RelationKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<RelationKind> {
        RelationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }

    /// Whether the related person can sign for a minor participant.
    pub fn can_sign_for_minor(self) -> bool {
        matches!(
            self,
            RelationKind::Parent | RelationKind::LegalGuardian | RelationKind::FosterParent
        )
    }

    /// The same tie seen from the other side: a parent's child, a child's parent.
    pub fn inverse(self) -> RelationKind {
        match self {
            RelationKind::Parent | RelationKind::LegalGuardian | RelationKind::FosterParent => {
                RelationKind::Child
            }
            RelationKind::Child => RelationKind::Parent,
            other => other,
        }
    }

    pub fn polish(self) -> &'static str {
        match self {
            RelationKind::Parent => "rodzic",
            RelationKind::LegalGuardian => "opiekun prawny",
            RelationKind::FosterParent => "rodzic zastępczy",
            RelationKind::Child => "dziecko",
            RelationKind::Spouse => "małżonek / małżonka",
            RelationKind::Sibling => "rodzeństwo",
            RelationKind::Other => "inna relacja",
        }
    }
}

/// A relation as shown on one participant's page: the other person and what they are to them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RelatedPerson {
    #[ts(type = "string")]
    pub relation_id: Id,
    #[ts(type = "string")]
    pub person_id: Id,
    pub name: String,
    /// What the other person is to the participant whose page this is.
    pub kind: RelationKind,
    /// Whether this person may sign for the participant (a parent or guardian of a minor).
    pub can_sign: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guardians_and_parents_can_sign_for_a_minor_and_siblings_cannot() {
        assert!(RelationKind::LegalGuardian.can_sign_for_minor());
        assert!(RelationKind::Parent.can_sign_for_minor());
        assert!(!RelationKind::Sibling.can_sign_for_minor());
        assert_eq!(RelationKind::Parent.inverse(), RelationKind::Child);
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::parse(k.as_str()), Some(k));
        }
    }
}
