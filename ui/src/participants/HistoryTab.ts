// The "Historia" tab: the participant's audit events (when, who, what, which fields) in Polish.

import { api } from '../api';
import type { AuditEvent } from '../bindings/AuditEvent';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { hasKey, t, type MessageKey } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { withTableRoles } from '../ui/table';

const ACTIONS: Record<string, MessageKey> = {
  create: 'action.create',
  update: 'action.update',
  archive: 'action.archive',
  restore: 'action.restore',
  relation_added: 'action.relation_added',
  relation_removed: 'action.relation_removed',
  delete: 'action.delete',
  end: 'action.end',
};

export function actionLabel(action: string): string {
  const key = ACTIONS[action];
  return key ? t(key) : action;
}

/** A field's Polish label ("address.postcode" → "Kod pocztowy"), or the name itself. */
export function fieldLabel(field: string): string {
  const correspondence = field.startsWith('correspondence_address.');
  const key = `field.${correspondence ? field.replace('correspondence_address.', 'address.') : field}`;
  if (!hasKey(key)) return field;
  return correspondence ? `${t('field.correspondence_address')}: ${t(key)}` : t(key);
}

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
  const root = h('div', { class: 'history-tab' }, loadingNote());
  api.participantAudit(participantId).then(
    (events) => {
      if (root.isConnected) replace(root, table(events));
    },
    (e) => {
      replace(root);
      ctx.showError(e);
    },
  );
  return root;
}
