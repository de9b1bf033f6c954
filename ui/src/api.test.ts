// The IPC wrappers: command names, snake_case arguments, and errors always as ApiError.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import { api, toApiError } from './api';

const mocked = vi.mocked(invoke);

/** The value a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('api', () => {

  it('sends snake_case arguments', async () => {
    mocked.mockResolvedValue('new-id');
    await expect(api.participantAdd({ first_name: 'Ala' }, true)).resolves.toBe('new-id');
    expect(mocked).toHaveBeenLastCalledWith('participant_add', { input: { first_name: 'Ala' }, confirm_duplicate: true });

    mocked.mockResolvedValue([]);
    await api.participantSearch('kow', 100, false);
    expect(mocked).toHaveBeenLastCalledWith('participant_search', { query: 'kow', limit: 100, include_archived: false });

    mocked.mockResolvedValue('rel');
    await api.relationAdd('child-id', 'mother-id', 'parent');
    expect(mocked).toHaveBeenLastCalledWith('relation_add', { participant_id: 'child-id', related_id: 'mother-id', kind: 'parent' });

    mocked.mockResolvedValue(undefined);
    await api.passwordChange('stare', 'nowe-haslo');
    expect(mocked).toHaveBeenLastCalledWith('password_change', { current: 'stare', new_password: 'nowe-haslo' });

    mocked.mockResolvedValue({ idle_lock_minutes: 5, backups_to_keep: 3, print_files_keep_days: 30 });
    await api.settingsSave({ idle_lock_minutes: 5, backups_to_keep: 3, print_files_keep_days: 30 });
    expect(mocked).toHaveBeenLastCalledWith('settings_save', { settings: { idle_lock_minutes: 5, backups_to_keep: 3, print_files_keep_days: 30 } });

    await api.restoreLatestBackup('haslo');
    expect(mocked).toHaveBeenLastCalledWith('restore_latest_backup', { password: 'haslo' });

    await api.printDocument('enrolment', null, 'proj', false);
    expect(mocked).toHaveBeenLastCalledWith('print_document', { kind: 'enrolment', participant_id: null, project_id: 'proj', open: false, text_id: null });
    await api.printBatch('declaration', 'proj');
    expect(mocked).toHaveBeenLastCalledWith('print_batch', { kind: 'declaration', project_id: 'proj', one_file: false });
    await api.printBatch('enrolment', 'proj', true);
    expect(mocked).toHaveBeenLastCalledWith('print_batch', { kind: 'enrolment', project_id: 'proj', one_file: true });
    await api.documentList(null);
    expect(mocked).toHaveBeenLastCalledWith('document_list', { participant_id: null });
    await api.consentTextAdd(null, 'tpl', { kind: 'other', title: 'T', text: 'x' });
    expect(mocked).toHaveBeenLastCalledWith('consent_text_add', { project_id: null, template_id: 'tpl', input: { kind: 'other', title: 'T', text: 'x' } });
    await api.consentGive('p', 'v', { guardian_id: 'g' });
    expect(mocked).toHaveBeenLastCalledWith('consent_give', { participant_id: 'p', version_id: 'v', input: { guardian_id: 'g' } });
    await api.consentWithdraw('c', {});
    expect(mocked).toHaveBeenLastCalledWith('consent_withdraw', { id: 'c', input: {} });

    await api.syncExportNow();
    expect(mocked).toHaveBeenLastCalledWith('sync_export_now', undefined);
    await api.syncExportCancel();
    expect(mocked).toHaveBeenLastCalledWith('sync_export_cancel', undefined);
    await api.syncImportCancel();
    expect(mocked).toHaveBeenLastCalledWith('sync_import_cancel', undefined);

    await api.reportCst2021Check('proj');
    expect(mocked).toHaveBeenLastCalledWith('report_cst2021_check', { project_id: 'proj', layout: 'export' });
    await api.reportCst2021('proj', 'xlsx');
    expect(mocked).toHaveBeenLastCalledWith('report_cst2021', { project_id: 'proj', format: 'xlsx', layout: 'export' });
    await api.reportCsv('deliveries', null);
    expect(mocked).toHaveBeenLastCalledWith('report_csv', { kind: 'deliveries', project_id: null });
    await api.reportCsv('enrolments', 'proj');
    expect(mocked).toHaveBeenLastCalledWith('report_csv', { kind: 'enrolments', project_id: 'proj' });
    await api.reportCancel();
    expect(mocked).toHaveBeenLastCalledWith('report_cancel', undefined);
    await api.reportOpen('/d/a.csv');
    expect(mocked).toHaveBeenLastCalledWith('report_open', { file: '/d/a.csv' });
    await api.reportOpenFolder();
    expect(mocked).toHaveBeenLastCalledWith('report_open_folder', undefined);
  });

  it('rejects with the ApiError the command returned', async () => {
    const error = { code: 'wrong_password', message: 'Nieprawidłowe hasło.', fields: [], existing: [] };
    mocked.mockImplementation(async () => { throw error; });
    expect(await rejection(api.unlock('zle'))).toEqual(error);
  });

  it('passes a stopped export on as `cancelled`', async () => {
    const error = { code: 'cancelled', message: 'Eksport przerwany.', fields: [], existing: [] };
    mocked.mockImplementation(async () => { throw error; });
    expect(await rejection(api.reportCsv('participants', null))).toEqual(error);
  });

  it('turns any other failure into an internal ApiError with a message', async () => {
    mocked.mockImplementation(async () => { throw 'invalid args `input` for command `participant_add`'; });
    expect(await rejection(api.participantGet('x'))).toMatchObject({ code: 'internal', fields: [], existing: [] });
    expect(toApiError(undefined).message).not.toBe('');
    expect(toApiError({ code: 'duplicate', message: 'Jest już.' })).toEqual({ code: 'duplicate', message: 'Jest już.', fields: [], existing: [] });
  });
});
