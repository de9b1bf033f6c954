// The idle lock, UI side: activity reaches Rust at most once per 15 s, and the locked event is
// listened for only while wanted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(async () => undefined) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import { settle } from '../test/fixtures';
import { LOCKED_EVENT, onLocked, throttle, watchActivity } from './activity';

const fire = (target: EventTarget, name: string) => target.dispatchEvent(new Event(name));

describe('watchActivity', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.mocked(invoke).mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('sends touch once for a burst of activity, then again only after 15 s', () => {
    const target = new EventTarget();
    const stop = watchActivity(target);
    for (let i = 0; i < 50; i++) {
      fire(target, 'keydown');
      fire(target, 'pointermove');
      vi.advanceTimersByTime(100); // 5 s of busy typing and mouse moves
    }
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenLastCalledWith('touch', undefined);

    vi.advanceTimersByTime(9_999); // 14.999 s after the first touch
    fire(target, 'mousedown');
    expect(invoke).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    fire(target, 'wheel');
    fire(target, 'touchstart');
    expect(invoke).toHaveBeenCalledTimes(2);

    stop();
    vi.advanceTimersByTime(60_000);
    fire(target, 'keydown');
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it('ignores events that are not activity', () => {
    const send = vi.fn();
    const stop = watchActivity(window, send);
    fire(window, 'focus');
    fire(window, 'resize');
    expect(send).not.toHaveBeenCalled();
    fire(window, 'keydown');
    expect(send).toHaveBeenCalledTimes(1);
    stop();
  });

  it('throttle lets the first call through at once', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 1000);
    throttled();
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('onLocked', () => {
  it('passes the reason of the locked event and unlistens when stopped', async () => {
    const unlisten = vi.fn();
    let handler: ((event: TauriEvent<string>) => void) | undefined;
    vi.mocked(listen).mockImplementation(async (_name, h) => {
      handler = h as (event: TauriEvent<string>) => void;
      return unlisten;
    });
    const seen = vi.fn();
    const stop = onLocked(seen);
    await settle();
    expect(listen).toHaveBeenLastCalledWith(LOCKED_EVENT, expect.any(Function));
    handler!({ event: LOCKED_EVENT, id: 1, payload: 'idle' });
    expect(seen).toHaveBeenLastCalledWith('idle');
    handler!({ event: LOCKED_EVENT, id: 2, payload: 'other' });
    expect(seen).toHaveBeenLastCalledWith(null);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
    handler!({ event: LOCKED_EVENT, id: 3, payload: 'idle' });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('unlistens even when stopped before listening was set up', async () => {
    const unlisten = vi.fn();
    vi.mocked(listen).mockImplementation(async () => unlisten);
    onLocked(vi.fn())();
    await settle();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});
