// "Eksport": the export folder and interval ("Zapisz ustawienia eksportu"), and "Eksportuj teraz"
// with its progress bar and "Przerwij eksport". A stopped export is said calmly, not as a failure:
// nothing was written and the changes wait for the next one.

import { api, isApiError, toApiError } from '../api';
import type { ExportProgress } from '../bindings/ExportProgress';
import type { SyncExportSettings } from '../bindings/SyncExportSettings';
import { h } from '../dom';
import { t } from '../i18n';
import { addPicker, chooseFolderLabel } from '../ui/picker';
import type { AppContext } from '../shell/context';
import { controls, focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';
import { longJob } from './LongJob';
import { EXPORT_PROGRESS_EVENT } from './syncStatus';
import { exportProgressState, toExportSettings } from './syncModel';
import { errorLine, fileName, placeError, showError, syncSection } from './syncParts';
import { type OneAtATime } from '../ui/work';

export interface ExportPanel {
  /** `section[data-section=sync-export]`. */
  el: HTMLElement;
  /** The saved settings arrived: fills the form and allows saving it. */
  settingsLoaded(settings: SyncExportSettings): void;
}

export interface ExportHooks {
  /** Reads the state again (after saving the settings, after an export). */
  refresh(): Promise<void>;
  /** Rust saved the settings (e.g. the import suggests the new folder). */
  settingsSaved(settings: SyncExportSettings): void;
}

export function exportPanel(ctx: AppContext, work: OneAtATime, hooks: ExportHooks): ExportPanel {
  const problem = errorLine('export');
  const settingsDone = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-settings' });
  const exportDone = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-export' });
  const settingsButton = work.starter(h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-settings-save', disabled: true }, t('sync.export.save')));
  const exportButton = work.starter(h('button', { type: 'button', class: 'button', 'data-action': 'sync-export-now', onclick: () => void exportNow() }, t('sync.export.now')));
  const exporting = longJob<ExportProgress>('export', {
    event: EXPORT_PROGRESS_EVENT,
    state: exportProgressState,
    label: t('sync.export.progressLabel'),
    stop: t('sync.export.cancel'),
    stopping: t('sync.export.cancelling'),
    requestStop: () => api.syncExportCancel(),
    onError: (e) => ctx.showError(e),
  });
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-settings' },
    h('div', { class: 'grid two' },
      textField({ name: 'folder', label: t('sync.export.folder'), hint: t('sync.export.folderHint'), idPrefix: 'sync', className: 'wide', placeholder: t('sync.export.folderPlaceholder') }),
      textField({ name: 'interval_minutes', type: 'number', inputmode: 'numeric', label: t('sync.export.interval'), hint: t('sync.export.intervalHint'), idPrefix: 'sync', attrs: { step: '1', min: '0', max: '1440' } })),
    h('div', { class: 'actions' }, settingsButton, settingsDone),
  );

  addPicker(form.querySelector<HTMLElement>('[data-field=folder]')!, chooseFolderLabel(),
    (current) => api.pickFolder(t('picker.folderTitle'), current || null), (e) => ctx.showError(e));

  function fill(settings: SyncExportSettings) {
    const named = controls(form);
    named.get('folder')!.value = settings.folder;
    named.get('interval_minutes')!.value = String(settings.interval_minutes);
  }

  form.addEventListener('input', () => (settingsDone.textContent = ''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void work.run(settingsButton, t('common.saving'), async () => {
      settingsDone.textContent = '';
      showError(problem, null);
      showFieldErrors(form, []);
      const parsed = toExportSettings(readValues(form));
      if (!parsed.ok) {
        showFieldErrors(form, [{ field: parsed.field, message: parsed.message }]);
        focusFirstInvalid(form);
        return;
      }
      try {
        const saved = await api.syncSettingsSave(parsed.settings);
        fill(saved);
        hooks.settingsSaved(saved);
        settingsDone.textContent = t('sync.export.saved');
        await hooks.refresh();
      } catch (err) {
        placeError(ctx, form, problem, toApiError(err));
      }
    });
  });

  async function exportNow() {
    await work.run(exportButton, t('sync.export.busy'), async () => {
      exportDone.textContent = '';
      exportDone.removeAttribute('data-exported-file');
      exportDone.removeAttribute('data-cancelled');
      showError(problem, null);
      showFieldErrors(form, []);
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
          placeError(ctx, form, problem, error);
        }
      } finally {
        end();
      }
      await hooks.refresh();
    });
  }

  return {
    el: syncSection('sync-export', t('sync.export.heading'),
      h('p', null, t('sync.export.intro')),
      problem,
      form,
      h('div', { class: 'actions' }, exportButton, exporting.stop, exportDone),
      exporting.progress),
    settingsLoaded(settings) {
      fill(settings);
      settingsButton.disabled = false;
    },
  };
}
