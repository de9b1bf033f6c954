//! Transport types that only exist at the boundary (responses that combine domain values).

use kartoteka_domain::enrolment::Enrolment;
use kartoteka_domain::project::Project;
use kartoteka_domain::relation::RelatedPerson;
use serde::Serialize;
use ts_rs::TS;

/// What the app shows before and after unlocking.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// Whether the data folder holds a store yet (if not, the app offers to create one).
    pub initialized: bool,
    pub unlocked: bool,
    pub data_dir: String,
    /// The worker who unlocked the store.
    pub worker: Option<String>,
    /// Her role as given at set-up ("" when none; absent while locked).
    pub worker_role: Option<String>,
    pub version: String,
    /// Where the first-run wizard goes on after the unlock, if it was not finished.
    pub first_run: Option<crate::first_run::FirstRunStep>,
    /// Whether demo data is here (every view says so until it is removed).
    pub demo: bool,
    /// The window's language, chosen in Ustawienia (known before the unlock).
    pub language: crate::preferences::Language,
}

impl AppStatus {
    /// The status of the data folder `data_dir` and of `app` if it is unlocked.
    pub fn of(data_dir: &std::path::Path, app: Option<&crate::App>) -> AppStatus {
        AppStatus {
            initialized: kartoteka_store::Store::exists(data_dir),
            unlocked: app.is_some(),
            data_dir: data_dir.display().to_string(),
            worker: app.map(|a| a.worker().to_owned()),
            worker_role: app.and_then(|a| a.worker_role().ok()),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            first_run: app.and_then(|a| a.first_run().ok().flatten()),
            demo: app.is_some_and(|a| a.has_demo().unwrap_or(false)),
            language: crate::preferences::language(data_dir),
        }
    }
}

/// A participant's family as shown on their page.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Family {
    pub related: Vec<RelatedPerson>,
    /// A minor with nobody in the registry who may sign for them.
    pub needs_guardian: bool,
}

/// A project with its enrolled participants.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProjectDetail {
    pub project: Project,
    pub enrolments: Vec<Enrolment>,
    /// Women and men enrolled, active and completed (equal-opportunity reporting).
    pub by_sex: Vec<kartoteka_domain::project::SexProgress>,
}

/// The result of creating a store: the recovery key is shown once and never stored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SetupResult {
    pub recovery_key: String,
    pub status: AppStatus,
}

/// One choice of a closed list: the stored code and its Polish label.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CodeOption {
    pub code: String,
    pub label: String,
}

/// The closed lists the participant form offers, taken from the domain so the UI never keeps
/// its own copy.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FormOptions {
    pub education: Vec<CodeOption>,
    pub labour_status: Vec<CodeOption>,
    pub labour_substatus: Vec<CodeOption>,
    /// The situation on leaving a project (the exit statement).
    pub exit_situation: Vec<CodeOption>,
    pub disability_degree: Vec<CodeOption>,
    pub voivodeships: Vec<String>,
    pub relation_kinds: Vec<CodeOption>,
}

fn options(list: &kartoteka_domain::values::CodeList) -> Vec<CodeOption> {
    list.0
        .iter()
        .map(|(code, label)| CodeOption {
            code: (*code).to_owned(),
            label: (*label).to_owned(),
        })
        .collect()
}

pub fn form_options() -> FormOptions {
    use kartoteka_domain::relation::RelationKind;
    use kartoteka_domain::values::{
        DISABILITY_DEGREE, EDUCATION, EXIT_SITUATION, LABOUR_STATUS, LABOUR_SUBSTATUS, VOIVODESHIPS,
    };
    FormOptions {
        education: options(&EDUCATION),
        labour_status: options(&LABOUR_STATUS),
        labour_substatus: options(&LABOUR_SUBSTATUS),
        exit_situation: options(&EXIT_SITUATION),
        disability_degree: options(&DISABILITY_DEGREE),
        voivodeships: VOIVODESHIPS.iter().map(|v| (*v).to_owned()).collect(),
        relation_kinds: RelationKind::ALL
            .iter()
            .map(|k| CodeOption {
                code: k.as_str().to_owned(),
                label: k.polish().to_owned(),
            })
            .collect(),
    }
}

/// A document printed from the window: where the PDF went and its entry in the register.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PrintedFile {
    pub file: String,
    pub document: kartoteka_store::DocumentRecord,
    /// Why the saved file could not be opened or sent to print (the window says so; the
    /// file is saved all the same). Absent where nothing was opened (the CLI).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub open_error: Option<String>,
}

/// The outcome of a batch print.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchResult {
    pub files: Vec<String>,
    /// The user stopped it; `files` holds what was printed before.
    pub cancelled: bool,
    pub folder: String,
}

/// Sent as the event "kartoteka://print-progress" while a batch runs.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PrintProgress {
    pub done: u32,
    pub total: u32,
}

/// What `kartoteka form batch` wrote: one file per person into a folder, or one PDF.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BatchWritten {
    Files {
        count: usize,
        files: Vec<String>,
        skipped: Vec<String>,
    },
    OneFile {
        count: usize,
        file: String,
        pages: usize,
        skipped: Vec<String>,
    },
}

/// What `kartoteka form regenerate` wrote: the file and the SHA-256 of its bytes (the same as
/// recorded when it was first printed).
#[derive(Debug, Clone, Serialize)]
pub struct Regenerated {
    pub file: String,
    pub sha256: String,
}

/// A document written to a file outside the register (a recruitment round's protocol or
/// list): the file, its size and the SHA-256 of its bytes.
#[derive(Debug, Clone, Serialize)]
pub struct SavedDocument {
    pub file: String,
    pub bytes: usize,
    pub sha256: String,
}
