// The idle lock, UI side: the clock lives in Rust. While the app is unlocked the window reports
// that someone is working (keys, clicks, scrolling, touch, pointer moves) with `touch`, at most
// once per 15 seconds, and listens for "kartoteka://locked", sent when Rust locked the store.

import { listen } from '@tauri-apps/api/event';
import { api } from '../api';

/** Why the store was locked under the user (shown on the unlock screen). */
export type LockReason = 'idle';

export const LOCKED_EVENT = 'kartoteka://locked';
export const TOUCH_INTERVAL_MS = 15_000;

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'wheel', 'touchstart', 'pointermove'] as const;

/**
 * Calls `fn` at once, then ignores further calls until `ms` have passed (leading edge only:
 * the idle limit is whole minutes, so activity dropped inside one interval does not matter).
 */
export function throttle(fn: () => void, ms: number): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn();
  };
}

/** Reports activity in `target` (the window) to Rust; returns the function that stops it. */
export function watchActivity(target: EventTarget = window, send: () => void = sendTouch): () => void {
  const report = throttle(send, TOUCH_INTERVAL_MS);
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, report, options);
  return () => {
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, report, options);
  };
}

function sendTouch(): void {
  // `touch` never fails in Rust; a transport error must not disturb the user's work.
  api.touch().catch(() => undefined);
}

/** Calls `onLocked` when Rust locks the store on its own; returns the function that stops it. */
export function onLocked(onLocked: (reason: LockReason | null) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<string>(LOCKED_EVENT, (event) => {
    if (!stopped) onLocked(event.payload === 'idle' ? 'idle' : null);
  }).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    // Outside the Tauri window (a plain browser) there are no events; commands still report "locked".
    () => undefined,
  );
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}
