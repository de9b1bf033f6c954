// One piece of a view's work at a time (the sync and report views share it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from '../dom';
import { deferred, settle } from '../test/fixtures';
import { oneAtATime } from './work';

afterEach(() => document.body.replaceChildren());

describe('one piece of work at a time', () => {
  it('runs one piece of work at a time, the other starters disabled meanwhile', async () => {
    const work = oneAtATime();
    const a = work.starter(h('button', null, 'A'));
    const b = work.starter(h('button', null, 'B'));
    const off = work.starter(h('button', { disabled: true }, 'C'));
    const outside = h('button', null, 'D');
    const first = deferred<string>();
    const running = work.run(a, 'Pracuję…', () => first.promise);
    expect(a.disabled).toBe(true);
    expect(a.getAttribute('aria-busy')).toBe('true');
    expect(a.getAttribute('aria-label')).toBe('Pracuję…');
    expect(b.disabled).toBe(true);
    expect(off.disabled).toBe(true);

    const second = vi.fn(async () => 'drugi');
    expect(await work.run(outside, 'Też…', second)).toBeUndefined();
    expect(second).not.toHaveBeenCalled();

    first.resolve('gotowe');
    expect(await running).toBe('gotowe');
    expect(a.disabled).toBe(false);
    expect(a.hasAttribute('aria-busy')).toBe(false);
    expect(b.disabled).toBe(false);
    // Disabled before the work began (e.g. settings not read yet): stays so.
    expect(off.disabled).toBe(true);
  });

  it('disables the selects that work reads while it runs', async () => {
    const work = oneAtATime();
    const start = work.starter(h('button', null, 'Eksportuj'));
    const select = work.starter(h('select', null, h('option', { value: 'a' }, 'A')));
    const job = deferred<void>();
    const running = work.run(start, 'Zapisuję…', () => job.promise);
    expect(select.disabled).toBe(true);
    job.resolve();
    await running;
    expect(select.disabled).toBe(false);
    expect(start.disabled).toBe(false);
  });

  it('lets the next work start after a failure', async () => {
    const work = oneAtATime();
    const a = work.starter(h('button', null, 'A'));
    const b = work.starter(h('button', null, 'B'));
    await expect(work.run(a, '…', async () => { throw new Error('nie'); })).rejects.toThrow('nie');
    await settle();
    expect(a.disabled).toBe(false);
    expect(b.disabled).toBe(false);
    expect(await work.run(b, '…', async () => 2)).toBe(2);
  });
});
