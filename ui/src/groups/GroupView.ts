// One group: what it is, its members (adding a participant of the project, a member leaving),
// recording a session — everyone ticked as present, untick the absent, save — and the
// attendance lists (blank for the next session, one session, a month).

import { api } from '../api';
import type { Group } from '../bindings/Group';
import type { GroupMember } from '../bindings/GroupMember';
import type { ProjectDetail } from '../bindings/ProjectDetail';
import type { Session } from '../bindings/Session';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote, markBusy, messageBar } from '../ui/feedback';
import { checkboxField, dateField, readValues, selectField, showFieldErrors, textField } from '../ui/fields';
import { placeFormError, submitForm } from '../ui/submit';
import { dateDialog } from '../ui/formDialog';
import { withTableRoles } from '../ui/table';
import { currentMembers, isoToday, toSessionInput } from './groupModel';

function facts(g: Group): HTMLElement {
  const rows: Array<[string, string]> = [
    [t('groups.facts.service'), g.service_name],
    [t('groups.facts.specialist'), g.specialist ?? t('common.notGiven')],
    [t('groups.facts.period'), formatPeriod(g.start_date, g.end_date)],
  ];
  return h('dl', { class: 'facts' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

export function GroupView(ctx: AppContext, id: string): View {
  const heading = h('h1', { tabindex: -1 }, t('common.loading'));
  const info = messageBar('info');
  const back = h('button', { type: 'button', class: 'link back', 'data-action': 'back' }, t('groups.back'));
  const body = h('div', null, loadingNote());
  const el = h('section', { class: 'view', 'data-view': 'group', 'data-group-id': id }, back, heading, info.el, body);

  function print(button: HTMLButtonElement, sessionId: string | null, month: string | null): void {
    const done = markBusy(button, t('common.saving'));
    api.groupAttendancePrint(id, sessionId, month).then(
      (file) => info.show(t('groups.saved', { file })),
      (e) => ctx.showError(e),
    ).finally(() => {
      if (button.isConnected) done();
    });
  }

  function sessionForm(g: Group, last: Session | undefined): HTMLFormElement {
    const members = currentMembers(g, isoToday());
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'session-save' }, t('groups.session.save'));
    const today = isoToday().split('-').reverse().join('.');
    const form = h('form', { class: 'inline-form session-form', novalidate: true, 'data-form': 'session' },
      h('h2', null, t('groups.recordSession')),
      h('div', { class: 'grid session-grid' },
        dateField({ name: 'date', idPrefix: 'session', label: t('groups.session.date'), value: today }),
        // Groups meet at the same hours: the last session's are offered.
        textField({ name: 'from', idPrefix: 'session', label: t('groups.session.from'), maxlength: 5, inputmode: 'numeric', value: last?.from.slice(0, 5) }),
        textField({ name: 'to', idPrefix: 'session', label: t('groups.session.to'), maxlength: 5, inputmode: 'numeric', value: last?.to.slice(0, 5) }),
        textField({ name: 'topic', idPrefix: 'session', label: t('groups.session.topic'), className: 'wide' })),
      h('fieldset', { class: 'present-list', 'data-field': 'present' },
        h('legend', null, t('groups.session.present')),
        members.map((m) => checkboxField({ name: `present.${m.participant_id}`, idPrefix: 'session', label: m.name, checked: true }))),
      h('div', { class: 'actions' }, save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      ctx.clearError();
      const input = toSessionInput(readValues(form), members.map((m) => m.participant_id));
      const done = markBusy(save, t('common.saving'));
      try {
        const added = await api.sessionAdd(id, input);
        const names = added.not_in_plan.map((pid) => members.find((m) => m.participant_id === pid)?.name ?? pid);
        info.show([t('groups.session.saved', { deliveries: added.deliveries }),
          names.length ? t('groups.session.notInPlan', { names: names.join(', ') }) : ''].join(' ').trim());
        // The form is far down a long page: bring the confirmation into view.
        info.el.scrollIntoView?.({ block: 'nearest' });
        load();
      } catch (err) {
        placeFormError(ctx, form, err);
      } finally {
        if (save.isConnected) done();
      }
    });
    return form;
  }

  function membersTable(g: Group): HTMLElement {
    if (g.members.length === 0) return h('p', { class: 'empty-note' }, t('groups.noMembers'));
    const leave = async (m: GroupMember) => {
      const ok = await dateDialog({
        title: t('groups.leaveTitle'),
        text: t('groups.leaveText', { name: m.name }),
        label: t('groups.leaveDate'),
        confirm: t('groups.leaveSave'),
        name: 'leave-group',
        run: (date) => api.groupLeave(id, m.participant_id, date),
      });
      if (ok) load();
    };
    return withTableRoles(h('table', { class: 'data-table group-members', 'aria-label': t('groups.membersLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('groups.col.person')),
        h('th', { scope: 'col' }, t('groups.col.joined')),
        h('th', { scope: 'col' }, t('groups.col.left')),
        h('th', { scope: 'col' }, t('groups.col.actions')))),
      h('tbody', null, g.members.map((m) =>
        h('tr', { 'data-member-id': m.participant_id, class: m.left_on ? 'is-ended' : '' },
          h('td', null, h('button', { type: 'button', class: 'link', onclick: () => ctx.navigate({ view: 'participant', id: m.participant_id }) }, m.name)),
          h('td', null, formatDate(m.joined_on)),
          h('td', null, m.left_on ? formatDate(m.left_on) : ''),
          h('td', null, m.left_on ? null : h('button', {
            type: 'button', class: 'button quiet', 'data-action': 'leave', 'aria-label': t('groups.leaveLabel', { name: m.name }), onclick: () => void leave(m),
          }, t('groups.leave'))))))));
  }

  function joinForm(g: Group, project: ProjectDetail): HTMLElement {
    const inGroup = new Set(currentMembers(g, isoToday()).map((m) => m.participant_id));
    const candidates = project.enrolments.filter((e) => e.end === null && !inGroup.has(e.participant_id));
    if (candidates.length === 0) return h('p', { class: 'hint' }, t('groups.everyoneIn'));
    const add = h('button', { type: 'submit', class: 'button', 'data-action': 'join' }, t('groups.addMember'));
    const form = h('form', { class: 'inline-form join-form', novalidate: true, 'data-form': 'join' },
      h('div', { class: 'grid' },
        selectField({ name: 'participant_id', idPrefix: 'join', label: t('groups.addMemberField'), empty: t('common.choose'),
          choices: candidates.map((e) => ({ value: e.participant_id, label: e.participant_name })) }),
        dateField({ name: 'date', idPrefix: 'join', label: t('groups.joinDate') })),
      h('div', { class: 'actions' }, add));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      if (!v.participant_id) {
        showFieldErrors(form, [{ field: 'participant_id', message: t('candidate.pickRequired') }]);
        return;
      }
      if (await submitForm(ctx, form, add, () => api.groupJoin(id, v.participant_id, v.date?.trim() ? v.date : null))) load();
    });
    return form;
  }

  function sessionsTable(sessions: Session[]): HTMLElement {
    if (sessions.length === 0) return h('p', { class: 'empty-note' }, t('groups.noSessions'));
    return withTableRoles(h('table', { class: 'data-table group-sessions', 'aria-label': t('groups.sessionsLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('groups.col.date')),
        h('th', { scope: 'col' }, t('groups.col.hours')),
        h('th', { scope: 'col' }, t('groups.col.topic')),
        h('th', { scope: 'col' }, t('groups.col.present')),
        h('th', { scope: 'col' }, t('groups.col.actions')))),
      h('tbody', null, sessions.map((s) => {
        const button = h('button', { type: 'button', class: 'button quiet', 'data-action': 'print-session', 'aria-label': t('groups.printSessionLabel', { date: formatDate(s.date) }) }, t('groups.printSession'));
        button.addEventListener('click', () => print(button, s.id, null));
        return h('tr', { 'data-session-id': s.id },
          h('td', null, formatDate(s.date)),
          h('td', null, `${s.from.slice(0, 5)}–${s.to.slice(0, 5)}`),
          h('td', null, s.topic),
          h('td', null, t('groups.presentOf', { present: s.attendance.filter((a) => a.present).length, all: s.attendance.length })),
          h('td', null, button));
      }))));
  }

  function render(g: Group, project: ProjectDetail, sessions: Session[]): void {
    heading.textContent = g.name;
    back.onclick = () => ctx.navigate({ view: 'project', id: g.project_id });
    const blank = h('button', { type: 'button', class: 'button', 'data-action': 'print-blank' }, t('groups.printBlank'));
    blank.addEventListener('click', () => print(blank, null, null));
    const months = [...new Set(sessions.map((s) => s.date.slice(0, 7)))];
    const monthField = selectField({ name: 'month', idPrefix: 'group', label: t('groups.month'), choices: months.map((m) => ({ value: m, label: m.split('-').reverse().join('.') })) });
    const monthButton = h('button', { type: 'button', class: 'button', 'data-action': 'print-month' }, t('groups.printMonth'));
    monthButton.addEventListener('click', () => print(monthButton, null, (monthField.querySelector('select') as HTMLSelectElement).value));
    replace(body,
      facts(g),
      h('div', { class: 'actions' }, blank),
      currentMembers(g, isoToday()).length ? sessionForm(g, sessions[0]) : null,
      h('h2', null, t('groups.members')),
      membersTable(g),
      joinForm(g, project),
      h('h2', null, t('groups.sessions')),
      sessionsTable(sessions),
      months.length ? h('div', { class: 'actions month-print' }, monthField, monthButton) : null);
  }

  function load(): void {
    api.groupGet(id).then(
      async (g) => {
        const [project, sessions] = await Promise.all([api.projectGet(g.project_id), api.sessionList(id)]);
        if (el.isConnected) render(g, project, sessions);
      },
    ).catch((e) => {
      replace(body);
      heading.textContent = t('groups.heading');
      ctx.showError(e);
    });
  }
  load();
  return { el, focus: () => heading.focus() };
}
