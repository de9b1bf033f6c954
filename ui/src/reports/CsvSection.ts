// The CSV part of "Raporty": a table for Excel (participants, enrolments or deliveries) of one
// project or the whole registry. A large registry takes a while: a progress bar follows Rust's
// events and "Przerwij" stops it calmly (no file is written).

import { api, toApiError } from '../api';
import type { CsvKind } from '../bindings/CsvKind';
import type { Project } from '../bindings/Project';
import type { ReportProgress } from '../bindings/ReportProgress';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { listenTo } from '../ui/events';
import { cancelControl } from '../ui/feedback';
import { selectField } from '../ui/fields';
import type { OneAtATime } from '../ui/work';
import { reportSection, type ReportResult } from './ReportResult';
import { CSV_KINDS, progressState, projectLabel, REPORT_PROGRESS_EVENT, reportLabel } from './reportsModel';

export interface CsvSectionHooks {
  /** Whether the view was closed. */
  gone(): boolean;
  /** While an export runs: the function that stops following its progress (the view calls it when closed). */
  following(stop: () => void): void;
}

export function csvSection(ctx: AppContext, work: OneAtATime, result: ReportResult, projects: Project[], hooks: CsvSectionHooks): HTMLElement {
  const resultSlot = h('div', { class: 'result-slot' });
  const start = work.starter(h('button', { type: 'submit', class: 'button primary', 'data-action': 'csv-export' }, t('reports.csv.export')));
  const cancel = h('button', {
    type: 'button', class: 'button', 'data-action': 'report-cancel', hidden: true, onclick: () => void stopping.ask(),
  }, t('reports.csv.cancel'));
  const stopping = cancelControl(cancel, t('reports.csv.cancelling'), () => api.reportCancel(), (e) => ctx.showError(e));

  const bar = h('progress', { max: 100, value: 0, 'data-report-progress': '', 'aria-label': t('reports.csv.progressLabel') });
  const text = h('span', { class: 'progress-text', 'data-report-progress-text': '' });
  const percent = h('span', { class: 'progress-percent', 'data-report-percent': '' });
  const progress = h('div', { class: 'progress progress-large', role: 'status', 'data-report-busy': '', hidden: true }, bar, text, percent);

  function showProgress(p: ReportProgress) {
    const state = progressState(p);
    bar.value = state.percent;
    bar.setAttribute('aria-valuetext', state.text);
    bar.dataset.done = String(p.done);
    bar.dataset.total = String(p.total);
    text.textContent = state.text;
    percent.textContent = t('reports.csv.percent', { percent: state.percent });
  }

  function resetProgress() {
    bar.value = 0;
    bar.removeAttribute('aria-valuetext');
    bar.dataset.done = '0';
    bar.dataset.total = '0';
    text.textContent = t('reports.csv.preparing');
    percent.textContent = '';
  }

  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'csv' },
    h('div', { class: 'grid two' },
      selectField({
        name: 'csv-kind',
        idPrefix: 'reports',
        label: t('reports.csv.kind'),
        hint: t('reports.csv.kindHint'),
        choices: CSV_KINDS.map((k) => ({ value: k, label: reportLabel(k) })),
        value: CSV_KINDS[0],
      }),
      selectField({
        name: 'csv-project',
        idPrefix: 'reports',
        label: t('reports.csv.project'),
        empty: t('reports.csv.allProjects'),
        choices: projects.map((p) => ({ value: p.id, label: projectLabel(p) })),
      })),
    h('div', { class: 'actions' }, start, cancel),
    progress,
  );
  for (const select of form.querySelectorAll('select')) work.starter(select);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosenKind = form.querySelector<HTMLSelectElement>('select[name="csv-kind"]')?.value;
    const kind: CsvKind = CSV_KINDS.find((k) => k === chosenKind) ?? CSV_KINDS[0];
    const project = form.querySelector<HTMLSelectElement>('select[name="csv-project"]')?.value ?? '';
    let refocus = false;
    void work.run(start, t('reports.csv.exporting'), async () => {
      ctx.clearError();
      result.clear();
      resetProgress();
      progress.hidden = false;
      cancel.hidden = false;
      const unlisten = await listenTo<ReportProgress>(REPORT_PROGRESS_EVENT, showProgress);
      hooks.following(unlisten);
      try {
        const summary = await api.reportCsv(kind, project === '' ? null : project);
        if (!hooks.gone()) result.showSaved(resultSlot, summary);
      } catch (err) {
        const error = toApiError(err);
        // Stopped by the person: not a failure, said calmly where the file would have been.
        if (error.code === 'cancelled') {
          if (!hooks.gone()) result.showCancelled(resultSlot);
        } else ctx.showError(error);
      } finally {
        unlisten();
        hooks.following(() => undefined);
        // "Przerwij" disappears: a keyboard user's focus goes back to the start button.
        refocus = document.activeElement === cancel;
        progress.hidden = true;
        cancel.hidden = true;
        stopping.reset();
      }
    }).then(() => {
      if (refocus && !hooks.gone()) start.focus();
    });
  });

  return reportSection('report-csv', t('reports.csv.heading'),
    h('p', null, t('reports.csv.intro')),
    form,
    resultSlot);
}
