// The "Plany wsparcia" tab of a participant: every plan version (kind, project or "poza
// projektem", version, status, period, progress) opening the editor, and "Nowy plan": its kind
// and either an enrolment (period prefilled from the enrolment's start and the project's end)
// or "poza projektem" for a social contract or a family work plan (today and half a year on),
// which opens the new draft.

import { api, toApiError } from '../api';
import type { Enrolment } from '../bindings/Enrolment';
import type { Participant } from '../bindings/Participant';
import type { PlanInput } from '../bindings/PlanInput';
import type { PlanSummary } from '../bindings/PlanSummary';
import type { Project } from '../bindings/Project';
import { choicesOf, labelOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { dateField, focusFirstInvalid, readValues, selectField, showFieldErrors } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { planStatusLabel, progressBar, todayText } from './planParts';

export function plansTable(ctx: AppContext, plans: PlanSummary[]): HTMLElement {
  if (plans.length === 0) return h('p', { class: 'empty-note', 'data-plans-empty': '' }, t('plans.none'));
  return withTableRoles(h(
    'table',
    { class: 'data-table plans clickable', 'aria-label': t('plans.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('plans.col.document')),
      h('th', { scope: 'col' }, t('plans.col.version')),
      h('th', { scope: 'col' }, t('plans.col.status')),
      h('th', { scope: 'col' }, t('plans.col.period')),
      h('th', { scope: 'col' }, t('plans.col.progress')))),
    h('tbody', null, plans.map((p) => {
      const open = () => ctx.navigate({ view: 'plan', id: p.id });
      return h('tr', { 'data-plan-id': p.id, 'data-plan-status': p.status, class: p.status === 'superseded' ? 'is-ended' : '', onclick: open },
        h('td', null, h('button', { type: 'button', class: 'link', 'data-action': 'plan-open', onclick: (e: Event) => { e.stopPropagation(); open(); } },
          labelOf('plan_kind', p.kind)),
        h('span', { class: 'sub', 'data-plan-project': '' }, p.project_name ?? t('plan.outsideProject'))),
        h('td', null, t('plan.version', { version: p.version })),
        h('td', null, h('span', { class: `badge plan-${p.status}` }, planStatusLabel(p.status))),
        h('td', null, formatPeriod(p.start_date, p.end_date)),
        h('td', null, progressBar({ percent: p.percent, planned: 100, delivered: p.percent }, t('plans.goalsCount', { n: p.goals }), `plan:${p.id}`)));
    })),
  ));
}

/** The enrolment choice of a plan kept outside any project. */
const OUTSIDE = 'outside';

/** Today and six months on, as dd.mm.yyyy (the usual period of a contract or a family plan). */
function halfYearFromToday(now = new Date()): [string, string] {
  const until = new Date(now.getFullYear(), now.getMonth() + 6, now.getDate() - 1);
  return [todayText(now), todayText(until)];
}

function newPlanForm(ctx: AppContext, p: Participant, enrolments: Enrolment[], projects: Project[], close: () => void): HTMLFormElement {
  const endOf = (e: Enrolment | undefined) => projects.find((x) => x.id === e?.project_id)?.end_date ?? '';
  const only = enrolments.length === 1 ? enrolments[0] : undefined;
  const kindField = selectField({
    name: 'kind',
    idPrefix: 'newplan',
    label: t('plans.kind'),
    className: 'wide',
    choices: choicesOf('plan_kind'),
    value: enrolments.length ? 'support_plan' : 'social_contract',
  });
  const enrolmentField = selectField({
    name: 'enrolment_id',
    idPrefix: 'newplan',
    label: t('plans.enrolment'),
    className: 'wide',
    empty: t('common.choose'),
    choices: [
      ...enrolments.map((e) => ({ value: e.id, label: t('plans.enrolmentOption', { project: e.project_name, date: formatDate(e.start_date) }) })),
      { value: OUTSIDE, label: t('plans.outsideOption') },
    ],
    value: only?.id ?? (enrolments.length ? '' : OUTSIDE),
  });
  const start = dateField({ name: 'start_date', idPrefix: 'newplan', label: t('plan.startDate') });
  const end = dateField({ name: 'end_date', idPrefix: 'newplan', label: t('plan.endDate') });
  const kindSelect = kindField.querySelector('select') as HTMLSelectElement;
  const select = enrolmentField.querySelector('select') as HTMLSelectElement;
  const hint = h('p', { class: 'hint', 'data-plan-new-hint': '' });
  const setPeriod = () => {
    const e = enrolments.find((x) => x.id === select.value);
    const [from, until] = e ? [formatDate(e.start_date), formatDate(endOf(e))] : select.value === OUTSIDE ? halfYearFromToday() : ['', ''];
    (start.querySelector('input') as HTMLInputElement).value = from;
    (end.querySelector('input') as HTMLInputElement).value = until;
  };
  const setHint = () => {
    hint.textContent = select.value === OUTSIDE ? t('plans.outsideHint') : t('plans.newHint');
  };
  select.addEventListener('change', () => { setPeriod(); setHint(); });
  kindSelect.addEventListener('change', () => {
    // A contract or a family plan is usually kept outside projects; the other kinds never are.
    const outsideKind = kindSelect.value === 'social_contract' || kindSelect.value === 'family_work_plan';
    if (!outsideKind && select.value === OUTSIDE) select.value = only?.id ?? '';
    else if (outsideKind && enrolments.length === 0) select.value = OUTSIDE;
    setPeriod();
    setHint();
  });
  setPeriod();
  setHint();
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'plan-create' }, t('plans.create'));
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'plan-new' },
    h('h2', null, t('plans.newHeading')),
    hint,
    enrolments.length ? null : h('p', { class: 'notice', 'data-plans-no-enrolment': '' }, t('plans.noEnrolment')),
    h('div', { class: 'grid' }, kindField, enrolmentField, start, end),
    h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' }),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: close }, t('common.cancel'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readValues(form);
    if (!v.enrolment_id) {
      showFieldErrors(form, [{ field: 'enrolment_id', message: t('plans.enrolmentRequired') }]);
      select.focus();
      return;
    }
    const input: PlanInput = { kind: v.kind, goals: [] };
    if (v.start_date.trim()) input.start_date = v.start_date;
    if (v.end_date.trim()) input.end_date = v.end_date;
    const done = markBusy(save, t('common.saving'));
    try {
      const id = v.enrolment_id === OUTSIDE
        ? await api.planCreateForPerson(p.id, input)
        : await api.planCreate(v.enrolment_id, input);
      ctx.navigate({ view: 'plan', id });
    } catch (err) {
      done();
      const error = toApiError(err);
      const summary = form.querySelector('[data-form-summary]') as HTMLElement;
      const unplaced = showFieldErrors(form, error.fields);
      const messages = error.fields.length ? unplaced.map((x) => x.message) : [error.message];
      if (error.code === 'locked' || error.code === 'internal') return ctx.showError(error);
      summary.textContent = messages.join(' ');
      summary.hidden = messages.length === 0;
      focusFirstInvalid(form);
    }
  });
  return form;
}

export function plansTab(ctx: AppContext, p: Participant): HTMLElement {
  const list = h('div', { 'data-plan-list': '' }, loadingNote());
  const formBox = h('div', { class: 'form-slot' });
  const add: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'plan-new',
    onclick: () => void openForm(),
  }, t('plans.new'));

  async function openForm(): Promise<void> {
    replace(formBox, loadingNote());
    try {
      const [enrolments, projects] = await Promise.all([api.participantEnrolments(p.id), api.projectList()]);
      const open = enrolments.filter((e) => !e.end);
      if (!formBox.isConnected) return;
      replace(formBox, newPlanForm(ctx, p, open, projects, () => {
        replace(formBox);
        add.focus();
      }));
      formBox.querySelector<HTMLSelectElement>('select')?.focus();
    } catch (e) {
      replace(formBox);
      ctx.showError(e);
    }
  }

  async function load(): Promise<void> {
    try {
      const plans = await api.planList(p.id);
      if (list.isConnected) replace(list, plansTable(ctx, plans));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  void load();
  return h('div', { class: 'plans-tab' }, list, h('div', { class: 'actions' }, add), formBox);
}
