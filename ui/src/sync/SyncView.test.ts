// The Synchronizacja view as a whole, with the API mocked: what it shows first and where the
// passphrase section goes, one long job at a time across the parts, the import folder following
// saved settings, conflicts read again after an import or when the state says so, and the
// sync-status event followed until the view is left. Each part's own behaviour is tested next to
// it (SetupPanel, ExportPanel, ImportPanel, ConflictList, SyncFacts, LongJob).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: {
      syncStatus: vi.fn(), syncSettingsGet: vi.fn(), syncSettingsSave: vi.fn(), syncSetup: vi.fn(), syncExportNow: vi.fn(), syncExportCancel: vi.fn(),
      syncImport: vi.fn(), syncImportCancel: vi.fn(), syncConflicts: vi.fn(), syncResolve: vi.fn(), participantGet: vi.fn(),
    },
  };
});
import { listen } from '@tauri-apps/api/event';
import { api } from '../api';
import type { ExportReport } from '../bindings/ExportReport';
import type { ImportOutcome } from '../bindings/ImportOutcome';
import { PARTICIPANT, deferred, fakeContext, settle } from '../test/fixtures';
import { CONFLICT, FOLDER_IMPORT, fakeEvents, overview } from '../test/syncFixtures';
import { SyncView } from './SyncView';
import { SYNC_STATUS_EVENT } from './syncStatus';

async function mount() {
  const ctx = fakeContext();
  const view = SyncView(ctx);
  document.body.append(view.el);
  await settle();
  await settle();
  const q = <T extends Element = HTMLElement>(selector: string) => view.el.querySelector(selector) as T;
  const input = (name: string) => q<HTMLInputElement>(`input[name=${name}]`);
  const button = (action: string) => q<HTMLButtonElement>(`[data-action=${action}]`);
  const sections = () => [...view.el.querySelectorAll<HTMLElement>('[data-section]')].map((s) => s.dataset.section);
  return { ctx, view, q, input, button, sections };
}

describe('Synchronizacja view', () => {
  let events: ReturnType<typeof fakeEvents>;
  beforeEach(() => {
    events = fakeEvents();
    vi.mocked(api.syncStatus).mockResolvedValue(overview());
    vi.mocked(api.syncSettingsGet).mockResolvedValue({ folder: '/media/usb', interval_minutes: 15 });
    vi.mocked(api.syncConflicts).mockResolvedValue([]);
    vi.mocked(api.participantGet).mockResolvedValue({ ...PARTICIPANT, first_name: 'Łucja', last_name: 'Wałęsa' });
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('shows the state and fills the export settings and the import folder', async () => {
    const { view, q, input, button, sections } = await mount();
    expect(view.el.dataset.view).toBe('sync');
    expect(q('h1').textContent).toBe('Synchronizacja');
    expect(q('[data-sync-fact=organisation]').textContent).toBe('mops testowo');
    expect(q('[data-sync-fact=pending]').textContent).toBe('oczekują 2 zmiany');
    expect(q('[data-sync-fact=last-export]').textContent).toBe('jeszcze nie było');
    expect(q('[data-sync-fact=automatic]').textContent).toBe('co 15 min i przy zamykaniu programu');
    expect(input('folder').value).toBe('/media/usb');
    expect(input('interval_minutes').value).toBe('15');
    expect(button('sync-settings-save').disabled).toBe(false);
    expect(input('import_path').value).toBe('/media/usb');
    expect(q('[data-sync-configured]').hidden).toBe(false);
    expect(q('[data-conflicts-empty]')).not.toBeNull();
    expect(input('passphrase').type).toBe('password');
    // Set up already: the passphrase section comes after the daily work.
    expect(sections()).toEqual(['sync-export', 'sync-import', 'sync-conflicts', 'sync-setup']);
    expect(q('[data-sync-slot=last] [data-section=sync-setup]')).not.toBeNull();
  });

  it('puts the passphrase first until it is set, and keeps it there once set', async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(overview({ automatic: false }, { configured: false, organisation: null }));
    const { q, input, button, sections } = await mount();
    expect(sections()).toEqual(['sync-setup', 'sync-export', 'sync-import', 'sync-conflicts']);
    expect(q('[data-sync-configured]').hidden).toBe(true);
    expect(button('sync-setup').textContent).toBe('Ustaw hasło synchronizacji');

    vi.mocked(api.syncSetup).mockResolvedValueOnce({ configured: true, organisation: 'mops testowo', device_id: 'dev-1' });
    vi.mocked(api.syncStatus).mockResolvedValue(overview());
    input('passphrase').value = 'wspólne hasło 2026';
    input('passphrase_repeat').value = 'wspólne hasło 2026';
    button('sync-setup').click();
    await settle();
    await settle();
    expect(q('[data-form-status=sync-setup]').textContent).toBe('Zapisano hasło synchronizacji organizacji „mops testowo”.');
    // The state was read again: the facts and the note follow; the section does not jump.
    expect(q('[data-sync-fact=organisation]').textContent).toBe('mops testowo');
    expect(q('[data-sync-configured]').hidden).toBe(false);
    expect(button('sync-setup').textContent).toBe('Zmień hasło synchronizacji');
    expect(sections()).toEqual(['sync-setup', 'sync-export', 'sync-import', 'sync-conflicts']);
  });

  it('runs one long job at a time: while exporting nothing else starts, and the other way round', async () => {
    const { q, button } = await mount();
    const exporting = deferred<ExportReport>();
    vi.mocked(api.syncExportNow).mockReturnValueOnce(exporting.promise);
    button('sync-export-now').click();
    await settle();
    expect(q('[data-export-busy]').hidden).toBe(false);
    expect(button('sync-import').disabled).toBe(true);
    expect(button('sync-settings-save').disabled).toBe(true);
    expect(button('sync-setup').disabled).toBe(true);
    q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
    await settle();
    expect(api.syncImport).not.toHaveBeenCalled();
    exporting.resolve({
      file: null, records: 0, tombstones: 0, full: false, bundle_id: null, bytes: 0 as unknown as bigint, hlc_min: null, hlc_max: null, message: 'Brak zmian do wysłania.',
    });
    await settle();
    await settle();
    expect(button('sync-import').disabled).toBe(false);
    expect(button('sync-settings-save').disabled).toBe(false);
    expect(button('sync-setup').disabled).toBe(false);

    const importing = deferred<ImportOutcome>();
    vi.mocked(api.syncImport).mockReturnValueOnce(importing.promise);
    q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
    await settle();
    expect(q('[data-import-busy]').hidden).toBe(false);
    expect(button('sync-export-now').disabled).toBe(true);
    expect(q('[data-export-busy]').hidden).toBe(true);
    importing.resolve(FOLDER_IMPORT);
    await settle();
    await settle();
    expect(button('sync-export-now').disabled).toBe(false);
  });

  it('suggests a newly saved export folder for the import when none is typed', async () => {
    vi.mocked(api.syncSettingsGet).mockResolvedValue({ folder: '', interval_minutes: 0 });
    const { input, button } = await mount();
    expect(input('import_path').value).toBe('');
    vi.mocked(api.syncSettingsSave).mockResolvedValueOnce({ folder: '/media/usb2', interval_minutes: 5 });
    input('folder').value = '/media/usb2';
    input('interval_minutes').value = '5';
    button('sync-settings-save').click();
    await settle();
    await settle();
    expect(api.syncSettingsSave).toHaveBeenCalledWith({ folder: '/media/usb2', interval_minutes: 5 });
    expect(input('import_path').value).toBe('/media/usb2');
  });

  it('shows the conflicts an import found', async () => {
    const { q } = await mount();
    vi.mocked(api.syncImport).mockResolvedValueOnce(FOLDER_IMPORT);
    vi.mocked(api.syncConflicts).mockResolvedValue([CONFLICT]);
    vi.mocked(api.syncStatus).mockResolvedValue(overview({}, { open_conflicts: 1 }));
    q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
    await settle();
    await settle();
    await settle();
    expect(api.syncImport).toHaveBeenCalledWith('/media/usb');
    expect(q('[data-import-result]').dataset.conflicts).toBe('1');
    expect(q('[data-conflict-id=c-1]')).not.toBeNull();
    expect(q('[data-sync-fact=conflicts]').textContent).toBe('1');
  });

  it('resolves a conflict and reads the state again', async () => {
    vi.mocked(api.syncConflicts).mockResolvedValueOnce([CONFLICT]).mockResolvedValue([]);
    const { q } = await mount();
    const calls = vi.mocked(api.syncStatus).mock.calls.length;
    vi.mocked(api.syncResolve).mockResolvedValueOnce({ ...CONFLICT, resolved_at: '2025-01-16T10:00:00Z', resolution: 'theirs' });
    q<HTMLButtonElement>('[data-conflict-id=c-1] [data-action=take-theirs]').click();
    await settle();
    await settle();
    expect(api.syncResolve).toHaveBeenCalledWith('c-1', false);
    expect(q('[data-conflicts-empty]')).not.toBeNull();
    expect(api.syncStatus).toHaveBeenCalledTimes(calls + 1);
  });

  it('follows the sync-status event, reads the conflicts when their number changes, and stops listening when left', async () => {
    const { q, view } = await mount();
    expect(listen).toHaveBeenCalledWith(SYNC_STATUS_EVENT, expect.any(Function));
    events.emit(SYNC_STATUS_EVENT, overview({ folder_available: false }, { pending_changes: 7 }));
    expect(q('[data-sync-fact=automatic]').textContent).toBe('Folder eksportu niedostępny — eksport poczeka');
    expect(q('[data-sync-fact=pending]').textContent).toBe('oczekuje 7 zmian');
    expect(api.syncConflicts).toHaveBeenCalledTimes(1);

    vi.mocked(api.syncConflicts).mockResolvedValue([CONFLICT]);
    events.emit(SYNC_STATUS_EVENT, overview({}, { open_conflicts: 1 }));
    await settle();
    expect(api.syncConflicts).toHaveBeenCalledTimes(2);
    expect(q('[data-conflict-id=c-1]')).not.toBeNull();

    view.dispose?.();
    expect(events.unlisten).toHaveBeenCalled();
    events.emit(SYNC_STATUS_EVENT, overview({}, { pending_changes: 99 }));
    expect(q('[data-sync-fact=pending]').textContent).toBe('oczekują 2 zmiany');
  });
});
