// Shaping the recruitment forms' values for IPC.
import { describe, expect, it } from 'vitest';
import { criterionCode, toApplication, toRecruitmentInput, toRowField } from './recruitmentModel';

describe('criterionCode', () => {
  it('folds every Polish letter, ł included, and keeps codes unique', () => {
    expect(criterionCode('Wiek 60 lat lub więcej', new Set())).toBe('wiek-60-lat-lub-wiecej');
    expect(criterionCode('Mieszka samotnie (gospodarstwo jednoosobowe)', new Set())).toBe('mieszka-samotnie-gospodarstwo-jednoo');
    expect(criterionCode('Żółć, łódź', new Set())).toBe('zolc-lodz');
    expect(criterionCode('Żółć, łódź', new Set(['zolc-lodz']))).toBe('zolc-lodz-2');
    expect(criterionCode('…', new Set())).toBe('kryterium');
  });
});

describe('toRecruitmentInput', () => {
  it('sends numbers as numbers, skips empty criteria rows and names a bad number', () => {
    const { input, errors } = toRecruitmentInput(
      { name: 'Nabór I', opens: '01.11.2026', closes: '', places: '8', reserve_places: 'dwa' },
      [
        { label: 'Wiek 60+', required: true, points: '' },
        { label: '', required: false, points: '' },
        { label: 'Niepełnosprawność', required: false, points: '5' },
        { label: 'Samotność', required: false, points: 'x' },
      ],
    );
    expect(input).toEqual({
      name: 'Nabór I',
      opens: '01.11.2026',
      places: 8,
      criteria: [
        { code: 'wiek-60', label: 'Wiek 60+', required: true },
        { code: 'niepelnosprawnosc', label: 'Niepełnosprawność', required: false, points: 5 },
        { code: 'samotnosc', label: 'Samotność', required: false },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['reserve_places', 'criteria.3.points']);
  });

  it("places Rust's errors on the editor row that was sent", () => {
    const { rowOf } = toRecruitmentInput({}, [
      { label: 'A', required: true, points: '' },
      { label: '', required: false, points: '' },
      { label: 'B', required: false, points: '' },
    ]);
    expect(toRowField('criteria.1.points', rowOf)).toBe('criteria.2.points');
    expect(toRowField('places', rowOf)).toBe('places');
  });
});

describe('toApplication', () => {
  it('joins the date and time and sends every criterion as met or not', () => {
    const input = toApplication(
      { submitted_on: '02.11.2026', submitted_time: '09:30', 'criterion.wiek-60': 'true', attachments: 'formularz\n\n oświadczenie ' },
      ['wiek-60', 'samotnosc'],
    );
    expect(input).toEqual({
      submitted_at: '02.11.2026 09:30',
      criteria: { 'wiek-60': true, samotnosc: false },
      attachments: ['formularz', 'oświadczenie'],
    });
  });
});
