// Serialising the project form for IPC.
import { describe, expect, it } from 'vitest';
import { moneyText, toProjectInput, valueRows } from './projectModel';
import type { Project } from '../bindings/Project';

describe('toProjectInput', () => {
  it('splits target groups by line, dropping blank lines', () => {
    const { input } = toProjectInput({ name: 'Aktywni razem', target_groups: 'osoby bezrobotne\r\n\n  rodziny z dziećmi \n' });
    expect(input).toEqual({ name: 'Aktywni razem', target_groups: ['osoby bezrobotne', 'rodziny z dziećmi'] });
  });

  it('sends the participant target as a number and omits empty fields', () => {
    const { input, errors } = toProjectInput({ name: 'X', participant_target: '1 200', programme: '', retention_until: '' });
    expect(errors).toEqual([]);
    expect(input).toEqual({ name: 'X', participant_target: 1200 });
  });

  it('reports a target that is not a whole number instead of sending it', () => {
    const { input, errors } = toProjectInput({ participant_target: 'trzysta' });
    expect(input.participant_target).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['participant_target']);
  });
});

describe('fillProject', () => {
  it('puts a stored project into the form as a person would type it', async () => {
    const { fillProject } = await import('./projectModel');
    const form = document.createElement('form');
    for (const name of ['name', 'start_date', 'end_date', 'participant_target', 'retention_until']) {
      const input = document.createElement('input');
      input.name = name;
      form.append(input);
    }
    const groups = document.createElement('textarea');
    groups.name = 'target_groups';
    const criteria = document.createElement('textarea');
    criteria.name = 'eligibility_criteria';
    form.append(groups, criteria);
    fillProject(form, {
      id: 'pr-1', name: 'Razem łatwiej', agreement_number: null, programme: null, start_date: '2026-01-01', end_date: '2027-12-31',
      participant_target: 40, target_groups: ['seniorzy', 'rodziny'], retention_until: null, enrolled: 0, active: 0,
      eligibility_criteria: ['mieszkam w Łodzi', 'mam ukończone 60 lat'], attachments: [],
    } as never);
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    expect(value('start_date')).toBe('01.01.2026');
    expect(value('participant_target')).toBe('40');
    expect(value('retention_until')).toBe('');
    expect(groups.value).toBe('seniorzy\nrodziny');
    expect(criteria.value).toBe('mieszkam w Łodzi\nmam ukończone 60 lat');
  });
});

describe('project value', () => {
  it('sends amounts as typed (Rust reads them) and shows grosze the Polish way', () => {
    const { input } = toProjectInput({ name: 'X', eu_funds: '1 234 567,89', call_number: 'FELD.07.05-IZ.00-001/25' });
    expect(input).toEqual({ name: 'X', eu_funds: '1 234 567,89', call_number: 'FELD.07.05-IZ.00-001/25' });
    expect(moneyText(123456789)).toBe('1 234 567,89');
    expect(moneyText(5)).toBe('0,05');
    expect(moneyText(null)).toBe('');
  });

  it('lists each source given and the total', () => {
    const p = { eu_funds: 100000000, state_budget: null, own_contribution: 5000050 } as unknown as Project;
    expect(valueRows(p)).toEqual([['Środki UE', '1 000 000,00 zł'], ['Wkład własny', '50 000,50 zł'], ['Wartość projektu', '1 050 000,50 zł']]);
    expect(valueRows({ eu_funds: null, state_budget: null, own_contribution: null } as unknown as Project)).toEqual([]);
  });
});
