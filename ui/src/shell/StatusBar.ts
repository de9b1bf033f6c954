// The status bar at the bottom of the unlocked app: worker, data folder, a slot for sync status,
// app version and the "Zablokuj" button.

import type { AppStatus } from '../bindings/AppStatus';
import { h } from '../dom';
import { t } from '../i18n';

export function statusBar(status: AppStatus, onLock: () => void): HTMLElement {
  return h(
    'footer',
    { class: 'status-bar', 'aria-label': t('status.label') },
    h('span', { class: 'status-item', 'data-status': 'worker' }, t('status.worker', { name: status.worker ?? '' })),
    h('span', { class: 'status-item path', 'data-status': 'data-dir', title: status.data_dir }, t('status.dataDir', { path: status.data_dir })),
    // The sync status (last export, pending changes), filled by ../sync/syncStatus.ts.
    h('span', { class: 'status-item sync', id: 'sync-status', 'data-status': 'sync', 'aria-live': 'polite' }),
    h('span', { class: 'status-item', 'data-status': 'version' }, t('status.version', { version: status.version })),
    h('button', { type: 'button', class: 'button small', 'data-action': 'lock', onclick: onLock }, t('status.lock')),
  );
}
