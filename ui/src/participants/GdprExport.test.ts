// Eksport danych (RODO) on a participant's page: the panel, the two saved paths and "Otwórz".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeContext, PARTICIPANT, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { gdprExport: vi.fn(), gdprOpen: vi.fn() } };
});
import { api } from '../api';
import { exportFormat, gdprExportControl } from './GdprExport';

describe('GDPR export panel', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('writes JSON and PDF, lists both paths and opens one on request', async () => {
    vi.mocked(api.gdprExport).mockResolvedValue(['/home/a/Kartoteka/dane-osoby-p-1.json', '/home/a/Kartoteka/dane-osoby-p-1.pdf']);
    vi.mocked(api.gdprOpen).mockResolvedValue('/home/a/Kartoteka/dane-osoby-p-1.pdf');
    const ctx = fakeContext();
    const { button, slot } = gdprExportControl(ctx, PARTICIPANT);
    document.body.append(button, slot);
    expect(button.textContent).toBe('Eksport danych (RODO)');
    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const q = <T extends Element = HTMLElement>(s: string) => document.querySelector(s) as T;
    expect(q('[data-gdpr-export] h2').textContent).toBe('Eksport danych osoby (RODO)');
    expect(api.gdprExport).not.toHaveBeenCalled();

    q<HTMLButtonElement>('[data-action=gdpr-export-run]').click();
    await settle();
    expect(api.gdprExport).toHaveBeenCalledWith('p-1');
    expect(q('[data-gdpr-file=json]').textContent).toContain('dane-osoby-p-1.json');
    expect(q('[data-gdpr-file=pdf]').textContent).toContain('dane-osoby-p-1.pdf');
    const open = q<HTMLButtonElement>('[data-gdpr-file=pdf] [data-action=gdpr-open]');
    expect(open.textContent).toBe('Otwórz');
    expect(open.getAttribute('aria-label')).toBe('Otwórz plik PDF');
    open.click();
    await settle();
    expect(api.gdprOpen).toHaveBeenCalledWith('p-1', 'pdf');

    button.click();
    expect(slot.hasChildNodes()).toBe(false);
  });

  it('shows a failure in the message bar', async () => {
    vi.mocked(api.gdprExport).mockRejectedValue({ code: 'internal', message: 'Nie można zapisać', fields: [], existing: [] });
    const ctx = fakeContext();
    const { button, slot } = gdprExportControl(ctx, PARTICIPANT);
    document.body.append(button, slot);
    button.click();
    document.querySelector<HTMLButtonElement>('[data-action=gdpr-export-run]')!.click();
    await settle();
    expect(ctx.showError).toHaveBeenCalled();
    expect(document.querySelector('[data-gdpr-file]')).toBeNull();
  });

  it('tells the two files apart by extension', () => {
    expect(exportFormat('C:\\Dokumenty\\Kartoteka\\dane-osoby-1.PDF')).toBe('pdf');
    expect(exportFormat('/x/dane-osoby-1.json')).toBe('json');
  });
});
