// The "Raporty" view: files the office must hand on. The CST2021 participant data of one EU
// project for SM EFS (check first: who lacks which column; then XLSX or CSV — people with gaps
// are in the file too), and CSV tables for Excel (participants, enrolments, deliveries) for one
// project or the whole registry, with progress and "Przerwij" for large registries. A written
// file is shown with its name, rows, "Otwórz plik" and "Pokaż folder".

import { api, toApiError } from '../api';
import type { Cst2021Check } from '../bindings/Cst2021Check';
import type { CsvKind } from '../bindings/CsvKind';
import type { FileFormat } from '../bindings/FileFormat';
import type { Project } from '../bindings/Project';
import type { ReportProgress } from '../bindings/ReportProgress';
import type { ReportSummary } from '../bindings/ReportSummary';
import { h, replace } from '../dom';
import { formatCount } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { cancelControl, loadingNote, markBusy } from '../ui/feedback';
import { listenTo } from '../ui/events';
import { selectField, showFieldErrors } from '../ui/fields';
import {
  checkOfSummary, checkSentence, CSV_KINDS, fileName, folderOf, formatLabel, INCOMPLETE_SHOWN, incompleteText, missingText,
  personName, progressState, projectLabel, REPORT_PROGRESS_EVENT, reportLabel, rowsText, sortIncomplete, sortProjects,
} from './reportsModel';

export function ReportsView(ctx: AppContext): View {
  let disposed = false;
  let stopProgress: () => void = () => undefined;
  /** The buttons that start work and the selects they read: one piece of work at a time. */
  const lockable: Array<HTMLButtonElement | HTMLSelectElement> = [];
  let busy = false;

  /** Runs `work` with `button` busy and the view's other controls disabled until it ends. */
  async function run(button: HTMLButtonElement, busyLabel: string, work: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    ctx.clearError();
    const others = lockable.filter((b) => b !== button && !b.disabled);
    for (const b of others) b.disabled = true;
    const done = markBusy(button, busyLabel);
    try {
      await work();
    } finally {
      busy = false;
      done();
      for (const b of others) b.disabled = false;
    }
  }

  // ---- the written file (one box, moved to the section that wrote it) ------------------------
  const result = h('div', { class: 'report-result', role: 'status', 'data-report-result': '', hidden: true });
  const folderStatus = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'report-folder' });

  function clearResult() {
    result.hidden = true;
    for (const name of ['file', 'report', 'format', 'rows', 'incomplete', 'cancelled']) delete result.dataset[name];
    replace(result);
  }

  function showSaved(slot: HTMLElement, summary: ReportSummary) {
    clearResult();
    result.dataset.file = summary.file;
    result.dataset.report = summary.report;
    result.dataset.format = summary.format;
    result.dataset.rows = String(summary.rows);
    if (summary.report === 'cst2021') result.dataset.incomplete = String(summary.incomplete.length);
    folderStatus.textContent = '';
    const open: HTMLButtonElement = h('button', {
      type: 'button',
      class: 'button primary',
      'data-action': 'report-open',
      onclick: () => void openFile(open, summary.file),
    }, t('reports.result.open'));
    const folder: HTMLButtonElement = h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'report-folder',
      onclick: () => void openFolder(folder),
    }, t('reports.result.folderOpen'));
    const incomplete = incompleteText(summary);
    const where = folderOf(summary.file);
    replace(
      result,
      h('p', { class: 'report-saved' }, t('reports.result.saved', { report: reportLabel(summary.report), format: formatLabel(summary.format) })),
      h('p', { 'data-report-file': '', title: summary.file }, t('reports.result.file', { file: fileName(summary.file) })),
      where ? h('p', { class: 'report-folder', 'data-report-folder-path': '' }, t('reports.result.folder', { folder: where })) : null,
      h('p', { 'data-report-rows': '' }, rowsText(summary.rows)),
      incomplete ? h('p', { 'data-report-incomplete': '' }, incomplete) : null,
      h('p', { class: 'report-privacy' }, t('reports.result.privacy')),
      h('div', { class: 'actions' }, open, folder, folderStatus),
    );
    slot.append(result);
    result.hidden = false;
  }

  function showCancelled(slot: HTMLElement) {
    clearResult();
    result.dataset.cancelled = 'true';
    replace(result, h('p', null, t('reports.csv.cancelled')));
    slot.append(result);
    result.hidden = false;
  }

  async function openFile(button: HTMLButtonElement, file: string) {
    if (button.disabled) return;
    const done = markBusy(button, t('reports.result.opening'));
    try {
      await api.reportOpen(file);
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  async function openFolder(button: HTMLButtonElement) {
    if (button.disabled) return;
    const done = markBusy(button, t('reports.result.folderOpening'));
    try {
      const path = await api.reportOpenFolder();
      folderStatus.textContent = t('reports.result.folderOpened', { path });
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  // ---- CST2021 for SM EFS -----------------------------------------------------------------------
  /** `projects` null: the list could not be read. */
  function cstSection(projects: Project[] | null): HTMLElement {
    if (!projects?.length) {
      return section('report-cst', t('reports.cst.heading'),
        h('p', null, t('reports.cst.intro')),
        h('p', { class: 'notice', 'data-reports-no-projects': '' }, projects ? t('reports.noProjects') : t('reports.projectsUnavailable')));
    }
    const known: Project[] = projects;
    // The sentence is the live part; the list beside it is read when the person goes there.
    const sentence = h('p', { class: 'cst-sentence', role: 'status', 'data-cst-sentence': '' });
    const list = h('div', { class: 'incomplete' });
    const checkBox = h('div', { class: 'cst-check', 'data-cst-check': '', hidden: true }, sentence, list);
    const resultSlot = h('div', { class: 'result-slot' });
    const projectField = selectField({
      name: 'cst-project',
      idPrefix: 'reports',
      label: t('reports.cst.project'),
      empty: t('common.choose'),
      choices: projects.map((p) => ({ value: p.id, label: projectLabel(p) })),
      value: projects.length === 1 ? projects[0].id : '',
    });
    const select = projectField.querySelector('select') as HTMLSelectElement;
    const form = h('div', { 'data-form': 'cst' }, h('div', { class: 'grid two' }, projectField));
    select.addEventListener('change', () => {
      showFieldErrors(form, []);
      checkBox.hidden = true;
      sentence.textContent = '';
      replace(list);
    });

    /** The chosen project, or null after saying under the select that one must be chosen. */
    function chosen(): Project | null {
      const project = known.find((p) => p.id === select.value) ?? null;
      if (!project) {
        showFieldErrors(form, [{ field: 'cst-project', message: t('reports.cst.projectRequired') }]);
        select.focus();
        return null;
      }
      showFieldErrors(form, []);
      return project;
    }

    function showCheck(check: Cst2021Check, written: boolean) {
      checkBox.dataset.rows = String(check.rows);
      checkBox.dataset.incomplete = String(check.incomplete.length);
      checkBox.dataset.projectId = check.project_id;
      const people = sortIncomplete(check.incomplete);
      const shown = people.slice(0, INCOMPLETE_SHOWN);
      sentence.textContent = checkSentence(check, written);
      replace(
        list,
        people.length
          ? h('div', { 'data-incomplete-list': '' },
            h('h3', null, t('reports.cst.incompleteHeading')),
            h('p', null, t('reports.cst.incompleteNote')),
            h('ul', { class: 'plain incomplete-list' }, shown.map((p) => h(
              'li',
              { 'data-incomplete-person': p.participant_id, 'data-row': String(p.row) },
              h('button', {
                type: 'button',
                class: 'link',
                'data-action': 'edit-participant',
                'aria-label': t('reports.cst.edit', { name: personName(p) }),
                onclick: () => ctx.navigate({ view: 'participant-edit', id: p.participant_id }),
              }, personName(p)),
              h('span', { class: 'meta' }, t('reports.cst.row', { row: formatCount(p.row) })),
              h('span', { class: 'missing' }, missingText(p)),
            ))),
            people.length > shown.length
              ? h('p', { class: 'hint', 'data-incomplete-more': '' },
                t('reports.cst.more', { shown: formatCount(shown.length), total: formatCount(people.length) }))
              : null)
          : null,
      );
      checkBox.hidden = false;
    }

    const check: HTMLButtonElement = h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'cst-check',
      onclick: () => {
        const project = chosen();
        if (!project) return;
        void run(check, t('reports.cst.checking'), async () => {
          checkBox.hidden = true;
          try {
            const answer = await api.reportCst2021Check(project.id);
            if (!disposed) showCheck(answer, false);
          } catch (e) {
            ctx.showError(e);
          }
        });
      },
    }, t('reports.cst.check'));

    const exportAs = (format: FileFormat, button: () => HTMLButtonElement) => () => {
      const project = chosen();
      if (!project) return;
      void run(button(), t('reports.cst.exporting'), async () => {
        clearResult();
        try {
          const summary = await api.reportCst2021(project.id, format);
          if (disposed) return;
          showCheck(checkOfSummary(summary, project), true);
          showSaved(resultSlot, summary);
        } catch (e) {
          ctx.showError(e);
        }
      });
    };
    const xlsx: HTMLButtonElement = h('button', {
      type: 'button', class: 'button primary', 'data-action': 'cst-export-xlsx', onclick: exportAs('xlsx', () => xlsx),
    }, t('reports.cst.exportXlsx'));
    const csv: HTMLButtonElement = h('button', {
      type: 'button', class: 'button', 'data-action': 'cst-export-csv', onclick: exportAs('csv', () => csv),
    }, t('reports.cst.exportCsv'));
    lockable.push(select, check, xlsx, csv);

    return section('report-cst', t('reports.cst.heading'),
      h('p', null, t('reports.cst.intro')),
      form,
      h('div', { class: 'actions' }, check, xlsx, csv),
      h('p', { class: 'hint' }, t('reports.cst.formatHint')),
      checkBox,
      resultSlot);
  }

  // ---- CSV tables for Excel -----------------------------------------------------------------------
  function csvSection(projects: Project[]): HTMLElement {
    const resultSlot = h('div', { class: 'result-slot' });
    const start = h('button', { type: 'submit', class: 'button primary', 'data-action': 'csv-export' }, t('reports.csv.export'));
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
    lockable.push(start, ...form.querySelectorAll('select'));

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosenKind = form.querySelector<HTMLSelectElement>('select[name="csv-kind"]')?.value;
      const kind: CsvKind = CSV_KINDS.find((k) => k === chosenKind) ?? CSV_KINDS[0];
      const project = form.querySelector<HTMLSelectElement>('select[name="csv-project"]')?.value ?? '';
      let refocus = false;
      void run(start, t('reports.csv.exporting'), async () => {
        clearResult();
        resetProgress();
        progress.hidden = false;
        cancel.hidden = false;
        const unlisten = await listenTo<ReportProgress>(REPORT_PROGRESS_EVENT, showProgress);
        stopProgress = unlisten;
        try {
          const summary = await api.reportCsv(kind, project === '' ? null : project);
          if (!disposed) showSaved(resultSlot, summary);
        } catch (err) {
          const error = toApiError(err);
          // Stopped by the person: not a failure, said calmly where the file would have been.
          if (error.code === 'cancelled') {
            if (!disposed) showCancelled(resultSlot);
          } else ctx.showError(error);
        } finally {
          unlisten();
          stopProgress = () => undefined;
          // "Przerwij" disappears: a keyboard user's focus goes back to the start button.
          refocus = document.activeElement === cancel;
          progress.hidden = true;
          cancel.hidden = true;
          stopping.reset();
        }
      }).then(() => {
        if (refocus && !disposed) start.focus();
      });
    });

    return section('report-csv', t('reports.csv.heading'),
      h('p', null, t('reports.csv.intro')),
      form,
      resultSlot);
  }

  const section = (id: string, heading: string, ...children: Array<HTMLElement | null>) => h(
    'section',
    { class: 'settings-section', 'data-section': id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, heading),
    ...children,
  );

  const body = h('div', { 'data-reports-body': '' }, loadingNote());
  const el = h(
    'section',
    { class: 'view reports-view', 'data-view': 'reports' },
    h('h1', { tabindex: -1 }, t('nav.reports')),
    h('p', { class: 'lead' }, t('reports.lead')),
    h('p', { class: 'notice', 'data-reports-privacy': '' }, t('reports.privacy')),
    body,
  );

  api.projectList().then(
    (projects) => {
      if (disposed) return;
      const sorted = sortProjects(projects);
      replace(body, cstSection(sorted), csvSection(sorted));
    },
    (e) => {
      if (disposed) return;
      // The whole registry can still be exported without the list of projects.
      replace(body, cstSection(null), csvSection([]));
      ctx.showError(e);
    },
  );

  return {
    el,
    dispose() {
      disposed = true;
      stopProgress();
    },
  };
}
