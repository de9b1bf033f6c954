// A long list to choose from: grouped under headings, narrowed by typed words without Polish
// marks, the chosen value kept, Enter taking the first match.
import { describe, expect, it } from 'vitest';
import { foldText, searchableSelectField } from './fields';
import { serviceWords } from '../plans/serviceWords';

const CHOICES = [
  { value: 'TER-PSY', label: 'Wsparcie psychologiczne (godz.)', group: 'Wsparcie specjalistyczne' },
  { value: 'PRA-DORAD', label: 'Doradztwo zawodowe (godz.)', group: 'Aktywizacja zawodowa' },
  { value: 'BAS', label: 'Pływalnia — bilet (szt.)', group: 'Zajęcia grupowe' },
];

describe('searchable select', () => {
  it('groups, narrows, keeps the choice and picks with Enter', () => {
    const field = searchableSelectField({ name: 'service', label: 'Usługa', empty: '— wybierz —', searchLabel: 'Szukaj usługi', choices: CHOICES });
    document.body.append(field);
    const select = field.querySelector('select')!;
    const search = field.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(Array.from(select.querySelectorAll('optgroup')).map((g) => g.label)).toEqual(['Wsparcie specjalistyczne', 'Aktywizacja zawodowa', 'Zajęcia grupowe']);
    expect(search.getAttribute('aria-controls')).toBe(select.id);

    select.value = 'BAS';
    search.value = 'plywa';
    search.dispatchEvent(new Event('input'));
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['', 'BAS']);
    search.value = 'psycholog';
    search.dispatchEvent(new Event('input'));
    // The chosen service stays in the list beside the match.
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['', 'BAS', 'TER-PSY']);
    expect(select.value).toBe('BAS');
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(select.value).toBe('TER-PSY');
    expect(document.activeElement).toBe(select);
    field.remove();
  });

  it('finds a choice by the words workers use for it, which are not shown', () => {
    const field = searchableSelectField({ name: 'service', label: 'Usługa', searchLabel: 'Szukaj usługi', choices: [
      { value: 'TER-PSY', label: 'Terapia psychologiczna (godzina)', group: 'Terapia', keywords: serviceWords('TER-PSY') },
      { value: 'SEN-BASEN', label: 'Nauka pływania (sesja)', group: 'Seniorzy', keywords: serviceWords('SEN-BASEN') },
      { value: 'OWN', label: 'Nasza własna usługa (godzina)', group: 'Inne', keywords: serviceWords('OWN') },
    ] });
    const select = field.querySelector('select')!;
    const search = field.querySelector<HTMLInputElement>('input[type=search]')!;
    const found = (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      return Array.from(select.options).map((o) => o.value).filter(Boolean);
    };
    expect(found('wsparcie psychologiczne')).toEqual(['TER-PSY']);
    expect(found('basen')).toEqual(['SEN-BASEN']);
    expect(found('wlasna')).toEqual(['OWN']);
    expect(Array.from(select.options).map((o) => o.textContent)).not.toContain('basen');
  });

  it('folds Polish letters for matching', () => {
    expect(foldText('Łódź ŻÓŁW')).toBe('lodz zolw');
  });
});
