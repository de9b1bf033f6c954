// Audit events in Polish: the one place that turns the log's codes (action, kind of record,
// source, field names) into words. Used by the participant's Historia tab and the Dziennik zdarzeń
// view. A code without a text (a newer program wrote it) is shown as it is.

import { hasKey, t, type MessageKey } from '../i18n';

function label(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasKey(key) ? t(key) : code;
}

/** "create" → "utworzenie rekordu". */
export function actionLabel(action: string): string {
  return label('action', action);
}

/** "participant" → "uczestnik". */
export function entityLabel(entity: string): string {
  return label('auditEntity', entity);
}

/** "ui" → "okno programu". */
export function sourceLabel(source: string): string {
  return label('auditSource', source);
}

/** A field's Polish label ("address.postcode" → "Kod pocztowy"), a document kind's name (a
 * printed document or a consent lists its kind, "data-statement" → "Oświadczenie RODO"), or the
 * name itself. */
export function fieldLabel(field: string): string {
  const correspondence = field.startsWith('correspondence_address.');
  const key = `field.${correspondence ? field.replace('correspondence_address.', 'address.') : field}`;
  if (!hasKey(key)) return hasKey(`doc.kind.${field}`) ? t(`doc.kind.${field}` as MessageKey) : field;
  return correspondence ? `${t('field.correspondence_address')}: ${t(key)}` : t(key);
}
