// The closed lists (units, life areas, goal statuses, attendance, plan states, note kinds, sex,
// the yes / no / refused answers) with
// their labels, from the file Rust generates (bindings/closedListValues.ts): the UI keeps no copy.

import type { Choice } from './bindings/Choice';
import type { ClosedLists } from './bindings/ClosedLists';
import { CLOSED_LISTS } from './bindings/closedListValues';
import { currentLanguage } from './i18n';

/** The label in the window's language (the list's Polish when it has no English). */
const label = (c: Choice): string => (currentLanguage() === 'en' && c.en ? c.en : c.pl);

export type ListName = keyof ClosedLists;

function find(list: ListName, code: string): Choice | undefined {
  return CLOSED_LISTS[list].find((c) => c.code === code);
}

/** The codes of a list, in the order a person sees them. */
export function codesOf<T extends string>(list: ListName): T[] {
  return CLOSED_LISTS[list].map((c) => c.code as T);
}

/** The label of a code in the window's language (the code itself if the list does not know it). */
export function labelOf(list: ListName, code: string): string {
  const c = find(list, code);
  return c ? label(c) : code;
}

/** A list as the choices of a select field. */
export function choicesOf(list: ListName): { value: string; label: string }[] {
  return CLOSED_LISTS[list].map((c) => ({ value: c.code, label: label(c) }));
}

/** A unit's form after a number ("3 z 10 godz."; in English the unit's name). */
export function unitAfterNumber(code: string): string {
  const c = find('unit', code);
  if (c && currentLanguage() === 'en') return label(c);
  return c?.pl_after_number ?? c?.pl ?? code;
}
