// The CST2021 part of "Raporty": one EU project's participant data for SM EFS. "Sprawdź braki"
// says who lacks which required column (each person a link to their form); XLSX and CSV write
// the file (people with gaps are in it too) and show the same check beside it; "Porównaj z SM
// EFS" (./ComparePanel) reconciles the project with the system's own export.

import { api } from '../api';
import type { Cst2021Check } from '../bindings/Cst2021Check';
import type { FileFormat } from '../bindings/FileFormat';
import type { Layout } from '../bindings/Layout';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { formatCount } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { selectField, showFieldErrors } from '../ui/fields';
import type { OneAtATime } from '../ui/work';
import { comparePanel } from './ComparePanel';
import { reportSection, type ReportResult } from './ReportResult';
import {
  checkOfSummary, checkSentence, fixRoute, INCOMPLETE_SHOWN, missingText, personName, projectLabel, sortIncomplete,
} from './reportsModel';

/** `projects` null: the list could not be read. `gone` tells whether the view was closed.
 * `recheck`: a project whose check runs at once (back from a person's form). */
export function cst2021Section(
  ctx: AppContext,
  work: OneAtATime,
  result: ReportResult,
  projects: Project[] | null,
  gone: () => boolean,
  recheck: string | null = null,
): HTMLElement {
  if (!projects?.length) {
    return reportSection('report-cst', t('reports.cst.heading'),
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
  const select = work.starter(projectField.querySelector('select') as HTMLSelectElement);
  const layoutField = selectField({
    name: 'cst-layout',
    idPrefix: 'reports',
    label: t('reports.cst.layout'),
    choices: [
      { value: 'export', label: t('reports.cst.layoutExport') },
      { value: 'import', label: t('reports.cst.layoutImport') },
    ],
    value: 'export',
  });
  const layoutSelect = work.starter(layoutField.querySelector('select') as HTMLSelectElement);
  const layout = (): Layout => (layoutSelect.value === 'import' ? 'import' : 'export');
  const form = h('div', { 'data-form': 'cst' }, h('div', { class: 'grid two' }, projectField, layoutField));
  layoutSelect.addEventListener('change', () => {
    checkBox.hidden = true;
    sentence.textContent = '';
    replace(list);
  });
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
              onclick: () => ctx.navigate(fixRoute(p, check.project_id)),
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

  const check: HTMLButtonElement = work.starter(h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'cst-check',
    onclick: () => {
      const project = chosen();
      if (!project) return;
      void work.run(check, t('reports.cst.checking'), async () => {
        ctx.clearError();
        checkBox.hidden = true;
        try {
          const answer = await api.reportCst2021Check(project.id, layout());
          if (!gone()) showCheck(answer, false);
        } catch (e) {
          ctx.showError(e);
        }
      });
    },
  }, t('reports.cst.check')));

  const exportAs = (format: FileFormat, button: () => HTMLButtonElement) => () => {
    const project = chosen();
    if (!project) return;
    void work.run(button(), t('reports.cst.exporting'), async () => {
      ctx.clearError();
      result.clear();
      try {
        const summary = await api.reportCst2021(project.id, format, layout());
        if (gone()) return;
        showCheck(checkOfSummary(summary, project), true);
        result.showSaved(resultSlot, summary);
      } catch (e) {
        ctx.showError(e);
      }
    });
  };
  const xlsx: HTMLButtonElement = work.starter(h('button', {
    type: 'button', class: 'button primary', 'data-action': 'cst-export-xlsx', onclick: exportAs('xlsx', () => xlsx),
  }, t('reports.cst.exportXlsx')));
  const csv: HTMLButtonElement = work.starter(h('button', {
    type: 'button', class: 'button', 'data-action': 'cst-export-csv', onclick: exportAs('csv', () => csv),
  }, t('reports.cst.exportCsv')));

  if (recheck && known.some((p) => p.id === recheck)) {
    select.value = recheck;
    queueMicrotask(() => check.click());
  }

  return reportSection('report-cst', t('reports.cst.heading'),
    h('p', null, t('reports.cst.intro')),
    form,
    h('div', { class: 'actions' }, check, xlsx, csv),
    h('p', { class: 'hint' }, t('reports.cst.formatHint')),
    checkBox,
    resultSlot,
    comparePanel(ctx, work, chosen, gone));
}
