// Import: the export folder suggested (never over what is typed), the totals as text and as
// data-*, refused bundles with Rust's reasons as text, the progress bar with "Przerwij import",
// and a stopped import said calmly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { syncImport: vi.fn(), syncImportCancel: vi.fn() } };
});
import { api } from '../api';
import type { ImportOutcome } from '../bindings/ImportOutcome';
import { deferred, fakeContext, settle } from '../test/fixtures';
import { cancelled, fakeEvents, FOLDER_IMPORT, invalid } from '../test/syncFixtures';
import { importPanel } from './ImportPanel';
import { IMPORT_PROGRESS_EVENT } from './syncStatus';
import { oneAtATime } from '../ui/work';

function mount() {
  const ctx = fakeContext();
  const refresh = vi.fn(async () => undefined);
  const loadConflicts = vi.fn(async () => undefined);
  const panel = importPanel(ctx, oneAtATime(), { refresh, loadConflicts });
  document.body.append(panel.el);
  const q = <T extends HTMLElement = HTMLElement>(selector: string) => panel.el.querySelector(selector) as T;
  const path = () => q<HTMLInputElement>('input[name=import_path]');
  const submit = () => q<HTMLFormElement>('[data-form=sync-import]').requestSubmit();
  return { ctx, panel, refresh, loadConflicts, q, path, submit };
}

describe('import', () => {
  let events: ReturnType<typeof fakeEvents>;
  beforeEach(() => {
    events = fakeEvents();
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('suggests the export folder unless a path is typed', () => {
    const { panel, q, path } = mount();
    expect(panel.el.dataset.section).toBe('sync-import');
    expect(q('[data-import-result]').hidden).toBe(true);
    panel.suggestPath('/media/usb');
    expect(path().value).toBe('/media/usb');
    panel.suggestPath('/media/usb2');
    expect(path().value).toBe('/media/usb');
    // The form holds the error line, the path, the buttons and the bar, in that order.
    const form = q('[data-form=sync-import]');
    expect(form.firstElementChild!.getAttribute('data-sync-error')).toBe('import');
    expect(form.querySelector('.actions')!.children[0].getAttribute('data-action')).toBe('sync-import');
    expect(form.querySelector('.actions')!.children[1].getAttribute('data-action')).toBe('sync-import-cancel');
    expect(form.lastElementChild!.hasAttribute('data-import-busy')).toBe(true);
  });

  it('imports a folder and shows the totals and refused bundles', async () => {
    const { q, panel, submit, refresh, loadConflicts } = mount();
    panel.suggestPath('/media/usb');
    vi.mocked(api.syncImport).mockResolvedValueOnce(FOLDER_IMPORT);
    submit();
    await settle();
    await settle();
    expect(api.syncImport).toHaveBeenCalledWith('/media/usb');
    const result = q('[data-import-result]');
    expect(result.hidden).toBe(false);
    expect(result.dataset.applied).toBe('5');
    expect(result.dataset.unchanged).toBe('2');
    expect(result.dataset.conflicts).toBe('1');
    expect(result.hasAttribute('data-cancelled')).toBe(false);
    expect(result.textContent).toContain('Wczytane pakiety: 1. Zastosowane zmiany: 5, bez zmian: 2, konflikty: 1.');
    expect(q('[data-import-refused]').textContent).toContain('Nie wczytano pakietów: 1.');
    expect(q('[data-refused-file="zly.kbundle"]').textContent).toBe('zly.kbundle: Ten pakiet pochodzi z innej organizacji.');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(loadConflicts).toHaveBeenCalledTimes(1);
    expect(q('[data-import-busy]').hidden).toBe(true);
  });

  it('shows one bundle file the same way, without a refused list', async () => {
    const { q, path, submit } = mount();
    path().value = '/media/usb/a.kbundle';
    vi.mocked(api.syncImport).mockResolvedValueOnce(FOLDER_IMPORT.bundles[0]);
    submit();
    await settle();
    await settle();
    expect(api.syncImport).toHaveBeenCalledWith('/media/usb/a.kbundle');
    expect(q('[data-import-result]').textContent).toBe('Wczytane pakiety: 1. Zastosowane zmiany: 5, bez zmian: 2, konflikty: 1.');
    expect(q('[data-import-refused]')).toBeNull();
  });

  it('shows the import going, lets it be stopped, and says calmly that nothing of it was saved', async () => {
    const { ctx, q, submit, refresh, loadConflicts } = mount();
    const importing = deferred<ImportOutcome>();
    vi.mocked(api.syncImport).mockReturnValueOnce(importing.promise);
    vi.mocked(api.syncImportCancel).mockResolvedValueOnce(undefined);
    submit();
    await settle();
    const busy = q('[data-import-busy]');
    const stop = q<HTMLButtonElement>('[data-action=sync-import-cancel]');
    expect(busy.hidden).toBe(false);
    expect(stop.hidden).toBe(false);
    expect(stop.textContent).toBe('Przerwij import');
    expect(q('[data-import-step]').textContent).toBe('Importowanie pakietów…');
    expect(q<HTMLButtonElement>('[data-action=sync-import]').disabled).toBe(true);
    events.emit(IMPORT_PROGRESS_EVENT, { bundle: 1, bundles: 1, done: 40000, total: 254673 });
    expect(q('[data-import-step]').textContent!.replace(/\s/g, ' ')).toBe('40 000 z 254 673 rekordów');
    expect(q<HTMLProgressElement>('[data-import-progress]').value).toBe(15);
    expect(q('[data-import-percent]').textContent).toBe('15%');
    expect(busy.dataset.done).toBe('40000');
    expect(busy.dataset.total).toBe('254673');

    stop.click();
    await settle();
    expect(api.syncImportCancel).toHaveBeenCalledTimes(1);
    expect(stop.disabled).toBe(true);
    importing.reject(cancelled('Import przerwany. Przerwany pakiet nie zmienił niczego w kartotece.'));
    await settle();
    await settle();
    const result = q('[data-import-result]');
    expect(result.hidden).toBe(false);
    expect(result.dataset.cancelled).toBe('true');
    expect(result.textContent).toBe('Import przerwany. Przerwany pakiet nie zmienił niczego w kartotece.');
    expect(q('[data-sync-error=import]').hidden).toBe(true);
    expect(ctx.showError).not.toHaveBeenCalled();
    expect(busy.hidden).toBe(true);
    expect(stop.hidden).toBe(true);
    expect(stop.disabled).toBe(false);
    expect(events.unlisten).toHaveBeenCalled();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(loadConflicts).not.toHaveBeenCalled();
    expect(q<HTMLButtonElement>('[data-action=sync-import]').disabled).toBe(false);

    // The next import starts afresh: no "stopped" mark left over.
    vi.mocked(api.syncImport).mockResolvedValueOnce(FOLDER_IMPORT);
    submit();
    await settle();
    await settle();
    expect(result.hasAttribute('data-cancelled')).toBe(false);
    expect(result.dataset.applied).toBe('5');
  });

  it('puts Rust’s path error under the field and other failures in its own line', async () => {
    const { q, path, submit } = mount();
    vi.mocked(api.syncImport).mockRejectedValueOnce(invalid('import_path', 'Nie ma takiego folderu ani pliku.'));
    submit();
    await settle();
    expect(q('[data-error-for=import_path]').textContent).toBe('Nie ma takiego folderu ani pliku.');
    expect(path().getAttribute('aria-invalid')).toBe('true');
    expect(q('[data-import-result]').hidden).toBe(true);

    vi.mocked(api.syncImport).mockRejectedValueOnce({ code: 'internal', message: 'Błąd odczytu', fields: [], existing: [] });
    submit();
    await settle();
    expect(q('[data-error-for=import_path]').hidden).toBe(true);
    expect(q('[data-sync-error=import]').textContent).toBe('Błąd odczytu');
    expect(q('[data-sync-error=import]').hidden).toBe(false);
  });
});
