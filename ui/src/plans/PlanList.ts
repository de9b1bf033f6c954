// Every person's current plan on the "Plany wsparcia" page, with filters: the project, the kind,
// the status and "przegląd w ciągu 14 dni" (signed plans whose review — every 3 months — is due
// soon or overdue). A name opens the plan.

import { api } from '../api';
import type { PlanFilter } from '../bindings/PlanFilter';
import type { PlanListItem } from '../bindings/PlanListItem';
import { choicesOf, labelOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { checkboxField, controls, selectField } from '../ui/fields';
import { withTableRoles } from '../ui/table';

/** Days ahead the "review due" filter looks. */
export const REVIEW_SOON_DAYS = 14;

export function planTable(ctx: AppContext, items: PlanListItem[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty-note', 'data-plan-list-empty': '' }, t('planList.none'));
  return withTableRoles(h(
    'table',
    { class: 'data-table clickable plan-overview', 'aria-label': t('planList.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('planList.col.person')),
      h('th', { scope: 'col' }, t('plans.col.project')),
      h('th', { scope: 'col' }, t('plans.col.status')),
      h('th', { scope: 'col' }, t('plans.col.period')),
      h('th', { scope: 'col' }, t('planList.col.review')))),
    h('tbody', null, items.map((p) => {
      const open = () => ctx.navigate({ view: 'plan', id: p.plan_id });
      return h('tr', { 'data-plan-id': p.plan_id, 'data-plan-status': p.status, onclick: open },
        h('td', null, h('button', {
          type: 'button',
          class: 'link',
          'data-action': 'plan-open',
          'aria-label': t('planList.open', { name: p.participant_name, project: p.project_name ?? labelOf('plan_kind', p.kind) }),
          onclick: (e: Event) => { e.stopPropagation(); open(); },
        }, p.participant_name)),
        h('td', { 'data-plan-kind': p.kind }, p.project_name ?? t('plan.outsideProject'),
          p.kind === 'support_plan' ? null : h('span', { class: 'sub' }, labelOf('plan_kind', p.kind))),
        h('td', null, h('span', { class: `badge plan-${p.status}` }, p.status_label)),
        h('td', null, formatPeriod(p.start_date, p.end_date)),
        h('td', { class: p.review_overdue ? 'overdue' : undefined, 'data-review': p.next_review ?? '' },
          p.next_review ? formatDate(p.next_review) : '—',
          p.review_overdue ? h('span', { class: 'tag warning-tag' }, t('planList.overdue')) : null));
    })),
  ));
}

export function planList(ctx: AppContext): HTMLElement {
  const list = h('div', { 'data-plan-list': '' }, loadingNote());
  const filters = h('form', { class: 'filters grid', 'data-form': 'plan-filters', onsubmit: (e: Event) => e.preventDefault() },
    selectField({ name: 'project_id', idPrefix: 'plf', label: t('plans.col.project'), empty: t('planList.allProjects'), choices: [] }),
    selectField({ name: 'kind', idPrefix: 'plf', label: t('plans.kind'), empty: t('planList.allKinds'), choices: choicesOf('plan_kind') }),
    selectField({
      name: 'status',
      idPrefix: 'plf',
      label: t('plans.col.status'),
      empty: t('planList.allStatuses'),
      choices: ['draft', 'signed', 'closed'].map((s) => ({ value: s, label: t(`planList.status.${s}` as 'planList.status.draft') })),
    }),
    checkboxField({ name: 'review_soon', idPrefix: 'plf', label: t('planList.reviewSoon', { days: REVIEW_SOON_DAYS }) }));
  const named = controls(filters);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    const filter: PlanFilter = {};
    const project = named.get('project_id')!.value;
    const status = named.get('status')!.value;
    const kind = named.get('kind')!.value;
    if (project) filter.project_id = project;
    if (kind) filter.kind = kind;
    if (status) filter.status = status;
    if ((named.get('review_soon') as HTMLInputElement).checked) filter.review_within_days = REVIEW_SOON_DAYS;
    try {
      const items = await api.planOverview(filter);
      if (mine === seq && list.isConnected) replace(list, h('p', { class: 'list-info', role: 'status' }, t('planList.count', { n: items.length })), planTable(ctx, items));
    } catch (e) {
      ctx.showError(e);
    }
  }

  api.projectList().then((projects) => {
    const select = named.get('project_id') as HTMLSelectElement;
    for (const p of projects) select.append(h('option', { value: p.id }, p.name));
  }, (e) => ctx.showError(e));
  filters.addEventListener('change', () => void load());
  queueMicrotask(() => void load());
  return h('section', { class: 'plan-list', 'aria-labelledby': 'plan-list-heading' },
    h('h2', { id: 'plan-list-heading' }, t('planList.heading')), filters, list);
}
