// The panel shown when a save collides with people already in the registry: the same PESEL
// (open the existing record) or a likely duplicate (open one of them, or confirm it is someone else).

import type { ApiError } from '../bindings/ApiError';
import type { ExistingRecord } from '../bindings/ExistingRecord';
import { h } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';

export interface DuplicateActions {
  open(id: string): void;
  /** Present only for likely duplicates: save anyway, confirming it is a different person. */
  saveAnyway?: () => void;
}

export function describeExisting(record: ExistingRecord): string {
  const person = t('duplicate.person', { name: record.name, birth_date: formatDate(record.birth_date) });
  return record.town ? person + t('duplicate.town', { town: record.town }) : person;
}

export function duplicatePanel(error: ApiError, actions: DuplicateActions): HTMLElement {
  const likely = error.code === 'likely_duplicate';
  const heading = h('h2', { tabindex: -1, id: 'duplicate-heading' }, t(likely ? 'duplicate.likelyTitle' : 'duplicate.peselTitle'));
  return h(
    'section',
    { class: 'duplicate-panel', 'data-duplicate': error.code, 'aria-labelledby': 'duplicate-heading' },
    heading,
    h('p', null, likely ? t('duplicate.likelyIntro') : error.message),
    h(
      'ul',
      { class: 'existing-list' },
      error.existing.map((record) =>
        h(
          'li',
          { 'data-existing-id': record.id },
          h('span', { class: 'existing-person' }, describeExisting(record)),
          h('button', { type: 'button', class: 'button', 'data-action': 'open-existing', onclick: () => actions.open(record.id) }, t('duplicate.openExisting')),
        ),
      ),
    ),
    likely && actions.saveAnyway
      ? h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button primary', 'data-action': 'save-anyway', onclick: actions.saveAnyway }, t('duplicate.saveAnyway')))
      : null,
  );
}
