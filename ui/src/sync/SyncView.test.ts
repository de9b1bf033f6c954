// The Synchronizacja view with the API mocked: the passphrase set twice (mismatch caught here),
// Rust's field errors under the export fields, "Eksportuj teraz" and import results (both with a
// progress bar and a stop button), conflicts resolved with "Zostaw moje" / "Weź ich", and the
// status bar following the sync-status event.
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
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import { api } from '../api';
import type { ApiError } from '../bindings/ApiError';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncOverview } from '../bindings/SyncOverview';
import { PARTICIPANT, deferred, fakeContext, settle } from '../test/fixtures';
import { SyncView } from './SyncView';
import { EXPORT_PROGRESS_EVENT, IMPORT_PROGRESS_EVENT, SYNC_STATUS_EVENT, watchSyncStatus } from './syncStatus';

function overview(patch: Partial<SyncOverview> = {}, status: Partial<SyncOverview['status']> = {}): SyncOverview {
  return {
    status: {
      device_id: 'dev-1', configured: true, organisation: 'mops testowo', last_export_at: null, last_export_file: null,
      pending_changes: 2, open_conflicts: 0, ...status,
    },
    settings: { folder: '/media/usb', interval_minutes: 15 },
    folder_available: true,
    automatic: true,
    export_error: null,
    ...patch,
  };
}

const CONFLICT: SyncConflict = {
  id: 'c-1', table: 'participants', record_id: PARTICIPANT.id, field: 'data.last_name', mine: '<b>Kowalska</b>', theirs: 'Nowak',
  mine_stamp: 's1', theirs_stamp: 's2', winner: 'mine', detected_at: '2025-01-15T10:05:00Z', resolved_at: null, resolution: null,
};
const invalid = (field: string, message: string): ApiError => ({ code: 'invalid_input', message, fields: [{ field, message }], existing: [] });

let handlers: Array<(event: TauriEvent<SyncOverview>) => void> = [];
let byEvent = new Map<string, (event: TauriEvent<unknown>) => void>();
const unlisten = vi.fn();

async function mount() {
  const ctx = fakeContext();
  const view = SyncView(ctx);
  document.body.append(view.el);
  await settle();
  await settle();
  const q = <T extends Element = HTMLElement>(selector: string) => view.el.querySelector(selector) as T;
  const input = (name: string) => q<HTMLInputElement>(`input[name=${name}]`);
  const click = (action: string) => q<HTMLButtonElement>(`[data-action=${action}]`).click();
  return { ctx, view, q, input, click };
}

describe('Synchronizacja view', () => {
  beforeEach(() => {
    handlers = [];
    byEvent = new Map();
    vi.mocked(listen).mockImplementation(async (event, handler) => {
      byEvent.set(event, handler as (event: TauriEvent<unknown>) => void);
      if (event === SYNC_STATUS_EVENT) handlers.push(handler as (event: TauriEvent<SyncOverview>) => void);
      return unlisten;
    });
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
    const { q, input } = await mount();
    expect(q('h1').textContent).toBe('Synchronizacja');
    expect(q('[data-sync-fact=organisation]').textContent).toBe('mops testowo');
    expect(q('[data-sync-fact=pending]').textContent).toBe('oczekują 2 zmiany');
    expect(q('[data-sync-fact=last-export]').textContent).toBe('jeszcze nie było');
    expect(q('[data-sync-fact=automatic]').textContent).toBe('co 15 min i przy zamykaniu programu');
    expect(input('folder').value).toBe('/media/usb');
    expect(input('interval_minutes').value).toBe('15');
    expect(input('import_path').value).toBe('/media/usb');
    expect(q('[data-sync-configured]').hidden).toBe(false);
    expect(q('[data-conflicts-empty]')).not.toBeNull();
    expect(input('passphrase').type).toBe('password');
    // Set up already: the passphrase section comes after the daily work.
    const sections = [...document.querySelectorAll<HTMLElement>('[data-section]')].map((s) => s.dataset.section);
    expect(sections).toEqual(['sync-export', 'sync-import', 'sync-conflicts', 'sync-setup']);
  });

  it('checks the repeated passphrase itself, then sets it up', async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(overview({ automatic: false }, { configured: false, organisation: null }));
    const { q, input, click } = await mount();
    expect(q('[data-sync-configured]').hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('[data-section]')!.dataset.section).toBe('sync-setup');
    expect(q('[data-action=sync-setup]').textContent).toBe('Ustaw hasło synchronizacji');
    input('organisation').value = ' MOPS Testowo ';
    input('passphrase').value = 'wspólne hasło 2026';
    input('passphrase_repeat').value = 'inne hasło 2026';
    click('sync-setup');
    await settle();
    expect(api.syncSetup).not.toHaveBeenCalled();
    expect(q('[data-error-for=passphrase_repeat]').textContent).toContain('nie są takie same');

    vi.mocked(api.syncSetup).mockRejectedValueOnce(invalid('passphrase', 'Hasło synchronizacji musi mieć co najmniej 12 znaków'));
    input('passphrase_repeat').value = 'wspólne hasło 2026';
    click('sync-setup');
    await settle();
    expect(api.syncSetup).toHaveBeenLastCalledWith('wspólne hasło 2026', 'MOPS Testowo');
    expect(q('[data-error-for=passphrase]').textContent).toContain('12 znaków');

    vi.mocked(api.syncSetup).mockResolvedValueOnce({ configured: true, organisation: 'mops testowo', device_id: 'dev-1' });
    click('sync-setup');
    await settle();
    await settle();
    expect(q('[data-form-status=sync-setup]').textContent).toBe('Zapisano hasło synchronizacji organizacji „mops testowo”.');
    expect(input('passphrase').value).toBe('');
    expect(input('passphrase_repeat').value).toBe('');
  });

  it('places Rust’s folder error under the field and saves whole minutes', async () => {
    const { q, input, click } = await mount();
    input('interval_minutes').value = '2,5';
    q<HTMLFormElement>('[data-form=sync-settings]').requestSubmit();
    await settle();
    expect(api.syncSettingsSave).not.toHaveBeenCalled();
    expect(q('[data-error-for=interval_minutes]').textContent).toContain('liczbę całkowitą');

    input('interval_minutes').value = '1';
    input('folder').value = '/nie/ma';
    vi.mocked(api.syncSettingsSave).mockRejectedValueOnce(invalid('folder', 'Folder eksportu: taki folder nie istnieje — utwórz go albo podłącz nośnik'));
    click('sync-settings-save');
    await settle();
    expect(api.syncSettingsSave).toHaveBeenLastCalledWith({ folder: '/nie/ma', interval_minutes: 1 });
    expect(q('[data-error-for=folder]').textContent).toContain('nie istnieje');
    expect(input('folder').getAttribute('aria-invalid')).toBe('true');
    expect(q('[data-error-for=interval_minutes]').hidden).toBe(true);

    vi.mocked(api.syncSettingsSave).mockResolvedValueOnce({ folder: '/media/usb2', interval_minutes: 1 });
    input('folder').value = '/media/usb2';
    click('sync-settings-save');
    await settle();
    await settle();
    expect(q('[data-error-for=folder]').hidden).toBe(true);
    expect(q('[data-form-status=sync-settings]').textContent).toBe('Zapisano ustawienia eksportu.');
  });

  it('exports now, shows the file, and a missing folder as the section’s error', async () => {
    const { q, click } = await mount();
    vi.mocked(api.syncExportNow).mockResolvedValueOnce({
      file: '/media/usb/kartoteka-ab12cd34-20250115T100500000Z.kbundle', records: 3, tombstones: 0, full: false, bundle_id: 'b',
      bytes: 1234 as unknown as bigint, hlc_min: null, hlc_max: null, message: 'Zapisano pakiet z 3 rekordami.',
    });
    click('sync-export-now');
    expect(q<HTMLButtonElement>('[data-action=sync-export-now]').getAttribute('aria-busy')).toBe('true');
    await settle();
    await settle();
    expect(q('[data-form-status=sync-export]').textContent).toBe('Zapisano pakiet z 3 rekordami. Plik: kartoteka-ab12cd34-20250115T100500000Z.kbundle');
    expect(q('[data-form-status=sync-export]').dataset.exportedFile).toBe('/media/usb/kartoteka-ab12cd34-20250115T100500000Z.kbundle');
    expect(q<HTMLButtonElement>('[data-action=sync-export-now]').disabled).toBe(false);
    expect(q('[data-export-busy]').hidden).toBe(true);
    expect(q('[data-action=sync-export-cancel]').hidden).toBe(true);

    vi.mocked(api.syncExportNow).mockRejectedValueOnce({ code: 'not_found', message: 'Folder eksportu /media/usb jest niedostępny.', fields: [], existing: [] });
    click('sync-export-now');
    await settle();
    await settle();
    const error = q('[data-sync-error=export]');
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain('niedostępny');
    expect(error.getAttribute('role')).toBe('alert');
  });

  it('shows the export going, lets it be stopped, and says calmly that nothing was written', async () => {
    const { ctx, q, click } = await mount();
    const exporting = deferred<Awaited<ReturnType<typeof api.syncExportNow>>>();
    vi.mocked(api.syncExportNow).mockReturnValueOnce(exporting.promise);
    vi.mocked(api.syncExportCancel).mockResolvedValueOnce(undefined);
    const busy = q('[data-export-busy]');
    expect(busy.hidden).toBe(true);
    expect(q('[data-action=sync-export-cancel]').hidden).toBe(true);

    click('sync-export-now');
    await settle();
    expect(busy.hidden).toBe(false);
    expect(busy.getAttribute('role')).toBe('status');
    expect(q('[data-export-step]').textContent).toBe('Przygotowywanie…');
    expect(q('[data-action=sync-export-cancel]').hidden).toBe(false);
    expect(q('[data-action=sync-export-cancel]').textContent).toBe('Przerwij eksport');
    // One long job at a time: the import waits.
    expect(q<HTMLButtonElement>('[data-action=sync-import]').disabled).toBe(true);

    const progress = (done: number, total: number) =>
      byEvent.get(EXPORT_PROGRESS_EVENT)!({ event: EXPORT_PROGRESS_EVENT, id: 3, payload: { done, total } });
    progress(0, 254673);
    expect(busy.dataset.total).toBe('254673');
    progress(40000, 254673);
    expect(q('[data-export-step]').textContent!.replace(/\s/g, ' ')).toBe('Zapisano 40 000 z 254 673 rekordów');
    expect(q<HTMLProgressElement>('[data-export-progress]').value).toBe(15);
    expect(q('[data-export-percent]').textContent).toBe('15%');
    expect(busy.dataset.done).toBe('40000');
    expect(busy.dataset.total).toBe('254673');
    progress(254673, 254673);
    expect(q('[data-export-step]').textContent).toBe('Zapisywanie pakietu w folderze…');
    expect(q('[data-export-percent]').textContent).toBe('100%');

    click('sync-export-cancel');
    await settle();
    expect(api.syncExportCancel).toHaveBeenCalledTimes(1);
    expect(q<HTMLButtonElement>('[data-action=sync-export-cancel]').disabled).toBe(true);
    expect(q('[data-action=sync-export-cancel]').getAttribute('aria-label')).toBe('Przerywanie…');
    const calls = vi.mocked(api.syncStatus).mock.calls.length;
    exporting.reject({
      code: 'cancelled', message: 'Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.', fields: [], existing: [],
    });
    await settle();
    await settle();
    const status = q('[data-form-status=sync-export]');
    expect(status.dataset.cancelled).toBe('true');
    expect(status.textContent).toBe('Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.');
    expect(status.hasAttribute('data-exported-file')).toBe(false);
    expect(q('[data-sync-error=export]').hidden).toBe(true);
    expect(ctx.showError).not.toHaveBeenCalled();
    expect(busy.hidden).toBe(true);
    expect(q('[data-action=sync-export-cancel]').hidden).toBe(true);
    expect(q<HTMLButtonElement>('[data-action=sync-export-cancel]').disabled).toBe(false);
    expect(unlisten).toHaveBeenCalled();
    expect(api.syncStatus).toHaveBeenCalledTimes(calls + 1);
    expect(q<HTMLButtonElement>('[data-action=sync-export-now]').disabled).toBe(false);
    expect(q<HTMLButtonElement>('[data-action=sync-import]').disabled).toBe(false);
  });

  it('says a stop in its own words when Rust gives none, and a finished export clears it', async () => {
    const { q, click } = await mount();
    vi.mocked(api.syncExportNow).mockRejectedValueOnce({ code: 'cancelled', message: '', fields: [], existing: [] });
    click('sync-export-now');
    await settle();
    await settle();
    const status = q('[data-form-status=sync-export]');
    expect(status.dataset.cancelled).toBe('true');
    expect(status.textContent).toBe('Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.');

    vi.mocked(api.syncExportNow).mockResolvedValueOnce({
      file: null, records: 0, tombstones: 0, full: false, bundle_id: null,
      bytes: 0 as unknown as bigint, hlc_min: null, hlc_max: null, message: 'Brak zmian do wysłania.',
    });
    click('sync-export-now');
    await settle();
    await settle();
    expect(status.hasAttribute('data-cancelled')).toBe(false);
    expect(status.textContent).toBe('Brak zmian do wysłania.');
    expect(q('[data-export-busy]').hidden).toBe(true);
  });

  it('imports a folder and shows the totals and refused bundles', async () => {
    const { q, click } = await mount();
    vi.mocked(api.syncImport).mockResolvedValueOnce({
      applied: 5, unchanged: 2, conflicts: 1, skipped: 1,
      bundles: [{ file: '/media/usb/a.kbundle', bundle_id: 'a', device: 'd2', records: 8, applied: 5, unchanged: 2, conflicts: 1 }],
      refused: [{ file: '/media/usb/zly.kbundle', error: 'Ten pakiet pochodzi z innej organizacji.' }],
    });
    vi.mocked(api.syncConflicts).mockResolvedValue([CONFLICT]);
    q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
    await settle();
    await settle();
    await settle();
    expect(api.syncImport).toHaveBeenCalledWith('/media/usb');
    const result = q('[data-import-result]');
    expect(result.hidden).toBe(false);
    expect(result.dataset.applied).toBe('5');
    expect(result.dataset.conflicts).toBe('1');
    expect(result.textContent).toContain('Zastosowane zmiany: 5, bez zmian: 2, konflikty: 1.');
    expect(q('[data-refused-file="zly.kbundle"]').textContent).toBe('zly.kbundle: Ten pakiet pochodzi z innej organizacji.');
    expect(q('[data-conflict-id=c-1]')).not.toBeNull();
    void click;
  });

  it('shows the import going, lets it be stopped, and says calmly that nothing of it was saved', async () => {
    const { q, click } = await mount();
    let reject: (e: ApiError) => void = () => undefined;
    vi.mocked(api.syncImport).mockReturnValueOnce(new Promise((_, r) => { reject = r; }));
    vi.mocked(api.syncImportCancel).mockResolvedValueOnce(undefined);
    q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
    await settle();
    const busy = q('[data-import-busy]');
    expect(busy.hidden).toBe(false);
    expect(q('[data-action=sync-import-cancel]').hidden).toBe(false);
    expect(q<HTMLButtonElement>('[data-action=sync-export-now]').disabled).toBe(true);
    expect(q('[data-export-busy]').hidden).toBe(true);
    byEvent.get(IMPORT_PROGRESS_EVENT)!({ event: IMPORT_PROGRESS_EVENT, id: 2, payload: { bundle: 1, bundles: 1, done: 40000, total: 254673 } });
    expect(q('[data-import-step]').textContent!.replace(/\s/g, ' ')).toBe('40 000 z 254 673 rekordów');
    expect(q<HTMLProgressElement>('[data-import-progress]').value).toBe(15);
    expect(q('[data-import-percent]').textContent).toBe('15%');
    expect(busy.dataset.done).toBe('40000');

    click('sync-import-cancel');
    await settle();
    expect(api.syncImportCancel).toHaveBeenCalledTimes(1);
    expect(q<HTMLButtonElement>('[data-action=sync-import-cancel]').disabled).toBe(true);
    reject({ code: 'cancelled', message: 'Import przerwany. Przerwany pakiet nie zmienił niczego w kartotece.', fields: [], existing: [] });
    await settle();
    await settle();
    const result = q('[data-import-result]');
    expect(result.hidden).toBe(false);
    expect(result.dataset.cancelled).toBe('true');
    expect(result.textContent).toContain('nie zmienił niczego');
    expect(q('[data-sync-error=import]').hidden).toBe(true);
    expect(busy.hidden).toBe(true);
    expect(q('[data-action=sync-import-cancel]').hidden).toBe(true);
    expect(unlisten).toHaveBeenCalled();
    expect(q<HTMLButtonElement>('[data-action=sync-export-now]').disabled).toBe(false);
  });

  it('shows a conflict in Polish with both values as text and resolves it', async () => {
    vi.mocked(api.syncConflicts).mockResolvedValueOnce([CONFLICT]).mockResolvedValue([]);
    const { q } = await mount();
    const card = q('[data-conflict-id=c-1]');
    expect(card.dataset.conflictStatus).toBe('open');
    expect(card.querySelector('h3')!.textContent).toBe('Uczestnik: Łucja Wałęsa — Nazwisko');
    expect(card.querySelector('[data-conflict-value=mine] .conflict-text')!.textContent).toBe('<b>Kowalska</b>');
    expect(card.querySelector('b')).toBeNull();
    expect(card.querySelector('[data-conflict-value=theirs] .conflict-text')!.textContent).toBe('Nowak');
    expect(card.querySelector('[data-conflict-value=mine]')!.textContent).toContain('teraz w kartotece');

    vi.mocked(api.syncResolve).mockResolvedValueOnce({ ...CONFLICT, resolved_at: '2025-01-16T10:00:00Z', resolution: 'theirs' });
    card.querySelector<HTMLButtonElement>('[data-action=take-theirs]')!.click();
    await settle();
    await settle();
    expect(api.syncResolve).toHaveBeenCalledWith('c-1', false);
    expect(q('[data-conflicts-empty]')).not.toBeNull();
  });

  it('follows the sync-status event and stops listening when left', async () => {
    const { q, view } = await mount();
    expect(listen).toHaveBeenCalledWith(SYNC_STATUS_EVENT, expect.any(Function));
    for (const h of handlers) h({ event: SYNC_STATUS_EVENT, id: 1, payload: overview({ folder_available: false }, { pending_changes: 7 }) });
    expect(q('[data-sync-fact=automatic]').textContent).toBe('Folder eksportu niedostępny — eksport poczeka');
    expect(q('[data-sync-fact=pending]').textContent).toBe('oczekuje 7 zmian');
    view.dispose?.();
    expect(unlisten).toHaveBeenCalled();
  });
});

describe('status bar sync line', () => {
  beforeEach(() => {
    handlers = [];
    byEvent = new Map();
    vi.mocked(listen).mockImplementation(async (event, handler) => {
      byEvent.set(event, handler as (event: TauriEvent<unknown>) => void);
      if (event === SYNC_STATUS_EVENT) handlers.push(handler as (event: TauriEvent<SyncOverview>) => void);
      return unlisten;
    });
  });
  afterEach(() => vi.clearAllMocks());

  it('shows the first state, then each event, and stops', async () => {
    const at = new Date(2025, 11, 3, 14, 30).toISOString();
    vi.mocked(api.syncStatus).mockResolvedValue(overview({}, { last_export_at: at, pending_changes: 3 }));
    const slot = document.createElement('span');
    const stop = watchSyncStatus(slot);
    await settle();
    expect(slot.textContent).toBe('Ostatni eksport: 03.12.2025 14:30 · oczekują 3 zmiany');
    expect(slot.dataset.syncState).toBe('ok');
    expect(slot.dataset.pending).toBe('3');

    for (const h of handlers) h({ event: SYNC_STATUS_EVENT, id: 2, payload: overview({ folder_available: false, export_error: 'Folder /media/usb jest niedostępny' }, { pending_changes: 4 }) });
    expect(slot.textContent).toBe('Folder eksportu niedostępny — eksport poczeka · oczekują 4 zmiany');
    expect(slot.dataset.syncState).toBe('missing');
    expect(slot.title).toContain('/media/usb');
    stop();
    expect(unlisten).toHaveBeenCalled();
  });

  it('stays empty while locked', async () => {
    vi.mocked(api.syncStatus).mockRejectedValue({ code: 'locked', message: 'Zablokowana', fields: [], existing: [] });
    const slot = document.createElement('span');
    const stop = watchSyncStatus(slot);
    await settle();
    expect(slot.textContent).toBe('');
    stop();
  });
});
