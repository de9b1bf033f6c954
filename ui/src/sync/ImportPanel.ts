// "Import": a folder of bundles (the export folder by default) or one bundle file, with its
// progress bar and "Przerwij import"; then the totals (also as data-applied, data-unchanged and
// data-conflicts) and the bundles that were refused, each with Rust's reason. A stopped import
// says what was kept, calmly, where the result goes.

import { api, toApiError } from '../api';
import type { ImportProgress } from '../bindings/ImportProgress';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { addPicker, chooseFolderLabel } from '../ui/picker';
import type { AppContext } from '../shell/context';
import { controls, readValues, showFieldErrors, textField } from '../ui/fields';
import { longJob } from './LongJob';
import { IMPORT_PROGRESS_EVENT } from './syncStatus';
import { importProgressState, importSummary, importTotals, type ImportTotals } from './syncModel';
import { errorLine, fileName, placeError, showError, syncSection } from './syncParts';
import { type OneAtATime } from '../ui/work';

export interface ImportPanel {
  /** `section[data-section=sync-import]`. */
  el: HTMLElement;
  /** Puts the export folder in the path field unless something is typed there already. */
  suggestPath(folder: string): void;
}

export interface ImportHooks {
  /** Reads the state again (after an import, also a stopped one). */
  refresh(): Promise<void>;
  /** Reads the conflicts again (an import may have found new ones). */
  loadConflicts(): Promise<void>;
}

/** The totals and the refused bundles (file name and Rust's reason, as text). */
function resultContent(totals: ImportTotals): Array<HTMLElement | null> {
  return [
    h('p', null, importSummary(totals)),
    totals.refused.length
      ? h('div', { class: 'refused', 'data-import-refused': '' },
        h('p', { class: 'form-error' }, t('sync.import.refused', { n: totals.refused.length })),
        h('ul', null, totals.refused.map((r) => h('li', { 'data-refused-file': fileName(r.file) },
          h('strong', null, fileName(r.file)), ': ', r.error))))
      : null,
  ];
}

export function importPanel(ctx: AppContext, work: OneAtATime, hooks: ImportHooks): ImportPanel {
  const problem = errorLine('import');
  const result = h('div', { class: 'import-result', 'data-import-result': '', role: 'status', hidden: true });
  const button = work.starter(h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-import' }, t('sync.import.run')));
  const importing = longJob<ImportProgress>('import', {
    event: IMPORT_PROGRESS_EVENT,
    state: importProgressState,
    label: t('sync.import.progressLabel'),
    stop: t('sync.import.cancel'),
    stopping: t('sync.import.cancelling'),
    requestStop: () => api.syncImportCancel(),
    onError: (e) => ctx.showError(e),
  });
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-import' },
    problem,
    textField({ name: 'import_path', label: t('sync.import.path'), hint: t('sync.import.pathHint'), idPrefix: 'sync' }),
    h('div', { class: 'actions' }, button, importing.stop),
    importing.progress,
  );

  addPicker(form.querySelector<HTMLElement>('[data-field=import_path]')!, chooseFolderLabel(),
    (current) => api.pickFolder(t('picker.folderTitle'), current || null), (e) => ctx.showError(e));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void work.run(button, t('sync.import.busy'), async () => {
      showError(problem, null);
      showFieldErrors(form, []);
      result.hidden = true;
      delete result.dataset.cancelled;
      const end = await importing.start(t('sync.import.busy'));
      try {
        const totals = importTotals(await api.syncImport(readValues(form).import_path ?? ''));
        result.dataset.applied = String(totals.applied);
        result.dataset.unchanged = String(totals.unchanged);
        result.dataset.conflicts = String(totals.conflicts);
        replace(result, ...resultContent(totals));
        result.hidden = false;
        await hooks.refresh();
        await hooks.loadConflicts();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'cancelled') {
          // Not a failure: say what was kept, calmly, where the result goes.
          result.dataset.cancelled = 'true';
          replace(result, h('p', null, error.message));
          result.hidden = false;
          await hooks.refresh();
        } else {
          placeError(ctx, form, problem, error);
        }
      } finally {
        end();
      }
    });
  });

  return {
    el: syncSection('sync-import', t('sync.import.heading'), h('p', null, t('sync.import.intro')), form, result),
    suggestPath(folder) {
      const path = controls(form).get('import_path')!;
      if (!path.value) path.value = folder;
    },
  };
}
