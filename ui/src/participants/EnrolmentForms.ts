// The two enrolment forms of the "Projekty" tab: enrolling the participant in a project (project,
// start date, target group, status at start) and ending an active enrolment.

import { api } from '../api';
import type { Enrolment } from '../bindings/Enrolment';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import type { Project } from '../bindings/Project';
import type { EnrolmentEndInput } from '../bindings/EnrolmentEndInput';
import type { EnrolmentInput } from '../bindings/EnrolmentInput';
import { labelOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatPeriod } from '../format';
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

export function enrolForm(p: Participant, projects: Project[], options: FormOptions, hooks: FormHooks): HTMLFormElement {
  const groupBox = h('div', { class: 'field-slot' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'enrol-save' }, t('enrol.save'));

  function groupField(project: Project | undefined): void {
    const groups = project?.target_groups ?? [];
    replace(groupBox, selectField({
      name: 'target_group',
      idPrefix: 'enrol',
      label: t('enrol.targetGroup'),
      empty: groups.length ? t('common.choose') : t('enrol.noGroups'),
      choices: groups.map((g) => ({ value: g, label: g })),
      value: groups.length === 1 ? groups[0] : '',
    }));
  }

  const projectField = selectField({
    name: 'project_id',
    idPrefix: 'enrol',
    label: t('enrol.project'),
    className: 'wide',
    empty: t('common.choose'),
    choices: projects.map((pr) => ({ value: pr.id, label: `${pr.name} (${formatPeriod(pr.start_date, pr.end_date)})` })),
    value: projects.length === 1 ? projects[0].id : '',
  });
  const projectSelect = projectField.querySelector('select') as HTMLSelectElement;
  projectSelect.addEventListener('change', () => groupField(projects.find((pr) => pr.id === projectSelect.value)));
  groupField(projects.find((pr) => pr.id === projectSelect.value));

  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-form': 'enrol' },
    h('h2', null, t('enrol.addHeading')),
    h('div', { class: 'grid' },
      projectField,
      dateField({ name: 'start_date', idPrefix: 'enrol', label: t('enrol.startDate') }),
      groupBox,
      selectField({
        name: 'status_at_start',
        idPrefix: 'enrol',
        label: t('enrol.statusAtStart'),
        empty: t('common.choose'),
        choices: options.labour_status.map((o) => ({ value: o.code, label: o.label })),
        value: p.labour_status ?? '',
      }),
      selectField({
        name: 'substatus_at_start',
        idPrefix: 'enrol',
        label: t('enrol.substatusAtStart'),
        empty: t('common.choose'),
        choices: options.labour_substatus.map((o) => ({ value: o.code, label: o.label })),
        value: p.labour_substatus ?? '',
      })),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    if (!v.project_id) {
      showFieldErrors(form, [{ field: 'project_id', message: t('enrol.projectRequired') }]);
      projectSelect.focus();
      return;
    }
    const input: EnrolmentInput = {};
    if (present(v.start_date)) input.start_date = v.start_date;
    if (present(v.target_group)) input.target_group = v.target_group;
    if (present(v.status_at_start)) input.status_at_start = v.status_at_start;
    if (present(v.substatus_at_start)) input.substatus_at_start = v.substatus_at_start;
    void submitWith(form, save, hooks, () => api.enrolmentAdd(p.id, v.project_id, input));
  });
  return form;
}

export function endForm(enrolment: Enrolment, hooks: FormHooks): HTMLFormElement {
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
      textField({ name: 'exit_situation', idPrefix: 'end', label: t('enrol.exitSituation'), hint: t('enrol.exitHint'), className: 'wide' }),
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
