// Group forms' values → the inputs Rust parses. Dates go as typed (dd.mm.yyyy); the session's
// present members are the ticked boxes; numbers are whole numbers or a local error.

import type { EventInput } from '../bindings/EventInput';
import type { FieldError } from '../bindings/FieldError';
import type { Group } from '../bindings/Group';
import type { GroupInput } from '../bindings/GroupInput';
import type { GroupMember } from '../bindings/GroupMember';
import type { SessionInput } from '../bindings/SessionInput';
import { t } from '../i18n';

const present = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v : undefined);

export function toGroupInput(values: Record<string, string>): GroupInput {
  const input: GroupInput = {};
  for (const key of ['name', 'service', 'specialist', 'start_date', 'end_date'] as const) {
    const v = present(values[key]);
    if (v !== undefined) input[key] = v;
  }
  return input;
}

/** The session form: when, what about, and the ids of the ticked members. */
export function toSessionInput(values: Record<string, string>, memberIds: string[]): SessionInput {
  const input: SessionInput = { present: memberIds.filter((id) => values[`present.${id}`] === 'true') };
  for (const key of ['date', 'from', 'to', 'topic'] as const) {
    const v = present(values[key]);
    if (v !== undefined) input[key] = v;
  }
  return input;
}

export function toEventInput(values: Record<string, string>): { input: EventInput; errors: FieldError[] } {
  const input: EventInput = {};
  const errors: FieldError[] = [];
  for (const key of ['date', 'title', 'kind', 'note'] as const) {
    const v = present(values[key]);
    if (v !== undefined) input[key] = v;
  }
  const count = (values.headcount ?? '').replace(/\s/g, '');
  if (count !== '') {
    if (/^\d+$/.test(count)) input.headcount = Number(count);
    else errors.push({ field: 'headcount', message: t('recruitment.notNumber') });
  }
  return { input, errors };
}

/** Members who belong to the group today (not left before it), by name. */
export function currentMembers(group: Group, today: string): GroupMember[] {
  return group.members.filter((m) => m.left_on === null || m.left_on >= today);
}

/** "2026-12-06" of the computer's local day. */
export function isoToday(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
