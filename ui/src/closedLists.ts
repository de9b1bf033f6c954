// The closed lists (units, life areas, goal statuses, attendance, plan states, note kinds, sex,
// the yes / no / refused answers) with
// their labels, from the file Rust generates (bindings/closedListValues.ts): the UI keeps no copy.

import type { Choice } from './bindings/Choice';
import type { ClosedLists } from './bindings/ClosedLists';
import { CLOSED_LISTS } from './bindings/closedListValues';

export type ListName = keyof ClosedLists;

function find(list: ListName, code: string): Choice | undefined {
  return CLOSED_LISTS[list].find((c) => c.code === code);
}

/** The codes of a list, in the order a person sees them. */
export function codesOf<T extends string>(list: ListName): T[] {
  return CLOSED_LISTS[list].map((c) => c.code as T);
}

/** The Polish label of a code (the code itself if the list does not know it). */
export function labelOf(list: ListName, code: string): string {
  return find(list, code)?.pl ?? code;
}

/** A list as the choices of a select field. */
export function choicesOf(list: ListName): { value: string; label: string }[] {
  return CLOSED_LISTS[list].map((c) => ({ value: c.code, label: c.pl }));
}

/** A unit's Polish form after a number ("3 z 10 godz."). */
export function unitAfterNumber(code: string): string {
  const c = find('unit', code);
  return c?.pl_after_number ?? c?.pl ?? code;
}
