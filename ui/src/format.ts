// Formatting for people: ISO dates (YYYY-MM-DD) as dd.mm.yyyy, RFC 3339 timestamps as local
// dd.mm.yyyy HH:MM, and ages with the right Polish plural ("1 rok", "3 lata", "25 lat").

import { t } from './i18n';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-03-05" → "05.03.2024". Anything else (already dd.mm.yyyy, free text) is returned as is. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const m = ISO_DATE.exec(value.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** An RFC 3339 timestamp in the computer's time zone: "dd.mm.yyyy HH:MM". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A period "dd.mm.yyyy–dd.mm.yyyy". */
export function formatPeriod(from: string, to: string): string {
  return t('projects.period', { from: formatDate(from), to: formatDate(to) });
}

/** Polish plural category: 1 → one; 2–4, 22–24, … → few; the rest → many. */
export function pluralCategory(n: number): 'one' | 'few' | 'many' {
  const abs = Math.abs(Math.trunc(n));
  if (abs === 1) return 'one';
  const last = abs % 10;
  const lastTwo = abs % 100;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

const COUNT = new Intl.NumberFormat('pl-PL', { maximumFractionDigits: 0 });

/** A count as Poles write it: "950", "2000", "12 500", "254 673" (spaces between thousands). */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** "1 rok", "3 lata", "25 lat". */
export function formatAge(years: number): string {
  const cat = pluralCategory(years);
  return t(cat === 'one' ? 'age.one' : cat === 'few' ? 'age.few' : 'age.many', { n: years });
}
