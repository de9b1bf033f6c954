// The enrolment form: the labour status on joining and its "w tym" start from the person's
// and are sent with the enrolment (SM EFS writes the pair as it was on joining).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { Enrolment } from '../bindings/Enrolment';
import type { Project } from '../bindings/Project';
import { fakeContext, OPTIONS, PARTICIPANT, settle } from '../test/fixtures';
import { endForm, enrolForm, exitStatementForm } from './EnrolmentForms';

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
    // A person in education: the planned end of education is asked for and sent.
    const educationEnd = form.querySelector<HTMLElement>('[data-field=education_end]')!;
    expect(educationEnd.hidden).toBe(false);
    form.querySelector<HTMLInputElement>('input[name=education_end]')!.value = '26.06.2027';
    form.requestSubmit();
    await settle();
    const call = mocked.mock.calls.find(([c]) => c === 'enrolment_add')?.[1] as { input: Record<string, string> };
    expect(call.input).toMatchObject({
      status_at_start: 'inactive', substatus_at_start: 'in_education', start_date: '01.03.2026', education_end: '26.06.2027',
    });
  });

  it('hides and does not send the planned end of education for anyone not in education', async () => {
    mocked.mockResolvedValue('e-1');
    const form = enrolForm({ ...PARTICIPANT, labour_status: 'inactive', labour_substatus: 'in_education' }, [PROJECT], OPTIONS,
      { ctx: fakeContext(), onDone: vi.fn(), onCancel: vi.fn() });
    document.body.append(form);
    form.querySelector<HTMLInputElement>('input[name=education_end]')!.value = '26.06.2027';
    const sub = form.querySelector<HTMLSelectElement>('select[name=substatus_at_start]')!;
    sub.value = 'other';
    sub.dispatchEvent(new Event('change'));
    expect(form.querySelector<HTMLElement>('[data-field=education_end]')!.hidden).toBe(true);
    form.requestSubmit();
    await settle();
    const call = mocked.mock.calls.find(([c]) => c === 'enrolment_add')?.[1] as { input: Record<string, string> };
    expect(call.input.education_end).toBeUndefined();
  });

  it('corrects the data of joining of a participation: prefilled, its project fixed', async () => {
    const existing = {
      id: 'e-7', participant_id: PARTICIPANT.id, project_id: 'pr-1', project_name: 'Razem', participant_name: 'Anna',
      start_date: '2026-02-01', target_group: null, status_at_start: null, substatus_at_start: null, end: null,
    } as unknown as Enrolment;
    mocked.mockResolvedValue(existing);
    const onDone = vi.fn();
    const form = enrolForm(PARTICIPANT, [PROJECT], OPTIONS, { ctx: fakeContext(), onDone, onCancel: vi.fn() }, existing);
    document.body.append(form);
    expect(form.querySelector<HTMLSelectElement>('select[name=project_id]')!.disabled).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[name=start_date]')!.value).toBe('01.02.2026');
    form.querySelector<HTMLSelectElement>('select[name=status_at_start]')!.value = 'inactive';
    form.requestSubmit();
    await settle();
    expect(mocked).toHaveBeenCalledWith('enrolment_update', {
      id: 'e-7', input: { start_date: '01.02.2026', status_at_start: 'inactive' },
    });
    expect(onDone).toHaveBeenCalled();
  });

  it('records the exit statement: the situation from the closed list and the day', async () => {
    const ended = {
      id: 'e-8', project_name: 'Razem', start_date: '2026-02-01',
      end: { end_date: '2026-11-30', exit_situation: null, completed_as_planned: true, early_leave_reason: null },
    } as unknown as Enrolment;
    mocked.mockResolvedValue(ended);
    const form = exitStatementForm(ended, OPTIONS, { ctx: fakeContext(), onDone: vi.fn(), onCancel: vi.fn() });
    document.body.append(form);
    expect(form.textContent).toContain('30.11.2026');
    const choices = [...form.querySelectorAll<HTMLOptionElement>('select[name=exit_situation] option')].map((o) => o.value);
    expect(choices).toEqual(['', 'employed', 'job_searching']);
    form.querySelector<HTMLSelectElement>('select[name=exit_situation]')!.value = 'job_searching';
    form.querySelector<HTMLInputElement>('input[name=statement_date]')!.value = '04.12.2026';
    form.requestSubmit();
    await settle();
    expect(mocked).toHaveBeenCalledWith('enrolment_exit_statement', {
      id: 'e-8', input: { exit_situation: 'job_searching', statement_date: '04.12.2026' },
    });
  });

  it('ends a participation with the situation chosen from the list', async () => {
    const active = { id: 'e-9', project_name: 'Razem', start_date: '2026-02-01', end: null } as unknown as Enrolment;
    mocked.mockResolvedValue(active);
    const form = endForm(active, OPTIONS, { ctx: fakeContext(), onDone: vi.fn(), onCancel: vi.fn() });
    document.body.append(form);
    form.querySelector<HTMLInputElement>('input[name=end_date]')!.value = '30.11.2026';
    form.querySelector<HTMLSelectElement>('select[name=completed_as_planned]')!.value = 'true';
    form.querySelector<HTMLSelectElement>('select[name=exit_situation]')!.value = 'employed';
    form.requestSubmit();
    await settle();
    expect(mocked).toHaveBeenCalledWith('enrolment_end', {
      id: 'e-9', input: { end_date: '30.11.2026', exit_situation: 'employed', completed_as_planned: true },
    });
  });
});
