// The plan editor's model: a stored plan into the form and back into PlanInput, empty fields left
// out, quantities with a comma, and Rust's dotted error fields placed on the form's controls.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { PlanView } from '../bindings/PlanView';
import type { Service } from '../bindings/Service';
import { fakeContext, settle } from '../test/fixtures';
import { PlanEditor } from './PlanEditor';
import {
  formatQuantity, formFromPlan, formFromValues, formField, parseQuantity, placeErrors, serviceProgressText, toPlanInput,
} from './planModel';

const mocked = vi.mocked(invoke);

export const PLAN: PlanView = {
  id: 'plan-1', kind: 'support_plan', kind_label: 'Indywidualny plan wsparcia', legal_basis: null, enrolment_id: 'e-1', participant_id: 'p-1', participant_name: 'Łucja Wałęsa', project_id: 'proj-1',
  project_name: 'Rodzina w centrum', version: 1, replaces_id: null, replaced_by_id: null, status: 'draft', status_label: 'szkic',
  editable: true, worker: 'Anna', start_date: '2026-02-01', end_date: '2026-06-30',
  diagnosis: { problem_situation: 'Zadłużenie', strengths: null, needs: null, areas: [{ area: 'housing', score: 2, comment: 'ciasno' }] },
  goals: [{
    id: 'g-1', title: 'Stabilizacja finansów', measure: null, target_date: '2026-05-31', status: 'open', status_label: 'nierozpoczęty',
    progress: { planned: 1, delivered: 0, percent: 35 },
    services: [{
      id: 'ps-1', goal_id: 'g-1', service_id: 's-psy', service_code: 'TER-PSY', service_name: 'Terapia psychologiczna', unit: 'hour',
      unit_label: 'godz.', quantity: 10, specialist: 'dr Nowak', start_date: null, end_date: null, frequency: 'raz w tygodniu',
      carried_from: null, deliveries: 2, progress: { planned: 10, delivered: 3.5, percent: 35 },
    }],
  }],
  commitments: null, team: [], worker_obligations: null, family_members: [], initial_assessment: null,
  signing: null, closing: null, reviews: [], progress: { planned: 1, delivered: 0, percent: 35 },
};

/** A family work plan kept outside projects, naming one of the person's two relatives. */
const FAMILY_PLAN: PlanView = {
  ...PLAN, id: 'plan-2', kind: 'family_work_plan', kind_label: 'Plan pracy z rodziną', enrolment_id: null, project_id: null,
  project_name: null, legal_basis: 'art. 15 ust. 1 pkt 1 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny',
  family_members: [{ id: 'p-kid', name: 'Wałęsa Zuzanna', relation: 'dziecko' }], initial_assessment: 'Rodzina w kryzysie',
};

const SERVICES: Service[] = [
  { id: 's-psy', code: 'TER-PSY', name: 'Terapia psychologiczna', category: 'Terapia', unit: 'hour', active: true, unit_label: 'godzina', sm_efs_scope: null, sm_efs_kind: null, sm_efs_detail: null, sm_efs_default: null },
  { id: 's-logo', code: 'TER-LOGO', name: 'Terapia logopedyczna', category: 'Terapia', unit: 'session', active: true, unit_label: 'sesja', sm_efs_scope: null, sm_efs_kind: null, sm_efs_detail: null, sm_efs_default: null },
];

describe('plan form model', () => {
  it('fills the form from a stored plan with Polish dates and decimal commas', () => {
    const form = formFromPlan({ ...PLAN, goals: [{ ...PLAN.goals[0], services: [{ ...PLAN.goals[0].services[0], quantity: 1.5 }] }] });
    expect(form.start_date).toBe('01.02.2026');
    expect(form.areas.housing).toEqual({ score: '2', comment: 'ciasno' });
    expect(form.areas.family).toEqual({ score: '', comment: '' });
    expect(form.goals[0]).toMatchObject({ id: 'g-1', target_date: '31.05.2026', status: 'open' });
    expect(form.goals[0].services[0]).toMatchObject({ id: 'ps-1', service: 's-psy', quantity: '1,5', specialist: 'dr Nowak' });
  });

  it('maps the form to PlanInput, leaving empty fields out and keeping ids', () => {
    const form = formFromPlan(PLAN);
    form.goals.push({ id: '', title: 'Praca', measure: '', target_date: '', status: 'open', services: [
      { id: '', service: 's-logo', quantity: '2,5', specialist: '', start_date: '', end_date: '', frequency: '' },
    ] });
    const { input, errors, areaOrder } = toPlanInput(form);
    expect(errors).toEqual([]);
    expect(areaOrder).toEqual(['housing']);
    expect(input).toEqual({
      kind: 'support_plan',
      worker: 'Anna',
      start_date: '01.02.2026',
      end_date: '30.06.2026',
      diagnosis: { problem_situation: 'Zadłużenie', areas: [{ area: 'housing', score: 2, comment: 'ciasno' }] },
      goals: [
        { id: 'g-1', title: 'Stabilizacja finansów', target_date: '31.05.2026', status: 'open', services: [
          { id: 'ps-1', service: 's-psy', quantity: 10, specialist: 'dr Nowak', frequency: 'raz w tygodniu' },
        ] },
        { title: 'Praca', status: 'open', services: [{ service: 's-logo', quantity: 2.5 }] },
      ],
    });
  });

  it('reads the form back from dotted control names', () => {
    const form = formFromValues('support_plan', {
      worker: 'Anna', start_date: '01.02.2026', 'diagnosis.areas.work.score': '4', 'goals.0.title': 'Cel',
      'goals.0.services.0.service': 's-psy', 'goals.0.services.0.quantity': '3', 'goals.0.services.1.service': 's-logo',
    }, 1, [2]);
    expect(form.areas.work.score).toBe('4');
    expect(form.goals[0].title).toBe('Cel');
    expect(form.goals[0].services.map((s) => s.service)).toEqual(['s-psy', 's-logo']);
  });

  it('sends only the parts of the plan\'s kind: an IŚR its team, a contract the worker\'s obligations', () => {
    const path = formFromValues('reintegration_path', {
      'team.0.name': 'Ewa Nowak', 'team.0.role': 'psycholog', 'team.1.name': '', 'team.1.role': 'doradca',
      worker_obligations: 'wizyty', 'family.p-kid': 'true',
    }, 0, []);
    expect(path.team).toEqual([{ name: 'Ewa Nowak', role: 'psycholog' }, { name: '', role: 'doradca' }]);
    const sent = toPlanInput(path).input;
    expect(sent.team).toEqual([{ name: 'Ewa Nowak', role: 'psycholog' }, { role: 'doradca' }]);
    expect(sent.worker_obligations).toBeUndefined();
    expect(sent.family_members).toBeUndefined();

    const contract = toPlanInput(formFromValues('social_contract', { worker_obligations: ' wizyty co tydzień ', commitments: 'szukać pracy' }, 0, [])).input;
    expect(contract).toMatchObject({ worker_obligations: ' wizyty co tydzień ', commitments: 'szukać pracy' });
    expect(contract.team).toBeUndefined();

    const family = toPlanInput(formFromValues('family_work_plan', { 'family.p-kid': 'true', 'family.p-man': '', initial_assessment: 'ocena' }, 0, [])).input;
    expect(family).toMatchObject({ family_members: ['p-kid'], initial_assessment: 'ocena' });
  });

  it('refuses a quantity that is not a number at its own field, before Rust sees it', () => {
    const form = formFromPlan(PLAN);
    form.goals[0].services[0].quantity = 'dziesięć';
    const { input, errors } = toPlanInput(form);
    expect(errors).toEqual([{ field: 'goals.0.services.0.quantity', message: 'Ilość: wpisz liczbę, np. 10 albo 1,5' }]);
    expect(input.goals?.[0].services?.[0].quantity).toBeUndefined();
    expect(parseQuantity('1,25')).toBe(1.25);
    expect(parseQuantity(' ')).toBeUndefined();
    expect(Number.isNaN(parseQuantity('1,2,3'))).toBe(true);
  });

  it('places Rust errors on the controls: areas by their code, services by their index', () => {
    expect(formField('diagnosis.areas.1.score', ['housing', 'work'])).toBe('diagnosis.areas.work.score');
    expect(formField('goals.0.services.1.quantity', [])).toBe('goals.0.services.1.quantity');
    expect(placeErrors([{ field: 'diagnosis.areas.0.score', message: 'x' }], ['health'])).toEqual([{ field: 'diagnosis.areas.health.score', message: 'x' }]);
  });

  it('says progress in the unit, the Polish way', () => {
    expect(serviceProgressText({ planned: 10, delivered: 3.5, percent: 35 }, 'hour')).toBe('3,5 z 10 godz.');
    expect(serviceProgressText({ planned: 8, delivered: 2, percent: 25 }, 'session')).toBe('2 z 8 sesji');
    expect(formatQuantity(0.1 + 0.2)).toBe('0,3');
  });
});

describe('plan editor', () => {
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  async function mount(plan: PlanView, update?: (input: unknown) => unknown) {
    mocked.mockImplementation(async (command, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      switch (command) {
        case 'plan_get': return plan;
        case 'service_list': return SERVICES;
        case 'plan_update': return update ? update(a.input) : plan;
        case 'participant_family': return { needs_guardian: false, related: [
          { relation_id: 'r-1', person_id: 'p-kid', name: 'Wałęsa Zuzanna', kind: 'child', can_sign: false },
          { relation_id: 'r-2', person_id: 'p-man', name: 'Wałęsa Jan', kind: 'parent', can_sign: false },
        ] };
        default: throw new Error(`unexpected ${command}`);
      }
    });
    const ctx = fakeContext();
    const view = PlanEditor(ctx, plan.id);
    document.body.append(view.el);
    await settle();
    await settle();
    const q = <T extends Element = HTMLElement>(s: string) => document.querySelector(s) as T;
    return { ctx, q };
  }

  it('shows progress per service and goal, and Rust errors next to the service field', async () => {
    const { q } = await mount(PLAN, () => {
      throw { code: 'invalid_input', message: 'Popraw dane', existing: [], fields: [
        { field: 'goals.0.services.1.quantity', message: 'Ilość: pole jest wymagane' },
        { field: 'diagnosis.areas.0.score', message: 'Ocena obszaru: wybierz od 1 do 5' },
      ] };
    });
    expect(q('[data-progress-for="service:ps-1"] [data-progress-text]').textContent).toBe('3,5 z 10 godz.');
    expect(q('[data-progress-for="service:ps-1"]').dataset.percent).toBe('35');
    expect(q('[data-progress-for="goal:g-1"]')).not.toBeNull();

    q<HTMLButtonElement>('[data-goal-index="0"] [data-action=service-row-add]').click();
    const select = q<HTMLSelectElement>('select[name="goals.0.services.1.service"]');
    select.value = 's-logo';
    select.dispatchEvent(new Event('change'));
    expect(q('[data-unit-for="goals.0.services.1.quantity"]').textContent).toBe('sesji');

    q<HTMLFormElement>('[data-plan-form]').requestSubmit();
    await settle();
    const sent = mocked.mock.calls.find(([c]) => c === 'plan_update')?.[1] as { input: { goals: Array<{ services: unknown[] }> } };
    expect(sent.input.goals[0].services).toEqual([
      { id: 'ps-1', service: 's-psy', quantity: 10, specialist: 'dr Nowak', frequency: 'raz w tygodniu' },
      { service: 's-logo' },
    ]);
    const slot = q('[data-error-for="goals.0.services.1.quantity"]');
    expect(slot.hidden).toBe(false);
    expect(slot.textContent).toBe('Ilość: pole jest wymagane');
    expect(q('[data-error-for="diagnosis.areas.housing.score"]').textContent).toBe('Ocena obszaru: wybierz od 1 do 5');
    expect(q('input[name="goals.0.services.1.quantity"]').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a signed plan as text with "Aneks" instead of an edit form', async () => {
    const { q } = await mount({ ...PLAN, status: 'signed', editable: false, signing: {
      participant_signed_on: '2026-02-03', signed_by: 'self', guardian_id: null, worker_signed_on: '2026-02-03', worker: 'Anna',
    } });
    expect(q('[data-plan-form]')).toBeNull();
    expect(q('input[name=worker]')).toBeNull();
    expect(q('[data-action=plan-amend]').textContent).toBe('Aneks — zmień plan');
    expect(q('[data-plan-note=signed]').textContent).toContain('utwórz aneks');
    expect(q('[data-plan-signing]').textContent).toContain('03.02.2026');
    expect(q('[data-action=plan-review]')).not.toBeNull();
  });

  it('edits a family work plan outside projects: its members ticked from the family, the initial assessment first', async () => {
    const { q } = await mount(FAMILY_PLAN);
    expect(q('h1').textContent).toBe('Plan pracy z rodziną: Łucja Wałęsa');
    expect(q('[data-meta=project]').textContent).toBe('poza projektem');
    expect(q('[data-value=legal_basis]').textContent).toContain('o wspieraniu rodziny');
    const order = [...document.querySelectorAll<HTMLElement>('[data-plan-form] [data-section]')].map((e) => e.dataset.section);
    expect(order.slice(0, 4)).toEqual(['header', 'family', 'initial_assessment', 'diagnosis']);
    expect(q<HTMLInputElement>('input[name="family.p-kid"]').checked).toBe(true);
    expect(q('input[name="family.p-man"]').parentElement!.textContent).toBe('Wałęsa Jan (rodzic)');
    q<HTMLInputElement>('input[name="family.p-man"]').checked = true;
    q<HTMLFormElement>('[data-plan-form]').requestSubmit();
    await settle();
    const sent = mocked.mock.calls.find(([c]) => c === 'plan_update')?.[1] as { input: Record<string, unknown> };
    expect(sent.input.kind).toBe('family_work_plan');
    expect(sent.input.family_members).toEqual(['p-kid', 'p-man']);
    expect(sent.input.initial_assessment).toBe('Rodzina w kryzysie');
  });

  it('lets an IŚR add its team and places Rust\'s error on the member\'s field', async () => {
    const path: PlanView = { ...PLAN, kind: 'reintegration_path', kind_label: 'Indywidualna ścieżka reintegracji' };
    const { q } = await mount(path, () => {
      throw { code: 'invalid_input', message: 'Popraw dane', existing: [], fields: [
        { field: 'team.1.role', message: 'Członek zespołu: podaj funkcję (np. psycholog)' },
      ] };
    });
    expect(q('input[name="team.0.name"]')).not.toBeNull();
    q<HTMLInputElement>('input[name="team.0.name"]').value = 'Ewa Nowak';
    q<HTMLInputElement>('input[name="team.0.role"]').value = 'psycholog';
    q<HTMLButtonElement>('[data-action=team-add]').click();
    expect(document.activeElement).toBe(q('input[name="team.1.name"]'));
    expect(q<HTMLInputElement>('input[name="team.0.name"]').value).toBe('Ewa Nowak');
    q<HTMLInputElement>('input[name="team.1.name"]').value = 'Jan Kowal';
    q<HTMLFormElement>('[data-plan-form]').requestSubmit();
    await settle();
    const sent = mocked.mock.calls.find(([c]) => c === 'plan_update')?.[1] as { input: Record<string, unknown> };
    expect(sent.input.team).toEqual([{ name: 'Ewa Nowak', role: 'psycholog' }, { name: 'Jan Kowal' }]);
    expect(q('[data-error-for="team.1.role"]').textContent).toBe('Członek zespołu: podaj funkcję (np. psycholog)');
  });
});
