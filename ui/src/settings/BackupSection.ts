// "Kopie zapasowe" on the settings page: what the copies are and where they live, a button that
// makes one now, and the list of copies (newest first) with date, kind and size.

import { api } from '../api';
import type { BackupInfo } from '../bindings/BackupInfo';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { checkboxField } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { backupFolder, backupLabel, formatSize } from './settingsModel';

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function backupTable(backups: BackupInfo[]): HTMLElement {
  if (backups.length === 0) return h('p', { class: 'empty-note', 'data-backups-empty': '' }, t('backup.none'));
  return withTableRoles(h(
    'table',
    { class: 'data-table backups', 'aria-label': t('backup.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('backup.col.date')),
      h('th', { scope: 'col' }, t('backup.col.kind')),
      h('th', { scope: 'col' }, t('backup.col.size')))),
    h('tbody', null, backups.map((b) =>
      h('tr', { 'data-backup': fileName(b.file), 'data-backup-label': b.label, title: b.file },
        h('td', { class: 'nowrap' }, formatDateTime(b.made_at)),
        h('td', null, backupLabel(b.label)),
        h('td', { class: 'nowrap' }, formatSize(b.bytes))))),
  ));
}

export function backupSection(ctx: AppContext): HTMLElement {
  const list = h('div', { 'data-backup-list': '' }, loadingNote());
  const done = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'backup' });
  const create = h('button', { type: 'button', class: 'button primary', 'data-action': 'backup-create', onclick: () => void makeBackup() }, t('backup.create'));
  const transferField = checkboxField({ name: 'for_another_computer', label: t('backup.forTransfer'), idPrefix: 'backup', className: 'inline' });
  const forTransfer = transferField.querySelector<HTMLInputElement>('input')!;
  forTransfer.setAttribute('aria-describedby', 'backup-for-transfer-hint');
  const transfer = h('div', null, transferField, h('p', { class: 'hint', id: 'backup-for-transfer-hint' }, t('backup.forTransferHint')));
  let busy = false;

  function load(): Promise<void> {
    return api.backupList().then(
      (backups) => replace(list, backupTable(backups)),
      (e) => {
        replace(list);
        ctx.showError(e);
      },
    );
  }

  async function makeBackup() {
    if (busy) return;
    busy = true;
    done.textContent = '';
    const restore = markBusy(create, t('backup.creating'));
    try {
      const made = await api.backupCreate(forTransfer.checked);
      await load();
      done.textContent = t(forTransfer.checked ? 'backup.createdForTransfer' : 'backup.created', { size: formatSize(made.bytes) });
    } catch (e) {
      ctx.showError(e);
    } finally {
      busy = false;
      restore();
    }
  }

  void load();
  return h(
    'section',
    { class: 'settings-section', 'data-section': 'backups', 'aria-labelledby': 'settings-backups' },
    h('h2', { id: 'settings-backups' }, t('backup.heading')),
    h('p', null, t('backup.intro')),
    h('p', { 'data-backup-folder': '' }, t('backup.folder', { path: backupFolder(ctx.status.data_dir) })),
    transfer,
    h('div', { class: 'actions' }, create, done),
    list,
  );
}
