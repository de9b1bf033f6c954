// The "Synchronizacja" view: the state (last export, pending changes, conflicts), the
// organisation's sync passphrase, the export folder and interval with "Eksportuj teraz", import
// from a folder (or one bundle file), and the conflicts a person resolves ("Zostaw moje" /
// "Weź ich"). Rust checks everything; its field errors appear under the fields. The export and
// the import can be long (a first export of a large registry writes every record): both show a
// progress bar and can be stopped. Each part is its own component (./SyncFacts, ./SetupPanel,
// ./ExportPanel, ./ImportPanel, ./ConflictList); this view places them, does one piece of their
// work at a time, and gives them every new state (also from the sync-status event).

import { api } from '../api';
import type { SyncExportSettings } from '../bindings/SyncExportSettings';
import type { SyncOverview } from '../bindings/SyncOverview';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { conflictList } from './ConflictList';
import { exportPanel } from './ExportPanel';
import { importPanel } from './ImportPanel';
import { setupPanel } from './SetupPanel';
import { syncFacts } from './SyncFacts';
import { listenSyncStatus } from './syncStatus';
import { oneAtATime } from '../ui/work';

export function SyncView(ctx: AppContext): View {
  let disposed = false;
  const work = oneAtATime();
  const facts = syncFacts();
  const setup = setupPanel(ctx, work, { refresh });
  const exports = exportPanel(ctx, work, { refresh, settingsSaved: (s) => imports.suggestPath(s.folder) });
  const imports = importPanel(ctx, work, { refresh, loadConflicts: () => conflicts.load() });
  const conflicts = conflictList(ctx, work, { refresh });

  // Daily work first; the passphrase section goes last once it is set, first until then.
  const setupFirst = h('div', { 'data-sync-slot': 'first' });
  const setupLast = h('div', { 'data-sync-slot': 'last' }, setup.el);
  let placed = false;
  function placeSetup(configured: boolean) {
    if (placed) return;
    placed = true;
    if (!configured) setupFirst.append(setup.el);
  }

  function showOverview(o: SyncOverview) {
    placeSetup(o.status.configured);
    facts.show(o);
    setup.show(o);
    conflicts.follow(o);
  }

  function refresh(): Promise<void> {
    return api.syncStatus().then(
      (o) => {
        if (!disposed) showOverview(o);
      },
      (e) => ctx.showError(e),
    );
  }

  function settingsLoaded(settings: SyncExportSettings) {
    exports.settingsLoaded(settings);
    imports.suggestPath(settings.folder);
  }

  const el = h(
    'section',
    { class: 'view sync-view', 'data-view': 'sync' },
    h('h1', { tabindex: -1 }, t('nav.sync')),
    h('p', { class: 'lead' }, t('sync.lead')),
    facts.el,
    setupFirst,
    exports.el,
    imports.el,
    conflicts.el,
    setupLast,
  );

  api.syncSettingsGet().then(settingsLoaded, (e) => ctx.showError(e));
  void refresh();
  void conflicts.load();
  let stopListening: () => void = () => undefined;
  void listenSyncStatus((o) => {
    if (!disposed) showOverview(o);
  }).then((stop) => {
    if (disposed) stop();
    else stopListening = stop;
  });

  return {
    el,
    dispose() {
      disposed = true;
      conflicts.dispose();
      stopListening();
    },
  };
}
