// The enrolment form: the labour status on joining and its "w tym" start from the person's
// and are sent with the enrolment (SM EFS writes the pair as it was on joining).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { Project } from '../bindings/Project';
import { fakeContext, OPTIONS, PARTICIPANT, settle } from '../test/fixtures';
import { enrolForm } from './EnrolmentForms';

const mocked = vi.mocked(invoke);
const PROJECT = { id: 'pr-1', name: 'Razem', target_groups: [], start_date: '2026-01-01', end_date: '2027-12-31' } as unknown as Project;

describe('enrolment form', () => {
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  it('sends the status on joining with its "w tym", prefilled from the person', async () => {
    mocked.mockResolvedValue('e-1');
    const person = { ...PARTICIPANT, labour_status: 'inactive', labour_substatus: 'in_education' };
    const options = { ...OPTIONS, labour_status: [...OPTIONS.labour_status] };
    const onDone = vi.fn();
    const form = enrolForm(person, [PROJECT], options, { ctx: fakeContext(), onDone, onCancel: vi.fn() });
    document.body.append(form);
    expect(form.querySelector<HTMLSelectElement>('select[name=status_at_start]')!.value).toBe('inactive');
    expect(form.querySelector<HTMLSelectElement>('select[name=substatus_at_start]')!.value).toBe('in_education');
    form.querySelector<HTMLInputElement>('input[name=start_date]')!.value = '01.03.2026';
    form.requestSubmit();
    await settle();
    const call = mocked.mock.calls.find(([c]) => c === 'enrolment_add')?.[1] as { input: Record<string, string> };
    expect(call.input).toMatchObject({ status_at_start: 'inactive', substatus_at_start: 'in_education', start_date: '01.03.2026' });
  });
});
