// The group-work check of "Raporty": who came to a project's group sessions without the
// group's service in their plan — their attendance is recorded, but no delivery reached a plan
// (so it is not in the plan's progress or in CST2021's support dates). Each person is a link to
// their plans.

import { api } from '../api';
import type { Project } from '../bindings/Project';
import type { UnplannedAttendance } from '../bindings/UnplannedAttendance';
import { h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { selectField, showFieldErrors } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { reportSection } from './ReportResult';
import { projectLabel } from './reportsModel';

function resultTable(ctx: AppContext, rows: UnplannedAttendance[]): HTMLElement {
  if (rows.length === 0) return h('p', { 'data-group-check': 'clean' }, t('reports.groups.clean'));
  return withTableRoles(h('table', { class: 'data-table group-check', 'data-group-check': String(rows.length), 'aria-label': t('reports.groups.heading') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('reports.groups.col.person')),
      h('th', { scope: 'col' }, t('reports.groups.col.group')),
      h('th', { scope: 'col' }, t('reports.groups.col.sessions')))),
    h('tbody', null, rows.map((r) => h('tr', { 'data-participant-id': r.participant_id },
      h('td', null, h('button', { type: 'button', class: 'link', onclick: () => ctx.navigate({ view: 'participant', id: r.participant_id, tab: 'plans' }) }, r.name)),
      h('td', null, `${r.group_name} (${r.service_name})`),
      h('td', null, t('reports.groups.sessionsValue', { n: r.sessions, first: formatDate(r.first), last: formatDate(r.last) })))))));
}

export function groupCheckSection(ctx: AppContext, projects: Project[]): HTMLElement | null {
  if (projects.length === 0) return null;
  const out = h('div', { role: 'status' });
  const projectField = selectField({
    name: 'group-check-project',
    idPrefix: 'reports',
    label: t('reports.cst.project'),
    empty: t('common.choose'),
    choices: projects.map((p) => ({ value: p.id, label: projectLabel(p) })),
    value: projects.length === 1 ? projects[0].id : '',
  });
  const select = projectField.querySelector('select') as HTMLSelectElement;
  const button = h('button', { type: 'button', class: 'button', 'data-action': 'group-check' }, t('reports.groups.check'));
  const form = h('div', { 'data-form': 'group-check' }, h('div', { class: 'grid two' }, projectField));
  button.addEventListener('click', async () => {
    showFieldErrors(form, []);
    if (!select.value) {
      showFieldErrors(form, [{ field: 'group-check-project', message: t('reports.groups.chooseProject') }]);
      select.focus();
      return;
    }
    const done = markBusy(button, t('common.loading'));
    try {
      replace(out, resultTable(ctx, await api.groupCheck(select.value)));
    } catch (e) {
      ctx.showError(e);
    } finally {
      if (button.isConnected) done();
    }
  });
  return reportSection('report-groups', t('reports.groups.heading'),
    h('p', null, t('reports.groups.intro')), form, h('div', { class: 'actions' }, button), out);
}
