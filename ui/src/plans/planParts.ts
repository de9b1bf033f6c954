// Small pieces shared by the plan views: progress bars with their text, the status badge, and
// today's date and time as the forms prefill them (dd.mm.yyyy, dd.mm.yyyy HH:MM).

import type { PlanStatus } from '../bindings/PlanStatus';
import type { Progress } from '../bindings/Progress';
import { labelOf } from '../closedLists';
import { h } from '../dom';

export const planStatusLabel = (s: PlanStatus) => labelOf('plan_status', s);

export function statusBadge(s: PlanStatus): HTMLElement {
  return h('span', { class: `badge plan-${s}`, 'data-plan-status-badge': s }, planStatusLabel(s));
}

/**
 * A bar with its text ("3,5 z 10 godz.") and the percentage. `data-progress-for` names what it
 * measures and `data-percent` holds the number (for tests).
 */
export function progressBar(p: Progress, text: string, forWhat: string): HTMLElement {
  const percent = Math.max(0, Math.min(100, p.percent));
  return h(
    'div',
    { class: 'plan-progress', 'data-progress-for': forWhat, 'data-percent': percent },
    h('progress', { max: 100, value: percent, 'aria-label': text }),
    h('span', { class: 'progress-text', 'data-progress-text': '' }, text),
    h('span', { class: 'progress-percent' }, `${percent}%`),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as dd.mm.yyyy (Rust reads it as typed). */
export function todayText(now = new Date()): string {
  return `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
}

/** Now as dd.mm.yyyy HH:MM. */
export function nowText(now = new Date()): string {
  return `${todayText(now)} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A timeline or note time: "2026-03-05" → "05.03.2026", "2026-03-05T10:30" → "05.03.2026 10:30". */
export function formatAt(at: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(at);
  if (!m) return at;
  return m[4] ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}` : `${m[3]}.${m[2]}.${m[1]}`;
}
