// The Synchronizacja view's data: the status-bar line from a `SyncOverview`, "oczekuje N zmian"
// with Polish plurals, the export form's text → `SyncExportSettings`, import totals, and the
// conflicts shown for people (record type, field and values in Polish, as plain text), and the
// lines under the progress bars of "Eksportuj teraz" and of the import.

import type { ExportProgress } from '../bindings/ExportProgress';
import type { ImportOutcome } from '../bindings/ImportOutcome';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { RefusedBundle } from '../bindings/RefusedBundle';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncExportSettings } from '../bindings/SyncExportSettings';
import type { SyncOverview } from '../bindings/SyncOverview';
import { formatCount, formatDate, formatDateTime, pluralCategory } from '../format';
import { hasKey, t } from '../i18n';

export type SyncState = 'unconfigured' | 'off' | 'missing' | 'error' | 'ok';

/** Which of the status bar's situations applies; the first that fits wins. */
export function syncState(o: SyncOverview): SyncState {
  if (!o.status.configured) return 'unconfigured';
  if (!o.automatic) return 'off';
  if (!o.folder_available) return 'missing';
  if (o.export_error) return 'error';
  return 'ok';
}

/** "oczekuje 1 zmiana", "oczekują 3 zmiany", "oczekuje 12 zmian", "brak zmian do wysłania". */
export function pendingText(n: number): string {
  if (n <= 0) return t('sync.pending.none');
  const cat = pluralCategory(n);
  return t(cat === 'one' ? 'sync.pending.one' : cat === 'few' ? 'sync.pending.few' : 'sync.pending.many', { n: formatCount(n) });
}

/** The last export as "dd.mm.yyyy HH:MM", or "jeszcze nie było". */
export function lastExportText(o: SyncOverview): string {
  return o.status.last_export_at ? formatDateTime(o.status.last_export_at) : t('sync.lastExport.never');
}

/** The status bar's text: "Ostatni eksport: 03.12.2025 10:15 · oczekuje 3 zmian" and its variants. */
export function statusLine(o: SyncOverview): string {
  const state = syncState(o);
  if (state === 'unconfigured') return t('sync.bar.unconfigured');
  const parts: string[] = [];
  if (state === 'off') parts.push(t('sync.bar.off'));
  else if (state === 'missing') parts.push(t('sync.bar.missing'));
  else if (state === 'error') parts.push(t('sync.bar.error'));
  else parts.push(t('sync.bar.lastExport', { when: lastExportText(o) }));
  parts.push(pendingText(o.status.pending_changes));
  if (o.status.open_conflicts > 0) parts.push(t('sync.bar.conflicts', { n: o.status.open_conflicts }));
  return parts.join(' · ');
}

const WHOLE = /^\d{1,4}$/;

/**
 * The export form's values → the settings for `sync_settings_save`, or the field error of an
 * interval that is not a whole number (the range 0–1440 is checked by Rust).
 */
export function toExportSettings(values: Record<string, string>):
  | { ok: true; settings: SyncExportSettings }
  | { ok: false; field: string; message: string } {
  const interval = (values.interval_minutes ?? '').trim();
  if (!WHOLE.test(interval)) return { ok: false, field: 'interval_minutes', message: t('sync.intervalNotNumber') };
  return { ok: true, settings: { folder: (values.folder ?? '').trim(), interval_minutes: Number(interval) } };
}

export interface ImportTotals {
  applied: number;
  unchanged: number;
  conflicts: number;
  /** Bundles read now. */
  bundles: number;
  /** Bundles already written or applied here. */
  skipped: number;
  refused: RefusedBundle[];
}

/** One file or a folder: the same totals. */
export function importTotals(outcome: ImportOutcome): ImportTotals {
  if ('bundles' in outcome) {
    return {
      applied: outcome.applied,
      unchanged: outcome.unchanged,
      conflicts: outcome.conflicts,
      bundles: outcome.bundles.length,
      skipped: outcome.skipped,
      refused: outcome.refused,
    };
  }
  return { applied: outcome.applied, unchanged: outcome.unchanged, conflicts: outcome.conflicts, bundles: 1, skipped: 0, refused: [] };
}

/** "Wczytano 2 pakiety: zastosowano 5 zmian, bez zmian 3, konflikty: 1." */
export function importSummary(totals: ImportTotals): string {
  if (totals.bundles === 0) {
    return totals.skipped > 0 ? t('sync.import.nothingNew', { skipped: totals.skipped }) : t('sync.import.none');
  }
  return t('sync.import.summary', {
    bundles: totals.bundles,
    applied: totals.applied,
    unchanged: totals.unchanged,
    conflicts: totals.conflicts,
  });
}

/** A progress bar's state (export, import). */
export interface ProgressState {
  /** What is happening, for the line under the bar. */
  text: string;
  /** Of the whole job (an import: all its bundles), whole percent 0–100. */
  percent: number;
}

/**
 * "Zapisano 40 000 z 254 673 rekordów"; with nothing to count yet "Przygotowywanie…"; once every
 * record is in the bundle "Zapisywanie pakietu w folderze…" (it is sealed and written, not counted).
 */
export function exportProgressState(p: ExportProgress): ProgressState {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  if (total === 0) return { text: t('sync.export.preparing'), percent: 0 };
  if (done === total) return { text: t('sync.export.sealing'), percent: 100 };
  const key = total === 1 ? 'sync.export.rows.one' : 'sync.export.rows.many';
  return { text: t(key, { done: formatCount(done), total: formatCount(total) }), percent: Math.floor((done * 100) / total) };
}

/**
 * "Pakiet 2 z 3: 12 000 z 254 673 rekordów"; before the first row "Sprawdzanie i odszyfrowywanie
 * pakietu…", after the last "Zapisywanie w kartotece…" (the commit, which cannot be stopped).
 */
export function importProgressState(p: ImportProgress): ProgressState {
  const bundles = Math.max(1, p.bundles);
  const bundle = Math.min(Math.max(1, p.bundle), bundles);
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  const share = total > 0 ? done / total : 0;
  const percent = Math.floor(((bundle - 1 + share) * 100) / bundles);
  const where = bundles > 1 ? t('sync.import.whichBundle', { bundle, bundles }) : '';
  let what: string;
  if (total > 0 && done === total) what = t('sync.import.saving');
  else if (done === 0) what = t('sync.import.opening');
  else what = t('sync.import.rows', { done: formatCount(done), total: formatCount(total) });
  return { text: where ? where + what : what.charAt(0).toUpperCase() + what.slice(1), percent };
}

/** "participants" → "Uczestnik"; an unknown table is shown as it is. */
export function tableLabel(table: string): string {
  const key = `sync.table.${table}`;
  return hasKey(key) ? t(key) : table;
}

/**
 * A field of a synced record in Polish: "data.last_name" of a participant → "Nazwisko".
 * Fields inside `data` are named like the form's fields; columns like `status` have their own.
 */
export function fieldLabel(table: string, field: string): string {
  const name = field.startsWith('data.') ? field.slice(5) : field;
  for (const key of [`sync.field.${table}.${name}`, `sync.field.${name}`, table === 'participants' ? `field.${name}` : '']) {
    if (key && hasKey(key)) return t(key);
  }
  return name;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of either side as plain text: dates as dd.mm.yyyy, yes/no, objects as their parts. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('sync.value.empty');
  if (typeof value === 'boolean') return value ? t('sync.value.yes') : t('sync.value.no');
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return formatDate(value);
    if (ISO_TIME.test(value)) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : t('sync.value.empty');
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map(valueText);
    return parts.length ? parts.join(', ') : t('sync.value.empty');
  }
  return String(value);
}

/** Open conflicts first (oldest first), then the resolved ones. */
export function sortConflicts(conflicts: SyncConflict[]): SyncConflict[] {
  return [...conflicts].sort((a, b) => {
    const open = Number(a.resolved_at !== null) - Number(b.resolved_at !== null);
    return open !== 0 ? open : a.detected_at.localeCompare(b.detected_at);
  });
}
