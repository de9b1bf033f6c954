// Simple views: the honest "coming in a later version" pages (plans, documents, sync) and the
// settings page with the real data folder, worker and version.

import { api } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import { h, replace } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { AppContext, View } from './context';

export function placeholderView(id: 'plans' | 'documents' | 'sync', title: MessageKey, description: MessageKey): View {
  const el = h(
    'section',
    { class: 'view', 'data-view': id },
    h('h1', { tabindex: -1 }, t(title)),
    h('p', { class: 'lead' }, t(description)),
    h('p', { class: 'notice' }, t('placeholder.coming')),
  );
  return { el };
}

function settingsList(status: AppStatus): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('settings.dataDir')),
    h('dd', { 'data-setting': 'data-dir' }, status.data_dir),
    h('dt', null, t('settings.worker')),
    h('dd', { 'data-setting': 'worker' }, status.worker ?? t('common.notGiven')),
    h('dt', null, t('settings.version')),
    h('dd', { 'data-setting': 'version' }, status.version),
  );
}

export function settingsView(ctx: AppContext): View {
  const body = h('div', null, settingsList(ctx.status));
  const el = h('section', { class: 'view', 'data-view': 'settings' }, h('h1', { tabindex: -1 }, t('nav.settings')), body);
  // Refresh from the app, in case anything changed since unlocking.
  api.appStatus().then(
    (status) => {
      if (el.isConnected) replace(body, settingsList(status));
    },
    (e) => ctx.showError(e),
  );
  return { el };
}
