// Ustawienia → Anonimizacja po okresie przechowywania: nothing happens before the preview; the
// confirmation says how many people and that it cannot be undone; the result says how many.
// And the way into the Dziennik zdarzeń.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { anonymisationCandidates: vi.fn(), anonymiseExpired: vi.fn() } };
});
import { api } from '../api';
import { anonymisationSection, auditLogSection, formatPeople } from './GdprSection';

const CANDIDATES = [
  { id: 'p-1', name: 'Ala Kowalska', retention_until: '2025-12-31', projects: 2 },
  { id: 'p-2', name: 'Jan Nowak', retention_until: '2024-06-30', projects: 1 },
];

function mount() {
  const ctx = fakeContext();
  const el = anonymisationSection(ctx);
  document.body.append(el);
  const q = <T extends Element = HTMLElement>(s: string) => document.querySelector(s) as T;
  return { ctx, el, q };
}

describe('anonymisation section', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('asks for nothing until the preview is requested, and offers no button before it', async () => {
    const { q } = mount();
    await settle();
    expect(api.anonymisationCandidates).not.toHaveBeenCalled();
    expect(q('[data-action=anonymise]')).toBeNull();
    expect(q('h2').textContent).toBe('Anonimizacja po okresie przechowywania');
  });

  it('shows an empty preview as a calm note', async () => {
    vi.mocked(api.anonymisationCandidates).mockResolvedValue([]);
    const { q } = mount();
    q<HTMLButtonElement>('[data-action=anonymisation-preview]').click();
    await settle();
    expect(q('[data-anonymisation-empty]').textContent).toContain('Nikt nie czeka');
    expect(q('[data-action=anonymise]')).toBeNull();
  });

  it('previews, confirms with the count and “cannot be undone”, then says how many', async () => {
    vi.mocked(api.anonymisationCandidates).mockResolvedValue(CANDIDATES);
    vi.mocked(api.anonymiseExpired).mockResolvedValue(['p-1', 'p-2']);
    const { q } = mount();
    q<HTMLButtonElement>('[data-action=anonymisation-preview]').click();
    await settle();
    const rows = [...document.querySelectorAll('[data-candidate-id]')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([['Ala Kowalska', '31.12.2025', '2'], ['Jan Nowak', '30.06.2024', '1']]);
    expect(q('[data-anonymisation-count]').textContent).toBe('Do anonimizacji: 2 osoby.');

    // Cancelling does nothing.
    q<HTMLButtonElement>('[data-action=anonymise]').click();
    await settle();
    expect(q('dialog').textContent).toContain('Liczba osób do anonimizacji: 2');
    expect(q('dialog').textContent).toContain('Tej operacji nie można cofnąć.');
    [...document.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => b.textContent === 'Anuluj')!.click();
    await settle();
    expect(api.anonymiseExpired).not.toHaveBeenCalled();

    q<HTMLButtonElement>('[data-action=anonymise]').click();
    await settle();
    expect(q('dialog h2').textContent).toBe('Anonimizacja: 2 osoby');
    q<HTMLButtonElement>('dialog [data-action=confirm]').click();
    await settle();
    expect(api.anonymiseExpired).toHaveBeenCalledWith(['p-1', 'p-2']);
    const status = q('[data-form-status=anonymisation]');
    expect(status.textContent).toBe('Zanonimizowano: 2 osoby.');
    expect(status.dataset.anonymised).toBe('2');
    expect(q('[data-candidate-id]')).toBeNull();
  });

  it('reports a changed list (conflict) and keeps the preview', async () => {
    vi.mocked(api.anonymisationCandidates).mockResolvedValue(CANDIDATES);
    vi.mocked(api.anonymiseExpired).mockRejectedValue({ code: 'conflict', message: 'Lista się zmieniła', fields: [], existing: [] });
    const { ctx, q } = mount();
    q<HTMLButtonElement>('[data-action=anonymisation-preview]').click();
    await settle();
    q<HTMLButtonElement>('[data-action=anonymise]').click();
    await settle();
    q<HTMLButtonElement>('dialog [data-action=confirm]').click();
    await settle();
    expect(ctx.showError).toHaveBeenCalled();
    expect(q('[data-candidate-id]')).not.toBeNull();
    expect(q<HTMLButtonElement>('[data-action=anonymise]').disabled).toBe(false);
  });
});

describe('people count and the audit link', () => {
  it('uses the Polish plural', () => {
    expect([1, 2, 5, 12, 22].map(formatPeople)).toEqual(['1 osoba', '2 osoby', '5 osób', '12 osób', '22 osoby']);
  });

  it('opens the Dziennik zdarzeń', () => {
    const ctx = fakeContext();
    const el = auditLogSection(ctx);
    el.querySelector<HTMLButtonElement>('[data-action=open-audit]')!.click();
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'audit' });
  });
});
