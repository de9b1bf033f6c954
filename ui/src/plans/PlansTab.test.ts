// A person's "Plany wsparcia" tab: the new-plan form offers the four kinds; a contract or a
// family work plan can be kept outside projects (then it goes to plan_create_for_person with
// half a year prefilled), the other kinds need an enrolment.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { Enrolment } from '../bindings/Enrolment';
import type { Participant } from '../bindings/Participant';
import { fakeContext, settle } from '../test/fixtures';
import { plansTab } from './PlansTab';

const mocked = vi.mocked(invoke);
const PERSON = { id: 'p-1' } as Participant;
const ENROLMENT = {
  id: 'e-1', participant_id: 'p-1', project_id: 'pr-1', project_name: 'Razem łatwiej', participant_name: 'Wałęsa Łucja',
  end: null, start_date: '2026-02-01', target_group: null, status_at_start: null, substatus_at_start: null,
} as Enrolment;

async function mount(enrolments: Enrolment[]) {
  mocked.mockImplementation(async (command) => {
    switch (command) {
      case 'plan_list': return [{
        id: 'pl-9', kind: 'social_contract', kind_label: 'Kontrakt socjalny', enrolment_id: null, project_name: null, version: 1,
        status: 'draft', status_label: 'szkic', start_date: '2026-01-01', end_date: '2026-06-30', goals: 0, percent: 0,
      }];
      case 'participant_enrolments': return enrolments;
      case 'project_list': return [{ id: 'pr-1', end_date: '2026-12-31' }];
      case 'plan_create': return 'pl-new';
      case 'plan_create_for_person': return 'pl-out';
      default: throw new Error(`unexpected ${command}`);
    }
  });
  const ctx = fakeContext();
  const el = plansTab(ctx, PERSON);
  document.body.append(el);
  await settle();
  const q = <T extends Element = HTMLElement>(s: string) => el.querySelector(s) as T;
  return { ctx, el, q };
}

describe('plans tab', () => {
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  it('lists a contract kept outside projects by its kind', async () => {
    const { q } = await mount([]);
    expect(q('tr[data-plan-id=pl-9] [data-action=plan-open]').textContent).toBe('Kontrakt socjalny');
    expect(q('tr[data-plan-id=pl-9] [data-plan-project]').textContent).toBe('poza projektem');
  });

  it('creates a family work plan outside projects for a person in no project', async () => {
    const { ctx, q } = await mount([]);
    q<HTMLButtonElement>('[data-action=plan-new]').click();
    await settle();
    expect(q('[data-plans-no-enrolment]')).not.toBeNull();
    const kind = q<HTMLSelectElement>('select[name=kind]');
    expect([...kind.options].map((o) => o.value)).toEqual(['support_plan', 'reintegration_path', 'social_contract', 'family_work_plan']);
    expect(kind.value).toBe('social_contract');
    expect(q<HTMLSelectElement>('select[name=enrolment_id]').value).toBe('outside');
    expect(q<HTMLInputElement>('input[name=start_date]').value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    kind.value = 'family_work_plan';
    kind.dispatchEvent(new Event('change'));
    q<HTMLFormElement>('[data-form=plan-new]').requestSubmit();
    await settle();
    const call = mocked.mock.calls.find(([c]) => c === 'plan_create_for_person')?.[1] as { participant_id: string; input: Record<string, unknown> };
    expect(call.participant_id).toBe('p-1');
    expect(call.input.kind).toBe('family_work_plan');
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'plan', id: 'pl-out' });
  });

  it('keeps a support plan in the enrolment, its period from the enrolment and the project', async () => {
    const { ctx, q } = await mount([ENROLMENT]);
    q<HTMLButtonElement>('[data-action=plan-new]').click();
    await settle();
    expect(q<HTMLSelectElement>('select[name=kind]').value).toBe('support_plan');
    expect(q<HTMLSelectElement>('select[name=enrolment_id]').value).toBe('e-1');
    expect(q<HTMLInputElement>('input[name=start_date]').value).toBe('01.02.2026');
    expect(q<HTMLInputElement>('input[name=end_date]').value).toBe('31.12.2026');
    q<HTMLFormElement>('[data-form=plan-new]').requestSubmit();
    await settle();
    const call = mocked.mock.calls.find(([c]) => c === 'plan_create')?.[1] as { enrolment_id: string; input: Record<string, unknown> };
    expect(call).toEqual({ enrolment_id: 'e-1', input: { kind: 'support_plan', goals: [], start_date: '01.02.2026', end_date: '31.12.2026' } });
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'plan', id: 'pl-new' });
  });
});
