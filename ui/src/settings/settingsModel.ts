// The settings page's data: form text → Settings (Rust checks the ranges), backup sizes with a
// Polish decimal comma, backup kinds in Polish, and the backup folder inside the data folder.

import type { Settings } from '../bindings/Settings';
import { hasKey, t } from '../i18n';

const WHOLE = /^\d{1,10}$/;
const U32_MAX = 4_294_967_295;

/**
 * A count as typed → the number sent to Rust. Anything that is not a whole number Rust can take
 * (empty, "-3", "2,5", too big) becomes 0, which Rust rejects with its "od 1 do …" message under
 * the field: the ranges live in Rust only.
 */
export function parseCount(text: string | undefined): number {
  const value = (text ?? '').trim();
  if (!WHOLE.test(value)) return 0;
  const n = Number(value);
  return n <= U32_MAX ? n : 0;
}

/** The Security form's values (by control name) as the `Settings` for `settings_save`. */
export function toSettings(values: Record<string, string>): Settings {
  return {
    idle_lock_minutes: parseCount(values.idle_lock_minutes),
    backups_to_keep: parseCount(values.backups_to_keep),
    print_files_keep_days: parseCount(values.print_files_keep_days),
  };
}

/** One decimal below 10 ("3,4 MB"), whole numbers above ("245 KB"); comma as in Polish. */
function amount(n: number): string {
  const text = n < 10 ? n.toFixed(1) : Math.round(n).toString();
  return text.replace('.', ',');
}

/** A file size for people: KB below 1 MB, then MB, then GB (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  const b = Math.max(0, Number(bytes));
  const kb = b / 1024;
  if (kb < 1024) return t('size.kb', { n: b === 0 ? '0' : amount(kb) });
  const mb = kb / 1024;
  if (mb < 1024) return t('size.mb', { n: amount(mb) });
  return t('size.gb', { n: amount(mb / 1024) });
}

/** "dzienna" → "codzienna (automatyczna)"; an unknown label is shown as it is. */
export function backupLabel(label: string): string {
  const key = `backup.label.${label}`;
  return hasKey(key) ? t(key) : label;
}

/** `<data_dir>/backups`, with the separator the data folder already uses (\ on Windows). */
export function backupFolder(dataDir: string): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  const base = dataDir.endsWith(sep) ? dataDir.slice(0, -1) : dataDir;
  return `${base}${sep}backups`;
}
