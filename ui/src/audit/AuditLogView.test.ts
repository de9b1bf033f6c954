// The Dziennik zdarzeń view: events in Polish (dates dd.mm.yyyy HH:MM, field names, never values),
// narrowed to a person (from their page or by search) or to a record, and the chain check's result.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../bindings/AuditEvent';
import { fakeContext, PARTICIPANT, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: { auditList: vi.fn(), auditVerify: vi.fn(), participantGet: vi.fn(), participantSearch: vi.fn() },
  };
});
import { api } from '../api';
import { AuditLogView, PAGE } from './AuditLogView';

const local = (y: number, m: number, d: number, hh: number, mm: number) => new Date(y, m - 1, d, hh, mm).toISOString();

function event(seq: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq: seq as unknown as bigint, at: local(2025, 3, 5, 9, 7), actor: 'Anna Nowak', source: 'ui', entity: 'participant',
    entity_id: 'p-1', action: 'create', fields: ['first_name', 'last_name', 'pesel'], ...over,
  };
}

async function mount(participantId: string | null = null) {
  const ctx = fakeContext();
  const view = AuditLogView(ctx, participantId);
  document.body.append(view.el);
  await settle();
  const q = <T extends Element = HTMLElement>(s: string) => view.el.querySelector(s) as T;
  return { ctx, view, q };
}

describe('audit log view', () => {
  beforeEach(() => {
    vi.mocked(api.auditList).mockResolvedValue([
      event(2, { entity: 'consent', entity_id: 'c-9', action: 'give', source: 'cli', fields: ['given_on'] }),
      event(1),
    ]);
    vi.mocked(api.participantGet).mockResolvedValue(PARTICIPANT);
  });
  afterEach(() => {
    vi.clearAllMocks();
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  it('lists the newest events in Polish with field names only', async () => {
    const { q, view } = await mount();
    expect(q('h1').textContent).toBe('Dziennik zdarzeń');
    expect(api.auditList).toHaveBeenCalledWith(null, PAGE);
    const rows = view.el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const cells = [...rows[1].querySelectorAll('td')].map((c) => c.textContent);
    expect(cells).toEqual(['1', '05.03.2025 09:07', 'Anna Nowak', 'okno programu', 'uczestnik', 'p-1', 'utworzenie rekordu', 'Imię (imiona), Nazwisko, PESEL']);
    const first = rows[0] as HTMLElement;
    expect(first.dataset.auditAction).toBe('give');
    expect(first.textContent).toContain('wiersz poleceń');
    expect(first.textContent).toContain('zgoda');
    expect(first.textContent).toContain('wyrażenie zgody');
    expect(q('[data-audit-filter=all]').textContent).toContain('wszystkie zdarzenia');
    expect(q<HTMLButtonElement>('[data-action=audit-filter-clear]').hidden).toBe(true);
    expect(q<HTMLButtonElement>('[data-action=audit-more]').hidden).toBe(true);
  });

  it('opened from a person’s page shows only their events, under their name', async () => {
    const { q } = await mount('p-1');
    expect(api.auditList).toHaveBeenCalledWith('p-1', PAGE);
    const showing = q('[data-audit-filter]');
    expect(showing.dataset.auditFilter).toBe('person');
    expect(showing.textContent).toBe('Pokazane: zdarzenia osoby Ala Kowalska.');
    q<HTMLButtonElement>('[data-action=audit-filter-clear]').click();
    await settle();
    expect(api.auditList).toHaveBeenLastCalledWith(null, PAGE);
  });

  it('finds a person by search and filters by them; a record id filters by that record', async () => {
    vi.useFakeTimers();
    vi.mocked(api.participantSearch).mockResolvedValue([
      { id: 'p-1', first_name: 'Ala', last_name: 'Kowalska', pesel: null, birth_date: '2010-03-01', town: null, status: 'active' },
    ]);
    const { q } = await mount();
    const search = q<HTMLInputElement>('input[name=person_query]');
    search.value = 'kowal';
    search.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(300);
    expect(api.participantSearch).toHaveBeenCalledWith('kowal', 8, true);
    const option = q<HTMLButtonElement>('[data-person-option=p-1]');
    expect(option.textContent).toBe('Ala Kowalska (01.03.2010)');
    option.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.auditList).toHaveBeenLastCalledWith('p-1', PAGE);
    expect(q('[data-audit-filter]').textContent).toContain('Ala Kowalska');

    // Empty record id: a message, no call.
    const calls = vi.mocked(api.auditList).mock.calls.length;
    q<HTMLButtonElement>('[data-action=audit-filter-record]').click();
    expect(q('[data-error-for=record_id]').hidden).toBe(false);
    expect(api.auditList).toHaveBeenCalledTimes(calls);

    q<HTMLInputElement>('input[name=record_id]').value = ' c-9 ';
    q<HTMLButtonElement>('[data-action=audit-filter-record]').click();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.auditList).toHaveBeenLastCalledWith('c-9', PAGE);
    expect(q('[data-audit-filter]').dataset.auditFilterId).toBe('c-9');

    // A record id in the table narrows to that record too.
    q<HTMLButtonElement>('[data-audit-record=p-1] [data-action=audit-filter-by]').click();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.auditList).toHaveBeenLastCalledWith('p-1', PAGE);
    expect(q<HTMLInputElement>('input[name=record_id]').value).toBe('p-1');
  });

  it('offers older events when a full page came back', async () => {
    vi.mocked(api.auditList).mockResolvedValue(Array.from({ length: PAGE }, (_, i) => event(PAGE - i)));
    const { q } = await mount();
    const more = q<HTMLButtonElement>('[data-action=audit-more]');
    expect(more.hidden).toBe(false);
    more.click();
    await settle();
    expect(api.auditList).toHaveBeenLastCalledWith(null, 2 * PAGE);
  });

  it('folds a long list of field names (a new record) behind its first few', async () => {
    const fields = ['first_name', 'last_name', 'pesel', 'phone', 'email', 'address', 'notes', 'sex'];
    vi.mocked(api.auditList).mockResolvedValue([event(1, { fields })]);
    const { q } = await mount();
    const summary = q('td.fields details summary');
    expect(summary.textContent).toBe('Imię (imiona), Nazwisko, PESEL, Telefon, E-mail… (wszystkie: 8)');
    expect(q('td.fields details').textContent).not.toContain('first_name');
  });

  it('shows an empty list as a note', async () => {
    vi.mocked(api.auditList).mockResolvedValue([]);
    const { q } = await mount();
    expect(q('[data-audit-empty]').textContent).toBe('Brak zdarzeń.');
  });

  it('says clearly whether the chain holds or where it breaks', async () => {
    vi.mocked(api.auditVerify).mockResolvedValueOnce({ events: 42 as unknown as bigint, first_broken: null });
    const { q } = await mount();
    q<HTMLButtonElement>('[data-action=audit-verify]').click();
    await settle();
    const result = q('[data-audit-verify]');
    expect(result.getAttribute('role')).toBe('status');
    expect(result.dataset.auditVerify).toBe('ok');
    expect(result.textContent).toBe('Dziennik jest spójny: sprawdzono wpisy (42) — żaden nie został zmieniony ani usunięty.');

    vi.mocked(api.auditVerify).mockResolvedValueOnce({ events: 7 as unknown as bigint, first_broken: 7 as unknown as bigint });
    q<HTMLButtonElement>('[data-action=audit-verify]').click();
    await settle();
    expect(result.dataset.auditVerify).toBe('broken');
    expect(result.dataset.brokenAt).toBe('7');
    expect(result.textContent).toContain('przerwany na wpisie nr 7');
  });

  it('reports a failed load in the message bar', async () => {
    vi.mocked(api.auditList).mockRejectedValueOnce({ code: 'locked', message: 'Zablokowana', fields: [], existing: [] });
    const { ctx } = await mount();
    expect(ctx.showError).toHaveBeenCalled();
  });
});

describe('audit labels', () => {
  it('names a document kind listed as a field in Polish, never as its code', async () => {
    const { fieldLabel } = await import('./auditLabels');
    expect(fieldLabel('data-statement')).toBe('Oświadczenie RODO');
    expect(fieldLabel('address.postcode')).not.toBe('address.postcode');
    expect(fieldLabel('something-new')).toBe('something-new');
  });
});
