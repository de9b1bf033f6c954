// One project: its data, progress to the participant target, the enrolled participants (a row
// opens the participant), its recruitment rounds (a row opens the round), its groups and its
// community events.

import { api } from '../api';
import { addToProject } from './AddToProject';
import type { Enrolment } from '../bindings/Enrolment';
import type { ProjectDetail } from '../bindings/ProjectDetail';
import type { Recruitment } from '../bindings/Recruitment';
import { eventsSection, groupsSection } from '../groups/ProjectGroups';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import { endText } from '../participants/EnrolmentsTab';
import type { AppContext, View } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { withTableRoles } from '../ui/table';
import { progressBlock } from './progress';
import { valueRows } from './projectModel';
import type { SexProgress } from '../bindings/SexProgress';

/** Women and men enrolled, active and completed (equal-opportunity reporting). */
function bySex(rows: SexProgress[]): HTMLElement {
  return h('table', { class: 'data-table by-sex', 'aria-label': t('projects.bySexLabel'), 'data-by-sex': '' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('projects.bySex.sex')),
      h('th', { scope: 'col' }, t('projects.bySex.enrolled')),
      h('th', { scope: 'col' }, t('projects.bySex.active')),
      h('th', { scope: 'col' }, t('projects.bySex.completed')))),
    h('tbody', null, rows.map((r) => h('tr', { 'data-sex': r.sex },
      h('th', { scope: 'row' }, t(r.sex === 'female' ? 'projects.bySex.women' : 'projects.bySex.men')),
      h('td', null, String(r.enrolled)), h('td', null, String(r.active)), h('td', null, String(r.completed))))));
}

function facts(d: ProjectDetail): HTMLElement {
  const p = d.project;
  const rows: Array<[string, string | Node]> = [
    [t('pfield.agreement_number'), p.agreement_number ?? t('common.notGiven')],
    [t('pfield.programme'), p.programme ?? t('common.notGiven')],
    ...([['pfield.priority', p.priority], ['pfield.measure', p.measure], ['pfield.call_number', p.call_number]] as const)
      .filter(([, v]) => v).map(([k, v]): [string, string] => [t(k), v as string]),
    [t('pfield.period'), formatPeriod(p.start_date, p.end_date)],
    [t('pfield.target_groups'), p.target_groups.length ? h('ul', { class: 'plain' }, p.target_groups.map((g) => h('li', null, g))) : t('projects.noGroups')],
    [t('pfield.retention_until'), p.retention_until ? formatDate(p.retention_until) : t('common.notGiven')],
    ...([['pfield.eligibility_criteria', p.eligibility_criteria], ['pfield.attachments', p.attachments]] as const)
      .filter(([, list]) => list.length)
      .map(([k, list]): [string, Node] => [t(k), h('ul', { class: 'plain' }, list.map((c: string) => h('li', null, c)))]),
    ...valueRows(p),
  ];
  return h('dl', { class: 'facts' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

function enrolled(ctx: AppContext, list: Enrolment[]): HTMLElement {
  if (list.length === 0) return h('p', { class: 'empty-note' }, t('projects.noEnrolled'));
  const open = (id: string) => ctx.navigate({ view: 'participant', id, tab: 'projects' });
  return withTableRoles(h(
    'table',
    { class: 'data-table clickable project-enrolments' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('projects.col.participant')),
      h('th', { scope: 'col' }, t('enrol.col.start')),
      h('th', { scope: 'col' }, t('enrol.col.end')),
      h('th', { scope: 'col' }, t('enrol.col.group')))),
    h('tbody', null, list.map((e) =>
      h('tr', { 'data-participant-id': e.participant_id, 'data-enrolment-id': e.id, onclick: () => open(e.participant_id) },
        h('td', null, h('button', { type: 'button', class: 'link', onclick: (ev: Event) => { ev.stopPropagation(); open(e.participant_id); } }, e.participant_name)),
        h('td', null, formatDate(e.start_date)),
        h('td', null, endText(e)),
        h('td', null, e.target_group ?? '')))),
  ));
}

/** The project's recruitment rounds (a row opens the round) and "Nowy nabór". */
function rounds(ctx: AppContext, projectId: string, list: Recruitment[]): HTMLElement[] {
  const open = (id: string) => ctx.navigate({ view: 'recruitment', id });
  const add = h('button', { type: 'button', class: 'button', 'data-action': 'new-round', onclick: () => ctx.navigate({ view: 'recruitment-new', projectId }) }, t('recruitment.new'));
  const table = list.length === 0
    ? h('p', { class: 'empty-note' }, t('recruitment.none'))
    : withTableRoles(h(
        'table',
        { class: 'data-table clickable recruitments', 'aria-label': t('recruitment.tableLabel') },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('recruitment.col.name')),
          h('th', { scope: 'col' }, t('recruitment.col.period')),
          h('th', { scope: 'col' }, t('recruitment.col.places')),
          h('th', { scope: 'col' }, t('recruitment.col.candidates')),
          h('th', { scope: 'col' }, t('recruitment.col.state')))),
        h('tbody', null, list.map((r) =>
          h('tr', { 'data-recruitment-id': r.id, onclick: () => open(r.id) },
            h('td', null, h('button', { type: 'button', class: 'link', onclick: (ev: Event) => { ev.stopPropagation(); open(r.id); } }, r.name)),
            h('td', null, formatPeriod(r.opens, r.closes)),
            h('td', null, t('recruitment.placesValue', { places: r.places, reserve: r.reserve_places })),
            h('td', null, String(r.candidates)),
            h('td', null, r.closing ? t('recruitment.state.closed', { date: formatDate(r.closing.closed_on) }) : t('recruitment.state.open'))))),
      ));
  return [h('h2', null, t('recruitment.heading')), table, h('div', { class: 'actions' }, add)];
}

export function ProjectDetailView(ctx: AppContext, id: string): View {
  const heading = h('h1', { tabindex: -1 }, t('common.loading'));
  const body = h('div', null, loadingNote());
  const el = h(
    'section',
    { class: 'view', 'data-view': 'project-detail', 'data-project-id': id },
    h('button', { type: 'button', class: 'link back', 'data-action': 'back', onclick: () => ctx.navigate({ view: 'projects' }) }, t('projects.back')),
    heading,
    body,
  );
  Promise.all([api.projectGet(id), api.recruitmentList(id), api.groupList(id), api.eventList(id)]).then(
    ([detail, recruitments, groups, events]) => {
      if (!el.isConnected) return;
      heading.textContent = detail.project.name;
      replace(body,
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', 'data-action': 'project-edit', onclick: () => ctx.navigate({ view: 'project-edit', id }) }, t('projects.edit'))),
        facts(detail),
        h('div', { class: 'progress-large' }, progressBlock(detail.project),
          h('p', { class: 'hint' }, t('projects.active', { active: detail.project.active }))),
        withTableRoles(bySex(detail.by_sex)),
        h('h2', null, t('projects.enrolledHeading')),
        addToProject(ctx, detail.project, new Set(detail.enrolments.filter((e) => !e.end).map((e) => e.participant_id)),
          () => ctx.navigate({ view: 'project', id })),
        enrolled(ctx, detail.enrolments),
        rounds(ctx, id, recruitments),
        groupsSection(ctx, id, groups),
        eventsSection(ctx, id, events));
    },
    (e) => {
      replace(body);
      heading.textContent = t('nav.projects');
      ctx.showError(e);
    },
  );
  return { el, focus: () => heading.focus() };
}
