// Export: the folder and interval (whole minutes checked here, the folder by Rust, its error under
// the field), "Eksportuj teraz" with the file it wrote, its progress bar and "Przerwij eksport",
// and a stopped export said calmly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { syncSettingsSave: vi.fn(), syncExportNow: vi.fn(), syncExportCancel: vi.fn() } };
});
import { api } from '../api';
import type { ExportReport } from '../bindings/ExportReport';
import { deferred, fakeContext, settle } from '../test/fixtures';
import { cancelled, fakeEvents, invalid } from '../test/syncFixtures';
import { exportPanel } from './ExportPanel';
import { EXPORT_PROGRESS_EVENT } from './syncStatus';
import { oneAtATime } from '../ui/work';

const FILE = '/media/usb/kartoteka-ab12cd34-20250115T100500000Z.kbundle';
const exported = (file: string | null, message: string): ExportReport => ({
  file, records: 3, tombstones: 0, full: false, bundle_id: file ? 'b' : null, bytes: 1234 as unknown as bigint, hlc_min: null, hlc_max: null, message,
});

function mount() {
  const ctx = fakeContext();
  const refresh = vi.fn(async () => undefined);
  const settingsSaved = vi.fn();
  const work = oneAtATime();
  const panel = exportPanel(ctx, work, { refresh, settingsSaved });
  document.body.append(panel.el);
  const q = <T extends HTMLElement = HTMLElement>(selector: string) => panel.el.querySelector(selector) as T;
  const input = (name: string) => q<HTMLInputElement>(`input[name=${name}]`);
  const button = (action: string) => q<HTMLButtonElement>(`[data-action=${action}]`);
  return { ctx, panel, work, refresh, settingsSaved, q, input, button };
}

describe('export', () => {
  let events: ReturnType<typeof fakeEvents>;
  beforeEach(() => {
    events = fakeEvents();
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('can be saved once the settings are read, and shows them', () => {
    const { panel, input, button } = mount();
    expect(panel.el.dataset.section).toBe('sync-export');
    expect(button('sync-settings-save').disabled).toBe(true);
    panel.settingsLoaded({ folder: '/media/usb', interval_minutes: 15 });
    expect(button('sync-settings-save').disabled).toBe(false);
    expect(input('folder').value).toBe('/media/usb');
    expect(input('interval_minutes').value).toBe('15');
    // The order the section's parts come in.
    const order = [...panel.el.children].map((c) => c.tagName.toLowerCase() + (c.getAttribute('data-sync-error') ? '.error' : '') + (c.getAttribute('data-form') ? `.${c.getAttribute('data-form')}` : ''));
    expect(order).toEqual(['h2', 'p', 'p.error', 'form.sync-settings', 'div', 'div']);
    expect(panel.el.lastElementChild!.hasAttribute('data-export-busy')).toBe(true);
  });

  it('places Rust’s folder error under the field and saves whole minutes', async () => {
    const { panel, q, input, button, refresh, settingsSaved } = mount();
    panel.settingsLoaded({ folder: '/media/usb', interval_minutes: 15 });
    input('interval_minutes').value = '2,5';
    q<HTMLFormElement>('[data-form=sync-settings]').requestSubmit();
    await settle();
    expect(api.syncSettingsSave).not.toHaveBeenCalled();
    expect(q('[data-error-for=interval_minutes]').textContent).toContain('liczbę całkowitą');

    input('interval_minutes').value = '1';
    input('folder').value = '/nie/ma';
    vi.mocked(api.syncSettingsSave).mockRejectedValueOnce(invalid('folder', 'Folder eksportu: taki folder nie istnieje — utwórz go albo podłącz nośnik'));
    button('sync-settings-save').click();
    await settle();
    expect(api.syncSettingsSave).toHaveBeenLastCalledWith({ folder: '/nie/ma', interval_minutes: 1 });
    expect(q('[data-error-for=folder]').textContent).toContain('nie istnieje');
    expect(input('folder').getAttribute('aria-invalid')).toBe('true');
    expect(q('[data-error-for=interval_minutes]').hidden).toBe(true);
    expect(settingsSaved).not.toHaveBeenCalled();

    vi.mocked(api.syncSettingsSave).mockResolvedValueOnce({ folder: '/media/usb2', interval_minutes: 1 });
    input('folder').value = ' /media/usb2 ';
    button('sync-settings-save').click();
    await settle();
    await settle();
    expect(q('[data-error-for=folder]').hidden).toBe(true);
    expect(q('[data-form-status=sync-settings]').textContent).toBe('Zapisano ustawienia eksportu.');
    expect(input('folder').value).toBe('/media/usb2');
    expect(settingsSaved).toHaveBeenCalledWith({ folder: '/media/usb2', interval_minutes: 1 });
    expect(refresh).toHaveBeenCalledTimes(1);

    input('folder').dispatchEvent(new Event('input', { bubbles: true }));
    expect(q('[data-form-status=sync-settings]').textContent).toBe('');
  });

  it('exports now, shows the file, and a missing folder as the section’s error', async () => {
    const { q, button, refresh } = mount();
    vi.mocked(api.syncExportNow).mockResolvedValueOnce(exported(FILE, 'Zapisano pakiet z 3 rekordami.'));
    button('sync-export-now').click();
    expect(button('sync-export-now').getAttribute('aria-busy')).toBe('true');
    await settle();
    await settle();
    expect(q('[data-form-status=sync-export]').textContent).toBe('Zapisano pakiet z 3 rekordami. Plik: kartoteka-ab12cd34-20250115T100500000Z.kbundle');
    expect(q('[data-form-status=sync-export]').dataset.exportedFile).toBe(FILE);
    expect(button('sync-export-now').disabled).toBe(false);
    expect(q('[data-export-busy]').hidden).toBe(true);
    expect(button('sync-export-cancel').hidden).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);

    vi.mocked(api.syncExportNow).mockRejectedValueOnce({ code: 'not_found', message: 'Folder eksportu /media/usb jest niedostępny.', fields: [], existing: [] });
    button('sync-export-now').click();
    await settle();
    await settle();
    const error = q('[data-sync-error=export]');
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain('niedostępny');
    expect(error.getAttribute('role')).toBe('alert');
    expect(q('[data-form-status=sync-export]').hasAttribute('data-exported-file')).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('shows the export going, lets it be stopped, and says calmly that nothing was written', async () => {
    const { ctx, q, button, refresh } = mount();
    const exporting = deferred<ExportReport>();
    vi.mocked(api.syncExportNow).mockReturnValueOnce(exporting.promise);
    vi.mocked(api.syncExportCancel).mockResolvedValueOnce(undefined);
    const busy = q('[data-export-busy]');

    button('sync-export-now').click();
    await settle();
    expect(busy.hidden).toBe(false);
    expect(busy.getAttribute('role')).toBe('status');
    expect(q('[data-export-step]').textContent).toBe('Przygotowywanie…');
    expect(button('sync-export-cancel').hidden).toBe(false);
    expect(button('sync-export-cancel').textContent).toBe('Przerwij eksport');
    expect(events.listening(EXPORT_PROGRESS_EVENT)).toBe(true);

    events.emit(EXPORT_PROGRESS_EVENT, { done: 0, total: 254673 });
    expect(busy.dataset.total).toBe('254673');
    events.emit(EXPORT_PROGRESS_EVENT, { done: 40000, total: 254673 });
    expect(q('[data-export-step]').textContent!.replace(/\s/g, ' ')).toBe('Zapisano 40 000 z 254 673 rekordów');
    expect(q<HTMLProgressElement>('[data-export-progress]').value).toBe(15);
    expect(q('[data-export-percent]').textContent).toBe('15%');
    expect(busy.dataset.done).toBe('40000');
    events.emit(EXPORT_PROGRESS_EVENT, { done: 254673, total: 254673 });
    expect(q('[data-export-step]').textContent).toBe('Zapisywanie pakietu w folderze…');
    expect(q('[data-export-percent]').textContent).toBe('100%');

    button('sync-export-cancel').click();
    await settle();
    expect(api.syncExportCancel).toHaveBeenCalledTimes(1);
    expect(button('sync-export-cancel').disabled).toBe(true);
    expect(button('sync-export-cancel').getAttribute('aria-label')).toBe('Przerywanie…');
    exporting.reject(cancelled('Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.'));
    await settle();
    await settle();
    const status = q('[data-form-status=sync-export]');
    expect(status.dataset.cancelled).toBe('true');
    expect(status.textContent).toBe('Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.');
    expect(status.hasAttribute('data-exported-file')).toBe(false);
    expect(q('[data-sync-error=export]').hidden).toBe(true);
    expect(ctx.showError).not.toHaveBeenCalled();
    expect(busy.hidden).toBe(true);
    expect(button('sync-export-cancel').hidden).toBe(true);
    expect(button('sync-export-cancel').disabled).toBe(false);
    expect(events.unlisten).toHaveBeenCalled();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(button('sync-export-now').disabled).toBe(false);
  });

  it('says a stop in its own words when Rust gives none, and a finished export clears it', async () => {
    const { q, button } = mount();
    vi.mocked(api.syncExportNow).mockRejectedValueOnce(cancelled(''));
    button('sync-export-now').click();
    await settle();
    await settle();
    const status = q('[data-form-status=sync-export]');
    expect(status.dataset.cancelled).toBe('true');
    expect(status.textContent).toBe('Eksport przerwany — nie zapisano pakietu. Zmiany czekają na następny eksport.');

    vi.mocked(api.syncExportNow).mockResolvedValueOnce(exported(null, 'Brak zmian do wysłania.'));
    button('sync-export-now').click();
    await settle();
    await settle();
    expect(status.hasAttribute('data-cancelled')).toBe(false);
    expect(status.hasAttribute('data-exported-file')).toBe(false);
    expect(status.textContent).toBe('Brak zmian do wysłania.');
    expect(q('[data-export-busy]').hidden).toBe(true);
  });

  it('waits while other work of the view runs', async () => {
    const { work, button, panel } = mount();
    panel.settingsLoaded({ folder: '/media/usb', interval_minutes: 15 });
    const other = work.starter(document.createElement('button'));
    const running = deferred<void>();
    const job = work.run(other, '…', () => running.promise);
    expect(button('sync-export-now').disabled).toBe(true);
    expect(button('sync-settings-save').disabled).toBe(true);
    running.resolve();
    await job;
    expect(button('sync-export-now').disabled).toBe(false);
    expect(button('sync-settings-save').disabled).toBe(false);
  });
});
