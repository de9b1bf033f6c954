// Test helpers: a fake AppContext, form options like the Rust side's, and promise plumbing.
import { vi } from 'vitest';
import type { FormOptions } from '../bindings/FormOptions';
import type { AppContext } from '../shell/context';

export const OPTIONS: FormOptions = {
  education: [{ code: 'isced3', label: 'ponadgimnazjalne / średnie (ISCED 3)' }],
  labour_status: [{ code: 'inactive', label: 'osoba bierna zawodowo' }],
  labour_substatus: [{ code: 'in_education', label: 'osoba ucząca się / kształcąca się' }],
  disability_degree: [{ code: 'light', label: 'lekki' }],
  voivodeships: ['łódzkie', 'mazowieckie'],
  relation_kinds: [{ code: 'parent', label: 'rodzic' }, { code: 'child', label: 'dziecko' }],
};

export function fakeContext() {
  const ctx = {
    status: { initialized: true, unlocked: true, data_dir: '/dane', worker: 'Anna', version: '0.1.0' },
    navigate: vi.fn(),
    showError: vi.fn(),
    clearError: vi.fn(),
    options: vi.fn(async () => OPTIONS),
    listMemory: { query: '', offset: 0, includeArchived: false },
  } satisfies AppContext;
  return ctx;
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export function key(target: EventTarget, k: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
}
