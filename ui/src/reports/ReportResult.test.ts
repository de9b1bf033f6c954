// The written file's box on its own: what it says, that a file name is only ever text, where it
// goes, "Otwórz plik" / "Pokaż folder", and the calm note after "Przerwij".
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { reportOpen: vi.fn(), reportOpenFolder: vi.fn() } };
});
import { api } from '../api';
import type { ReportSummary } from '../bindings/ReportSummary';
import { h } from '../dom';
import { fakeContext, settle } from '../test/fixtures';
import { reportResult, reportSection } from './ReportResult';

afterEach(() => {
  document.body.replaceChildren();
  vi.clearAllMocks();
});

const SUMMARY: ReportSummary = {
  report: 'participants', file: '/home/anna/Dokumenty/Kartoteka/<img src=x onerror=1>.csv', format: 'csv', rows: 1234, incomplete: [],
};

describe('the written file', () => {
  it('shows the file in the slot it is given, its name as text, and opens it or its folder', async () => {
    const ctx = fakeContext();
    const result = reportResult(ctx);
    const slot = h('div');
    document.body.append(slot);
    result.showSaved(slot, SUMMARY);
    expect(result.el.parentElement).toBe(slot);
    expect(result.el.hidden).toBe(false);
    expect(result.el.dataset.rows).toBe('1234');
    expect(result.el.dataset.incomplete).toBeUndefined();
    const file = result.el.querySelector('[data-report-file]')!;
    expect(file.textContent).toContain('<img src=x onerror=1>.csv');
    expect(result.el.querySelector('img')).toBeNull();

    vi.mocked(api.reportOpenFolder).mockResolvedValue('/home/anna/Dokumenty/Kartoteka');
    result.el.querySelector<HTMLButtonElement>('[data-action=report-open]')!.click();
    result.el.querySelector<HTMLButtonElement>('[data-action=report-folder]')!.click();
    await settle();
    expect(api.reportOpen).toHaveBeenCalledWith(SUMMARY.file);
    expect(result.el.querySelector('[data-form-status=report-folder]')!.textContent).toContain('/home/anna/Dokumenty/Kartoteka');
  });

  it('moves to the section of the next work and says calmly that a stopped export wrote nothing', () => {
    const result = reportResult(fakeContext());
    const first = h('div');
    const second = h('div');
    result.showSaved(first, SUMMARY);
    result.showCancelled(second);
    expect(first.children).toHaveLength(0);
    expect(result.el.parentElement).toBe(second);
    expect(result.el.dataset.cancelled).toBe('true');
    expect(result.el.dataset.file).toBeUndefined();
    result.clear();
    expect(result.el.hidden).toBe(true);
    expect(result.el.textContent).toBe('');
  });

  it('shows an error of the system viewer in the message bar', async () => {
    const ctx = fakeContext();
    const result = reportResult(ctx);
    vi.mocked(api.reportOpen).mockRejectedValue({ code: 'internal', message: 'Brak programu', fields: [], existing: [] });
    result.showSaved(h('div'), SUMMARY);
    result.el.querySelector<HTMLButtonElement>('[data-action=report-open]')!.click();
    await settle();
    expect(ctx.showError).toHaveBeenCalled();
  });

  it('labels a section by its heading', () => {
    const section = reportSection('report-csv', 'Zestawienia CSV', null);
    expect(section.getAttribute('aria-labelledby')).toBe('report-csv-heading');
    expect(section.querySelector('h2')!.textContent).toBe('Zestawienia CSV');
  });
});
