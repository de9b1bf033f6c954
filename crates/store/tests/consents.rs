//! Consent texts with versions, consents given and withdrawn, and the guardian rule.

mod common;

use common::{input, new_store};
use kartoteka_domain::consent::{
    ConsentGiveInput, ConsentKind, ConsentTextInput, ConsentWithdrawInput,
};
use kartoteka_domain::relation::RelationKind;
use kartoteka_store::participants::DuplicateCheck;
use kartoteka_store::{Source, Store, StoreError};
use serde_json::json;

fn text(kind: &str, body: &str) -> ConsentTextInput {
    ConsentTextInput {
        kind: Some(kind.into()),
        title: Some("Zgoda na wizerunek".into()),
        text: Some(body.into()),
    }
}

fn person(store: &mut Store, first: &str, birth: &str) -> String {
    store
        .add_participant(Source::Cli, &input(json!({"first_name": first, "last_name": "Lis", "sex": "female", "birth_date": birth})), DuplicateCheck::Refuse)
        .unwrap()
        .to_string()
}

#[test]
fn a_new_version_never_changes_what_was_signed() {
    let (_dir, mut store) = new_store();
    let adult = person(&mut store, "Anna", "1980-01-01");
    let v1 = store
        .add_consent_text(
            Source::Cli,
            None,
            None,
            &text("image-consent", "Treść pierwsza."),
        )
        .unwrap();
    let given = store
        .give_consent(
            Source::Cli,
            &adult,
            &v1.id.to_string(),
            &ConsentGiveInput::default(),
        )
        .unwrap();
    assert_eq!((given.version, given.given_by.as_str()), (1, "self"));
    let v2 = store
        .add_consent_text(
            Source::Cli,
            None,
            Some(&v1.template_id.to_string()),
            &text("image-consent", "Treść druga."),
        )
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(
        store.consent_text(&v1.id.to_string()).unwrap().text,
        "Treść pierwsza."
    );
    assert_eq!(store.consent(&given.id.to_string()).unwrap().version, 1);
    assert_eq!(
        store
            .current_consent_text(None, ConsentKind::ImageConsent)
            .unwrap()
            .unwrap()
            .version,
        2
    );
    assert!(store
        .execute_raw("UPDATE consent_template_versions SET text = 'zmienione'")
        .is_err());
}

#[test]
fn a_minors_consent_needs_a_parent_or_guardian() {
    let (_dir, mut store) = new_store();
    let child = person(&mut store, "Zosia", "2016-05-05");
    let sister = person(&mut store, "Ola", "2000-05-05");
    let mother = person(&mut store, "Ewa", "1985-05-05");
    let v = store
        .add_consent_text(Source::Cli, None, None, &text("image-consent", "Treść."))
        .unwrap()
        .id
        .to_string();
    let refused = store
        .give_consent(Source::Cli, &child, &v, &ConsentGiveInput::default())
        .unwrap_err();
    match refused {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "guardian_id"),
        other => panic!("expected a guardian error, got {other:?}"),
    }
    store
        .add_relation(Source::Cli, &child, &sister, RelationKind::Sibling)
        .unwrap();
    let by_sister = ConsentGiveInput {
        guardian_id: Some(sister.clone()),
        ..Default::default()
    };
    assert!(matches!(
        store.give_consent(Source::Cli, &child, &v, &by_sister),
        Err(StoreError::Invalid(_))
    ));
    assert!(store.consents_of(&child).unwrap().is_empty());
    store
        .add_relation(Source::Cli, &child, &mother, RelationKind::LegalGuardian)
        .unwrap();
    let by_mother = ConsentGiveInput {
        guardian_id: Some(mother.clone()),
        given_on: Some("2026-11-01".into()),
    };
    let given = store
        .give_consent(Source::Cli, &child, &v, &by_mother)
        .unwrap();
    assert_eq!(given.given_by, "Ewa Lis");
}

#[test]
fn withdrawing_keeps_the_history() {
    let (_dir, mut store) = new_store();
    let adult = person(&mut store, "Anna", "1980-01-01");
    let v = store
        .add_consent_text(
            Source::Cli,
            None,
            None,
            &text("data-statement", "Klauzula."),
        )
        .unwrap()
        .id
        .to_string();
    let c = store
        .give_consent(
            Source::Cli,
            &adult,
            &v,
            &ConsentGiveInput {
                given_on: Some("2026-10-01".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let early = ConsentWithdrawInput {
        withdrawn_on: Some("2026-09-01".into()),
    };
    assert!(matches!(
        store.withdraw_consent(Source::Cli, &c.id.to_string(), &early),
        Err(StoreError::Invalid(_))
    ));
    let w = store
        .withdraw_consent(
            Source::Cli,
            &c.id.to_string(),
            &ConsentWithdrawInput::default(),
        )
        .unwrap();
    assert_eq!(w.withdrawn_on.unwrap().to_string(), "2026-11-22");
    assert_eq!(w.given_on.to_string(), "2026-10-01");
    assert!(matches!(
        store.withdraw_consent(
            Source::Cli,
            &c.id.to_string(),
            &ConsentWithdrawInput::default()
        ),
        Err(StoreError::Conflict(_))
    ));
    let again = store
        .give_consent(Source::Cli, &adult, &v, &ConsentGiveInput::default())
        .unwrap();
    let all = store.consents_of(&adult).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .any(|x| x.id == again.id && x.withdrawn_on.is_none()));
    let future = ConsentGiveInput {
        given_on: Some("2027-01-01".into()),
        ..Default::default()
    };
    assert!(matches!(
        store.give_consent(Source::Cli, &adult, &v, &future),
        Err(StoreError::Invalid(_))
    ));
}
