// Typed wrappers for every Tauri command. Each one rejects with an `ApiError`, so views classify
// failures by `code` and show `message` (already Polish), never by matching strings.

import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { AnonymisationCandidate } from './bindings/AnonymisationCandidate';
import type { AppStatus } from './bindings/AppStatus';
import type { Language } from './bindings/Language';
import type { AuditEvent } from './bindings/AuditEvent';
import type { BackupInfo } from './bindings/BackupInfo';
import type { BatchResult } from './bindings/BatchResult';
import type { Consent } from './bindings/Consent';
import type { ConsentGiveInput } from './bindings/ConsentGiveInput';
import type { ConsentTemplateVersion } from './bindings/ConsentTemplateVersion';
import type { ConsentTextInput } from './bindings/ConsentTextInput';
import type { ConsentWithdrawInput } from './bindings/ConsentWithdrawInput';
import type { Cst2021Check } from './bindings/Cst2021Check';
import type { Cst2021Comparison } from './bindings/Cst2021Comparison';
import type { CsvKind } from './bindings/CsvKind';
import type { DocumentRecord } from './bindings/DocumentRecord';
import type { Enrolment } from './bindings/Enrolment';
import type { EnrolmentEndInput } from './bindings/EnrolmentEndInput';
import type { EnrolmentInput } from './bindings/EnrolmentInput';
import type { ExitStatementInput } from './bindings/ExitStatementInput';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Family } from './bindings/Family';
import type { FieldError } from './bindings/FieldError';
import type { FileFormat } from './bindings/FileFormat';
import type { Layout } from './bindings/Layout';
import type { FormOptions } from './bindings/FormOptions';
import type { OrganisationSettings } from './bindings/OrganisationSettings';
import type { Participant } from './bindings/Participant';
import type { ParticipantInput } from './bindings/ParticipantInput';
import type { ParticipantPage } from './bindings/ParticipantPage';
import type { ParticipantSummary } from './bindings/ParticipantSummary';
import type { PrintedFile } from './bindings/PrintedFile';
import type { Project } from './bindings/Project';
import type { ProjectDetail } from './bindings/ProjectDetail';
import type { ProjectInput } from './bindings/ProjectInput';
import type { Candidate } from './bindings/Candidate';
import type { CommunityEvent } from './bindings/CommunityEvent';
import type { EventInput } from './bindings/EventInput';
import type { Group } from './bindings/Group';
import type { GroupInput } from './bindings/GroupInput';
import type { Session } from './bindings/Session';
import type { SessionAdded } from './bindings/SessionAdded';
import type { SessionInput } from './bindings/SessionInput';
import type { UnplannedAttendance } from './bindings/UnplannedAttendance';
import type { CandidateInput } from './bindings/CandidateInput';
import type { Recruitment } from './bindings/Recruitment';
import type { RecruitmentDetail } from './bindings/RecruitmentDetail';
import type { RecruitmentInput } from './bindings/RecruitmentInput';
import type { Resignation } from './bindings/Resignation';
import type { RoundClosed } from './bindings/RoundClosed';
import type { RelationKind } from './bindings/RelationKind';
import type { ReportSummary } from './bindings/ReportSummary';
import type { Settings } from './bindings/Settings';
import type { SetupResult } from './bindings/SetupResult';
import type { SetupRequest } from './bindings/SetupRequest';
import type { FirstRunStep } from './bindings/FirstRunStep';
import type { DemoAdded } from './bindings/DemoAdded';
import type { Draft } from './bindings/Draft';
import type { PlanFilter } from './bindings/PlanFilter';
import type { PlanListItem } from './bindings/PlanListItem';
import type { RecoveryKeyPrinted } from './bindings/RecoveryKeyPrinted';
import type { DemoRemoved } from './bindings/DemoRemoved';
import type { CaseNote } from './bindings/CaseNote';
import type { CaseNoteInput } from './bindings/CaseNoteInput';
import type { DeliverableService } from './bindings/DeliverableService';
import type { DeliveryAdded } from './bindings/DeliveryAdded';
import type { DeliveryInput } from './bindings/DeliveryInput';
import type { DeliveryView } from './bindings/DeliveryView';
import type { PlanCloseInput } from './bindings/PlanCloseInput';
import type { PlanInput } from './bindings/PlanInput';
import type { PlanReviewInput } from './bindings/PlanReviewInput';
import type { PlanSignInput } from './bindings/PlanSignInput';
import type { PlanSummary } from './bindings/PlanSummary';
import type { PlanView } from './bindings/PlanView';
import type { Service } from './bindings/Service';
import type { ServiceInput } from './bindings/ServiceInput';
import type { TimelineEntry } from './bindings/TimelineEntry';
import type { ExportReport } from './bindings/ExportReport';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { SetupReport } from './bindings/SetupReport';
import type { SyncConflict } from './bindings/SyncConflict';
import type { SyncExportSettings } from './bindings/SyncExportSettings';
import type { SyncOverview } from './bindings/SyncOverview';
import type { Verification } from './bindings/Verification';
import { t } from './i18n';

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_input', 'not_found', 'duplicate', 'likely_duplicate', 'conflict', 'wrong_password',
  'locked', 'not_initialized', 'database_missing', 'already_initialized', 'newer_schema', 'corrupt', 'internal',
  'cancelled', 'not_configured',
]);

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && CODES.has(v.code) && typeof v.message === 'string';
}

/** Turns anything a command may reject with into an `ApiError` (lists always present). */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) {
    return {
      code: value.code,
      message: value.message || t('error.unknown'),
      fields: Array.isArray(value.fields) ? value.fields : [],
      existing: Array.isArray(value.existing) ? value.existing : [],
    };
  }
  const message = typeof value === 'string' && value.trim() !== '' ? value : t('error.unknown');
  return { code: 'internal', message, fields: [], existing: [] };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  languageSet: (language: Language) => call<AppStatus>('language_set', { language }),
  /** Creates the store with the organisation and the first worker (the wizard's step 2). */
  setup: (request: SetupRequest) => call<SetupResult>('setup', { request }),
  /** Records the first-run wizard's next step (null: finished); returns the new status. */
  firstRunContinue: (next: FirstRunStep | null) => call<AppStatus>('first_run_continue', { next }),
  /** A resumed wizard's new recovery key (the first was never confirmed as written down). */
  firstRunRecoveryKey: () => call<string>('first_run_recovery_key'),
  /** The recovery key's sheet as a PDF in the print folder, opened in the viewer; its path. */
  recoveryKeySheet: (recoveryKey: string) => call<string>('recovery_key_sheet', { recovery_key: recoveryKey }),
  /** Keeps what a form holds (JSON of its fields) under `key`, with the view to return to. */
  draftSave: (key: string, route: string, data: string) => call<void>('draft_save', { key, route, data }),
  draftGet: (key: string) => call<Draft | null>('draft_get', { key }),
  /** The draft kept last: the window returns to its view after the unlock. */
  draftLatest: () => call<Draft | null>('draft_latest'),
  draftDelete: (key: string) => call<boolean>('draft_delete', { key }),
  /** A new recovery key: its sheet is written (and opened) first, then it replaces the old key. */
  recoveryKeyReplace: () => call<RecoveryKeyPrinted>('recovery_key_replace'),
  /** Every person's current plan, filtered (Plany wsparcia). */
  planOverview: (filter: PlanFilter) => call<PlanListItem[]>('plan_overview', { filter }),
  demoAdd: () => call<DemoAdded>('demo_add'),
  demoRemove: () => call<DemoRemoved>('demo_remove'),
  unlock: (password: string) => call<AppStatus>('unlock', { password }),
  lock: () => call<AppStatus>('lock'),
  /** Replaces a damaged database with the newest backup (the damaged file is kept) and unlocks. */
  restoreLatestBackup: (password: string) => call<AppStatus>('restore_latest_backup', { password }),
  /** The workers who can unlock this store. */
  workers: () => call<string[]>('workers'),
  /** Sets a new password for `worker` with the recovery key, and unlocks. */
  passwordReset: (recoveryKey: string, worker: string, newPassword: string) =>
    call<AppStatus>('password_reset', { recovery_key: recoveryKey, worker, new_password: newPassword }),
  /** The user is active: Rust's idle-lock clock starts again. */
  touch: () => call<void>('touch'),
  formOptions: () => call<FormOptions>('form_options'),

  settingsGet: () => call<Settings>('settings_get'),
  settingsSave: (settings: Settings) => call<Settings>('settings_save', { settings }),
  passwordChange: (current: string, newPassword: string) =>
    call<void>('password_change', { current, new_password: newPassword }),
  /** `forAnotherComputer`: the key slots go beside the copy, so it opens on another computer. */
  backupCreate: (forAnotherComputer = false) => call<BackupInfo>('backup_create', { for_another_computer: forAnotherComputer }),
  /** Newest first. */
  backupList: () => call<BackupInfo[]>('backup_list'),

  participantValidate: (input: ParticipantInput) => call<FieldError[]>('participant_validate', { input }),
  participantAdd: (input: ParticipantInput, confirmDuplicate: boolean) =>
    call<string>('participant_add', { input, confirm_duplicate: confirmDuplicate }),
  participantUpdate: (id: string, input: ParticipantInput, confirmDuplicate: boolean) =>
    call<string[]>('participant_update', { id, input, confirm_duplicate: confirmDuplicate }),
  participantGet: (id: string) => call<Participant>('participant_get', { id }),
  participantSearch: (query: string, limit: number, includeArchived: boolean) =>
    call<ParticipantSummary[]>('participant_search', { query, limit, include_archived: includeArchived }),
  participantPage: (offset: number, limit: number, includeArchived: boolean) =>
    call<ParticipantPage>('participant_page', { offset, limit, include_archived: includeArchived }),
  participantArchive: (id: string) => call<boolean>('participant_archive', { id }),
  participantRestore: (id: string) => call<boolean>('participant_restore', { id }),
  participantFamily: (id: string) => call<Family>('participant_family', { id }),
  participantEnrolments: (id: string) => call<Enrolment[]>('participant_enrolments', { id }),
  participantAudit: (id: string) => call<AuditEvent[]>('participant_audit', { id }),

  /** `relatedId` IS the `kind` OF `participantId` (kind "parent": the related person is the parent). */
  relationAdd: (participantId: string, relatedId: string, kind: RelationKind) =>
    call<string>('relation_add', { participant_id: participantId, related_id: relatedId, kind }),
  relationRemove: (id: string) => call<void>('relation_remove', { id }),

  projectAdd: (input: ProjectInput) => call<string>('project_add', { input }),
  /** Changes a project (every field); returns it as stored. */
  projectUpdate: (id: string, input: ProjectInput) => call<Project>('project_update', { id, input }),
  projectList: () => call<Project[]>('project_list'),
  projectGet: (id: string) => call<ProjectDetail>('project_get', { id }),

  enrolmentAdd: (participantId: string, projectId: string, input: EnrolmentInput) =>
    call<string>('enrolment_add', { participant_id: participantId, project_id: projectId, input }),
  enrolmentEnd: (id: string, input: EnrolmentEndInput) => call<Enrolment>('enrolment_end', { id, input }),
  /** Corrects the data of joining (start, group, status and its "w tym", planned end of education). */
  enrolmentUpdate: (id: string, input: EnrolmentInput) => call<Enrolment>('enrolment_update', { id, input }),
  /** Records the exit statement (the situation within 4 weeks of leaving) on an ended participation. */
  enrolmentExitStatement: (id: string, input: ExitStatementInput) =>
    call<Enrolment>('enrolment_exit_statement', { id, input }),

  recruitmentAdd: (projectId: string, input: RecruitmentInput) => call<string>('recruitment_add', { project_id: projectId, input }),
  /** A project's rounds, newest first. */
  recruitmentList: (projectId: string) => call<Recruitment[]>('recruitment_list', { project_id: projectId }),
  /** A round with its candidates and its list (computed while open, frozen once closed). */
  recruitmentGet: (id: string) => call<RecruitmentDetail>('recruitment_get', { id }),
  /** `input` names an existing person (`participant_id`) or a new one (`participant`). */
  candidateAdd: (recruitmentId: string, input: CandidateInput, confirmDuplicate: boolean) =>
    call<Candidate>('candidate_add', { recruitment_id: recruitmentId, input, confirm_duplicate: confirmDuplicate }),
  /** Freezes the list and enrols the qualified from `startDate` (null: today). */
  recruitmentClose: (id: string, startDate: string | null) => call<RoundClosed>('recruitment_close', { id, start_date: startDate }),
  /** In a closed round a qualified candidate's place goes to the first reserve. */
  candidateResign: (id: string, date: string | null) => call<Resignation>('candidate_resign', { id, date }),
  /** Saves and opens the round's "protocol", "results" or a candidate's "letter"; resolves to the file. */
  recruitmentPrint: (id: string, which: 'protocol' | 'results' | 'letter', candidateId: string | null = null) =>
    call<string>('recruitment_print', { id, which, candidate_id: candidateId }),

  groupAdd: (projectId: string, input: GroupInput) => call<string>('group_add', { project_id: projectId, input }),
  /** A project's groups with their members. */
  groupList: (projectId: string) => call<Group[]>('group_list', { project_id: projectId }),
  groupGet: (id: string) => call<Group>('group_get', { id }),
  /** A participant of the project joins from `date` (null: today). */
  groupJoin: (id: string, participantId: string, date: string | null) =>
    call<Group>('group_join', { id, participant_id: participantId, date }),
  groupLeave: (id: string, participantId: string, date: string | null) =>
    call<Group>('group_leave', { id, participant_id: participantId, date }),
  /** Records a held session; present members with the service in their plan get a delivery. */
  sessionAdd: (groupId: string, input: SessionInput) => call<SessionAdded>('session_add', { group_id: groupId, input }),
  /** Newest first, each with its members' attendance. */
  sessionList: (groupId: string) => call<Session[]>('session_list', { group_id: groupId }),
  /** Who came to the project's group sessions without the group's service in a plan. */
  groupCheck: (projectId: string) => call<UnplannedAttendance[]>('group_check', { project_id: projectId }),
  eventAdd: (projectId: string, input: EventInput) => call<string>('event_add', { project_id: projectId, input }),
  eventList: (projectId: string) => call<CommunityEvent[]>('event_list', { project_id: projectId }),
  /** Saves and opens an attendance list: one session, a month ("YYYY-MM"), or the blank one; resolves to the file. */
  groupAttendancePrint: (groupId: string, sessionId: string | null, month: string | null) =>
    call<string>('group_attendance_print', { group_id: groupId, session_id: sessionId, month }),

  /** `participantId` null: a blank form. `open`: Rust opens the saved PDF in the system viewer. */
  /** `textId`: for kind "consent", the text (of kind "other") to print. */
  printDocument: (kind: string, participantId: string | null, projectId: string | null, open: boolean, textId: string | null = null) =>
    call<PrintedFile>('print_document', { kind, participant_id: participantId, project_id: projectId, open, text_id: textId }),
  /** One version of a plan (any kind) as printed, opened in the viewer when `open`. */
  printPlan: (planId: string, participantId: string, open: boolean) =>
    call<PrintedFile>('print_document', { kind: 'plan', participant_id: participantId, project_id: null, open, plan_id: planId }),
  /** One PDF per participant of the project; progress arrives as "kartoteka://print-progress". */
  printBatch: (kind: string, projectId: string, oneFile = false) =>
    call<BatchResult>('print_batch', { kind, project_id: projectId, one_file: oneFile }),
  /** Stops the running batch after its current document. */
  printBatchCancel: () => call<void>('print_batch_cancel'),
  /** Newest first; `participantId` null: every document. */
  documentList: (participantId: string | null) => call<DocumentRecord[]>('document_list', { participant_id: participantId }),
  /** Renders a recorded document again (byte for byte), opens it and returns its path. */
  documentOpen: (id: string) => call<string>('document_open', { id }),

  /** Audit events, newest first; `record` (any record's id, e.g. a person's) narrows them to it. */
  auditList: (record: string | null, limit: number) => call<AuditEvent[]>('audit_list', { record, limit }),
  /** Recomputes the audit log's hash chain: the events checked and the first broken one. */
  auditVerify: () => call<Verification>('audit_verify'),
  /** The person's full record as JSON and PDF in the print folder; resolves to the two paths. */
  gdprExport: (participantId: string) => call<string[]>('gdpr_export', { participant_id: participantId }),
  /** Opens one file of the person's export in the system's viewer; resolves to its path. */
  gdprOpen: (participantId: string, format: 'json' | 'pdf') =>
    call<string>('gdpr_open', { participant_id: participantId, format }),
  /** The preview: people whose every project has passed its retention date today. */
  anonymisationCandidates: () => call<AnonymisationCandidate[]>('anonymisation_candidates'),
  /** Anonymises the previewed people (`expected`: their ids; `conflict` if the list changed since). */
  anonymiseExpired: (expected: string[]) => call<string[]>('anonymise_expired', { expected }),

  consentTexts: (projectId: string | null) => call<ConsentTemplateVersion[]>('consent_texts', { project_id: projectId }),
  /** `templateId` set: the next version of that text; otherwise a new text. */
  consentTextAdd: (projectId: string | null, templateId: string | null, input: ConsentTextInput) =>
    call<ConsentTemplateVersion>('consent_text_add', { project_id: projectId, template_id: templateId, input }),
  consentGive: (participantId: string, versionId: string, input: ConsentGiveInput) =>
    call<Consent>('consent_give', { participant_id: participantId, version_id: versionId, input }),
  consentWithdraw: (id: string, input: ConsentWithdrawInput) => call<Consent>('consent_withdraw', { id, input }),
  consentList: (participantId: string) => call<Consent[]>('consent_list', { participant_id: participantId }),

  organisationGet: () => call<OrganisationSettings>('organisation_get'),
  organisationSave: (organisation: OrganisationSettings) => call<OrganisationSettings>('organisation_save', { organisation }),

  /** The service catalogue, active services first; `includeRetired` adds the retired ones. */
  serviceList: (includeRetired: boolean) => call<Service[]>('service_list', { include_retired: includeRetired }),
  serviceAdd: (input: ServiceInput) => call<Service>('service_add', { input }),
  /** Renames, re-categorises, retires (`active: false`) or brings back a service. */
  serviceUpdate: (id: string, input: ServiceInput) => call<Service>('service_update', { id, input }),

  /** Version 1 of an enrolment's plan, as a draft; resolves to its id. */
  planCreate: (enrolmentId: string, input: PlanInput) => call<string>('plan_create', { enrolment_id: enrolmentId, input }),
  planCreateForPerson: (participantId: string, input: PlanInput) =>
    call<string>('plan_create_for_person', { participant_id: participantId, input }),
  planGet: (id: string) => call<PlanView>('plan_get', { id }),
  /** A participant's plan versions, newest first within each enrolment. */
  planList: (participantId: string) => call<PlanSummary[]>('plan_list', { participant_id: participantId }),
  /** Replaces a draft's content; a signed plan answers `conflict` (it is changed by an amendment). */
  planUpdate: (id: string, input: PlanInput) => call<PlanView>('plan_update', { id, input }),
  planSign: (id: string, input: PlanSignInput) => call<PlanView>('plan_sign', { id, input }),
  /** Starts an amendment of a signed plan; resolves to the new draft version's id. */
  planAmend: (id: string) => call<string>('plan_amend', { id }),
  planReview: (id: string, input: PlanReviewInput) => call<PlanView>('plan_review', { id, input }),
  planClose: (id: string, input: PlanCloseInput) => call<PlanView>('plan_close', { id, input }),

  deliveryAdd: (plannedServiceId: string, input: DeliveryInput) =>
    call<DeliveryAdded>('delivery_add', { planned_service_id: plannedServiceId, input }),
  deliveryList: (planId: string) => call<DeliveryView[]>('delivery_list', { plan_id: planId }),
  /** The planned services of the person's signed plans, for the quick delivery form. */
  deliverableServices: (participantId: string) => call<DeliverableService[]>('deliverable_services', { participant_id: participantId }),

  noteAdd: (participantId: string, input: CaseNoteInput) => call<CaseNote>('note_add', { participant_id: participantId, input }),
  noteList: (participantId: string) => call<CaseNote[]>('note_list', { participant_id: participantId }),
  /** Notes, deliveries, plan reviews and consents of one person, newest first. */
  timeline: (participantId: string) => call<TimelineEntry[]>('timeline', { participant_id: participantId }),

  /** Sets the organisation's sync passphrase; `organisation` null: the name from the organisation settings. */
  syncSetup: (passphrase: string, organisation: string | null) => call<SetupReport>('sync_setup', { passphrase, organisation }),
  /** Status, export settings, whether the folder is there, the last failure. Not counted as activity. */
  syncStatus: () => call<SyncOverview>('sync_status'),
  syncSettingsGet: () => call<SyncExportSettings>('sync_settings_get'),
  syncSettingsSave: (settings: SyncExportSettings) => call<SyncExportSettings>('sync_settings_save', { settings }),
  /**
   * What changed since the last export, into the export folder (`file` null: nothing to send).
   * Progress arrives as "kartoteka://sync-export-progress"; stopped with `syncExportCancel`, it
   * rejects with `cancelled` and writes nothing.
   */
  syncExportNow: () => call<ExportReport>('sync_export_now'),
  /** Asks the running "Eksportuj teraz" to stop: no bundle, the changes wait for the next export. */
  syncExportCancel: () => call<void>('sync_export_cancel'),
  /** One bundle file or a folder; progress arrives as "kartoteka://sync-import-progress". */
  syncImport: (path: string) => call<ImportOutcome>('sync_import', { path }),
  /** Stops the running import: its current bundle changes nothing. */
  syncImportCancel: () => call<void>('sync_import_cancel'),
  /** Open conflicts; `all` adds the resolved ones. */
  syncConflicts: (all: boolean) => call<SyncConflict[]>('sync_conflicts', { all }),
  syncResolve: (conflictId: string, keepMine: boolean) =>
    call<SyncConflict>('sync_resolve', { conflict_id: conflictId, keep_mine: keepMine }),

  /** Who of the project's people lacks data SM EFS requires (CST2021); writes nothing. */
  reportCst2021Check: (projectId: string, layout: Layout = 'export') =>
    call<Cst2021Check>('report_cst2021_check', { project_id: projectId, layout }),
  reportCst2021Compare: (projectId: string, file: string) =>
    call<Cst2021Comparison>('report_cst2021_compare', { project_id: projectId, file }),
  /** The project's CST2021 participant data as XLSX or CSV in the documents folder (people with gaps included). */
  reportCst2021: (projectId: string, format: FileFormat, layout: Layout = 'export') =>
    call<ReportSummary>('report_cst2021', { project_id: projectId, format, layout }),
  /**
   * A CSV table for Excel in the documents folder; `projectId` null: the whole registry. Progress
   * arrives as "kartoteka://report-progress"; stopped with `reportCancel`, it rejects with `cancelled`.
   */
  reportCsv: (kind: CsvKind, projectId: string | null) => call<ReportSummary>('report_csv', { kind, project_id: projectId }),
  /** Asks the running CSV export to stop (no file is written). */
  reportCancel: () => call<void>('report_cancel'),
  /** Opens a report file the app wrote in the system's program (LibreOffice, Excel). */
  reportOpen: (file: string) => call<void>('report_open', { file }),
  /** The system's folder chooser (null: closed without a choice). */
  pickFolder: (title: string, current: string | null) => call<string | null>('pick_folder', { title, current }),
  /** The system's file chooser for the SM EFS table (XLSX or CSV). */
  pickFile: (title: string, kind: 'table', current: string | null) =>
    call<string | null>('pick_file', { title, kind, current }),
  /** Chooses the strip of logos: its PNG or JPEG as base64 (null: no choice). */
  pickLogo: (title: string) => call<string | null>('pick_logo', { title }),
  /** "Pokaż w folderze" for a file in the print folder. */
  showInFolder: (file: string) => call<void>('show_in_folder', { file }),
  /** Opens the folder reports are written to; resolves to its path. */
  reportOpenFolder: () => call<string>('report_open_folder'),
};

export type Api = typeof api;
