import { describe, expect, it } from 'vitest';
import { recordedAfter, startIndex, stepOfErrors, STEPS } from './wizardModel';

describe('first-run wizard model', () => {
  it('starts at the beginning, or where a closed window left it', () => {
    expect(startIndex(null)).toBe(0);
    expect(STEPS[startIndex('recovery_key')]).toBe('recovery_key');
    expect(STEPS[startIndex('demo')]).toBe('demo');
  });

  it('sends organisation errors back to step 1, the rest stay with the worker', () => {
    expect(stepOfErrors([{ field: 'password', message: 'za krótkie' }])).toBe('worker');
    expect(stepOfErrors([{ field: 'password', message: 'x' }, { field: 'dpo_contact', message: 'y' }])).toBe('organisation');
    expect(stepOfErrors([])).toBe('worker');
  });

  it('records the next step only once the store exists', () => {
    expect(recordedAfter('worker')).toBe('recovery_key');
    expect(recordedAfter('recovery_key')).toBe('sync');
    expect(recordedAfter('sync')).toBe('demo');
    expect(recordedAfter('demo')).toBeNull();
  });
});
