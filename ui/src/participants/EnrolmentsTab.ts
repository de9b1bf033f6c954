// The "Projekty" tab of a participant: their enrolments (start, end, status), enrolling in a
// project and ending an active enrolment.

import { api } from '../api';
import type { Enrolment } from '../bindings/Enrolment';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { withTableRoles } from '../ui/table';
import { codeLabel } from './DataTab';
import { endForm, enrolForm, exitStatementForm } from './EnrolmentForms';

type Hooks = Parameters<typeof endForm>[2];

export function endText(e: Enrolment): string {
  if (!e.end) return t('enrol.ongoing');
  const date = formatDate(e.end.end_date);
  return e.end.completed_as_planned ? t('enrol.completed', { date }) : t('enrol.early', { date });
}

/** The situation after leaving as recorded ("osoba poszukująca pracy (oświadczenie z 04.12.2026)"). */
export function exitText(e: Enrolment, options: FormOptions): string {
  const situation = codeLabel(options.exit_situation, e.end?.exit_situation ?? null);
  if (!situation) return '';
  const day = e.end?.exit_statement_date;
  return day ? t('enrol.exitRecorded', { situation, date: formatDate(day) }) : situation;
}

export function enrolmentsTab(ctx: AppContext, p: Participant, options: FormOptions): HTMLElement {
  const list = h('div', { 'data-enrolment-list': '' }, loadingNote());
  const formBox = h('div', { class: 'form-slot' });
  const enrolButton = h('button', { type: 'button', class: 'button primary', 'data-action': 'enrol', onclick: () => void openEnrol() }, t('enrol.add'));

  const closeForm = (focus?: HTMLElement) => {
    replace(formBox);
    (focus ?? enrolButton).focus();
  };
  const afterSave = () => {
    replace(formBox);
    void load().then(() => enrolButton.focus());
  };

  async function load(): Promise<void> {
    try {
      const enrolments = await api.participantEnrolments(p.id);
      if (list.isConnected) replace(list, table(enrolments));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  function table(enrolments: Enrolment[]): HTMLElement {
    if (enrolments.length === 0) return h('p', { class: 'empty-note' }, t('enrol.none'));
    return withTableRoles(h(
      'table',
      { class: 'data-table enrolments' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('enrol.col.project')),
        h('th', { scope: 'col' }, t('enrol.col.start')),
        h('th', { scope: 'col' }, t('enrol.col.end')),
        h('th', { scope: 'col' }, t('enrol.col.group')),
        h('th', { scope: 'col' }, t('enrol.col.statusAtStart')),
        h('th', { scope: 'col' }, t('enrol.col.actions')))),
      h('tbody', null, enrolments.map((e) => {
        const open = (button: HTMLButtonElement, form: (hooks: Hooks) => HTMLFormElement) => () => {
          replace(formBox, form({ ctx, onDone: afterSave, onCancel: () => closeForm(button) }));
          formBox.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])')?.focus();
        };
        const end: HTMLButtonElement | null = e.end ? null : h('button', {
          type: 'button', class: 'button small', 'data-action': 'enrol-end',
        }, t('enrol.end'));
        end?.addEventListener('click', open(end, (hooks) => endForm(e, options, hooks)));
        const exit: HTMLButtonElement | null = e.end ? h('button', {
          type: 'button', class: 'button small', 'data-action': 'exit-statement',
          'aria-label': t('enrol.exitStatementLabel', { project: e.project_name }),
        }, t('enrol.exitStatement')) : null;
        exit?.addEventListener('click', open(exit, (hooks) => exitStatementForm(e, options, hooks)));
        const edit = h('button', { type: 'button', class: 'button small', 'data-action': 'enrol-edit' }, t('enrol.edit'));
        edit.addEventListener('click', () => void openEdit(e, edit));
        return h(
          'tr',
          { 'data-enrolment-id': e.id, 'data-project-id': e.project_id, class: e.end ? 'is-ended' : '' },
          h('td', null, h('button', { type: 'button', class: 'link', onclick: () => ctx.navigate({ view: 'project', id: e.project_id }) }, e.project_name)),
          h('td', null, formatDate(e.start_date)),
          h('td', null, endText(e), e.end?.exit_situation ? h('div', { class: 'muted', 'data-exit-situation': e.end.exit_situation }, exitText(e, options)) : null),
          h('td', null, e.target_group ?? ''),
          h('td', null, codeLabel(options.labour_status, e.status_at_start) ?? ''),
          h('td', { class: 'row-actions' }, end, exit, edit),
        );
      })),
    ));
  }

  async function openEdit(e: Enrolment, button: HTMLButtonElement): Promise<void> {
    replace(formBox, loadingNote());
    try {
      const project = (await api.projectList()).filter((pr) => pr.id === e.project_id);
      if (!formBox.isConnected) return;
      replace(formBox, enrolForm(p, project, options, { ctx, onDone: afterSave, onCancel: () => closeForm(button) }, e));
      formBox.querySelector<HTMLInputElement>('input[name="start_date"]')?.focus();
    } catch (err) {
      replace(formBox);
      ctx.showError(err);
    }
  }

  async function openEnrol(): Promise<void> {
    replace(formBox, loadingNote());
    try {
      const projects = await api.projectList();
      if (!formBox.isConnected) return;
      if (projects.length === 0) {
        replace(formBox, h('p', { class: 'notice' }, t('enrol.noProjects')));
        return;
      }
      replace(formBox, enrolForm(p, projects, options, { ctx, onDone: afterSave, onCancel: () => closeForm() }));
      formBox.querySelector<HTMLSelectElement>('select[name="project_id"]')?.focus();
    } catch (e) {
      replace(formBox);
      ctx.showError(e);
    }
  }

  void load();
  return h('div', { class: 'enrolments-tab' }, list, h('div', { class: 'actions' }, enrolButton), formBox);
}
