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
use kartoteka_domain::plan::{format_quantity, Attendance, LifeArea, PlanStatus};
use kartoteka_domain::project::ProjectData;
use kartoteka_forms as forms;
use kartoteka_forms::DocumentKind;
use kartoteka_store::documents::{DocumentRecord, NewDocument};
use kartoteka_store::plans::{PlanSummary, PlanView};
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
    /// The support plan version to print; for a plan without it, the participant's current
    /// plan in the project (the signed version, else the newest draft, else the newest).
    pub plan_id: Option<String>,
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
    /// The support plan as printed.
    #[serde(default)]
    pub plan: Option<PlanSnapshot>,
    /// An attendance sheet built from the delivery log (a catalogue service in a project).
    #[serde(default)]
    pub attendance_log: Option<Vec<AttendancePerson>>,
    /// The project the document was printed for, as recorded in the register.
    #[serde(default)]
    pub project_id: Option<String>,
}

/// A support plan version as printed: text ready for paper, so a later change of a Polish
/// label in the program cannot change a regenerated document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanSnapshot {
    pub id: String,
    pub version: u32,
    pub status: String,
    pub draft: bool,
    pub worker: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// For a version above 1: the amendment's number and the date of the plan it amends.
    pub amendment: Option<(u32, NaiveDate)>,
    pub problem_situation: String,
    pub strengths: String,
    pub needs: String,
    pub areas: Vec<AreaSnapshot>,
    pub goals: Vec<GoalSnapshot>,
    pub commitments: String,
    pub reviews: Vec<ReviewSnapshot>,
    pub closing: Option<ClosingSnapshot>,
    /// Dates the participant (or guardian) and the worker signed.
    pub signed_on: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AreaSnapshot {
    pub area: LifeArea,
    pub score: u8,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoalSnapshot {
    pub title: String,
    pub measure: String,
    pub target_date: Option<NaiveDate>,
    pub status: String,
    pub services: Vec<PlannedServiceSnapshot>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlannedServiceSnapshot {
    pub service: String,
    /// "10 godz."
    pub quantity: String,
    pub specialist: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub frequency: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewSnapshot {
    pub date: NaiveDate,
    pub changes: String,
    pub goals: String,
    pub worker: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClosingSnapshot {
    pub closed_on: NaiveDate,
    pub evaluation: String,
    pub worker: String,
}

/// One participant of an attendance sheet from the delivery log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttendancePerson {
    pub name: String,
    pub planned: String,
    pub delivered: String,
    pub deliveries: Vec<AttendanceEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub date: NaiveDate,
    pub quantity: String,
    pub attendance: String,
    pub attended: bool,
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
    lay_out_snapshot(s)?.to_pdf().map_err(internal)
}

fn plan_sheet(s: &Snapshot, plan: &PlanSnapshot) -> forms::PlanSheet {
    forms::PlanSheet {
        person: person_ref(s).unwrap_or(forms::PersonRef {
            full_name: String::new(),
            pesel: None,
            signatory: s.signatory.clone(),
        }),
        worker: plan.worker.clone(),
        start_date: plan.start_date,
        end_date: plan.end_date,
        version: plan.version,
        status: plan.status.clone(),
        draft: plan.draft,
        amendment: plan
            .amendment
            .map(|(number, plan_date)| forms::PlanAmendment { number, plan_date }),
        problem_situation: plan.problem_situation.clone(),
        strengths: plan.strengths.clone(),
        needs: plan.needs.clone(),
        areas: plan
            .areas
            .iter()
            .map(|a| forms::AreaScore {
                area: a.area,
                score: Some(a.score),
                comment: a.comment.clone(),
            })
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| forms::PlanGoal {
                title: g.title.clone(),
                measure: g.measure.clone(),
                target_date: g.target_date,
                status: g.status.clone(),
                services: g
                    .services
                    .iter()
                    .map(|x| forms::PlanServiceRow {
                        service: x.service.clone(),
                        quantity: x.quantity.clone(),
                        specialist: x.specialist.clone(),
                        start_date: x.start_date,
                        end_date: x.end_date,
                        frequency: x.frequency.clone(),
                    })
                    .collect(),
            })
            .collect(),
        commitments: plan.commitments.clone(),
        reviews: plan
            .reviews
            .iter()
            .map(|r| forms::PlanReviewRow {
                date: r.date,
                changes: r.changes.clone(),
                goals: r.goals.clone(),
                worker: r.worker.clone(),
            })
            .collect(),
        closing: plan.closing.as_ref().map(|c| forms::PlanClosingSheet {
            closed_on: c.closed_on,
            evaluation: c.evaluation.clone(),
            worker: c.worker.clone(),
        }),
        signing: plan
            .signed_on
            .map(|(participant, worker)| forms::PlanSigningSheet {
                participant_signed_on: participant,
                worker_signed_on: worker,
            }),
    }
}

/// Lays a document out from its snapshot, ready to be written alone or into a batch file.
pub fn lay_out_snapshot(s: &Snapshot) -> Result<forms::Document, ApiError> {
    use forms::Model;
    let kind = DocumentKind::parse(&s.kind)
        .ok_or_else(|| internal(format!("nieznany dokument {}", s.kind)))?;
    let ctx = context(s)?;
    let laid = match kind {
        DocumentKind::Enrolment => {
            let sheet = s.participant.as_ref().map(|p| {
                participant_sheet(
                    p,
                    s.enrolment.as_ref(),
                    s.signatory.clone(),
                    s.project.as_ref(),
                )
            });
            forms::lay_out(&ctx, Model::Enrolment(sheet.as_ref()))
        }
        DocumentKind::Declaration => {
            let sheet = person_ref(s).map(|person| forms::DeclarationSheet {
                person,
                min_attendance_percent: 80,
            });
            forms::lay_out(&ctx, Model::Declaration(sheet.as_ref()))
        }
        DocumentKind::DataStatement => {
            let person = person_ref(s);
            forms::lay_out(&ctx, Model::DataStatement(&template(s)?, person.as_ref()))
        }
        DocumentKind::ImageConsent => {
            let sheet = person_ref(s).map(|person| forms::ImageConsentSheet {
                person,
                consent: s.image_consent,
            });
            forms::lay_out(&ctx, Model::ImageConsent(&template(s)?, sheet.as_ref()))
        }
        DocumentKind::Plan => {
            let sheet = s.plan.as_ref().map(|plan| plan_sheet(s, plan));
            forms::lay_out(&ctx, Model::Plan(sheet.as_ref()))
        }
        DocumentKind::Attendance => {
            let a = s.attendance.clone().unwrap_or_default();
            let sheet = match &s.attendance_log {
                // Recorded before the delivery log was read: a sheet to fill in by hand.
                None => forms::AttendanceSheet {
                    service: a.service,
                    unit: a.unit,
                    year: a.year,
                    month: a.month,
                    specialist: a.specialist,
                    rows: vec![],
                    blank_rows: 20,
                    participants: vec![],
                },
                Some(people) => forms::AttendanceSheet {
                    service: a.service,
                    unit: a.unit,
                    year: a.year,
                    month: a.month,
                    specialist: a.specialist,
                    rows: vec![],
                    blank_rows: if people.is_empty() { 20 } else { 3 },
                    participants: people
                        .iter()
                        .map(|p| forms::AttendanceParticipant {
                            name: p.name.clone(),
                            planned: p.planned.clone(),
                            delivered: p.delivered.clone(),
                            deliveries: p
                                .deliveries
                                .iter()
                                .map(|d| forms::AttendanceDelivery {
                                    date: d.date,
                                    quantity: d.quantity.clone(),
                                    attendance: d.attendance.clone(),
                                    attended: d.attended,
                                })
                                .collect(),
                        })
                        .collect(),
                },
            };
            forms::lay_out(&ctx, Model::Attendance(Some(&sheet)))
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
            forms::lay_out(&ctx, Model::Record(&record))
        }
        DocumentKind::RecoveryKey => {
            return Err(internal(
                "klucz odzyskiwania nie jest zapisywany w rejestrze",
            ))
        }
    };
    laid.map_err(internal)
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
    let mut participant_id = req.participant_id.clone();
    let mut requested_project = req.project_id.clone();
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
                requested_project = Some(plan.project_id.clone());
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
    let project_id = requested_project
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
        project_id,
    })
}

/// The plan version a plan print is about: `plan_id` when given (it must belong to the
/// participant and project named), else the participant's current plan — in the project
/// when one is named — the signed version, else the newest draft, else the newest version.
/// `None` for the blank form (no participant, no plan).
fn choose_plan(
    store: &Store,
    plan_id: Option<&str>,
    participant_id: Option<&str>,
    project_id: Option<&str>,
) -> Result<Option<PlanView>, ApiError> {
    if let Some(id) = plan_id {
        let plan = store.plan(id)?;
        if participant_id.is_some_and(|p| p.trim() != plan.participant_id) {
            return Err(ApiError::invalid(
                "plan",
                "Ten plan wsparcia dotyczy innego uczestnika",
            ));
        }
        if project_id.is_some_and(|p| p.trim() != plan.project_id) {
            return Err(ApiError::invalid(
                "plan",
                "Ten plan wsparcia dotyczy innego projektu",
            ));
        }
        return Ok(Some(plan));
    }
    let Some(participant_id) = participant_id else {
        return Ok(None);
    };
    current_plan(store, participant_id, project_id)?
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "Ta osoba nie ma planu wsparcia w tym projekcie — najpierw załóż plan (Plany wsparcia), potem go wydrukuj.",
            )
        })
}

/// The participant's current plan in the project (any project when `None`), if any.
fn current_plan(
    store: &Store,
    participant_id: &str,
    project_id: Option<&str>,
) -> Result<Option<PlanView>, ApiError> {
    let projects: Vec<(String, String)> = store
        .enrolments_of_participant(participant_id)?
        .into_iter()
        .map(|e| (e.id.to_string(), e.project_id.to_string()))
        .collect();
    let in_project = |enrolment: &str| match project_id {
        None => true,
        Some(p) => projects
            .iter()
            .any(|(e, project)| e == enrolment && project == p.trim()),
    };
    // Newest enrolment first, newest version first within it.
    let plans: Vec<PlanSummary> = store
        .plans_of_participant(participant_id)?
        .into_iter()
        .filter(|p| in_project(&p.enrolment_id))
        .collect();
    let chosen = plans
        .iter()
        .find(|p| p.status == PlanStatus::Signed)
        .or_else(|| plans.iter().find(|p| p.status == PlanStatus::Draft))
        .or_else(|| plans.first());
    chosen
        .map(|p| store.plan(&p.id))
        .transpose()
        .map_err(Into::into)
}

/// "10 godz." from a quantity in the service's unit.
fn amount(quantity: f64, unit_label: &str) -> String {
    let centi = (quantity * 100.0).round() as i64;
    format!("{} {unit_label}", format_quantity(centi))
}

/// A plan version as printed, with the date of the plan an amendment amends.
fn plan_snapshot(store: &Store, plan: &PlanView) -> Result<PlanSnapshot, ApiError> {
    let amendment = if plan.version > 1 {
        // Follow the chain back to version 1: its date is the plan's date.
        let mut first = None;
        let mut at = plan.replaces_id.clone();
        let mut steps = 0;
        while let Some(id) = at {
            let earlier = store.plan(&id)?;
            at = earlier.replaces_id.clone();
            first = Some(earlier);
            steps += 1;
            if steps > 1000 {
                return Err(internal("łańcuch aneksów planu nie ma początku"));
            }
        }
        let date = first
            .map(|p| match &p.signing {
                Some(s) => s.participant_signed_on.max(s.worker_signed_on),
                None => p.start_date,
            })
            .unwrap_or(plan.start_date);
        Some((plan.version - 1, date))
    } else {
        None
    };
    let goal_number = |id: &str| plan.goals.iter().position(|g| g.id == id).map(|i| i + 1);
    let reviews = plan
        .reviews
        .iter()
        .map(|r| ReviewSnapshot {
            date: r.review_date,
            changes: r.changes.clone(),
            goals: r
                .goals
                .iter()
                .map(|g| {
                    let which = match goal_number(&g.goal_id.to_string()) {
                        Some(n) => format!("Cel {n}"),
                        None => "Cel z wcześniejszej wersji".to_string(),
                    };
                    match &g.comment {
                        Some(c) => format!("{which}: {} — {c}", g.status.polish()),
                        None => format!("{which}: {}", g.status.polish()),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            worker: r.worker.clone(),
        })
        .collect();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    Ok(PlanSnapshot {
        id: plan.id.clone(),
        version: plan.version,
        status: plan.status_label.clone(),
        draft: plan.status == PlanStatus::Draft,
        worker: plan.worker.clone(),
        start_date: plan.start_date,
        end_date: plan.end_date,
        amendment,
        problem_situation: text(&plan.diagnosis.problem_situation),
        strengths: text(&plan.diagnosis.strengths),
        needs: text(&plan.diagnosis.needs),
        areas: plan
            .diagnosis
            .areas
            .iter()
            .map(|a| AreaSnapshot {
                area: a.area,
                score: a.score,
                comment: text(&a.comment),
            })
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| GoalSnapshot {
                title: g.title.clone(),
                measure: text(&g.measure),
                target_date: g.target_date,
                status: g.status_label.clone(),
                services: g
                    .services
                    .iter()
                    .map(|x| PlannedServiceSnapshot {
                        service: x.service_name.clone(),
                        quantity: amount(x.quantity, &x.unit_label),
                        specialist: text(&x.specialist),
                        start_date: x.start_date,
                        end_date: x.end_date,
                        frequency: text(&x.frequency),
                    })
                    .collect(),
            })
            .collect(),
        commitments: text(&plan.commitments),
        reviews,
        closing: plan.closing.as_ref().map(|c| ClosingSnapshot {
            closed_on: c.closed_on,
            evaluation: c.final_evaluation.clone(),
            worker: c.worker.clone(),
        }),
        signed_on: plan
            .signing
            .as_ref()
            .map(|s| (s.participant_signed_on, s.worker_signed_on)),
    })
}

/// A catalogue code as typed: capitals, digits and dashes ("TER-PSY").
fn looks_like_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// An attendance request for a catalogue service (its code or id) in a project becomes the
/// sheet of the month from the delivery log; any other service name stays a sheet to fill
/// in by hand, as before.
fn attendance_from_log(
    store: &Store,
    a: &AttendanceRequest,
    project_id: Option<&str>,
) -> Result<(Option<AttendanceRequest>, Option<Vec<AttendancePerson>>), ApiError> {
    let service = a.service.trim();
    let catalogue = match store.service(service) {
        Ok(s) => s,
        Err(kartoteka_store::StoreError::NotFound { .. }) if !looks_like_code(service) => {
            return Ok((Some(a.clone()), None));
        }
        Err(kartoteka_store::StoreError::NotFound { .. }) => {
            return Err(ApiError::invalid(
                "service",
                format!(
                "Usługa: nie ma w katalogu usługi o kodzie „{service}” (kartoteka service list)"
            ),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let project_id = project_id.ok_or_else(|| {
        ApiError::invalid(
            "project",
            "Lista obecności z dziennika realizacji: podaj projekt",
        )
    })?;
    let month = NaiveDate::from_ymd_opt(a.year, a.month, 1)
        .ok_or_else(|| ApiError::invalid("month", "Miesiąc: podaj RRRR-MM, np. 2026-11"))?;
    let log = store.service_month(project_id, &catalogue.id.to_string(), month)?;
    let unit = log.service.data.unit;
    let label = unit.after_number();
    let mut specialists: Vec<String> = Vec::new();
    for p in &log.participants {
        for s in &p.specialists {
            if !specialists.contains(s) {
                specialists.push(s.clone());
            }
        }
    }
    if specialists.is_empty() {
        for p in &log.participants {
            for d in &p.deliveries {
                if !d.delivered_by.is_empty() && !specialists.contains(&d.delivered_by) {
                    specialists.push(d.delivered_by.clone());
                }
            }
        }
    }
    let people = log
        .participants
        .iter()
        .map(|p| {
            let attended: i64 = p
                .deliveries
                .iter()
                .filter(|d| d.attendance == Attendance::Present)
                .map(|d| d.quantity_centi)
                .sum();
            AttendancePerson {
                name: format!("{} {}", p.first_name, p.last_name),
                planned: if p.planned_centi > 0 {
                    format!("{} {label}", format_quantity(p.planned_centi))
                } else {
                    "—".to_string()
                },
                delivered: format!("{} {label}", format_quantity(attended)),
                deliveries: p
                    .deliveries
                    .iter()
                    .map(|d| AttendanceEntry {
                        date: d.date,
                        quantity: format_quantity(d.quantity_centi),
                        attendance: d.attendance.polish().to_string(),
                        attended: d.attendance == Attendance::Present,
                    })
                    .collect(),
            }
        })
        .collect();
    let request = AttendanceRequest {
        service: log.service.data.name.clone(),
        unit: unit.polish().to_string(),
        specialist: if a.specialist.trim().is_empty() {
            specialists.join(", ")
        } else {
            a.specialist.trim().to_string()
        },
        year: a.year,
        month: a.month,
    };
    Ok((Some(request), Some(people)))
}

/// What a batch tells its front end and asks it.
pub struct BatchHooks<'a> {
    /// Called with (done, total) before the first document and after each one.
    pub progress: &'a mut dyn FnMut(usize, usize),
    /// Asked before each document: `true` stops the batch there (what was printed stays).
    pub cancelled: &'a dyn Fn() -> bool,
}

/// Writes one document of a batch: its position (from 0), the participant's id, the PDF.
pub type WriteOne<'a> = dyn FnMut(usize, &str, &[u8]) -> Result<(), ApiError> + 'a;

/// Where a batch's documents go.
pub enum BatchOutput<'a> {
    /// One file per person: each printed document is handed over with its position (from 0)
    /// and the participant's id, to be written where the front end wants it.
    EachFile(&'a mut WriteOne<'a>),
    /// Every document in one PDF, pages one after another, each with its own page numbers;
    /// returned in [`BatchOutcome::combined`].
    OneFile,
}

/// How a batch went.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    /// Participants of the project (each once).
    pub total: usize,
    /// Documents printed (and recorded in the register).
    pub printed: usize,
    /// Participants with nothing to print (a plan batch: no support plan in the project).
    pub skipped: Vec<String>,
    pub cancelled: bool,
    /// The one PDF of a [`BatchOutput::OneFile`] batch, when anything was printed.
    pub combined: Option<Vec<u8>>,
    /// Pages in the one PDF.
    pub pages: usize,
}

/// How a batch reaches the store: it calls the function it is given with the store. The CLI
/// holds the store; the desktop shell locks it for each document only, so the window stays
/// responsive (and can ask to cancel) while a long batch runs.
pub type StoreAccess<'a> =
    &'a mut dyn FnMut(&mut dyn FnMut(&mut Store) -> Result<(), ApiError>) -> Result<(), ApiError>;

/// Prints one kind of document for every participant of a project, each recorded in the
/// register like a document printed alone. The kinds that concern one person only: not the
/// attendance sheet or the recovery key.
#[allow(clippy::too_many_arguments)]
pub fn print_batch(
    access: StoreAccess<'_>,
    source: Source,
    kind: DocumentKind,
    project_id: &str,
    now: &dyn Fn() -> DateTime<FixedOffset>,
    mut output: BatchOutput<'_>,
    hooks: BatchHooks<'_>,
) -> Result<BatchOutcome, ApiError> {
    if matches!(kind, DocumentKind::Attendance | DocumentKind::RecoveryKey) {
        return Err(ApiError::invalid(
            "kind",
            "Rodzaj: enrolment, declaration, data-statement, image-consent, plan, record",
        ));
    }
    let project_id = project_id.trim().to_owned();
    let mut participants: Vec<String> = Vec::new();
    access(&mut |store| {
        for e in store.enrolments_in_project(&project_id)? {
            let id = e.participant_id.to_string();
            if !participants.contains(&id) {
                participants.push(id);
            }
        }
        Ok(())
    })?;
    let total = participants.len();
    let mut outcome = BatchOutcome {
        total,
        ..BatchOutcome::default()
    };
    let mut documents = Vec::new();
    let mut pending: Vec<RegisterEntry> = Vec::new();
    (hooks.progress)(0, total);
    for (i, participant) in participants.iter().enumerate() {
        if (hooks.cancelled)() {
            outcome.cancelled = true;
            break;
        }
        let mut result = None;
        access(&mut |store| {
            if kind == DocumentKind::Plan
                && current_plan(store, participant, Some(&project_id))?.is_none()
            {
                return Ok(());
            }
            let req = PrintRequest {
                kind: Some(kind),
                participant_id: Some(participant.clone()),
                project_id: Some(project_id.clone()),
                ..PrintRequest::default()
            };
            result = Some(render_laid(store, source, &req, now())?);
            Ok(())
        })?;
        match result {
            None => outcome.skipped.push(participant.clone()),
            Some((bytes, document, entry)) => {
                match &mut output {
                    BatchOutput::EachFile(each) => each(i, participant, &bytes)?,
                    BatchOutput::OneFile => documents.push(document),
                }
                pending.push(entry);
                outcome.printed += 1;
            }
        }
        // The register is written in groups: one synced transaction per document would cost
        // more than rendering it.
        if pending.len() >= RECORD_GROUP {
            record_all(access, source, &mut pending)?;
        }
        (hooks.progress)(i + 1, total);
    }
    record_all(access, source, &mut pending)?;
    if !documents.is_empty() {
        outcome.pages = documents.iter().map(forms::Document::page_count).sum();
        outcome.combined = Some(forms::combine(&documents).map_err(internal)?);
    }
    Ok(outcome)
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
    print_laid(store, source, req, now).map(|(printed, _)| printed)
}

/// [`print`], also handing back the laid-out document (to put into a batch file).
fn print_laid(
    store: &mut Store,
    source: Source,
    req: &PrintRequest,
    now: DateTime<FixedOffset>,
) -> Result<(Printed, forms::Document), ApiError> {
    let (bytes, document, entry) = render_laid(store, source, req, now)?;
    let record = store.record_document(source, entry.as_new())?;
    Ok((Printed { bytes, record }, document))
}

/// Documents in a batch are recorded in groups of this many.
const RECORD_GROUP: usize = 50;

/// A document rendered but not yet in the register.
struct RegisterEntry {
    kind: String,
    participant_id: Option<String>,
    project_id: Option<String>,
    template_version_id: Option<String>,
    sha256: String,
    bytes: usize,
    model: serde_json::Value,
}

impl RegisterEntry {
    fn as_new(&self) -> NewDocument<'_> {
        NewDocument {
            kind: &self.kind,
            participant_id: self.participant_id.as_deref(),
            project_id: self.project_id.as_deref(),
            template_version_id: self.template_version_id.as_deref(),
            sha256: &self.sha256,
            bytes: self.bytes,
            model: self.model.clone(),
        }
    }
}

/// Records the pending documents of a batch in one transaction.
fn record_all(
    access: StoreAccess<'_>,
    source: Source,
    pending: &mut Vec<RegisterEntry>,
) -> Result<(), ApiError> {
    if pending.is_empty() {
        return Ok(());
    }
    access(&mut |store| {
        let docs: Vec<NewDocument> = pending.iter().map(RegisterEntry::as_new).collect();
        store.record_documents(source, docs)?;
        Ok(())
    })?;
    pending.clear();
    Ok(())
}

/// Renders a document from a fresh snapshot: its bytes, its laid-out pages and what the
/// register will hold about it.
fn render_laid(
    store: &mut Store,
    source: Source,
    req: &PrintRequest,
    now: DateTime<FixedOffset>,
) -> Result<(Vec<u8>, forms::Document, RegisterEntry), ApiError> {
    let snapshot = build_snapshot(store, source, req, now)?;
    let document = lay_out_snapshot(&snapshot)?;
    let bytes = document.to_pdf().map_err(internal)?;
    let entry = RegisterEntry {
        kind: snapshot.kind.clone(),
        participant_id: snapshot.participant_id.clone(),
        project_id: req
            .project_id
            .clone()
            .or(snapshot.plan.as_ref().and(snapshot.project_id.clone())),
        template_version_id: snapshot.text.as_ref().map(|t| t.id.clone()),
        sha256: sha256_hex(&bytes),
        bytes: bytes.len(),
        model: serde_json::to_value(&snapshot).map_err(internal)?,
    };
    Ok((bytes, document, entry))
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
        plan: None,
        attendance_log: None,
        project_id: None,
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
