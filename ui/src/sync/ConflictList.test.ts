// Conflicts: each card in Polish with both values as text, "Zostaw moje" / "Weź ich", resolved
// ones on request, nothing to show before the passphrase is set, and the list read again when
// the number of open conflicts changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { syncConflicts: vi.fn(), syncResolve: vi.fn(), participantGet: vi.fn() } };
});
import { api } from '../api';
import type { SyncConflict } from '../bindings/SyncConflict';
import { deferred, fakeContext, PARTICIPANT, settle } from '../test/fixtures';
import { CONFLICT, overview } from '../test/syncFixtures';
import { conflictList } from './ConflictList';
import { oneAtATime } from '../ui/work';

const RESOLVED: SyncConflict = {
  ...CONFLICT, id: 'c-0', table: 'projects', record_id: 'proj-1', field: 'name', mine: 'Razem', theirs: 'Razem 2025', winner: 'theirs',
  resolved_at: '2025-01-16T10:00:00Z', resolution: 'theirs',
};

async function mount() {
  const ctx = fakeContext();
  const refresh = vi.fn(async () => undefined);
  const work = oneAtATime();
  const list = conflictList(ctx, work, { refresh });
  document.body.append(list.el);
  await list.load();
  const q = <T extends HTMLElement = HTMLElement>(selector: string) => list.el.querySelector(selector) as T;
  return { ctx, list, work, refresh, q };
}

describe('conflict list', () => {
  beforeEach(() => {
    vi.mocked(api.syncConflicts).mockResolvedValue([]);
    vi.mocked(api.participantGet).mockResolvedValue({ ...PARTICIPANT, first_name: 'Łucja', last_name: 'Wałęsa' });
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('says there are none', async () => {
    const { list, q } = await mount();
    expect(list.el.dataset.section).toBe('sync-conflicts');
    expect(api.syncConflicts).toHaveBeenCalledWith(false);
    expect(q('[data-conflicts-empty]').textContent).toBe('Nie ma konfliktów do rozstrzygnięcia.');
  });

  it('shows a conflict in Polish with both values as text and resolves it', async () => {
    vi.mocked(api.syncConflicts).mockResolvedValueOnce([CONFLICT]).mockResolvedValue([]);
    const { q, refresh } = await mount();
    const card = q('[data-conflict-id=c-1]');
    expect(card.dataset.conflictStatus).toBe('open');
    expect(card.querySelector('h3')!.textContent).toBe('Uczestnik: Łucja Wałęsa — Nazwisko');
    expect(card.getAttribute('aria-labelledby')).toBe(card.querySelector('h3')!.id);
    expect(card.querySelector('[data-conflict-value=mine] .conflict-text')!.textContent).toBe('<b>Kowalska</b>');
    expect(card.querySelector('b')).toBeNull();
    expect(card.querySelector('[data-conflict-value=theirs] .conflict-text')!.textContent).toBe('Nowak');
    expect(card.querySelector('[data-conflict-value=mine]')!.textContent).toContain('teraz w kartotece');
    expect(card.querySelector('[data-conflict-value=theirs]')!.textContent).not.toContain('teraz w kartotece');
    expect(card.querySelector('[data-action=keep-mine]')!.textContent).toBe('Zostaw moje');
    expect(card.querySelector('[data-action=take-theirs]')!.textContent).toBe('Weź ich');

    vi.mocked(api.syncResolve).mockResolvedValueOnce({ ...CONFLICT, resolved_at: '2025-01-16T10:00:00Z', resolution: 'theirs' });
    card.querySelector<HTMLButtonElement>('[data-action=take-theirs]')!.click();
    await settle();
    await settle();
    expect(api.syncResolve).toHaveBeenCalledWith('c-1', false);
    expect(q('[data-conflicts-empty]')).not.toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('keeps mine, and shows Rust’s refusal in its own line', async () => {
    vi.mocked(api.syncConflicts).mockResolvedValue([CONFLICT]);
    const { q, refresh } = await mount();
    vi.mocked(api.syncResolve).mockRejectedValueOnce({ code: 'not_found', message: 'Ten konflikt został już rozstrzygnięty.', fields: [], existing: [] });
    q<HTMLButtonElement>('[data-action=keep-mine]').click();
    await settle();
    expect(api.syncResolve).toHaveBeenCalledWith('c-1', true);
    expect(q('[data-sync-error=conflicts]').hidden).toBe(false);
    expect(q('[data-sync-error=conflicts]').textContent).toBe('Ten konflikt został już rozstrzygnięty.');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows resolved ones on request, with how they were resolved', async () => {
    const { q } = await mount();
    vi.mocked(api.syncConflicts).mockResolvedValue([RESOLVED, CONFLICT]);
    const box = q<HTMLInputElement>('#sync-show-resolved');
    expect(box.name).toBe('show_resolved');
    expect(q('label[for=sync-show-resolved]').textContent).toBe('Pokaż także rozstrzygnięte');
    box.click();
    await settle();
    await settle();
    expect(api.syncConflicts).toHaveBeenLastCalledWith(true);
    // Open ones first.
    expect([...document.querySelectorAll<HTMLElement>('[data-conflict-id]')].map((c) => c.dataset.conflictId)).toEqual(['c-1', 'c-0']);
    const done = q('[data-conflict-id=c-0]');
    expect(done.dataset.conflictStatus).toBe('resolved');
    expect(done.querySelector('h3')!.textContent).toBe('Projekt — Nazwa');
    expect(done.querySelector('button')).toBeNull();
    expect(done.querySelector('[data-conflict-resolution]')!.getAttribute('data-conflict-resolution')).toBe('theirs');
    expect(done.querySelector('[data-conflict-resolution]')!.textContent).toContain('przyjęto wartość z innego komputera');
    // A project's name is not looked up as a person.
    expect(api.participantGet).toHaveBeenCalledTimes(1);
  });

  it('asks for a person’s name once, and titles the card without it when it cannot be read', async () => {
    vi.mocked(api.participantGet).mockRejectedValue({ code: 'not_found', message: 'Brak', fields: [], existing: [] });
    vi.mocked(api.syncConflicts).mockResolvedValue([CONFLICT]);
    const { list, q } = await mount();
    expect(q('[data-conflict-id=c-1] h3').textContent).toBe('Uczestnik — Nazwisko');
    await list.load();
    expect(api.participantGet).toHaveBeenCalledTimes(1);
  });

  it('has nothing to show before the passphrase is set, and sends a locked store to the unlock screen', async () => {
    vi.mocked(api.syncConflicts).mockRejectedValueOnce({ code: 'not_configured', message: 'Synchronizacja nie jest ustawiona.', fields: [], existing: [] });
    const { ctx, list, q } = await mount();
    expect(q('[data-conflicts-empty]')).not.toBeNull();
    expect(q('[data-sync-error=conflicts]').hidden).toBe(true);
    const locked = { code: 'locked' as const, message: 'Zablokowana', fields: [], existing: [] };
    vi.mocked(api.syncConflicts).mockRejectedValueOnce(locked);
    await list.load();
    expect(ctx.showError).toHaveBeenCalledWith(locked);
    expect(q('[data-conflicts-empty]')).toBeNull();
  });

  it('reads the list again only when the number of open conflicts changes', async () => {
    const { list } = await mount();
    expect(api.syncConflicts).toHaveBeenCalledTimes(1);
    list.follow(overview({}, { open_conflicts: 0 }));
    list.follow(overview({}, { open_conflicts: 0, pending_changes: 9 }));
    expect(api.syncConflicts).toHaveBeenCalledTimes(1);
    list.follow(overview({}, { open_conflicts: 1 }));
    expect(api.syncConflicts).toHaveBeenCalledTimes(2);
  });

  it('shows nothing that arrives after the view was left', async () => {
    const { list, q } = await mount();
    const late = deferred<SyncConflict[]>();
    vi.mocked(api.syncConflicts).mockReturnValueOnce(late.promise);
    const loading = list.load();
    list.dispose();
    late.resolve([CONFLICT]);
    await loading;
    expect(q('[data-conflict-id]')).toBeNull();
  });
});
