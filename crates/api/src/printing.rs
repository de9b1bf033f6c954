//! Printing: builds a document's inputs from the store (a snapshot), renders it with
//! `kartoteka_forms`, and records it (kind, person, text version, time, SHA-256, snapshot) so
//! it can be rendered again byte for byte.
//!
//! Invariant: `render_snapshot` is a pure function of the snapshot; everything read from the
//! store or the clock goes into the snapshot first.

use crate::error::{ApiError, ErrorCode};
use chrono::{DateTime, FixedOffset, NaiveDate};
use kartoteka_domain::consent::ConsentKind;
use kartoteka_domain::enrolment::EnrolmentStart;
use kartoteka_domain::participant::{Address, ParticipantData};
use kartoteka_domain::project::ProjectData;
use kartoteka_forms as forms;
use kartoteka_forms::DocumentKind;
use kartoteka_store::documents::{DocumentRecord, NewDocument};
use kartoteka_store::settings::OrganisationSettings;
use kartoteka_store::{Source, Store};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What the user asked to print.
#[derive(Debug, Clone, Default)]
pub struct PrintRequest {
    pub kind: Option<DocumentKind>,
    /// `None` prints the blank form.
    pub participant_id: Option<String>,
    /// The project of the header; the person's latest enrolment's project when left out.
    pub project_id: Option<String>,
    pub attendance: Option<AttendanceRequest>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AttendanceRequest {
    pub service: String,
    pub unit: String,
    pub specialist: String,
    pub year: i32,
    pub month: u32,
}

/// A consent text as printed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextSnapshot {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub text: String,
}

/// Everything a document is rendered from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub kind: String,
    /// `kartoteka_forms::RENDERING_REVISION` at the time: the same snapshot gives the same
    /// bytes only under the same revision.
    #[serde(default)]
    pub revision: u32,
    pub generated_at: DateTime<FixedOffset>,
    pub organisation: OrganisationSettings,
    pub project: Option<ProjectData>,
    pub participant_id: Option<String>,
    pub participant: Option<ParticipantData>,
    pub enrolment: Option<EnrolmentStart>,
    pub signatory: Option<String>,
    pub text: Option<TextSnapshot>,
    pub image_consent: Option<bool>,
    pub attendance: Option<AttendanceRequest>,
    pub record: Option<Vec<Block>>,
}

/// A part of a person's full record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Block {
    Fields {
        title: String,
        fields: Vec<(String, String)>,
    },
    Table {
        title: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

pub struct Printed {
    pub bytes: Vec<u8>,
    pub record: DocumentRecord,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("Nie udało się przygotować dokumentu: {e}"),
    )
}

fn address_sheet(a: &Address) -> forms::AddressSheet {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    forms::AddressSheet {
        country: a.country.clone().unwrap_or_else(|| "Polska".into()),
        voivodeship: s(&a.voivodeship),
        county: s(&a.county),
        commune: s(&a.commune),
        town: s(&a.town),
        street: s(&a.street),
        building: s(&a.building),
        flat: s(&a.flat),
        postcode: a
            .postcode
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        degurba: a.degurba,
    }
}

fn participant_sheet(
    p: &ParticipantData,
    enrolment: Option<&EnrolmentStart>,
    signatory: Option<String>,
    project: Option<&ProjectData>,
) -> forms::ParticipantSheet {
    let _ = project;
    forms::ParticipantSheet {
        first_names: p.first_name.clone(),
        surname: p.last_name.clone(),
        sex: p.sex,
        pesel: p.pesel.map(|x| x.as_string()),
        other_id: p.other_id.clone(),
        birth_date: p.birth_date,
        age_on_joining: enrolment.map(|e| p.age_on(e.start_date)),
        citizenship: p.citizenship.clone().unwrap_or_else(|| "polskie".into()),
        education: p.education.clone(),
        address: p.address.as_ref().map(address_sheet).unwrap_or_default(),
        correspondence_address: p.correspondence_address.as_ref().map(address_sheet),
        phone: p
            .phone
            .as_ref()
            .map(|x| x.as_str().to_owned())
            .unwrap_or_default(),
        email: p
            .email
            .as_ref()
            .map(|x| x.as_str().to_owned())
            .unwrap_or_default(),
        labour_status: enrolment
            .and_then(|e| e.status_at_start.clone())
            .or_else(|| p.labour_status.clone()),
        labour_substatus: p.labour_substatus.clone(),
        foreign_origin: p.foreign_origin,
        third_country_national: p.third_country_national,
        minority: p.minority,
        homeless: p.homeless,
        disability: p.disability,
        disability_degree: p.disability_degree.clone(),
        other_disadvantage: p.other_disadvantage,
        accessibility_needs: p.accessibility_needs.clone().unwrap_or_default(),
        start_date: enrolment.map(|e| e.start_date),
        target_group: enrolment
            .and_then(|e| e.target_group.clone())
            .unwrap_or_default(),
        signatory,
    }
}

fn person_ref(s: &Snapshot) -> Option<forms::PersonRef> {
    s.participant.as_ref().map(|p| forms::PersonRef {
        full_name: p.full_name(),
        pesel: p.pesel.map(|x| x.as_string()),
        signatory: s.signatory.clone(),
    })
}

fn context(s: &Snapshot) -> Result<forms::DocumentContext, ApiError> {
    use base64::Engine;
    let logo_strip = match &s.organisation.logo_strip_base64 {
        Some(b64) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(internal)?;
            let format = if bytes.starts_with(b"\x89PNG") {
                forms::ImageFormat::Png
            } else {
                forms::ImageFormat::Jpeg
            };
            Some(forms::LogoStrip::new(bytes, format))
        }
        None => None,
    };
    Ok(forms::DocumentContext {
        organisation: forms::Organisation {
            name: s.organisation.name.clone(),
            address_lines: s.organisation.address_lines.clone(),
            logo_strip,
        },
        project: s.project.as_ref().map(|p| forms::ProjectHeader {
            name: p.name.clone(),
            agreement_number: p.agreement_number.clone().unwrap_or_default(),
        }),
        generated_at: s.generated_at,
        place: Some(s.organisation.place.clone()).filter(|p| !p.is_empty()),
    })
}

fn template(s: &Snapshot) -> Result<forms::ConsentTemplate, ApiError> {
    let t = s.text.as_ref().ok_or_else(|| internal("brak treści"))?;
    Ok(forms::ConsentTemplate {
        title: t.title.clone(),
        version: format!("v{}", t.version),
        text: t.text.clone(),
    })
}

/// Renders a document from its snapshot. The same snapshot always gives the same bytes.
pub fn render_snapshot(s: &Snapshot) -> Result<Vec<u8>, ApiError> {
    let kind = DocumentKind::parse(&s.kind)
        .ok_or_else(|| internal(format!("nieznany dokument {}", s.kind)))?;
    let ctx = context(s)?;
    let bytes = match kind {
        DocumentKind::Enrolment => {
            let sheet = s.participant.as_ref().map(|p| {
                participant_sheet(
                    p,
                    s.enrolment.as_ref(),
                    s.signatory.clone(),
                    s.project.as_ref(),
                )
            });
            forms::enrolment_form(&ctx, sheet.as_ref())
        }
        DocumentKind::Declaration => {
            let sheet = person_ref(s).map(|person| forms::DeclarationSheet {
                person,
                min_attendance_percent: 80,
            });
            forms::participation_declaration(&ctx, sheet.as_ref())
        }
        DocumentKind::DataStatement => {
            forms::data_statement(&ctx, &template(s)?, person_ref(s).as_ref())
        }
        DocumentKind::ImageConsent => {
            let sheet = person_ref(s).map(|person| forms::ImageConsentSheet {
                person,
                consent: s.image_consent,
            });
            forms::image_consent(&ctx, &template(s)?, sheet.as_ref())
        }
        DocumentKind::Attendance => {
            let a = s.attendance.clone().unwrap_or_default();
            let sheet = forms::AttendanceSheet {
                service: a.service,
                unit: a.unit,
                year: a.year,
                month: a.month,
                specialist: a.specialist,
                rows: vec![],
                blank_rows: 20,
            };
            forms::attendance_sheet(&ctx, Some(&sheet))
        }
        DocumentKind::Record => {
            let blocks = s.record.clone().unwrap_or_default();
            let record = forms::PersonRecord {
                full_name: s
                    .participant
                    .as_ref()
                    .map(ParticipantData::full_name)
                    .unwrap_or_default(),
                blocks: blocks
                    .into_iter()
                    .map(|b| match b {
                        Block::Fields { title, fields } => {
                            forms::RecordBlock::Fields { title, fields }
                        }
                        Block::Table {
                            title,
                            columns,
                            rows,
                        } => forms::RecordBlock::Table {
                            title,
                            columns,
                            rows,
                        },
                    })
                    .collect(),
            };
            forms::person_record(&ctx, &record)
        }
        DocumentKind::RecoveryKey => {
            return Err(internal(
                "klucz odzyskiwania nie jest zapisywany w rejestrze",
            ))
        }
    };
    bytes.map_err(internal)
}

const DEFAULT_DATA_STATEMENT: &str = "Przyjmuję do wiadomości, że administratorem moich danych osobowych jest organizacja wskazana w nagłówku tego dokumentu, a w zakresie danych przetwarzanych w centralnym systemie teleinformatycznym — instytucja zarządzająca programem.

Moje dane osobowe są przetwarzane w celu realizacji projektu, w szczególności potwierdzenia kwalifikowalności, udzielenia wsparcia, monitoringu, ewaluacji, kontroli, audytu i sprawozdawczości, na podstawie obowiązku prawnego ciążącego na administratorze (art. 6 ust. 1 lit. c oraz art. 9 ust. 2 lit. g RODO).

Moje dane mogą zostać przekazane instytucjom zaangażowanym we wdrażanie programu oraz podmiotom prowadzącym na ich zlecenie badania ewaluacyjne, kontrole i audyt. Dane będą przechowywane do czasu wskazanego w umowie o dofinansowanie projektu.

Mam prawo dostępu do treści swoich danych, ich sprostowania, ograniczenia przetwarzania oraz prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych. Podanie danych jest warunkiem udziału w projekcie. W ciągu 4 tygodni od zakończenia udziału przekażę informacje o swojej sytuacji po opuszczeniu projektu.";

const DEFAULT_IMAGE_CONSENT: &str = "Wyrażam zgodę na nieodpłatne utrwalanie i wykorzystanie mojego wizerunku (albo wizerunku dziecka, którego jestem rodzicem lub opiekunem prawnym) w materiałach informacyjnych i promocyjnych projektu, w tym na stronie internetowej i w mediach społecznościowych organizacji.

Zgoda jest dobrowolna i może zostać w każdej chwili wycofana; wycofanie zgody nie wpływa na zgodność z prawem wykorzystania wizerunku przed jej wycofaniem. Brak zgody nie ma wpływu na udział w projekcie.";

/// The newest text of a kind for the project; the organisation's model text (version 1) is
/// added the first time none exists, so a form can always be printed.
fn text_for(
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

/// An audit action in Polish, for the printed history.
fn action_polish(action: &str) -> &str {
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

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The blocks of a person's full record, in Polish.
fn record_blocks(store: &Store, id: &str) -> Result<Vec<Block>, ApiError> {
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
        ("Obywatelstwo".to_owned(), opt(&p.citizenship)),
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
            "Początek".into(),
            "Koniec".into(),
            "Grupa docelowa".into(),
        ],
        rows: record
            .enrolments
            .iter()
            .map(|e| {
                vec![
                    e.project_name.clone(),
                    date(e.start.start_date),
                    e.end
                        .as_ref()
                        .map(|x| date(x.end_date))
                        .unwrap_or_else(|| "trwa".into()),
                    e.start.target_group.clone().unwrap_or_default(),
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
    let participant = req
        .participant_id
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
    let project_id = req
        .project_id
        .clone()
        .or_else(|| enrolments.first().map(|e| e.project_id.to_string()));
    let project = project_id
        .as_deref()
        .map(|id| store.project(id))
        .transpose()?;
    let enrolment = project
        .as_ref()
        .and_then(|pr| enrolments.iter().find(|e| e.project_id == pr.id))
        .map(|e| e.start.clone());
    let signatory = match &participant {
        Some(p) if p.data.is_minor_on(now.date_naive()) => store
            .related_people(&p.id.to_string())?
            .into_iter()
            .find(|r| r.can_sign)
            .map(|r| r.name),
        _ => None,
    };
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
        attendance: req.attendance.clone(),
        record,
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Renders and records a document.
pub fn print(
    store: &mut Store,
    source: Source,
    req: &PrintRequest,
    now: DateTime<FixedOffset>,
) -> Result<Printed, ApiError> {
    let snapshot = build_snapshot(store, source, req, now)?;
    let bytes = render_snapshot(&snapshot)?;
    let sha = sha256_hex(&bytes);
    let record = store.record_document(
        source,
        NewDocument {
            kind: &snapshot.kind,
            participant_id: snapshot.participant_id.as_deref(),
            project_id: req.project_id.as_deref(),
            template_version_id: snapshot.text.as_ref().map(|t| t.id.as_str()),
            sha256: &sha,
            bytes: bytes.len(),
            model: serde_json::to_value(&snapshot).map_err(internal)?,
        },
    )?;
    Ok(Printed { bytes, record })
}

/// Renders a recorded document again and checks it is the same, byte for byte.
pub fn regenerate(store: &Store, document_id: &str) -> Result<Vec<u8>, ApiError> {
    let record = store.document(document_id)?;
    let snapshot: Snapshot =
        serde_json::from_value(store.document_model(document_id)?).map_err(internal)?;
    let bytes = render_snapshot(&snapshot)?;
    if sha256_hex(&bytes) != record.sha256 {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Dokument wygenerowany ponownie różni się od zapisanego (inna wersja programu?) — nie został zastąpiony.",
        ));
    }
    Ok(bytes)
}

/// The recovery key sheet (never recorded: the key must not be stored anywhere).
pub fn recovery_key_pdf(
    key: &str,
    data_folder: &str,
    organisation: &OrganisationSettings,
    now: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ApiError> {
    let snapshot = Snapshot {
        kind: DocumentKind::RecoveryKey.as_str().into(),
        revision: forms::RENDERING_REVISION,
        generated_at: now,
        organisation: organisation.clone(),
        project: None,
        participant_id: None,
        participant: None,
        enrolment: None,
        signatory: None,
        text: None,
        image_consent: None,
        attendance: None,
        record: None,
    };
    let ctx = context(&snapshot)?;
    forms::recovery_key_sheet(
        &ctx,
        &forms::RecoveryKeySheet {
            key: key.to_owned(),
            data_folder: data_folder.to_owned(),
        },
    )
    .map_err(internal)
}
