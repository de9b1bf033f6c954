// What the Raporty view says: projects in Polish alphabetical order, the kinds of CSV table and
// their names, the CST2021 check as a sentence with the right Polish plurals ("W pliku będzie
// 350 osób; 348 ma komplet danych."), the people with gaps, the CSV progress ("Zapisano 12 000
// z 100 000 wierszy") and what a written file holds. Numbers always with formatCount.

import type { Cst2021Check } from '../bindings/Cst2021Check';
import type { CsvKind } from '../bindings/CsvKind';
import type { FileFormat } from '../bindings/FileFormat';
import type { IncompleteParticipant } from '../bindings/IncompleteParticipant';
import type { Project } from '../bindings/Project';
import type { ReportProgress } from '../bindings/ReportProgress';
import type { ReportSummary } from '../bindings/ReportSummary';
import { formatCount, formatPeriod, pluralCategory } from '../format';
import { hasKey, t, type MessageKey } from '../i18n';
import type { Route } from '../shell/context';

/** How far a running CSV export is (`ReportProgress`), every ~1000 rows. */
export const REPORT_PROGRESS_EVENT = 'kartoteka://report-progress';

/** The CSV tables for Excel, in the order they are offered. */
export const CSV_KINDS: readonly CsvKind[] = ['participants', 'enrolments', 'deliveries'];

/** At most this many people with gaps are listed (the count is always complete). */
export const INCOMPLETE_SHOWN = 500;

const POLISH = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

/** Projects by name as Poles sort them (Ł after L, Ż last); the same names by start date. */
export function sortProjects(projects: readonly Project[]): Project[] {
  return [...projects].sort((a, b) => POLISH.compare(a.name, b.name) || a.start_date.localeCompare(b.start_date));
}

/** "Aktywizacja 2025 (01.01.2025–31.12.2026)": names may repeat, periods tell them apart. */
export function projectLabel(p: Project): string {
  return t('reports.projectOption', { name: p.name, period: formatPeriod(p.start_date, p.end_date) });
}

/** "cst2021" → "Dane uczestników CST2021", "enrolments" → "Udziały w projektach"; unknown as is. */
export function reportLabel(report: string): string {
  const key = `reports.kind.${report}`;
  return hasKey(key) ? t(key) : report;
}

export function formatLabel(format: FileFormat): string {
  return format === 'xlsx' ? t('reports.format.xlsx') : t('reports.format.csv');
}

function plural(n: number, one: MessageKey, few: MessageKey, many: MessageKey): string {
  const cat = pluralCategory(n);
  return t(cat === 'one' ? one : cat === 'few' ? few : many, { n: formatCount(n) });
}

/**
 * "W pliku będzie 350 osób; 348 ma komplet danych." (before writing) or "W pliku jest …" (after);
 * with nobody in the project, that the file will hold only its header.
 */
export function checkSentence(check: Pick<Cst2021Check, 'rows' | 'complete'>, written = false): string {
  const rows = Math.max(0, check.rows);
  if (rows === 0) return t('reports.cst.empty');
  const complete = Math.min(Math.max(0, check.complete), rows);
  const people = written
    ? plural(rows, 'reports.cst.written.one', 'reports.cst.written.few', 'reports.cst.written.many')
    : plural(rows, 'reports.cst.rows.one', 'reports.cst.rows.few', 'reports.cst.rows.many');
  let done: string;
  if (complete === rows) done = rows === 1 ? t('reports.cst.oneComplete') : t('reports.cst.allComplete');
  else done = plural(complete, 'reports.cst.complete.one', 'reports.cst.complete.few', 'reports.cst.complete.many');
  return t('reports.cst.summary', { rows: people, complete: done });
}

/** The check as the export's summary tells it (the same people, now in the file). */
export function checkOfSummary(summary: ReportSummary, project: { id: string; name: string }): Cst2021Check {
  return {
    project_id: project.id,
    project_name: project.name,
    rows: summary.rows,
    complete: Math.max(0, summary.rows - summary.incomplete.length),
    incomplete: summary.incomplete,
  };
}

/** "Kowalska Ala", or "(osoba zanonimizowana)" when the name is gone. */
export function personName(p: IncompleteParticipant): string {
  return p.name.trim() === '' ? t('reports.cst.anonymised') : p.name;
}

/** "Brakuje: PESEL, Wykształcenie" (the spreadsheet's column headers, each once). */
export function missingText(p: IncompleteParticipant): string {
  const columns = [...new Set(p.missing.filter((m) => !m.problem).map((m) => m.column || m.field))];
  const wrong = p.missing.filter((m) => m.problem).map((m) => `${m.column || m.field} (${m.problem})`);
  return [
    columns.length ? t('reports.cst.missing', { columns: columns.join(', ') }) : '',
    wrong.length ? t('reports.cst.wrong', { columns: wrong.join('; ') }) : '',
  ].filter(Boolean).join('. ');
}

/** Where a person with gaps is put right: her form with the missing fields marked (fields of
 * the participant form), else the tab that holds them — the enrolment's end (projects) or the
 * support given (plans). */
export function fixRoute(p: IncompleteParticipant, projectId: string): Route {
  const fields = p.missing.map((m) => m.field);
  const onForm = fields.filter((f) => !f.startsWith('enrolment.') && !f.startsWith('support.'));
  const problems = Object.fromEntries(p.missing.filter((m) => m.problem).map((m) => [m.field, m.problem as string]));
  if (onForm.length) {
    return { view: 'participant-edit', id: p.participant_id, cst: { projectId, fields: onForm, ...(Object.keys(problems).length ? { problems } : {}) } };
  }
  if (fields.some((f) => f.startsWith('enrolment.'))) return { view: 'participant', id: p.participant_id, tab: 'projects' };
  return { view: 'participant', id: p.participant_id, tab: 'plans' };
}

/** People with gaps in the order of the file's rows. */
export function sortIncomplete(people: readonly IncompleteParticipant[]): IncompleteParticipant[] {
  return [...people].sort((a, b) => a.row - b.row);
}

export interface ProgressState {
  /** "Zapisano 12 000 z 100 000 wierszy"; before the first rows "Przygotowywanie zestawienia…". */
  text: string;
  /** Whole percent, 0–100 (100 only when every row is written). */
  percent: number;
}

export function progressState(p: ReportProgress): ProgressState {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  if (total === 0) return { text: t('reports.csv.preparing'), percent: 0 };
  const key = total === 1 ? 'reports.csv.progress.one' : 'reports.csv.progress.many';
  return { text: t(key, { done: formatCount(done), total: formatCount(total) }), percent: Math.floor((done * 100) / total) };
}

/** "W pliku: 350 wierszy danych." */
export function rowsText(rows: number): string {
  return plural(rows, 'reports.result.rows.one', 'reports.result.rows.few', 'reports.result.rows.many');
}

/** CST2021 only: how many people in the file lack data, or that nobody does. */
export function incompleteText(summary: ReportSummary): string | null {
  if (summary.report !== 'cst2021') return null;
  const n = summary.incomplete.length;
  return n > 0 ? t('reports.result.incomplete', { n: formatCount(n) }) : t('reports.result.allComplete');
}

/** The last part of a path, Windows or Unix. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** The folder part of a path ("" for a bare name). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : cut === 0 ? path.slice(0, 1) : '';
}
