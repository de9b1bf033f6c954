// The "Synchronizacja" view: the state (last export, pending changes, conflicts), the
// organisation's sync passphrase, the export folder and interval with "Eksportuj teraz", import
// from a folder (or one bundle file), and the conflicts a person resolves ("Zostaw moje" /
// "Weź ich"). Rust checks everything; its field errors appear under the fields. The export and
// the import can be long (a first export of a large registry writes every record): both show a
// progress bar and can be stopped.

import { api, isApiError, toApiError } from '../api';
import type { ApiError } from '../bindings/ApiError';
import type { ExportProgress } from '../bindings/ExportProgress';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncExportSettings } from '../bindings/SyncExportSettings';
import type { SyncOverview } from '../bindings/SyncOverview';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { cancelControl, loadingNote, markBusy } from '../ui/feedback';
import { listenTo } from '../ui/events';
import { controls, focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';
import { EXPORT_PROGRESS_EVENT, IMPORT_PROGRESS_EVENT, listenSyncStatus } from './syncStatus';
import {
  exportProgressState, fieldLabel, importProgressState, importSummary, importTotals, lastExportText, pendingText, sortConflicts,
  syncState, tableLabel, toExportSettings, valueText, type ProgressState,
} from './syncModel';

/** A section's own error line (role="alert"), for failures that belong to no field. */
function errorLine(id: string): HTMLElement {
  return h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-sync-error': id });
}

function showError(line: HTMLElement, message: string | null) {
  line.textContent = message ?? '';
  line.hidden = !message;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

interface LongJob {
  /** The bar: `[data-{kind}-busy]`, hidden except while the job runs. */
  progress: HTMLElement;
  /** "Przerwij …": `[data-action=sync-{kind}-cancel]`, hidden except while the job runs. */
  stop: HTMLButtonElement;
  /** Shows the bar at `firstStep` and follows the job's events; resolves with the function that ends it. */
  start(firstStep: string): Promise<() => void>;
}

/**
 * The progress bar and stop button of a long job, the same for the export and the import: the
 * block `[data-{kind}-busy]` (with `data-done` and `data-total` of the last event) holding
 * `progress[data-{kind}-progress]`, the step `[data-{kind}-step]` and `[data-{kind}-percent]`.
 */
function longJob<P extends { done: number; total: number }>(
  kind: 'export' | 'import',
  job: {
    event: string;
    state: (p: P) => ProgressState;
    label: string;
    stop: string;
    stopping: string;
    requestStop: () => Promise<unknown>;
    onError: (error: unknown) => void;
  },
): LongJob {
  const stop = h('button', { type: 'button', class: 'button', 'data-action': `sync-${kind}-cancel`, hidden: true, onclick: () => void stopping.ask() }, job.stop);
  const stopping = cancelControl(stop, job.stopping, job.requestStop, job.onError);
  const bar = h('progress', { max: 100, value: 0, [`data-${kind}-progress`]: '', 'aria-label': job.label });
  const step = h('span', { class: 'progress-text', [`data-${kind}-step`]: '' });
  const percent = h('span', { class: 'progress-percent', [`data-${kind}-percent`]: '' });
  const progress = h('div', { class: 'progress progress-large', role: 'status', [`data-${kind}-busy`]: '', hidden: true }, bar, step, percent);

  function show(p: P) {
    const state = job.state(p);
    bar.value = state.percent;
    bar.setAttribute('aria-valuetext', state.text);
    step.textContent = state.text;
    percent.textContent = t('sync.progressPercent', { percent: state.percent });
    progress.dataset.done = String(p.done);
    progress.dataset.total = String(p.total);
  }

  return {
    progress,
    stop,
    async start(firstStep: string) {
      bar.value = 0;
      bar.removeAttribute('aria-valuetext');
      step.textContent = firstStep;
      percent.textContent = '';
      delete progress.dataset.done;
      delete progress.dataset.total;
      progress.hidden = false;
      stop.hidden = false;
      const unlisten = await listenTo<P>(job.event, show);
      return () => {
        unlisten();
        progress.hidden = true;
        stop.hidden = true;
        stopping.reset();
      };
    },
  };
}

function automaticText(o: SyncOverview): string {
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

function factsList(o: SyncOverview): HTMLElement {
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
    fact('device', t('sync.fact.device'), o.status.device_id),
  );
}

export function SyncView(ctx: AppContext): View {
  let overview: SyncOverview | null = null;
  let disposed = false;
  const facts = h('div', { 'data-sync-facts': '' }, loadingNote());

  // ---- the organisation's passphrase -------------------------------------------------------
  const setupError = errorLine('setup');
  const setupDone = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-setup' });
  const setupNote = h('p', { class: 'notice', 'data-sync-configured': '', hidden: true });
  const setupButton = h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-setup' }, t('sync.setup.save'));
  const setupForm = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-setup' },
    setupError,
    h('div', { class: 'grid two' },
      textField({ name: 'organisation', label: t('sync.setup.organisation'), hint: t('sync.setup.organisationHint'), idPrefix: 'sync', className: 'wide' }),
      textField({ name: 'passphrase', type: 'password', label: t('sync.setup.passphrase'), hint: t('sync.setup.passphraseHint'), autocomplete: 'new-password', idPrefix: 'sync' }),
      textField({ name: 'passphrase_repeat', type: 'password', label: t('sync.setup.repeat'), autocomplete: 'new-password', idPrefix: 'sync' })),
    h('div', { class: 'actions' }, setupButton, setupDone),
  );

  // ---- export folder and interval, export now ---------------------------------------------
  const exportError = errorLine('export');
  const settingsDone = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-settings' });
  const exportDone = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-export' });
  const settingsButton = h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-settings-save', disabled: true }, t('sync.export.save'));
  const exportButton = h('button', { type: 'button', class: 'button', 'data-action': 'sync-export-now', onclick: () => void exportNow() }, t('sync.export.now'));
  const exporting = longJob<ExportProgress>('export', {
    event: EXPORT_PROGRESS_EVENT,
    state: exportProgressState,
    label: t('sync.export.progressLabel'),
    stop: t('sync.export.cancel'),
    stopping: t('sync.export.cancelling'),
    requestStop: () => api.syncExportCancel(),
    onError: (e) => ctx.showError(e),
  });
  const exportForm = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-settings' },
    h('div', { class: 'grid two' },
      textField({ name: 'folder', label: t('sync.export.folder'), hint: t('sync.export.folderHint'), idPrefix: 'sync', className: 'wide', placeholder: t('sync.export.folderPlaceholder') }),
      textField({ name: 'interval_minutes', type: 'number', inputmode: 'numeric', label: t('sync.export.interval'), hint: t('sync.export.intervalHint'), idPrefix: 'sync', attrs: { step: '1', min: '0', max: '1440' } })),
    h('div', { class: 'actions' }, settingsButton, settingsDone),
  );

  // ---- import -------------------------------------------------------------------------------
  const importError = errorLine('import');
  const importResult = h('div', { class: 'import-result', 'data-import-result': '', role: 'status', hidden: true });
  const importButton = h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-import' }, t('sync.import.run'));
  const importing = longJob<ImportProgress>('import', {
    event: IMPORT_PROGRESS_EVENT,
    state: importProgressState,
    label: t('sync.import.progressLabel'),
    stop: t('sync.import.cancel'),
    stopping: t('sync.import.cancelling'),
    requestStop: () => api.syncImportCancel(),
    onError: (e) => ctx.showError(e),
  });
  const importForm = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-import' },
    importError,
    textField({ name: 'import_path', label: t('sync.import.path'), hint: t('sync.import.pathHint'), idPrefix: 'sync' }),
    h('div', { class: 'actions' }, importButton, importing.stop),
    importing.progress,
  );

  // ---- conflicts ------------------------------------------------------------------------------
  const conflictsError = errorLine('conflicts');
  const conflictList = h('div', { class: 'conflict-list', 'data-conflict-list': '' }, loadingNote());
  const showResolved = h('input', { type: 'checkbox', id: 'sync-show-resolved', name: 'show_resolved', onchange: () => void loadConflicts() });
  const names = new Map<string, string>();

  function fillSettings(settings: SyncExportSettings) {
    const named = controls(exportForm);
    named.get('folder')!.value = settings.folder;
    named.get('interval_minutes')!.value = String(settings.interval_minutes);
    const path = controls(importForm).get('import_path')!;
    if (!path.value) path.value = settings.folder;
  }

  function showOverview(o: SyncOverview) {
    const before = overview;
    overview = o;
    placeSetup(o.status.configured);
    replace(facts, factsList(o));
    setupNote.hidden = !o.status.configured;
    setupNote.textContent = o.status.configured ? t('sync.setup.configured', { organisation: o.status.organisation ?? '' }) : '';
    setupButton.textContent = o.status.configured ? t('sync.setup.change') : t('sync.setup.save');
    const orgField = controls(setupForm).get('organisation')!;
    if (o.status.configured && o.status.organisation && !orgField.value) orgField.value = o.status.organisation;
    if (before && before.status.open_conflicts !== o.status.open_conflicts) void loadConflicts();
  }

  function refresh(): Promise<void> {
    return api.syncStatus().then(
      (o) => {
        if (!disposed) showOverview(o);
      },
      (e) => ctx.showError(e),
    );
  }

  /** A failure: per-field errors under their fields, `locked` to the unlock screen, the rest in `line`. */
  function place(form: HTMLElement, line: HTMLElement, error: ApiError) {
    if (error.code === 'locked' || error.code === 'not_initialized') return ctx.showError(error);
    const unplaced = error.code === 'invalid_input' ? showFieldErrors(form, error.fields) : [];
    const placed = error.code === 'invalid_input' && unplaced.length < error.fields.length;
    if (!placed) showError(line, error.message);
    else if (unplaced.length) showError(line, unplaced.map((f) => f.message).join(' '));
    focusFirstInvalid(form);
  }

  // ---- actions ----------------------------------------------------------------------------------
  /** The buttons that start work here; one piece of work at a time, so the others are disabled meanwhile. */
  const starters = [setupButton, settingsButton, exportButton, importButton];
  let busy = false;
  async function run<T>(button: HTMLButtonElement, busyLabel: string, work: () => Promise<T>): Promise<T | undefined> {
    if (busy) return undefined;
    busy = true;
    const others = starters.filter((b) => b !== button && !b.disabled);
    for (const b of others) b.disabled = true;
    const done = markBusy(button, busyLabel);
    try {
      return await work();
    } finally {
      busy = false;
      done();
      for (const b of others) b.disabled = false;
    }
  }

  setupForm.addEventListener('input', () => (setupDone.textContent = ''));
  setupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(setupButton, t('sync.setup.busy'), async () => {
      setupDone.textContent = '';
      showError(setupError, null);
      showFieldErrors(setupForm, []);
      const values = readValues(setupForm);
      if (values.passphrase !== values.passphrase_repeat) {
        showFieldErrors(setupForm, [{ field: 'passphrase_repeat', message: t('sync.setup.mismatch') }]);
        focusFirstInvalid(setupForm);
        return;
      }
      try {
        const organisation = values.organisation.trim();
        const report = await api.syncSetup(values.passphrase, organisation === '' ? null : organisation);
        const named = controls(setupForm);
        named.get('passphrase')!.value = '';
        named.get('passphrase_repeat')!.value = '';
        named.get('organisation')!.value = report.organisation;
        setupDone.textContent = t('sync.setup.saved', { organisation: report.organisation });
        await refresh();
      } catch (err) {
        place(setupForm, setupError, toApiError(err));
      }
    });
  });

  exportForm.addEventListener('input', () => (settingsDone.textContent = ''));
  exportForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(settingsButton, t('common.saving'), async () => {
      settingsDone.textContent = '';
      showError(exportError, null);
      showFieldErrors(exportForm, []);
      const parsed = toExportSettings(readValues(exportForm));
      if (!parsed.ok) {
        showFieldErrors(exportForm, [{ field: parsed.field, message: parsed.message }]);
        focusFirstInvalid(exportForm);
        return;
      }
      try {
        fillSettings(await api.syncSettingsSave(parsed.settings));
        settingsDone.textContent = t('sync.export.saved');
        await refresh();
      } catch (err) {
        place(exportForm, exportError, toApiError(err));
      }
    });
  });

  async function exportNow() {
    await run(exportButton, t('sync.export.busy'), async () => {
      exportDone.textContent = '';
      exportDone.removeAttribute('data-exported-file');
      exportDone.removeAttribute('data-cancelled');
      showError(exportError, null);
      showFieldErrors(exportForm, []);
      const end = await exporting.start(t('sync.export.preparing'));
      try {
        const report = await api.syncExportNow();
        exportDone.textContent = report.file
          ? t('sync.export.done', { message: report.message, file: fileName(report.file) })
          : report.message;
        if (report.file) exportDone.setAttribute('data-exported-file', report.file);
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'cancelled') {
          // Not a failure: nothing was written, the changes wait for the next export. Rust's
          // words when it gave any (toApiError would put "unexpected error" in their place).
          exportDone.setAttribute('data-cancelled', 'true');
          exportDone.textContent = isApiError(err) && err.message.trim() ? err.message : t('sync.export.cancelled');
        } else {
          place(exportForm, exportError, error);
        }
      } finally {
        end();
      }
      await refresh();
    });
  }

  importForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(importButton, t('sync.import.busy'), async () => {
      showError(importError, null);
      showFieldErrors(importForm, []);
      importResult.hidden = true;
      delete importResult.dataset.cancelled;
      const end = await importing.start(t('sync.import.busy'));
      try {
        const totals = importTotals(await api.syncImport(readValues(importForm).import_path ?? ''));
        importResult.dataset.applied = String(totals.applied);
        importResult.dataset.unchanged = String(totals.unchanged);
        importResult.dataset.conflicts = String(totals.conflicts);
        replace(
          importResult,
          h('p', null, importSummary(totals)),
          totals.refused.length
            ? h('div', { class: 'refused', 'data-import-refused': '' },
              h('p', { class: 'form-error' }, t('sync.import.refused', { n: totals.refused.length })),
              h('ul', null, totals.refused.map((r) => h('li', { 'data-refused-file': fileName(r.file) },
                h('strong', null, fileName(r.file)), ': ', r.error))))
            : null,
        );
        importResult.hidden = false;
        await refresh();
        await loadConflicts();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'cancelled') {
          // Not a failure: say what was kept, calmly, where the result goes.
          importResult.dataset.cancelled = 'true';
          replace(importResult, h('p', null, error.message));
          importResult.hidden = false;
          await refresh();
        } else {
          place(importForm, importError, error);
        }
      } finally {
        end();
      }
    });
  });

  // ---- conflicts ---------------------------------------------------------------------------------
  async function recordName(c: SyncConflict): Promise<string | null> {
    if (c.table !== 'participants') return null;
    if (!names.has(c.record_id)) {
      try {
        const p = await api.participantGet(c.record_id);
        names.set(c.record_id, `${p.first_name} ${p.last_name}`.trim());
      } catch {
        names.set(c.record_id, '');
      }
    }
    return names.get(c.record_id) || null;
  }

  function conflictCard(c: SyncConflict, name: string | null): HTMLElement {
    const open = c.resolved_at === null;
    const value = (side: 'mine' | 'theirs', label: string, v: unknown) => h(
      'div',
      { class: `conflict-value${c.winner === side ? ' current' : ''}`, 'data-conflict-value': side },
      h('p', { class: 'conflict-side' }, label, c.winner === side ? h('span', { class: 'badge' }, t('sync.conflict.current')) : null),
      h('p', { class: 'conflict-text' }, valueText(v)),
    );
    const resolve = (keepMine: boolean, button: HTMLButtonElement) => void run(button, t('common.saving'), async () => {
      showError(conflictsError, null);
      try {
        await api.syncResolve(c.id, keepMine);
        await loadConflicts();
        await refresh();
        conflictList.querySelector<HTMLButtonElement>('[data-conflict-status=open] button')?.focus();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'locked') ctx.showError(error);
        else showError(conflictsError, error.message);
      }
    });
    const keepMine: HTMLButtonElement = h('button', { type: 'button', class: 'button', 'data-action': 'keep-mine', onclick: () => resolve(true, keepMine) }, t('sync.conflict.keepMine'));
    const takeTheirs: HTMLButtonElement = h('button', { type: 'button', class: 'button', 'data-action': 'take-theirs', onclick: () => resolve(false, takeTheirs) }, t('sync.conflict.takeTheirs'));
    const headingId = `conflict-${c.id}`;
    return h(
      'article',
      { class: 'conflict-card', 'data-conflict-id': c.id, 'data-conflict-status': open ? 'open' : 'resolved', 'aria-labelledby': headingId },
      h('h3', { id: headingId },
        name ? t('sync.conflict.titleNamed', { type: tableLabel(c.table), name, field: fieldLabel(c.table, c.field) })
          : t('sync.conflict.title', { type: tableLabel(c.table), field: fieldLabel(c.table, c.field) })),
      h('p', { class: 'meta' }, t('sync.conflict.detected', { when: formatDateTime(c.detected_at) })),
      h('div', { class: 'conflict-values' },
        value('mine', t('sync.conflict.mine'), c.mine),
        value('theirs', t('sync.conflict.theirs'), c.theirs)),
      open
        ? h('div', { class: 'actions' }, keepMine, takeTheirs)
        : h('p', { class: 'meta', 'data-conflict-resolution': c.resolution ?? '' },
          t(c.resolution === 'mine' ? 'sync.conflict.resolvedMine' : 'sync.conflict.resolvedTheirs', { when: formatDateTime(c.resolved_at) })),
    );
  }

  async function loadConflicts(): Promise<void> {
    try {
      const conflicts = sortConflicts(await api.syncConflicts(showResolved.checked));
      if (disposed) return;
      if (conflicts.length === 0) {
        replace(conflictList, h('p', { class: 'empty-note', 'data-conflicts-empty': '' }, t('sync.conflict.none')));
        return;
      }
      const cards: HTMLElement[] = [];
      for (const c of conflicts) cards.push(conflictCard(c, await recordName(c)));
      if (!disposed) replace(conflictList, cards);
    } catch (err) {
      const error = toApiError(err);
      replace(conflictList);
      // Before the passphrase is set there is nothing to show, not an error.
      if (error.code === 'conflict') replace(conflictList, h('p', { class: 'empty-note', 'data-conflicts-empty': '' }, t('sync.conflict.none')));
      else if (error.code === 'locked') ctx.showError(error);
      else showError(conflictsError, error.message);
    }
  }

  const section = (id: string, heading: string, ...children: Array<HTMLElement | null>) => h(
    'section',
    { class: 'settings-section', 'data-section': id, 'aria-labelledby': `sync-${id}-heading` },
    h('h2', { id: `sync-${id}-heading` }, heading),
    ...children,
  );

  const setupSection = section('sync-setup', t('sync.setup.heading'),
    h('p', null, t('sync.setup.intro')),
    h('p', null, t('sync.setup.same')),
    setupNote,
    setupForm);
  // Daily work first; the passphrase section goes last once it is set, first until then.
  const setupFirst = h('div', { 'data-sync-slot': 'first' });
  const setupLast = h('div', { 'data-sync-slot': 'last' }, setupSection);
  let placed = false;
  function placeSetup(configured: boolean) {
    if (placed) return;
    placed = true;
    if (!configured) setupFirst.append(setupSection);
  }

  const el = h(
    'section',
    { class: 'view sync-view', 'data-view': 'sync' },
    h('h1', { tabindex: -1 }, t('nav.sync')),
    h('p', { class: 'lead' }, t('sync.lead')),
    facts,
    setupFirst,
    section('sync-export', t('sync.export.heading'),
      h('p', null, t('sync.export.intro')),
      exportError,
      exportForm,
      h('div', { class: 'actions' }, exportButton, exporting.stop, exportDone),
      exporting.progress),
    section('sync-import', t('sync.import.heading'), h('p', null, t('sync.import.intro')), importForm, importResult),
    section('sync-conflicts', t('sync.conflict.heading'),
      h('p', null, t('sync.conflict.intro')),
      h('div', { class: 'field checkbox' }, showResolved, h('label', { for: 'sync-show-resolved' }, t('sync.conflict.showResolved'))),
      conflictsError,
      conflictList),
    setupLast,
  );

  api.syncSettingsGet().then(
    (settings) => {
      fillSettings(settings);
      settingsButton.disabled = false;
    },
    (e) => ctx.showError(e),
  );
  void refresh();
  void loadConflicts();
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
      stopListening();
    },
  };
}
