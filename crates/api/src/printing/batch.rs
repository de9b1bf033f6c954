//! Batch printing: one document per participant of a project, with progress and cancelling;
//! documents are recorded in groups.

use super::*;

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

/// How a batch reaches the application: it calls the function it is given with the unlocked
/// `App`. The CLI holds it; the desktop shell locks it for each document only, so the window
/// stays responsive (and can ask to cancel) while a long batch runs.
pub type AppAccess<'a> =
    &'a mut dyn FnMut(&mut dyn FnMut(&mut App) -> Result<(), ApiError>) -> Result<(), ApiError>;

/// Prints one kind of document for every participant of a project, each recorded in the
/// register like a document printed alone. The kinds that concern one person only: not the
/// attendance sheet or the recovery key.
#[allow(clippy::too_many_arguments)]
pub fn print_batch(
    access: AppAccess<'_>,
    kind: DocumentKind,
    project_id: &str,
    now: &dyn Fn() -> DateTime<FixedOffset>,
    mut output: BatchOutput<'_>,
    hooks: BatchHooks<'_>,
) -> Result<BatchOutcome, ApiError> {
    // Another consent needs its text chosen: it is printed one person at a time.
    if matches!(
        kind,
        DocumentKind::Attendance | DocumentKind::RecoveryKey | DocumentKind::Consent
    ) {
        return Err(ApiError::invalid(
            "kind",
            "Rodzaj: enrolment, declaration, data-statement, image-consent, plan, record, exit-statement",
        ));
    }
    let project_id = project_id.trim().to_owned();
    let mut participants: Vec<String> = Vec::new();
    access(&mut |app| {
        for e in app.store.enrolments_in_project(&project_id)? {
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
        access(&mut |app| {
            let source = app.source();
            let store = &mut app.store;
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
            record_all(access, &mut pending)?;
        }
        (hooks.progress)(i + 1, total);
    }
    record_all(access, &mut pending)?;
    if !documents.is_empty() {
        outcome.pages = documents.iter().map(forms::Document::page_count).sum();
        outcome.combined = Some(forms::combine(&documents).map_err(internal)?);
    }
    Ok(outcome)
}
