//! Printing: builds a document's inputs from the store (a snapshot), renders it with
//! `kartoteka_forms`, and records it (kind, person, text version, time, SHA-256, snapshot) so
//! it can be rendered again byte for byte.
//!
//! Invariant: `render_snapshot` is a pure function of the snapshot; everything read from the
//! store or the clock goes into the snapshot first.
//!
//! Code map: this file the requests, the snapshot types, printing and recording one document
//! and regenerating it; `snapshot.rs` building a snapshot from the store; `plan.rs` its plan
//! and attendance parts; `layout.rs` laying a snapshot out (pure); `batch.rs` batch printing.

use crate::app::App;
use crate::error::{ApiError, ErrorCode};
use chrono::{DateTime, FixedOffset, NaiveDate};
use kartoteka_domain::consent::ConsentKind;
use kartoteka_domain::enrolment::{EnrolmentEnd, EnrolmentStart};
use kartoteka_domain::participant::{Address, ParticipantData};
use kartoteka_domain::plan::{format_quantity, Attendance, LifeArea, PlanKind, PlanStatus};
use kartoteka_domain::project::ProjectData;
use kartoteka_forms as forms;
pub use kartoteka_forms::DocumentKind;
use kartoteka_store::settings::OrganisationSettings;
pub use kartoteka_store::DocumentRecord;
use kartoteka_store::NewDocument;
use kartoteka_store::{PlanSummary, PlanView};
use kartoteka_store::{Source, Store};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod batch;
mod layout;
mod plan;
mod snapshot;

pub use batch::*;
pub(crate) use layout::document_context;
use layout::*;
pub use layout::{lay_out_snapshot, render_snapshot};
use plan::*;
pub use snapshot::build_snapshot;

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
    /// Another consent (`DocumentKind::Consent`): the text to print — a version id, or a
    /// text's (template's) id for its newest version; required for that kind.
    pub text_id: Option<String>,
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
    /// The managing authority's clause printed with an EU project's data statement (absent
    /// in statements printed before it existed: they print as they did).
    #[serde(default)]
    pub authority_text: Option<TextSnapshot>,
    /// A minor's guardian as the enrolment form prints them (absent before revision 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<GuardianSnapshot>,
    /// The end of the participation an exit statement is printed for (absent while it lasts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<EnrolmentEnd>,
}

/// A minor's parent or guardian: name, one-line address and phone as printed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GuardianSnapshot {
    pub name: String,
    pub address: String,
    pub phone: String,
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
    /// The kind's parts; plans printed before there were kinds are support plans and print
    /// as they did.
    #[serde(default)]
    pub kind: PlanKind,
    /// An IŚR's diagnosis team as (name, role).
    #[serde(default)]
    pub team: Vec<(String, String)>,
    #[serde(default)]
    pub worker_obligations: String,
    /// A family work plan's other members as (name, who they are to the person).
    #[serde(default)]
    pub family: Vec<(String, String)>,
    #[serde(default)]
    pub initial_assessment: String,
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
fn record_all(access: AppAccess<'_>, pending: &mut Vec<RegisterEntry>) -> Result<(), ApiError> {
    if pending.is_empty() {
        return Ok(());
    }
    access(&mut |app| {
        let docs: Vec<NewDocument> = pending.iter().map(RegisterEntry::as_new).collect();
        let source = app.source();
        app.store.record_documents(source, docs)?;
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
    let model = store.document_model(document_id)?;
    if model.get("anonymised") == Some(&serde_json::Value::Bool(true)) {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Ten dokument dotyczył osoby, której dane zanonimizowano: w rejestrze zostały tylko rodzaj, data wydruku i suma kontrolna oryginału, więc nie można go wydrukować ponownie.",
        ));
    }
    let snapshot: Snapshot = serde_json::from_value(model).map_err(internal)?;
    let bytes = render_snapshot(&snapshot)?;
    if sha256_hex(&bytes) != record.sha256 {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Dokument wygenerowany ponownie różni się od zapisanego (inna wersja programu?) — nie został zastąpiony.",
        ));
    }
    Ok(bytes)
}

/// The time a document is printed at: this computer's clock, with its offset.
pub fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// The most entries one listing of the document register returns.
pub const DOCUMENTS_LIMIT: u32 = 5000;

impl App {
    /// Renders and records a document (blank when the request names no participant).
    pub fn print(&mut self, req: &PrintRequest) -> Result<Printed, ApiError> {
        let source = self.source();
        print(&mut self.store, source, req, now())
    }

    /// Renders a recorded document again, byte for byte.
    pub fn regenerate(&self, document_id: &str) -> Result<Vec<u8>, ApiError> {
        regenerate(&self.store, document_id)
    }

    /// The register of printed documents, newest first: one person's or everyone's.
    pub fn documents(
        &self,
        participant_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<DocumentRecord>, ApiError> {
        if !(1..=DOCUMENTS_LIMIT).contains(&limit) {
            return Err(ApiError::invalid(
                "limit",
                format!(
                    "Liczba dokumentów musi wynosić od 1 do {DOCUMENTS_LIMIT} (podano {limit})."
                ),
            ));
        }
        let participant_id = participant_id.map(str::trim).filter(|p| !p.is_empty());
        Ok(self.store.documents(participant_id, limit)?)
    }

    /// One entry of the register of printed documents.
    pub fn document(&self, id: &str) -> Result<DocumentRecord, ApiError> {
        Ok(self.store.document(id)?)
    }

    /// Prints a new recovery key sheet for `key` (not yet in force: call
    /// `replace_recovery_key` only once the sheet is safely written).
    pub fn recovery_key_sheet(&self, key: &str) -> Result<Vec<u8>, ApiError> {
        recovery_key_pdf(
            key,
            &self.store.dir().display().to_string(),
            &self.store.organisation()?,
            now(),
        )
    }
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
        exit: None,
        guardian: None,
        signatory: None,
        text: None,
        image_consent: None,
        attendance: None,
        record: None,
        plan: None,
        authority_text: None,
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
