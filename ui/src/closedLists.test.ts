import { describe, expect, it } from 'vitest';
import { CLOSED_LISTS } from './bindings/closedListValues';
import { choicesOf, codesOf, labelOf, unitAfterNumber } from './closedLists';
import { pl } from './i18n/pl';
import { useLanguage } from './i18n';

describe('closed lists come from Rust', () => {
  it('gives the Polish label of a code, and the code itself for an unknown one', () => {
    expect(labelOf('attendance', 'absent_excused')).toBe('nieobecny (usprawiedliwiony)');
    expect(labelOf('life_area', 'social_skills')).toBe('Umiejętności społeczne');
    expect(labelOf('unit', 'no-such-unit')).toBe('no-such-unit');
    expect(unitAfterNumber('hour')).toBe('godz.');
    expect(unitAfterNumber('session')).toBe('sesji');
  });

  it('lists the codes in order and as select choices', () => {
    expect(codesOf('plan_status')).toEqual(['draft', 'signed', 'closed', 'superseded']);
    expect(choicesOf('note_kind')[0]).toEqual({ value: 'home_visit', label: 'wizyta domowa' });
  });

  it('keeps no copy of a closed list in the dictionary', () => {
    const lists = Object.keys(CLOSED_LISTS);
    const copies = Object.keys(pl).filter((key) =>
      /^(unit|unitAfter|area|goalStatus|attendance|planStatus|noteKind|sex|answer)\./.test(key));
    expect(lists.length).toBeGreaterThanOrEqual(8);
    expect(copies).toEqual([]);
  });

  it('speaks the window’s language', () => {
    useLanguage('en');
    try {
      expect(labelOf('note_kind', 'home_visit')).toBe(CLOSED_LISTS.note_kind[0].en);
      expect(choicesOf('unit')[0].label).toBe('hour');
      expect(unitAfterNumber('hour')).toBe('hour');
    } finally {
      useLanguage('pl');
    }
    expect(unitAfterNumber('hour')).toBe('godz.');
  });
});
