// The enrolment forms of the "Projekty" tab: enrolling the participant in a project (project,
// start date, target group, status at start) or correcting those data, ending an active
// enrolment, and recording the exit statement of an ended one.

import { api } from '../api';
import type { Enrolment } from '../bindings/Enrolment';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import type { Project } from '../bindings/Project';
import type { EnrolmentEndInput } from '../bindings/EnrolmentEndInput';
import type { EnrolmentInput } from '../bindings/EnrolmentInput';
import type { ExitStatementInput } from '../bindings/ExitStatementInput';
import { labelOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { dateField, readValues, selectField, showFieldErrors, textField } from '../ui/fields';
import { submitForm } from '../ui/submit';

const present = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);

interface FormHooks {
  ctx: AppContext;
  onDone(): void;
  onCancel(): void;
}

/** Runs `send`, showing its field errors in `form`; calls `hooks.onDone` on success. */
async function submitWith(form: HTMLFormElement, button: HTMLButtonElement, hooks: FormHooks, send: () => Promise<unknown>): Promise<void> {
  if (await submitForm(hooks.ctx, form, button, send)) hooks.onDone();
}

/**
 * Enrolling the person in a project, or — with `existing` — correcting the data of joining of
 * one participation (its project stays).
 */
export function enrolForm(p: Participant, projects: Project[], options: FormOptions, hooks: FormHooks, existing?: Enrolment): HTMLFormElement {
  const groupBox = h('div', { class: 'field-slot' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': existing ? 'enrol-edit-save' : 'enrol-save' },
    t(existing ? 'enrol.editSave' : 'enrol.save'));

  function groupField(project: Project | undefined): void {
    const groups = project?.target_groups ?? [];
    replace(groupBox, selectField({
      name: 'target_group',
      idPrefix: 'enrol',
      label: t('enrol.targetGroup'),
      empty: groups.length ? t('common.choose') : t('enrol.noGroups'),
      choices: groups.map((g) => ({ value: g, label: g })),
      value: existing?.target_group ?? (groups.length === 1 ? groups[0] : ''),
    }));
  }

  const projectField = selectField({
    name: 'project_id',
    idPrefix: 'enrol',
    label: t('enrol.project'),
    className: 'wide',
    empty: t('common.choose'),
    choices: projects.map((pr) => ({ value: pr.id, label: `${pr.name} (${formatPeriod(pr.start_date, pr.end_date)})` })),
    value: existing?.project_id ?? (projects.length === 1 ? projects[0].id : ''),
  });
  const projectSelect = projectField.querySelector('select') as HTMLSelectElement;
  // A participation keeps its project: only the data of joining is corrected.
  projectSelect.disabled = existing !== undefined;
  projectSelect.addEventListener('change', () => groupField(projects.find((pr) => pr.id === projectSelect.value)));
  groupField(projects.find((pr) => pr.id === projectSelect.value));

  const substatus = selectField({
    name: 'substatus_at_start',
    idPrefix: 'enrol',
    label: t('enrol.substatusAtStart'),
    empty: t('common.choose'),
    choices: options.labour_substatus.map((o) => ({ value: o.code, label: o.label })),
    value: existing ? existing.substatus_at_start ?? '' : p.labour_substatus ?? '',
  });
  const substatusSelect = substatus.querySelector('select') as HTMLSelectElement;
  const educationEnd = dateField({
    name: 'education_end',
    idPrefix: 'enrol',
    label: t('enrol.educationEnd'),
    hint: t('enrol.educationEndHint'),
    value: existing?.education_end ? formatDate(existing.education_end) : '',
  });
  // Only a person in education has a planned end of education.
  const syncEducation = () => (educationEnd.hidden = substatusSelect.value !== 'in_education');
  substatusSelect.addEventListener('change', syncEducation);
  syncEducation();

  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-form': existing ? 'enrol-edit' : 'enrol', 'data-enrolment-id': existing?.id },
    h('h2', null, existing ? t('enrol.editHeading', { project: existing.project_name }) : t('enrol.addHeading')),
    h('div', { class: 'grid' },
      projectField,
      dateField({ name: 'start_date', idPrefix: 'enrol', label: t('enrol.startDate'), value: existing ? formatDate(existing.start_date) : '' }),
      groupBox,
      selectField({
        name: 'status_at_start',
        idPrefix: 'enrol',
        label: t('enrol.statusAtStart'),
        empty: t('common.choose'),
        choices: options.labour_status.map((o) => ({ value: o.code, label: o.label })),
        value: existing ? existing.status_at_start ?? '' : p.labour_status ?? '',
      }),
      substatus,
      educationEnd),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    const projectId = existing?.project_id ?? v.project_id;
    if (!projectId) {
      showFieldErrors(form, [{ field: 'project_id', message: t('enrol.projectRequired') }]);
      projectSelect.focus();
      return;
    }
    const input: EnrolmentInput = {};
    if (present(v.start_date)) input.start_date = v.start_date;
    if (present(v.target_group)) input.target_group = v.target_group;
    if (present(v.status_at_start)) input.status_at_start = v.status_at_start;
    if (present(v.substatus_at_start)) input.substatus_at_start = v.substatus_at_start;
    if (v.substatus_at_start === 'in_education' && present(v.education_end)) input.education_end = v.education_end;
    void submitWith(form, save, hooks, () =>
      existing ? api.enrolmentUpdate(existing.id, input) : api.enrolmentAdd(p.id, projectId, input));
  });
  return form;
}

/** The situation after leaving, from the closed list. */
function exitSituationField(options: FormOptions, value: string, hint?: string): HTMLElement {
  return selectField({
    name: 'exit_situation',
    idPrefix: 'end',
    label: t('enrol.exitSituation'),
    hint,
    className: 'wide',
    empty: t('common.choose'),
    choices: options.exit_situation.map((o) => ({ value: o.code, label: o.label })),
    value,
  });
}

export function endForm(enrolment: Enrolment, options: FormOptions, hooks: FormHooks): HTMLFormElement {
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'enrol-end-save' }, t('enrol.endSave'));
  const reason = textField({ name: 'early_leave_reason', idPrefix: 'end', label: t('enrol.reason'), className: 'wide' });
  const completed = selectField({
    name: 'completed_as_planned',
    idPrefix: 'end',
    label: t('enrol.completedAsPlanned'),
    empty: t('common.choose'),
    choices: [{ value: 'true', label: labelOf('answer', 'yes') }, { value: 'false', label: labelOf('answer', 'no') }],
  });
  const completedSelect = completed.querySelector('select') as HTMLSelectElement;
  const syncReason = () => (reason.hidden = completedSelect.value !== 'false');
  completedSelect.addEventListener('change', syncReason);
  syncReason();

  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-form': 'enrol-end', 'data-enrolment-id': enrolment.id },
    h('h2', null, t('enrol.endHeading', { project: enrolment.project_name })),
    h('div', { class: 'grid' },
      dateField({ name: 'end_date', idPrefix: 'end', label: t('enrol.endDate') }),
      completed,
      exitSituationField(options, '', t('enrol.exitHint')),
      reason),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    const input: EnrolmentEndInput = {};
    if (present(v.end_date)) input.end_date = v.end_date;
    if (present(v.exit_situation)) input.exit_situation = v.exit_situation;
    if (v.completed_as_planned === 'true') input.completed_as_planned = true;
    if (v.completed_as_planned === 'false') {
      input.completed_as_planned = false;
      if (present(v.early_leave_reason)) input.early_leave_reason = v.early_leave_reason;
    }
    void submitWith(form, save, hooks, () => api.enrolmentEnd(enrolment.id, input));
  });
  return form;
}

/** The exit statement of an ended participation: the situation within 4 weeks and its day. */
export function exitStatementForm(enrolment: Enrolment, options: FormOptions, hooks: FormHooks): HTMLFormElement {
  const end = enrolment.end;
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'exit-statement-save' }, t('enrol.exitStatementSave'));
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-form': 'exit-statement', 'data-enrolment-id': enrolment.id },
    h('h2', null, t('enrol.exitStatementHeading', { project: enrolment.project_name })),
    h('div', { class: 'grid' },
      exitSituationField(options, end?.exit_situation ?? ''),
      dateField({
        name: 'statement_date',
        idPrefix: 'exit',
        label: t('enrol.statementDate'),
        hint: end ? t('enrol.statementDateHint', { date: formatDate(end.end_date) }) : undefined,
        value: end?.exit_statement_date ? formatDate(end.exit_statement_date) : '',
      })),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    const input: ExitStatementInput = {};
    if (present(v.exit_situation)) input.exit_situation = v.exit_situation;
    if (present(v.statement_date)) input.statement_date = v.statement_date;
    void submitWith(form, save, hooks, () => api.enrolmentExitStatement(enrolment.id, input));
  });
  return form;
}
