// Shaping the group forms for IPC.
import { describe, expect, it } from 'vitest';
import type { Group } from '../bindings/Group';
import { currentMembers, isoToday, toEventInput, toSessionInput } from './groupModel';

describe('toSessionInput', () => {
  it('sends the ticked members as present and leaves out empty fields', () => {
    const input = toSessionInput(
      { date: '04.11.2026', from: '17:00', to: '19:00', topic: ' ', 'present.a': 'true', 'present.b': '', 'present.c': 'true' },
      ['a', 'b', 'c'],
    );
    expect(input).toEqual({ date: '04.11.2026', from: '17:00', to: '19:00', present: ['a', 'c'] });
  });
});

describe('toEventInput', () => {
  it('sends the head-count as a number or names it when it is not one', () => {
    expect(toEventInput({ title: 'Piknik', headcount: '1 20', kind: 'trip' })).toEqual({
      input: { title: 'Piknik', kind: 'trip', headcount: 120 },
      errors: [],
    });
    expect(toEventInput({ headcount: 'sto' }).errors.map((e) => e.field)).toEqual(['headcount']);
  });
});

describe('currentMembers', () => {
  it('keeps those who have not left before today', () => {
    const group = {
      members: [
        { participant_id: 'a', name: 'A', joined_on: '2026-09-01', left_on: null },
        { participant_id: 'b', name: 'B', joined_on: '2026-09-01', left_on: '2026-10-31' },
        { participant_id: 'c', name: 'C', joined_on: '2026-09-01', left_on: '2026-12-06' },
      ],
    } as unknown as Group;
    expect(currentMembers(group, '2026-12-06').map((m) => m.participant_id)).toEqual(['a', 'c']);
    expect(isoToday(new Date(2026, 11, 6))).toBe('2026-12-06');
  });
});
