// The project form: the stored project is filled in before anything can be typed; the call and
// the value go to Rust as typed; Rust's error for an amount stays under its field and a
// corrected form saves.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { projectGet: vi.fn(), projectUpdate: vi.fn(), projectAdd: vi.fn() } };
});
import { api } from '../api';
import { ProjectForm } from './ProjectForm';
import type { Project } from '../bindings/Project';

const PROJECT = {
  id: 'pr-1', name: 'Razem łatwiej', agreement_number: null, programme: null, start_date: '2026-01-01', end_date: '2027-12-31',
  participant_target: null, target_groups: [], retention_until: null, priority: null, measure: null, call_number: null,
  eu_funds: null, state_budget: null, own_contribution: null, eligibility_criteria: [], attachments: [], enrolled: 1, active: 1,
} as Project;

describe('ProjectForm', () => {
  afterEach(() => document.body.replaceChildren());

  it('is locked until the project is filled in, then sends the call and amounts as typed', async () => {
    let answer!: (p: { project: Project }) => void;
    vi.mocked(api.projectGet).mockReturnValueOnce(new Promise((r) => { answer = r as never; }));
    const ctx = fakeContext();
    const view = ProjectForm(ctx, 'pr-1');
    document.body.append(view.el);
    const form = view.el.querySelector('form')!;
    const input = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    expect(input('eu_funds').closest('fieldset')!.disabled).toBe(true);
    answer({ project: PROJECT });
    await settle();
    expect(input('eu_funds').closest('fieldset')!.disabled).toBe(false);
    expect(input('name').value).toBe('Razem łatwiej');

    input('call_number').value = 'FELD.07.05-IZ.00-001/25';
    input('eu_funds').value = '1 234 567,89';
    input('own_contribution').value = 'dużo';
    vi.mocked(api.projectUpdate).mockRejectedValueOnce({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'own_contribution', message: 'Wkład własny: podaj kwotę w złotych, np. 1 234 567,89' }], existing: [] });
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(form.querySelector('[data-error-for=own_contribution]')!.textContent).toContain('podaj kwotę');
    input('own_contribution').value = '65 000';
    // The enrolment form's statements and attachments, one per line (blank lines dropped).
    input('eligibility_criteria').value = 'zamieszkuję na terenie Łodzi\n\n jestem osobą bezrobotną ';
    input('attachments').value = 'zaświadczenie z PUP';
    vi.mocked(api.projectUpdate).mockResolvedValueOnce(PROJECT);
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.projectUpdate).toHaveBeenLastCalledWith('pr-1', expect.objectContaining({
      call_number: 'FELD.07.05-IZ.00-001/25', eu_funds: '1 234 567,89', own_contribution: '65 000',
      eligibility_criteria: ['zamieszkuję na terenie Łodzi', 'jestem osobą bezrobotną'], attachments: ['zaświadczenie z PUP'],
    }));
    expect(ctx.navigate).toHaveBeenLastCalledWith({ view: 'project', id: 'pr-1' });
  });
});
