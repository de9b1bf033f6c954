// The progress bar and stop button of a long sync job: hidden until started, following the job's
// events, stopped once on request, and hidden again (not listening) when the job ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
import { settle } from '../test/fixtures';
import { fakeEvents } from '../test/syncFixtures';
import { longJob } from './LongJob';

const EVENT = 'kartoteka://test-progress';

function job(requestStop = vi.fn(async () => undefined), onError = vi.fn()) {
  const j = longJob<{ done: number; total: number }>('export', {
    event: EVENT,
    state: (p) => ({ text: `${p.done} z ${p.total}`, percent: Math.floor((p.done * 100) / p.total) }),
    label: 'Postęp eksportu',
    stop: 'Przerwij eksport',
    stopping: 'Przerywanie…',
    requestStop,
    onError,
  });
  document.body.append(j.stop, j.progress);
  return { j, requestStop, onError };
}

describe('long job', () => {
  let events: ReturnType<typeof fakeEvents>;
  beforeEach(() => {
    events = fakeEvents();
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('is hidden until started, with the data-* the end-to-end tests look for', () => {
    const { j } = job();
    expect(j.progress.hidden).toBe(true);
    expect(j.progress.hasAttribute('data-export-busy')).toBe(true);
    expect(j.progress.getAttribute('role')).toBe('status');
    expect(j.progress.querySelector('progress[data-export-progress]')!.getAttribute('aria-label')).toBe('Postęp eksportu');
    expect(j.progress.querySelector('[data-export-step]')).not.toBeNull();
    expect(j.progress.querySelector('[data-export-percent]')).not.toBeNull();
    expect(j.stop.hidden).toBe(true);
    expect(j.stop.dataset.action).toBe('sync-export-cancel');
    expect(j.stop.textContent).toBe('Przerwij eksport');
  });

  it('follows the events from the first step to the end', async () => {
    const { j } = job();
    const end = await j.start('Przygotowywanie…');
    expect(j.progress.hidden).toBe(false);
    expect(j.stop.hidden).toBe(false);
    expect(j.progress.querySelector('[data-export-step]')!.textContent).toBe('Przygotowywanie…');
    expect(j.progress.querySelector('[data-export-percent]')!.textContent).toBe('');
    expect(j.progress.hasAttribute('data-done')).toBe(false);

    events.emit(EVENT, { done: 50, total: 200 });
    const bar = j.progress.querySelector<HTMLProgressElement>('progress')!;
    expect(bar.value).toBe(25);
    expect(bar.getAttribute('aria-valuetext')).toBe('50 z 200');
    expect(j.progress.querySelector('[data-export-step]')!.textContent).toBe('50 z 200');
    expect(j.progress.querySelector('[data-export-percent]')!.textContent).toBe('25%');
    expect(j.progress.dataset.done).toBe('50');
    expect(j.progress.dataset.total).toBe('200');

    end();
    expect(events.unlisten).toHaveBeenCalled();
    expect(j.progress.hidden).toBe(true);
    expect(j.stop.hidden).toBe(true);

    // The next run starts from nothing.
    await j.start('Od nowa');
    expect(bar.value).toBe(0);
    expect(bar.hasAttribute('aria-valuetext')).toBe(false);
    expect(j.progress.hasAttribute('data-done')).toBe(false);
    expect(j.progress.querySelector('[data-export-step]')!.textContent).toBe('Od nowa');
  });

  it('asks once to stop and is ready again when the job ends', async () => {
    const { j, requestStop } = job();
    const end = await j.start('…');
    j.stop.click();
    j.stop.click();
    await settle();
    expect(requestStop).toHaveBeenCalledTimes(1);
    expect(j.stop.disabled).toBe(true);
    expect(j.stop.getAttribute('aria-label')).toBe('Przerywanie…');
    end();
    expect(j.stop.disabled).toBe(false);
    expect(j.stop.hasAttribute('aria-label')).toBe(false);
  });

  it('reports a stop request that failed and lets it be asked again', async () => {
    const failure = { code: 'internal', message: 'Nie udało się', fields: [], existing: [] };
    const { j, onError } = job(vi.fn(async () => { throw failure; }));
    await j.start('…');
    j.stop.click();
    await settle();
    expect(onError).toHaveBeenCalledWith(failure);
    expect(j.stop.disabled).toBe(false);
  });
});
