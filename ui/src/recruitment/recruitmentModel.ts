// Recruitment form values → the inputs Rust parses: criteria get a code made from their
// description, numbers are whole numbers (or a local error), and a candidate's checked
// criteria become { code: true }. Rust checks everything again; these only shape the input.

import type { CandidateInput } from '../bindings/CandidateInput';
import type { Candidate } from '../bindings/Candidate';
import type { CriterionInput } from '../bindings/CriterionInput';
import type { FieldError } from '../bindings/FieldError';
import type { RankEntry } from '../bindings/RankEntry';
import type { RecruitmentDetail } from '../bindings/RecruitmentDetail';
import type { RecruitmentInput } from '../bindings/RecruitmentInput';
import type { Outcome } from '../bindings/Outcome';
import { t } from '../i18n';
import { splitLines } from '../projects/projectModel';

/** "Wiek 60 lat lub więcej" → "wiek-60-lat-lub-wiecej" (unique among `taken`). */
export function criterionCode(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'kryterium';
  let code = base;
  for (let n = 2; taken.has(code); n += 1) code = `${base}-${n}`;
  return code;
}

/** One row of the criteria editor as typed. */
export interface CriterionRow {
  label: string;
  required: boolean;
  points: string;
}

function wholeNumber(text: string | undefined): number | null | undefined {
  const v = (text ?? '').replace(/\s/g, '');
  if (v === '') return undefined;
  return /^\d+$/.test(v) ? Number(v) : null;
}

/**
 * The input to send and the local errors (criteria fields named by editor row). `rowOf[n]` is
 * the editor row of the n-th criterion sent (empty rows are skipped), to place Rust's errors.
 */
export function toRecruitmentInput(values: Record<string, string>, rows: CriterionRow[]): { input: RecruitmentInput; errors: FieldError[]; rowOf: number[] } {
  const input: RecruitmentInput = {};
  const errors: FieldError[] = [];
  for (const key of ['name', 'opens', 'closes'] as const) {
    const v = values[key];
    if (v !== undefined && v.trim() !== '') input[key] = v;
  }
  for (const key of ['places', 'reserve_places'] as const) {
    const n = wholeNumber(values[key]);
    if (n === null) errors.push({ field: key, message: t('recruitment.notNumber') });
    else if (n !== undefined) input[key] = n;
  }
  const taken = new Set<string>();
  const criteria: CriterionInput[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    if (row.label.trim() === '' && row.points.trim() === '') return;
    const code = criterionCode(row.label, taken);
    taken.add(code);
    const c: CriterionInput = { code, label: row.label, required: row.required };
    if (!row.required) {
      const points = wholeNumber(row.points);
      if (points === null) errors.push({ field: `criteria.${i}.points`, message: t('recruitment.notNumber') });
      else if (points !== undefined) c.points = points;
    }
    criteria.push(c);
    rowOf.push(i);
  });
  input.criteria = criteria;
  return { input, errors, rowOf };
}

/** Rust's "criteria.1.points" → the editor's "criteria.3.points" (other fields unchanged). */
export function toRowField(field: string, rowOf: number[]): string {
  const m = /^criteria\.(\d+)\.(.+)$/.exec(field);
  if (!m) return field;
  const row = rowOf[Number(m[1])];
  return row === undefined ? field : `criteria.${row}.${m[2]}`;
}

/** The candidate form's application part: when, which criteria, which attachments. */
export function toApplication(values: Record<string, string>, codes: string[]): CandidateInput {
  const input: CandidateInput = {};
  const when = [values.submitted_on ?? '', values.submitted_time ?? ''].map((v) => v.trim()).filter((v) => v !== '').join(' ');
  if (when !== '') input.submitted_at = when;
  input.criteria = Object.fromEntries(codes.map((code) => [code, values[`criterion.${code}`] === 'true']));
  const attachments = splitLines(values.attachments);
  if (attachments.length) input.attachments = attachments;
  return input;
}

/** A row of the round's list, with the candidate's name for the worker (never printed publicly). */
export interface ListRow {
  entry: RankEntry;
  candidate: Candidate | undefined;
}

/** The list in order: qualified, reserve, rejected. */
export function listRows(detail: RecruitmentDetail): ListRow[] {
  const byId = new Map(detail.candidates.map((c) => [c.id, c]));
  const { qualified, reserve, rejected } = detail.ranking;
  return [...qualified, ...reserve, ...rejected].map((entry) => ({ entry, candidate: byId.get(entry.candidate_id) }));
}

export function outcomeLabel(outcome: Outcome): string {
  return t(`recruitment.outcome.${outcome}`);
}
