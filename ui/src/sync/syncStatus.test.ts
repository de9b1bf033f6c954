// The status bar's sync line: the first state, then each sync-status event, until stopped; empty
// while the store is locked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { syncStatus: vi.fn() } };
});
import { api } from '../api';
import { settle } from '../test/fixtures';
import { fakeEvents, overview } from '../test/syncFixtures';
import { SYNC_STATUS_EVENT, watchSyncStatus } from './syncStatus';

describe('status bar sync line', () => {
  let events: ReturnType<typeof fakeEvents>;
  beforeEach(() => {
    events = fakeEvents();
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

    events.emit(SYNC_STATUS_EVENT, overview({ folder_available: false, export_error: 'Folder /media/usb jest niedostępny' }, { pending_changes: 4 }));
    expect(slot.textContent).toBe('Folder eksportu niedostępny — eksport poczeka · oczekują 4 zmiany');
    expect(slot.dataset.syncState).toBe('missing');
    expect(slot.title).toContain('/media/usb');
    stop();
    expect(events.unlisten).toHaveBeenCalled();
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
