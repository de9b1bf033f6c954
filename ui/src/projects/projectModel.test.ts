// Serialising the project form for IPC.
import { describe, expect, it } from 'vitest';
import { toProjectInput } from './projectModel';

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
