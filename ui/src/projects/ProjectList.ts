// The project list: name, agreement number, period and progress to the participant target;
// "Nowy projekt" opens the form, a row opens the project.

import { api } from '../api';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { withTableRoles } from '../ui/table';
import { progressBlock } from './progress';

function table(ctx: AppContext, projects: Project[]): HTMLElement {
  if (projects.length === 0) return h('p', { class: 'empty-note' }, t('projects.empty'));
  const open = (id: string) => ctx.navigate({ view: 'project', id });
  return withTableRoles(h(
    'table',
    { class: 'data-table clickable projects', 'aria-label': t('projects.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('projects.col.name')),
      h('th', { scope: 'col' }, t('projects.col.agreement')),
      h('th', { scope: 'col' }, t('projects.col.period')),
      h('th', { scope: 'col' }, t('projects.col.progress')))),
    h('tbody', null, projects.map((p) =>
      h('tr', { 'data-project-id': p.id, onclick: () => open(p.id) },
        // The name is a real button, so the row can be opened from the keyboard too.
        h('td', null, h('button', { type: 'button', class: 'link', onclick: (e: Event) => { e.stopPropagation(); open(p.id); } }, p.name)),
        h('td', null, p.agreement_number ?? ''),
        h('td', null, formatPeriod(p.start_date, p.end_date)),
        h('td', null, progressBlock(p))))),
  ));
}

export function ProjectList(ctx: AppContext): View {
  const body = h('div', null, loadingNote());
  const el = h(
    'section',
    { class: 'view', 'data-view': 'projects' },
    h('div', { class: 'view-header' },
      h('h1', { tabindex: -1 }, t('nav.projects')),
      h('button', { type: 'button', class: 'button primary', 'data-action': 'new-project', onclick: () => ctx.navigate({ view: 'project-new' }) }, t('projects.new'))),
    body,
  );
  api.projectList().then(
    (projects) => {
      if (el.isConnected) replace(body, table(ctx, projects));
    },
    (e) => {
      replace(body);
      ctx.showError(e);
    },
  );
  return { el };
}
