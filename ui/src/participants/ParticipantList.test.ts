// The participant list: paged list, search as you type with stale answers ignored, keyboard.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import { deferred, fakeContext, key, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { participantPage: vi.fn(), participantSearch: vi.fn() } };
});
import { api } from '../api';
import { ParticipantList } from './ParticipantList';

const person = (id: string, last: string, extra: Partial<ParticipantSummary> = {}): ParticipantSummary => ({
  id, first_name: 'Jan', last_name: last, pesel: null, birth_date: '1980-01-02', town: 'Łódź', status: 'active', ...extra,
});

describe('ParticipantList', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.mocked(api.participantPage).mockReset();
    vi.mocked(api.participantSearch).mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  async function mount() {
    const ctx = fakeContext();
    const view = ParticipantList(ctx);
    document.body.append(view.el);
    view.focus?.();
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    const search = document.getElementById('participant-search') as HTMLInputElement;
    return { ctx, view, search };
  }

  it('shows the first page, focuses the search box, and ↓ + Enter opens the first row', async () => {
    vi.mocked(api.participantPage).mockResolvedValue({ total: 2, rows: [person('a', 'Nowak'), person('b', 'Wójcik', { status: 'archived' })] });
    const { ctx, search } = await mount();
    expect(api.participantPage).toHaveBeenCalledWith(0, 50, false);
    expect(document.activeElement).toBe(search);
    const rows = document.querySelectorAll('tr[data-participant-id]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('02.01.1980');
    expect(rows[1].classList.contains('is-archived')).toBe(true);

    key(search, 'ArrowDown');
    key(search, 'ArrowDown');
    expect(search.getAttribute('aria-activedescendant')).toBe(rows[1].id);
    key(search, 'ArrowUp');
    expect(rows[0].classList.contains('is-selected')).toBe(true);
    expect(search.getAttribute('aria-activedescendant')).toBe('participant-row-a');
    key(search, 'Enter');
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'participant', id: 'a' });
  });

  it('ignores an older search answer that arrives after a newer one', async () => {
    vi.mocked(api.participantPage).mockResolvedValue({ total: 0, rows: [] });
    const { search } = await mount();
    const first = deferred<ParticipantSummary[]>();
    const second = deferred<ParticipantSummary[]>();
    vi.mocked(api.participantSearch).mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);

    search.value = 'kow';
    search.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(150);
    search.value = 'kowal';
    search.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(150);
    expect(api.participantSearch).toHaveBeenLastCalledWith('kowal', 100, false);

    second.resolve([person('new', 'Kowalski')]);
    await settle();
    first.resolve([person('old', 'Kowalczyk')]);
    await settle();
    const ids = [...document.querySelectorAll<HTMLElement>('tr[data-participant-id]')].map((r) => r.dataset.participantId);
    expect(ids).toEqual(['new']);
  });

  it('keeps the same row element when a newer answer still lists the same person', async () => {
    vi.mocked(api.participantPage).mockResolvedValue({ total: 2, rows: [person('w', 'Wałęsa'), person('n', 'Nowak')] });
    const { search } = await mount();
    const before = document.querySelector('tr[data-participant-id="w"]');
    vi.mocked(api.participantSearch).mockResolvedValue([person('w', 'Wałęsa')]);
    search.value = 'walesa';
    search.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(150);
    await settle();
    const after = document.querySelectorAll('tr[data-participant-id]');
    expect(after).toHaveLength(1);
    expect(after[0]).toBe(before);
    expect(before?.isConnected).toBe(true);
  });

  it('shows names as text, never as markup', async () => {
    vi.mocked(api.participantPage).mockResolvedValue({ total: 1, rows: [person('x', '<img src=x onerror=alert(1)>')] });
    await mount();
    expect(document.querySelector('tbody img')).toBeNull();
    expect(document.querySelector('tbody td')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('opens a new participant on Ctrl+N but not on AltGr+N (Polish "ń")', async () => {
    vi.mocked(api.participantPage).mockResolvedValue({ total: 0, rows: [] });
    const { ctx, search } = await mount();
    key(search, 'ń', { code: 'KeyN', ctrlKey: true, altKey: true });
    expect(ctx.navigate).not.toHaveBeenCalled();
    key(search, 'n', { code: 'KeyN', ctrlKey: true });
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'participant-new' });
  });
});
