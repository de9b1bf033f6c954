// The honest "coming in a later version" page, for a view not built yet. The settings page
// is in ../settings/, sync in ../sync/.

import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { View } from './context';

export function placeholderView(id: 'plans' | 'sync', title: MessageKey, description: MessageKey): View {
  const el = h(
    'section',
    { class: 'view', 'data-view': id },
    h('h1', { tabindex: -1 }, t(title)),
    h('p', { class: 'lead' }, t(description)),
    h('p', { class: 'notice' }, t('placeholder.coming')),
  );
  return { el };
}
