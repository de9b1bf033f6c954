//! Building a document's snapshot from the store: the person, the project, the texts in force,
//! the record blocks of a GDPR copy.

use super::*;
use kartoteka_domain::values::{
    DISABILITY_DEGREE, EDUCATION, EXIT_SITUATION, LABOUR_STATUS, LABOUR_SUBSTATUS,
};

pub(super) const DEFAULT_DATA_STATEMENT: &str = "Przyjmuję do wiadomości, że administratorem moich danych osobowych jest administrator wskazany powyżej (a gdy go nie wskazano — organizacja podana w nagłówku tego dokumentu), a w zakresie danych przetwarzanych w centralnym systemie teleinformatycznym — instytucja zarządzająca programem, której klauzula, jeśli projekt jest finansowany ze środków UE, jest wydrukowana poniżej.

Moje dane osobowe są przetwarzane w celu realizacji projektu, w szczególności potwierdzenia kwalifikowalności, udzielenia wsparcia, monitoringu, ewaluacji, kontroli, audytu i sprawozdawczości, na podstawie obowiązku prawnego ciążącego na administratorze (art. 6 ust. 1 lit. c oraz art. 9 ust. 2 lit. g RODO).

Moje dane mogą zostać przekazane instytucjom zaangażowanym we wdrażanie programu oraz podmiotom prowadzącym na ich zlecenie badania ewaluacyjne, kontrole i audyt. Dane będą przechowywane do czasu wskazanego w umowie o dofinansowanie projektu.

Mam prawo dostępu do treści swoich danych, ich sprostowania, ograniczenia przetwarzania oraz prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych. Podanie danych jest warunkiem udziału w projekcie. W ciągu 4 tygodni od zakończenia udziału przekażę informacje o swojej sytuacji po opuszczeniu projektu.";

/// The managing authority's clause until an office pastes its own authority's model text
/// (Ustawienia → Treści zgód i oświadczeń): the authority as a separate controller, the legal
/// bases of art. 6(1)(c) and 9(2)(g) RODO and the act on cohesion policy 2021–2027.
pub(super) const DEFAULT_AUTHORITY_CLAUSE: &str = "W związku z przystąpieniem do projektu przyjmuję do wiadomości, że odrębnym administratorem moich danych osobowych przetwarzanych w centralnym systemie teleinformatycznym jest instytucja zarządzająca programem, z którego projekt jest finansowany (jej nazwa i dane kontaktowe są podane w umowie o dofinansowanie projektu i na stronie internetowej programu); może ona wyznaczyć inspektora ochrony danych, z którym mogę się kontaktować w sprawach moich danych.

Moje dane są przetwarzane na podstawie art. 6 ust. 1 lit. c oraz art. 9 ust. 2 lit. g RODO w związku z ustawą z dnia 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w perspektywie finansowej 2021–2027 oraz rozporządzeniem Parlamentu Europejskiego i Rady (UE) 2021/1060 — w celu monitorowania, sprawozdawczości, komunikacji, publikacji, ewaluacji, zarządzania finansowego, weryfikacji i audytów oraz ustalenia kwalifikowalności uczestników.

Dane będą przechowywane do czasu zamknięcia programu i upływu okresu przechowywania dokumentów wskazanego w art. 82 rozporządzenia (UE) 2021/1060. Mogą zostać powierzone podmiotom wykonującym na zlecenie instytucji zarządzającej badania ewaluacyjne, kontrole i audyty.

Mam prawo dostępu do swoich danych, ich sprostowania, ograniczenia przetwarzania oraz prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych. Podanie danych jest wymogiem ustawowym, a ich niepodanie uniemożliwia udział w projekcie.";

pub(super) const DEFAULT_IMAGE_CONSENT: &str = "Wyrażam zgodę na nieodpłatne utrwalanie i wykorzystanie mojego wizerunku (albo wizerunku dziecka, którego jestem rodzicem lub opiekunem prawnym) w materiałach informacyjnych i promocyjnych projektu, w tym na stronie internetowej i w mediach społecznościowych organizacji.

Zgoda jest dobrowolna i może zostać w każdej chwili wycofana; wycofanie zgody nie wpływa na zgodność z prawem wykorzystania wizerunku przed jej wycofaniem. Brak zgody nie ma wpływu na udział w projekcie.";

/// The newest text of a kind for the project; the organisation's model text (version 1) is
/// added the first time none exists, so a form can always be printed.
pub(super) fn text_for(
    store: &mut Store,
    source: Source,
    project_id: Option<&str>,
    kind: ConsentKind,
) -> Result<TextSnapshot, ApiError> {
    let version = match store.current_consent_text(project_id, kind)? {
        Some(v) => v,
        None => {
            let (title, text) = match kind {
                ConsentKind::ImageConsent => {
                    ("Zgoda na wykorzystanie wizerunku", DEFAULT_IMAGE_CONSENT)
                }
                ConsentKind::AuthorityClause => (
                    "Klauzula informacyjna instytucji zarządzającej programem",
                    DEFAULT_AUTHORITY_CLAUSE,
                ),
                _ => ("Oświadczenie uczestnika projektu", DEFAULT_DATA_STATEMENT),
            };
            let input = kartoteka_domain::consent::ConsentTextInput {
                kind: Some(kind.as_str().into()),
                title: Some(title.into()),
                text: Some(text.into()),
            };
            store.add_consent_text(source, None, None, &input)?
        }
    };
    Ok(TextSnapshot {
        id: version.id.to_string(),
        title: version.title,
        version: version.version,
        text: version.text,
    })
}

/// The text of another consent (kind `other`) to print: `text_id` names a version, or a text
/// (template) whose newest version is meant; it must be the organisation's or the project's.
fn other_text(
    store: &Store,
    project_id: Option<&str>,
    text_id: Option<&str>,
) -> Result<TextSnapshot, ApiError> {
    let Some(wanted) = text_id.map(str::trim).filter(|t| !t.is_empty()) else {
        return Err(ApiError::invalid(
            "text",
            "Zgoda: wskaż treść do wydruku (jej identyfikator z listy treści zgód, kartoteka consent texts)",
        ));
    };
    let texts = store.consent_texts(project_id)?;
    // Newest version first within each text (the store's order).
    let version = texts
        .iter()
        .find(|v| v.id.to_string() == wanted)
        .or_else(|| texts.iter().find(|v| v.template_id.to_string() == wanted))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Nie ma treści zgody {wanted} w tej organizacji ani w projekcie osoby."),
            )
        })?;
    if version.kind != ConsentKind::Other {
        return Err(ApiError::invalid(
            "text",
            format!(
                "Ta treść to {} — drukuje się ją jako swój dokument, nie jako inną zgodę.",
                version.kind.polish()
            ),
        ));
    }
    Ok(TextSnapshot {
        id: version.id.to_string(),
        title: version.title.clone(),
        version: version.version,
        text: version.text.clone(),
    })
}

/// An audit action in Polish, for the printed history.
pub(super) fn action_polish(action: &str) -> &str {
    match action {
        "create" => "utworzenie",
        "update" => "zmiana danych",
        "archive" => "archiwizacja",
        "restore" => "przywrócenie",
        "anonymise" => "anonimizacja",
        "relation_added" => "dodanie powiązania rodzinnego",
        "consent_given" => "wyrażenie zgody",
        "consent_withdrawn" => "wycofanie zgody",
        "document_generated" => "wygenerowanie dokumentu",
        other => other,
    }
}

pub(super) fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A code's Polish label ("" when none; the code itself when no list knows it).
fn label_of(list: &kartoteka_domain::values::CodeList, code: &Option<String>) -> String {
    code.as_deref()
        .map(|c| list.label_or_code(c).to_owned())
        .unwrap_or_default()
}

/// The blocks of a person's full record, in Polish.
pub(super) fn record_blocks(store: &Store, id: &str) -> Result<Vec<Block>, ApiError> {
    let record = store.personal_record(id)?;
    let p = &record.participant.data;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut fields = vec![
        ("Imię (imiona)".to_owned(), p.first_name.clone()),
        ("Nazwisko".to_owned(), p.last_name.clone()),
        (
            "PESEL".to_owned(),
            p.pesel
                .map(|x| x.as_string())
                .unwrap_or_else(|| "brak".into()),
        ),
        ("Data urodzenia".to_owned(), date(p.birth_date)),
        ("Płeć".to_owned(), p.sex.polish().to_owned()),
        ("Inny dokument tożsamości".to_owned(), opt(&p.other_id)),
        ("Obywatelstwo".to_owned(), opt(&p.citizenship)),
        (
            "Wykształcenie".to_owned(),
            label_of(&EDUCATION, &p.education),
        ),
        (
            "Status na rynku pracy".to_owned(),
            label_of(&LABOUR_STATUS, &p.labour_status),
        ),
        (
            "Status szczegółowy (w tym)".to_owned(),
            label_of(&LABOUR_SUBSTATUS, &p.labour_substatus),
        ),
        (
            "Adres zamieszkania".to_owned(),
            p.address
                .as_ref()
                .map(Address::one_line)
                .unwrap_or_default(),
        ),
        (
            "Adres do korespondencji".to_owned(),
            p.correspondence_address
                .as_ref()
                .map(Address::one_line)
                .unwrap_or_default(),
        ),
        (
            "Telefon".to_owned(),
            p.phone
                .as_ref()
                .map(|x| x.as_str().to_owned())
                .unwrap_or_default(),
        ),
        (
            "E-mail".to_owned(),
            p.email
                .as_ref()
                .map(|x| x.as_str().to_owned())
                .unwrap_or_default(),
        ),
        (
            "Potrzeby dostępnościowe".to_owned(),
            opt(&p.accessibility_needs),
        ),
        ("Uwagi".to_owned(), opt(&p.notes)),
    ];
    for (label, answer) in [
        ("Niepełnosprawność", p.disability),
        ("Obce pochodzenie", p.foreign_origin),
        ("Obywatel państwa trzeciego", p.third_country_national),
        ("Mniejszość", p.minority),
        (
            "Bezdomność lub wykluczenie z dostępu do mieszkań",
            p.homeless,
        ),
        ("Inna niekorzystna sytuacja", p.other_disadvantage),
    ] {
        fields.push((
            label.to_owned(),
            answer.map(|a| a.polish().to_owned()).unwrap_or_default(),
        ));
    }
    fields.push((
        "Stopień niepełnosprawności".to_owned(),
        label_of(&DISABILITY_DEGREE, &p.disability_degree),
    ));
    let mut blocks = vec![Block::Fields {
        title: "Dane osobowe".into(),
        fields,
    }];
    blocks.push(Block::Table {
        title: "Rodzina".into(),
        columns: vec!["Osoba".into(), "Relacja".into()],
        rows: record
            .family
            .iter()
            .map(|r| vec![r.name.clone(), r.kind.polish().to_owned()])
            .collect(),
    });
    blocks.push(Block::Table {
        title: "Udział w projektach".into(),
        columns: vec![
            "Projekt".into(),
            "Okres udziału".into(),
            "Grupa docelowa".into(),
            "Status na starcie".into(),
            "Sytuacja po zakończeniu".into(),
        ],
        rows: record
            .enrolments
            .iter()
            .map(|e| {
                vec![
                    e.project_name.clone(),
                    match &e.end {
                        Some(x) => format!("{} – {}", date(e.start.start_date), date(x.end_date)),
                        None => format!("od {} (trwa)", date(e.start.start_date)),
                    },
                    e.start.target_group.clone().unwrap_or_default(),
                    label_of(&LABOUR_STATUS, &e.start.status_at_start),
                    e.end
                        .as_ref()
                        .map(|x| label_of(&EXIT_SITUATION, &x.exit_situation))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    });
    // The person's plans, the services they received and the notes kept about them (art. 15
    // RODO: a copy of all their data).
    blocks.push(Block::Table {
        title: "Plany i kontrakty".into(),
        columns: vec![
            "Rodzaj".into(),
            "Projekt".into(),
            "Wersja".into(),
            "Okres".into(),
            "Stan".into(),
            "Pracownik".into(),
        ],
        rows: record
            .plans
            .iter()
            .map(|v| {
                vec![
                    v.kind_label.clone(),
                    v.project_name
                        .clone()
                        .unwrap_or_else(|| "poza projektem".into()),
                    v.version.to_string(),
                    format!("{} – {}", date(v.start_date), date(v.end_date)),
                    v.status_label.clone(),
                    v.worker.clone(),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Table {
        title: "Zrealizowane usługi".into(),
        columns: vec![
            "Data".into(),
            "Usługa".into(),
            "Ilość".into(),
            "Obecność".into(),
            "Kto".into(),
        ],
        rows: record
            .deliveries
            .iter()
            .map(|d| {
                vec![
                    date(d.date),
                    d.service_name.clone(),
                    format!(
                        "{} {}",
                        format_quantity((d.quantity * 100.0).round() as i64),
                        d.unit_label
                    ),
                    d.attendance_label.clone(),
                    d.delivered_by.clone(),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Table {
        title: "Notatki z kontaktów".into(),
        columns: vec![
            "Kiedy".into(),
            "Rodzaj".into(),
            "Treść".into(),
            "Kto".into(),
        ],
        rows: record
            .notes
            .iter()
            .map(|n| {
                vec![
                    n.at.get(..16).unwrap_or(&n.at).replace('T', " "),
                    n.kind_label.clone(),
                    n.text.clone(),
                    n.author.clone(),
                ]
            })
            .collect(),
    });
    let consents = store.consents_of(id)?;
    blocks.push(Block::Table {
        title: "Zgody i oświadczenia".into(),
        columns: vec![
            "Treść".into(),
            "Wersja".into(),
            "Wyrażona".into(),
            "Przez".into(),
            "Wycofana".into(),
        ],
        rows: consents
            .iter()
            .map(|c| {
                vec![
                    c.title.clone(),
                    format!("v{}", c.version),
                    date(c.given_on),
                    if c.given_by == "self" {
                        "osobiście".into()
                    } else {
                        c.given_by.clone()
                    },
                    c.withdrawn_on.map(date).unwrap_or_default(),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Table {
        title: "Historia zmian w kartotece".into(),
        columns: vec!["Kiedy".into(), "Kto".into(), "Co".into(), "Pola".into()],
        rows: record
            .history
            .iter()
            .map(|h| {
                vec![
                    h.at.get(..16).unwrap_or(&h.at).replace('T', " "),
                    h.actor.clone(),
                    action_polish(&h.action).to_owned(),
                    h.fields.join(", "),
                ]
            })
            .collect(),
    });
    Ok(blocks)
}

/// Reads everything the requested document needs from the store.
pub fn build_snapshot(
    store: &mut Store,
    source: Source,
    req: &PrintRequest,
    now: DateTime<FixedOffset>,
) -> Result<Snapshot, ApiError> {
    let kind = req
        .kind
        .ok_or_else(|| ApiError::invalid("kind", "Wybierz rodzaj dokumentu"))?;
    let mut participant_id = req.participant_id.clone();
    let mut requested_project = req.project_id.clone();
    // A plan kept outside any project prints without a project's letterhead.
    let mut outside_projects = false;
    let plan = match kind {
        DocumentKind::Plan => {
            let plan = choose_plan(
                store,
                req.plan_id.as_deref(),
                participant_id.as_deref(),
                requested_project.as_deref(),
            )?;
            if let Some(plan) = &plan {
                participant_id = Some(plan.participant_id.clone());
                requested_project = plan.project_id.clone();
                outside_projects = plan.project_id.is_none();
            }
            plan
        }
        _ => None,
    };
    let participant = participant_id
        .as_deref()
        .map(|id| store.participant(id))
        .transpose()?;
    if participant.is_none() && kind == DocumentKind::Record {
        return Err(ApiError::invalid(
            "participant",
            "Pełny zapis danych dotyczy jednej osoby: wskaż uczestnika",
        ));
    }
    let enrolments = match &participant {
        Some(p) => store.enrolments_of_participant(&p.id.to_string())?,
        None => vec![],
    };
    let project_id = requested_project.clone().or_else(|| {
        (!outside_projects)
            .then(|| enrolments.first().map(|e| e.project_id.to_string()))
            .flatten()
    });
    let project = project_id
        .as_deref()
        .map(|id| store.project(id))
        .transpose()?;
    let enrolled = project
        .as_ref()
        .and_then(|pr| enrolments.iter().find(|e| e.project_id == pr.id));
    let enrolment = enrolled.map(|e| e.start.clone());
    let exit = match kind {
        DocumentKind::ExitStatement => enrolled.and_then(|e| e.end.clone()),
        _ => None,
    };
    let guardian_of = match &participant {
        Some(p) if p.data.is_minor_on(now.date_naive()) => store
            .related_people(&p.id.to_string())?
            .into_iter()
            .find(|r| r.can_sign),
        _ => None,
    };
    // The enrolment form prints the guardian's address and phone from their own record.
    let guardian = match (&guardian_of, kind) {
        (Some(r), DocumentKind::Enrolment) => {
            let data = store.participant(&r.person_id.to_string())?.data;
            Some(GuardianSnapshot {
                name: r.name.clone(),
                address: data
                    .address
                    .as_ref()
                    .map(|a| layout::address_sheet(a).one_line())
                    .unwrap_or_default(),
                phone: data
                    .phone
                    .as_ref()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default(),
            })
        }
        _ => None,
    };
    let signatory = guardian_of.map(|r| r.name);
    let text = match kind {
        DocumentKind::DataStatement => Some(text_for(
            store,
            source,
            project_id.as_deref(),
            ConsentKind::DataStatement,
        )?),
        DocumentKind::ImageConsent => Some(text_for(
            store,
            source,
            project_id.as_deref(),
            ConsentKind::ImageConsent,
        )?),
        DocumentKind::Consent => Some(other_text(
            store,
            project_id.as_deref(),
            req.text_id.as_deref(),
        )?),
        _ => None,
    };
    // An EU project's statement also carries the managing authority's clause (its model text
    // is added the first time, as the organisation's is).
    let authority_text = match (kind, project_id.as_deref()) {
        (DocumentKind::DataStatement, Some(id)) => Some(text_for(
            store,
            source,
            Some(id),
            ConsentKind::AuthorityClause,
        )?),
        _ => None,
    };
    let image_consent = match (&participant, kind) {
        (Some(p), DocumentKind::ImageConsent) => {
            let given = store
                .consents_of(&p.id.to_string())?
                .into_iter()
                .any(|c| c.kind == ConsentKind::ImageConsent && c.withdrawn_on.is_none());
            given.then_some(true)
        }
        // Another consent: given (and not withdrawn) to any version of the same text.
        (Some(p), DocumentKind::Consent) => {
            let printed = text.as_ref().map(|t| t.id.as_str()).unwrap_or_default();
            let versions = store.consent_texts(project_id.as_deref())?;
            let template_of = |version: &str| {
                versions
                    .iter()
                    .find(|v| v.id.to_string() == version)
                    .map(|v| v.template_id)
            };
            let template = template_of(printed);
            let given = store.consents_of(&p.id.to_string())?.into_iter().any(|c| {
                c.withdrawn_on.is_none()
                    && template.is_some()
                    && template_of(&c.template_version_id.to_string()) == template
            });
            given.then_some(true)
        }
        _ => None,
    };
    let record = match (&participant, kind) {
        (Some(p), DocumentKind::Record) => Some(record_blocks(store, &p.id.to_string())?),
        _ => None,
    };
    if kind == DocumentKind::Attendance && req.attendance.is_none() {
        return Err(ApiError::invalid(
            "service",
            "Lista obecności: podaj usługę i miesiąc",
        ));
    }
    let (attendance, attendance_log) = match (&req.attendance, kind) {
        (Some(a), DocumentKind::Attendance) => {
            attendance_from_log(store, a, requested_project.as_deref())?
        }
        _ => (req.attendance.clone(), None),
    };
    let signatory = match plan.as_ref().and_then(|p| p.signing.as_ref()) {
        Some(signing) if signing.signed_by != "self" => Some(signing.signed_by.clone()),
        Some(_) => None,
        None => signatory,
    };
    let plan = plan.map(|p| plan_snapshot(store, &p)).transpose()?;
    Ok(Snapshot {
        kind: kind.as_str().to_owned(),
        revision: forms::RENDERING_REVISION,
        generated_at: now,
        organisation: store.organisation()?,
        project: project.map(|p| p.data),
        participant_id: participant.as_ref().map(|p| p.id.to_string()),
        participant: participant.map(|p| p.data),
        enrolment,
        signatory,
        text,
        image_consent,
        attendance,
        record,
        plan,
        attendance_log,
        authority_text,
        project_id,
        exit,
        guardian,
    })
}
