// The sync line of the status bar: "Ostatni eksport: dd.mm.yyyy HH:MM · oczekuje N zmian" (or that
// export is off, the folder is missing, the last export failed). Rust sends the new state as
// "kartoteka://sync-status" after every export, import, resolution, settings change and failed
// attempt, and whenever the pending count changes (it looks every few seconds), so saves
// elsewhere in the app show up too. Reading the status is not activity: it never delays the idle lock.

import { api } from '../api';
import type { SyncOverview } from '../bindings/SyncOverview';
import { listenTo } from '../ui/events';
import { statusLine, syncState } from './syncModel';

export const SYNC_STATUS_EVENT = 'kartoteka://sync-status';
/** How far a running import is (`ImportProgress`), every 2,000 records. */
export const IMPORT_PROGRESS_EVENT = 'kartoteka://sync-import-progress';
/** How far "Eksportuj teraz" is (`ExportProgress`): at the start, every 2,000 records, at the end. */
export const EXPORT_PROGRESS_EVENT = 'kartoteka://sync-export-progress';

/** Calls `onStatus` for every sync-status event; resolves with the function that stops it. */
export function listenSyncStatus(onStatus: (o: SyncOverview) => void): Promise<() => void> {
  return listenTo<SyncOverview>(SYNC_STATUS_EVENT, onStatus);
}

/** Fills the status bar's sync slot; `[data-sync-state]` and `[data-pending]` for tests. */
export function showSyncStatus(slot: HTMLElement, o: SyncOverview): void {
  slot.textContent = statusLine(o);
  slot.dataset.syncState = syncState(o);
  slot.dataset.pending = String(o.status.pending_changes);
  slot.dataset.lastExport = o.status.last_export_at ?? '';
  // The full reason (e.g. the path that is missing) on hover.
  if (o.export_error) slot.title = o.export_error;
  else slot.removeAttribute('title');
}

/** Keeps `slot` current until the returned function is called. */
export function watchSyncStatus(slot: HTMLElement | null): () => void {
  if (!slot) return () => undefined;
  let stopped = false;
  let stop: () => void = () => undefined;
  const show = (o: SyncOverview | undefined) => {
    if (!stopped && o?.status) showSyncStatus(slot, o);
  };
  void listenSyncStatus(show).then((s) => {
    if (stopped) s();
    else stop = s;
  });
  // The first state, without waiting for the next event; a locked store just leaves it empty.
  api.syncStatus().then(show, () => undefined);
  return () => {
    stopped = true;
    stop();
  };
}
