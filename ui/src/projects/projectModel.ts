// Project form values → ProjectInput: empty text left out, target groups one per line, the
// participant target as a whole number (or a local error when it is not a number at all).

import type { FieldError } from '../bindings/FieldError';
import type { Project } from '../bindings/Project';
import type { ProjectInput } from '../bindings/ProjectInput';
import { formatDate } from '../format';
import { t } from '../i18n';

const TEXT_KEYS = [
  'name', 'agreement_number', 'programme', 'priority', 'measure', 'call_number', 'start_date', 'end_date', 'retention_until',
  'eu_funds', 'state_budget', 'own_contribution',
] as const;

/** Grosze as a form shows them: 123456789 → "1 234 567,89" (empty for none). */
export function moneyText(grosze: number | null): string {
  if (grosze === null) return '';
  const zloty = Math.floor(grosze / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${zloty},${String(grosze % 100).padStart(2, '0')}`;
}

/** The project's value: each source and the total, in złoty ("1 234 567,89 zł"). */
export function valueRows(p: Project): Array<[string, string]> {
  const parts: Array<[string, number | null]> = [
    [t('pfield.eu_funds'), p.eu_funds], [t('pfield.state_budget'), p.state_budget], [t('pfield.own_contribution'), p.own_contribution],
  ];
  const given = parts.filter((x): x is [string, number] => x[1] !== null);
  if (given.length === 0) return [];
  const total = given.reduce((sum, [, v]) => sum + v, 0);
  return [...given.map(([label, v]): [string, string] => [label, `${moneyText(v)} zł`]), [t('pfield.total'), `${moneyText(total)} zł`]];
}

export function splitLines(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** The input to send, or the field errors that stop it from being built. */
export function toProjectInput(values: Record<string, string>): { input: ProjectInput; errors: FieldError[] } {
  const input: ProjectInput = {};
  const errors: FieldError[] = [];
  for (const key of TEXT_KEYS) {
    const value = values[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const target = (values.participant_target ?? '').replace(/\s/g, '');
  if (target !== '') {
    if (/^\d+$/.test(target)) input.participant_target = Number(target);
    else errors.push({ field: 'participant_target', message: t('projects.targetNotNumber') });
  }
  const groups = splitLines(values.target_groups);
  if (groups.length) input.target_groups = groups;
  const criteria = splitLines(values.eligibility_criteria);
  if (criteria.length) input.eligibility_criteria = criteria;
  const attachments = splitLines(values.attachments);
  if (attachments.length) input.attachments = attachments;
  return { input, errors };
}

/** Puts a stored project into the form (dates as dd.mm.yyyy, target groups one per line). */
export function fillProject(form: HTMLFormElement, p: Project): void {
  const values: Record<string, string> = {
    name: p.name,
    agreement_number: p.agreement_number ?? '',
    programme: p.programme ?? '',
    priority: p.priority ?? '',
    measure: p.measure ?? '',
    call_number: p.call_number ?? '',
    eu_funds: moneyText(p.eu_funds),
    state_budget: moneyText(p.state_budget),
    own_contribution: moneyText(p.own_contribution),
    start_date: formatDate(p.start_date),
    end_date: formatDate(p.end_date),
    participant_target: p.participant_target === null ? '' : String(p.participant_target),
    retention_until: formatDate(p.retention_until),
    target_groups: p.target_groups.join('\n'),
    eligibility_criteria: p.eligibility_criteria.join('\n'),
    attachments: p.attachments.join('\n'),
  };
  for (const [name, value] of Object.entries(values)) {
    const control = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
    if (control) control.value = value;
  }
}
