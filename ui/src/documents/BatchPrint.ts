// "Druk dla całego projektu": one kind of document for every participant of a project. While it
// runs, a progress bar follows Rust's progress events and "Przerwij" stops it after the current
// document; afterwards the number of files and their folder are shown.

import { api } from '../api';
import type { PrintProgress } from '../bindings/PrintProgress';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { cancelControl, markBusy } from '../ui/feedback';
import { readValues, selectField, showFieldErrors } from '../ui/fields';
import { batchSummary, documentKindLabel, PERSON_KINDS } from './documentModel';
import { listenPrintProgress, progressBar } from './printProgress';

export function batchPrintSection(ctx: AppContext, projects: Project[], onFinished: () => void): HTMLElement {
  const start = h('button', { type: 'submit', class: 'button primary', 'data-action': 'print-batch' }, t('documents.batchStart'));
  const cancel = h('button', { type: 'button', class: 'button', 'data-action': 'print-batch-cancel', hidden: true, onclick: () => void stopping.ask() }, t('documents.batchCancel'));
  const stopping = cancelControl(cancel, t('documents.batchCancelling'), () => api.printBatchCancel(), (e) => ctx.showError(e));
  const progressSlot = h('div', { class: 'progress-slot' });
  const result = h('p', { class: 'form-status', role: 'status', 'data-batch-result': '' });
  let running = false;

  const form = h(
    'form',
    { novalidate: true, 'data-form': 'print-batch' },
    h('div', { class: 'grid two' },
      selectField({
        name: 'project_id',
        idPrefix: 'batch',
        label: t('documents.batchProject'),
        empty: t('common.choose'),
        choices: projects.map((p) => ({ value: p.id, label: `${p.name} (${formatPeriod(p.start_date, p.end_date)})` })),
        value: projects.length === 1 ? projects[0].id : '',
      }),
      selectField({
        name: 'kind',
        idPrefix: 'batch',
        label: t('documents.batchKind'),
        choices: PERSON_KINDS.map((k) => ({ value: k, label: documentKindLabel(k) })),
      })),
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'one_file', 'data-field': 'one_file' }),
      ' ', t('documents.batchOneFile')),
    h('div', { class: 'actions' }, start, cancel),
    progressSlot,
    result,
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (running) return;
    const v = readValues(form);
    if (!v.project_id) {
      showFieldErrors(form, [{ field: 'project_id', message: t('documents.batchProjectRequired') }]);
      form.querySelector<HTMLSelectElement>('select[name="project_id"]')?.focus();
      return;
    }
    showFieldErrors(form, []);
    running = true;
    result.textContent = '';
    const bar = progressBar();
    let last: PrintProgress | null = null;
    replace(progressSlot, bar.el);
    const unlisten = await listenPrintProgress((p) => {
      last = p;
      bar.update(p);
    });
    const done = markBusy(start, t('documents.batchRunning'));
    cancel.hidden = false;
    try {
      const oneFile = form.querySelector<HTMLInputElement>('input[name="one_file"]')?.checked ?? false;
      const outcome = await api.printBatch(v.kind, v.project_id, oneFile);
      // The last event may still be on its way: show what the answer says.
      const seen = last as PrintProgress | null;
      const printed = oneFile ? (seen?.done ?? outcome.files.length) : outcome.files.length;
      const total: number = seen?.total ?? printed;
      bar.update({ done: printed, total: Math.max(total, printed) });
      result.textContent = oneFile && !outcome.cancelled && outcome.files.length === 1
        ? t('documents.batchOneFileDone', { n: printed, file: outcome.files[0] })
        : batchSummary(outcome);
      result.dataset.batchCancelled = String(outcome.cancelled);
    } catch (err) {
      ctx.showError(err);
    } finally {
      unlisten();
      running = false;
      cancel.hidden = true;
      stopping.reset();
      done();
      onFinished();
    }
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'print-batch', 'aria-labelledby': 'documents-batch' },
    h('h2', { id: 'documents-batch' }, t('documents.batchHeading')),
    h('p', null, t('documents.batchIntro')),
    projects.length ? form : h('p', { class: 'notice' }, t('enrol.noProjects')),
  );
}
