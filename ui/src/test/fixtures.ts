// Test helpers: a fake AppContext, form options like the Rust side's, and promise plumbing.
import { vi } from 'vitest';
import type { AppStatus } from '../bindings/AppStatus';
import type { Enrolment } from '../bindings/Enrolment';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import type { AppContext } from '../shell/context';

export const OPTIONS: FormOptions = {
  education: [{ code: 'isced3', label: 'ponadgimnazjalne / średnie (ISCED 3)' }],
  labour_status: [{ code: 'inactive', label: 'osoba bierna zawodowo' }],
  labour_substatus: [{ code: 'in_education', label: 'osoba ucząca się / kształcąca się' }, { code: 'other', label: 'inne' }],
  exit_situation: [{ code: 'employed', label: 'osoba pracująca (także na własny rachunek)' }, { code: 'job_searching', label: 'osoba poszukująca pracy' }],
  disability_degree: [{ code: 'light', label: 'lekki' }],
  voivodeships: ['łódzkie', 'mazowieckie'],
  relation_kinds: [{ code: 'parent', label: 'rodzic' }, { code: 'child', label: 'dziecko' }],
};

export function fakeContext() {
  const ctx = {
    status: { initialized: true, unlocked: true, data_dir: '/dane', worker: 'Anna', worker_role: 'pracownik socjalny', version: '0.1.0', first_run: null, demo: false, language: 'pl' } as AppStatus,
    navigate: vi.fn(),
    showError: vi.fn(),
    clearError: vi.fn(),
    statusChanged: vi.fn(),
    languageChanged: vi.fn(),
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

/** A stored participant (a minor) as `participant_get` returns it. */
export const PARTICIPANT: Participant = {
  id: 'p-1', status: 'active', age: 15, created_at: '2025-01-10T09:00:00Z', updated_at: '2025-01-10T09:00:00Z',
  first_name: 'Ala', last_name: 'Kowalska', pesel: '10230112345', no_pesel_reason: null, other_id: null, sex: 'female',
  birth_date: '2010-03-01', citizenship: null, address: null, correspondence_address: null, phone: null, email: null,
  education: null, labour_status: null, labour_substatus: null, disability: null, disability_degree: null, foreign_origin: null,
  third_country_national: null, minority: null, homeless: null, other_disadvantage: null, accessibility_needs: null, notes: null,
};

/** An enrolment of PARTICIPANT in a project. */
export function enrolment(projectId: string, projectName: string, startDate: string): Enrolment {
  return {
    id: `e-${projectId}`, participant_id: PARTICIPANT.id, project_id: projectId, project_name: projectName,
    participant_name: 'Ala Kowalska', end: null, start_date: startDate, target_group: null, status_at_start: null, substatus_at_start: null,
  };
}
