// Events from Rust (progress of long work, the sync state): one way to listen that can be
// stopped before the listener is even registered, and is a no-op outside the Tauri window.

import { listen } from '@tauri-apps/api/event';

/**
 * Calls `onPayload` with every `event`'s payload. Resolves (once listening) with the function
 * that stops it; outside the Tauri window (tests) there are no events and it resolves with a no-op.
 */
export async function listenTo<T>(event: string, onPayload: (payload: T) => void): Promise<() => void> {
  let stopped = false;
  try {
    const unlisten = await listen<T>(event, (e) => {
      if (!stopped) onPayload(e.payload);
    });
    return () => {
      stopped = true;
      if (typeof unlisten === 'function') unlisten();
    };
  } catch {
    return () => undefined;
  }
}
