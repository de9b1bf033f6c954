// Typed wrappers for every Tauri command. Each one rejects with an `ApiError`, so views classify
// failures by `code` and show `message` (already Polish), never by matching strings.

import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { AppStatus } from './bindings/AppStatus';
import type { AuditEvent } from './bindings/AuditEvent';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Enrolment } from './bindings/Enrolment';
import type { EnrolmentEndInput } from './bindings/EnrolmentEndInput';
import type { EnrolmentInput } from './bindings/EnrolmentInput';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Family } from './bindings/Family';
import type { FieldError } from './bindings/FieldError';
import type { FormOptions } from './bindings/FormOptions';
import type { Participant } from './bindings/Participant';
import type { ParticipantInput } from './bindings/ParticipantInput';
import type { ParticipantPage } from './bindings/ParticipantPage';
import type { ParticipantSummary } from './bindings/ParticipantSummary';
import type { Project } from './bindings/Project';
import type { ProjectDetail } from './bindings/ProjectDetail';
import type { ProjectInput } from './bindings/ProjectInput';
import type { RelationKind } from './bindings/RelationKind';
import type { Settings } from './bindings/Settings';
import type { SetupResult } from './bindings/SetupResult';
import { t } from './i18n';

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_input', 'not_found', 'duplicate', 'likely_duplicate', 'conflict', 'wrong_password',
  'locked', 'not_initialized', 'already_initialized', 'newer_schema', 'corrupt', 'internal',
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
  setup: (worker: string, password: string) => call<SetupResult>('setup', { worker, password }),
  unlock: (password: string) => call<AppStatus>('unlock', { password }),
  lock: () => call<AppStatus>('lock'),
  /** Replaces a damaged database with the newest backup (the damaged file is kept) and unlocks. */
  restoreLatestBackup: (password: string) => call<AppStatus>('restore_latest_backup', { password }),
  /** The user is active: Rust's idle-lock clock starts again. */
  touch: () => call<void>('touch'),
  formOptions: () => call<FormOptions>('form_options'),

  settingsGet: () => call<Settings>('settings_get'),
  settingsSave: (settings: Settings) => call<Settings>('settings_save', { settings }),
  passwordChange: (current: string, newPassword: string) =>
    call<void>('password_change', { current, new_password: newPassword }),
  backupCreate: () => call<BackupInfo>('backup_create'),
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
  projectList: () => call<Project[]>('project_list'),
  projectGet: (id: string) => call<ProjectDetail>('project_get', { id }),

  enrolmentAdd: (participantId: string, projectId: string, input: EnrolmentInput) =>
    call<string>('enrolment_add', { participant_id: participantId, project_id: projectId, input }),
  enrolmentEnd: (id: string, input: EnrolmentEndInput) => call<Enrolment>('enrolment_end', { id, input }),
};

export type Api = typeof api;
