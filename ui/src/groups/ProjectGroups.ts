// The project page's group work: its groups (a row opens the group; "Nowa grupa" adds one
// with a catalogue service) and its community events ("Dodaj wydarzenie").

import { api } from '../api';
import type { CommunityEvent } from '../bindings/CommunityEvent';
import type { Group } from '../bindings/Group';
import type { Service } from '../bindings/Service';
import { choicesOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { messageBar } from '../ui/feedback';
import { submitForm } from '../ui/submit';
import { dateField, focusFirstInvalid, readValues, searchableSelectField, selectField, showFieldErrors, textField } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { toEventInput, toGroupInput } from './groupModel';
import { serviceWords } from '../plans/serviceWords';

function groupForm(ctx: AppContext, projectId: string, services: Service[], onSaved: (id: string) => void, onCancel: () => void): HTMLFormElement {
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'group-save' }, t('groups.save'));
  const service = searchableSelectField({
    name: 'service',
    idPrefix: 'group',
    label: t('groups.field.service'),
    empty: t('common.choose'),
    searchLabel: t('plan.serviceSearch'),
    choices: services.map((s) => ({ value: s.code, group: s.category, keywords: serviceWords(s.code), label: `${s.name} (${s.unit_label})` })),
  });
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'group' },
    h('h2', null, t('groups.formTitle')),
    h('div', { class: 'grid' },
      textField({ name: 'name', idPrefix: 'group', label: t('groups.field.name'), className: 'wide' }),
      service,
      textField({ name: 'specialist', idPrefix: 'group', label: t('groups.field.specialist') }),
      dateField({ name: 'start_date', idPrefix: 'group', label: t('groups.field.start_date') }),
      dateField({ name: 'end_date', idPrefix: 'group', label: t('groups.field.end_date') })),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: onCancel }, t('common.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.clearError();
    let id = '';
    void submitForm(ctx, form, save, async () => {
      id = await api.groupAdd(projectId, toGroupInput(readValues(form)));
    }).then((ok) => ok && onSaved(id));
  });
  return form;
}

export function groupsSection(ctx: AppContext, projectId: string, groups: Group[]): HTMLElement {
  const open = (id: string) => ctx.navigate({ view: 'group', id });
  const formBox = h('div');
  const add = h('button', { type: 'button', class: 'button', 'data-action': 'new-group' }, t('groups.new'));
  add.addEventListener('click', async () => {
    try {
      const services = await api.serviceList(false);
      add.hidden = true;
      const form = groupForm(ctx, projectId, services, open, () => {
        replace(formBox);
        add.hidden = false;
        add.focus();
      });
      replace(formBox, form);
      form.querySelector('input')?.focus();
    } catch (e) {
      ctx.showError(e);
    }
  });
  const table = groups.length === 0
    ? h('p', { class: 'empty-note' }, t('groups.none'))
    : withTableRoles(h('table', { class: 'data-table clickable groups', 'aria-label': t('groups.tableLabel') },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('groups.col.name')),
          h('th', { scope: 'col' }, t('groups.col.service')),
          h('th', { scope: 'col' }, t('groups.col.period')),
          h('th', { scope: 'col' }, t('groups.col.members')),
          h('th', { scope: 'col' }, t('groups.col.sessions')))),
        h('tbody', null, groups.map((g) =>
          h('tr', { 'data-group-id': g.id, onclick: () => open(g.id) },
            h('td', null, h('button', { type: 'button', class: 'link', onclick: (ev: Event) => { ev.stopPropagation(); open(g.id); } }, g.name)),
            h('td', null, g.service_name),
            h('td', null, formatPeriod(g.start_date, g.end_date)),
            h('td', null, String(g.members.filter((m) => m.left_on === null).length)),
            h('td', null, String(g.sessions)))))));
  return h('div', { 'data-section': 'groups' }, h('h2', null, t('groups.heading')), table, h('div', { class: 'actions' }, add), formBox);
}

function eventsTable(events: CommunityEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'empty-note' }, t('events.none'));
  return withTableRoles(h('table', { class: 'data-table events', 'aria-label': t('events.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('events.col.date')),
      h('th', { scope: 'col' }, t('events.col.title')),
      h('th', { scope: 'col' }, t('events.col.kind')),
      h('th', { scope: 'col' }, t('events.col.headcount')))),
    h('tbody', null, events.map((e) =>
      h('tr', { 'data-event-id': e.id },
        h('td', null, formatDate(e.date)),
        h('td', null, e.title),
        h('td', null, e.kind_label),
        h('td', null, String(e.headcount)))))));
}

export function eventsSection(ctx: AppContext, projectId: string, events: CommunityEvent[]): HTMLElement {
  const info = messageBar('info');
  const list = h('div', null, eventsTable(events));
  const formBox = h('div');
  const add = h('button', { type: 'button', class: 'button', 'data-action': 'new-event' }, t('events.add'));
  const close = () => {
    replace(formBox);
    add.hidden = false;
  };
  add.addEventListener('click', () => {
    add.hidden = true;
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'event-save' }, t('events.save'));
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'event' },
      h('div', { class: 'grid' },
        dateField({ name: 'date', idPrefix: 'event', label: t('events.field.date') }),
        textField({ name: 'title', idPrefix: 'event', label: t('events.field.title') }),
        selectField({ name: 'kind', idPrefix: 'event', label: t('events.field.kind'), choices: choicesOf('event_kind'), value: 'meeting' }),
        textField({ name: 'headcount', idPrefix: 'event', label: t('events.field.headcount'), inputmode: 'numeric' }),
        textField({ name: 'note', idPrefix: 'event', label: t('events.field.note'), className: 'wide' })),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: close }, t('common.cancel'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      ctx.clearError();
      const { input, errors } = toEventInput(readValues(form));
      if (errors.length) {
        showFieldErrors(form, errors);
        focusFirstInvalid(form);
        return;
      }
      void submitForm(ctx, form, save, () => api.eventAdd(projectId, input)).then(async (ok) => {
        if (!ok) return;
        close();
        info.show(t('events.saved'));
        replace(list, eventsTable(await api.eventList(projectId)));
      });
    });
    replace(formBox, form);
    form.querySelector('input')?.focus();
  });
  return h('div', { 'data-section': 'events' }, h('h2', null, t('events.heading')), info.el, list, h('div', { class: 'actions' }, add), formBox);
}
