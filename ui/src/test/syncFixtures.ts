// Test helpers for the Synchronizacja view: a sync state, a conflict, an import of a folder,
// Rust's field error, and Tauri events the test sends itself (the test file mocks
// '@tauri-apps/api/event' with `listen: vi.fn()`).
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import { vi } from 'vitest';
import type { ApiError } from '../bindings/ApiError';
import type { FolderImportReport } from '../bindings/FolderImportReport';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncOverview } from '../bindings/SyncOverview';
import { PARTICIPANT } from './fixtures';

/** Set up for "mops testowo", exporting every 15 minutes to /media/usb, 2 changes waiting. */
export function overview(patch: Partial<SyncOverview> = {}, status: Partial<SyncOverview['status']> = {}): SyncOverview {
  return {
    status: {
      device_id: 'dev-1', configured: true, organisation: 'mops testowo', last_export_at: null, last_export_file: null,
      pending_changes: 2, open_conflicts: 0, ...status,
    },
    settings: { folder: '/media/usb', interval_minutes: 15 },
    folder_available: true,
    automatic: true,
    export_error: null,
    ...patch,
  };
}

/** An open conflict over PARTICIPANT's last name; "mine" (with markup, to be shown as text) is current. */
export const CONFLICT: SyncConflict = {
  id: 'c-1', table: 'participants', record_id: PARTICIPANT.id, field: 'data.last_name', mine: '<b>Kowalska</b>', theirs: 'Nowak',
  mine_stamp: 's1', theirs_stamp: 's2', winner: 'mine', detected_at: '2025-01-15T10:05:00Z', resolved_at: null, resolution: null,
};

/** A folder of two bundles: one read (5 applied, 2 unchanged, 1 conflict), one refused. */
export const FOLDER_IMPORT: FolderImportReport = {
  applied: 5, unchanged: 2, conflicts: 1, skipped: 1,
  bundles: [{
    file: '/media/usb/a.kbundle', bundle_id: 'a', device: 'd2', records: 8, applied: 5, unchanged: 2, conflicts: 1,
    signature: 'signed', device_key: null, note: null,
  }],
  refused: [{ file: '/media/usb/zly.kbundle', error: 'Ten pakiet pochodzi z innej organizacji.' }],
};

export const invalid = (field: string, message: string): ApiError => ({ code: 'invalid_input', message, fields: [{ field, message }], existing: [] });
export const cancelled = (message: string): ApiError => ({ code: 'cancelled', message, fields: [], existing: [] });

/** Answers `listen` for every event; `emit` sends a payload to every handler of an event. */
export function fakeEvents() {
  const byEvent = new Map<string, Array<(event: TauriEvent<unknown>) => void>>();
  const unlisten = vi.fn();
  vi.mocked(listen).mockImplementation(async (event, handler) => {
    byEvent.set(event, [...(byEvent.get(event) ?? []), handler as (event: TauriEvent<unknown>) => void]);
    return unlisten;
  });
  let id = 0;
  return {
    unlisten,
    listening: (event: string) => byEvent.has(event),
    emit(event: string, payload: unknown) {
      for (const handler of byEvent.get(event) ?? []) handler({ event, id: ++id, payload });
    },
  };
}
