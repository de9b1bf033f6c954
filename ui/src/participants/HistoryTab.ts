// The "Historia" tab: the participant's audit events (when, who, what, which fields) in Polish,
// and a link to the same events in the Dziennik zdarzeń (where the chain can be checked).

import { api } from '../api';
import type { AuditEvent } from '../bindings/AuditEvent';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { actionLabel, fieldLabel } from '../audit/auditLabels';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { withTableRoles } from '../ui/table';

function table(events: AuditEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'empty-note' }, t('history.none'));
  return withTableRoles(h(
    'table',
    { class: 'data-table history' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('history.col.at')),
      h('th', { scope: 'col' }, t('history.col.actor')),
      h('th', { scope: 'col' }, t('history.col.action')),
      h('th', { scope: 'col' }, t('history.col.fields')))),
    h('tbody', null, events.map((e) =>
      h('tr', { 'data-audit-action': e.action },
        h('td', { class: 'nowrap' }, formatDateTime(e.at)),
        h('td', null, e.actor),
        h('td', null, actionLabel(e.action)),
        h('td', null, e.fields.map(fieldLabel).join(', '))))),
  ));
}

export function historyTab(ctx: AppContext, participantId: string): HTMLElement {
  const list = h('div', null, loadingNote());
  const root = h(
    'div',
    { class: 'history-tab' },
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'show-in-audit',
      onclick: () => ctx.navigate({ view: 'audit', participantId }),
    }, t('audit.showInLog'))),
    list,
  );
  api.participantAudit(participantId).then(
    (events) => {
      if (root.isConnected) replace(list, table(events));
    },
    (e) => {
      replace(list);
      ctx.showError(e);
    },
  );
  return root;
}
