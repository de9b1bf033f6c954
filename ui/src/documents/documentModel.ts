// What the document screens show: the printable kinds and their Polish names, batch progress as
// "12 z 350" with a percentage, the batch outcome with the right Polish plural, and which
// enrolment a person's documents default to.

import type { BatchResult } from '../bindings/BatchResult';
import type { Enrolment } from '../bindings/Enrolment';
import type { PrintProgress } from '../bindings/PrintProgress';
import { pluralCategory } from '../format';
import { hasKey, t } from '../i18n';

/** Documents printed for a person, in the order they are offered. */
export const PERSON_KINDS = ['enrolment', 'declaration', 'data-statement', 'image-consent', 'plan', 'record', 'exit-statement'] as const;
/** Documents that make sense as blank forms filled in by hand. */
export const BLANK_KINDS = ['enrolment', 'declaration', 'data-statement', 'image-consent', 'exit-statement'] as const;

export type PrintKind = (typeof PERSON_KINDS)[number];

/** "data-statement" → "Oświadczenie RODO"; an unknown kind is shown as it is. */
export function documentKindLabel(kind: string): string {
  const key = `doc.kind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}

export interface ProgressState {
  /** "12 z 350" */
  text: string;
  /** Whole percent done, 0–100 (100 only when everything is printed). */
  percent: number;
}

export function progressState(p: PrintProgress): ProgressState {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  return { text: t('documents.batchProgress', { done, total }), percent };
}

/** "Zapisano 12 plików w folderze …" or "Przerwano — zapisano 3 pliki". */
export function batchSummary(result: BatchResult): string {
  const n = result.files.length;
  const cat = pluralCategory(n);
  if (result.cancelled) {
    return t(cat === 'one' ? 'documents.batchCancelled.one' : cat === 'few' ? 'documents.batchCancelled.few' : 'documents.batchCancelled.many', { n });
  }
  const params = { n, folder: result.folder };
  return t(cat === 'one' ? 'documents.batchDone.one' : cat === 'few' ? 'documents.batchDone.few' : 'documents.batchDone.many', params);
}

/** The enrolment that started last (ISO dates compare as text), or null without any. */
export function latestEnrolment(enrolments: Enrolment[]): Enrolment | null {
  let latest: Enrolment | null = null;
  for (const e of enrolments) {
    if (!latest || e.start_date > latest.start_date) latest = e;
  }
  return latest;
}
