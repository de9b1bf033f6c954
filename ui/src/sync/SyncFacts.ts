// The state at the top of the Synchronizacja view: organisation, last export and its file,
// changes waiting, open conflicts, automatic export, the last failed attempt and this computer's
// id — `dl[data-sync-state]` with one `dd[data-sync-fact]` each.

import type { SyncOverview } from '../bindings/SyncOverview';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { loadingNote } from '../ui/feedback';
import { fileName } from './syncParts';
import { lastExportText, pendingText, syncState } from './syncModel';

/** "co 15 min i przy zamykaniu programu", "wyłączony", or that the folder is missing. */
export function automaticText(o: SyncOverview): string {
  switch (syncState(o)) {
    case 'unconfigured':
    case 'off':
      return o.automatic ? t('sync.automatic.on', { minutes: o.settings.interval_minutes }) : t('sync.automatic.off');
    case 'missing':
      return t('sync.bar.missing');
    case 'error':
    case 'ok':
      return t('sync.automatic.on', { minutes: o.settings.interval_minutes });
  }
}

export function factsList(o: SyncOverview): HTMLElement {
  const fact = (id: string, label: string, value: string) => [
    h('dt', null, label),
    h('dd', { 'data-sync-fact': id }, value),
  ];
  return h(
    'dl',
    { class: 'facts', 'data-sync-state': syncState(o) },
    fact('organisation', t('sync.fact.organisation'), o.status.organisation ?? t('sync.fact.notConfigured')),
    fact('last-export', t('sync.fact.lastExport'), lastExportText(o)),
    o.status.last_export_file ? fact('last-file', t('sync.fact.lastFile'), fileName(o.status.last_export_file)) : null,
    fact('pending', t('sync.fact.pending'), pendingText(o.status.pending_changes)),
    fact('conflicts', t('sync.fact.conflicts'), String(o.status.open_conflicts)),
    fact('automatic', t('sync.fact.automatic'), automaticText(o)),
    o.export_error ? fact('export-error', t('sync.fact.exportError'), o.export_error) : null,
  );
}

export interface SyncFacts {
  /** `[data-sync-facts]`: "Wczytywanie…" until the first state. */
  el: HTMLElement;
  show(o: SyncOverview): void;
}

export function syncFacts(): SyncFacts {
  const el = h('div', { 'data-sync-facts': '' }, loadingNote());
  return { el, show: (o) => replace(el, factsList(o)) };
}
