// The box of the file a report wrote: its name, folder, rows, people with gaps (CST2021), the
// privacy note, "Otwórz plik" and "Pokaż folder" — or, after "Przerwij", that nothing was
// written. One box for the view, moved to the section whose work it reports.

import { api } from '../api';
import type { ReportSummary } from '../bindings/ReportSummary';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { fileName, folderOf, formatLabel, incompleteText, reportLabel, rowsText } from './reportsModel';

export interface ReportResult {
  /** `[data-report-result]` with `data-file`, `-report`, `-format`, `-rows`, `-incomplete` or `-cancelled`. */
  el: HTMLElement;
  /** Shows the written file in `slot`. */
  showSaved(slot: HTMLElement, summary: ReportSummary): void;
  /** Says in `slot` that the export was stopped and nothing was written. */
  showCancelled(slot: HTMLElement): void;
  clear(): void;
}

export function reportResult(ctx: AppContext): ReportResult {
  const el = h('div', { class: 'report-result', role: 'status', 'data-report-result': '', hidden: true });
  const folderStatus = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'report-folder' });

  function clear() {
    el.hidden = true;
    for (const name of ['file', 'report', 'format', 'rows', 'incomplete', 'cancelled']) delete el.dataset[name];
    replace(el);
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

  function showSaved(slot: HTMLElement, summary: ReportSummary) {
    clear();
    el.dataset.file = summary.file;
    el.dataset.report = summary.report;
    el.dataset.format = summary.format;
    el.dataset.rows = String(summary.rows);
    if (summary.report === 'cst2021') el.dataset.incomplete = String(summary.incomplete.length);
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
      el,
      h('p', { class: 'report-saved' }, t('reports.result.saved', {
        report: reportLabel(summary.layout === 'import' ? 'cst2021-import' : summary.report),
        format: formatLabel(summary.format),
      })),
      h('p', { 'data-report-file': '', title: summary.file }, t('reports.result.file', { file: fileName(summary.file) })),
      where ? h('p', { class: 'report-folder', 'data-report-folder-path': '' }, t('reports.result.folder', { folder: where })) : null,
      h('p', { 'data-report-rows': '' }, rowsText(summary.rows)),
      incomplete ? h('p', { 'data-report-incomplete': '' }, incomplete) : null,
      h('p', { class: 'report-privacy' }, t('reports.result.privacy')),
      h('div', { class: 'actions' }, open, folder, folderStatus),
    );
    slot.append(el);
    el.hidden = false;
  }

  function showCancelled(slot: HTMLElement) {
    clear();
    el.dataset.cancelled = 'true';
    replace(el, h('p', null, t('reports.csv.cancelled')));
    slot.append(el);
    el.hidden = false;
  }

  return { el, showSaved, showCancelled, clear };
}

/** A section of the view: `section[data-section=id]` labelled by its heading. */
export function reportSection(id: string, heading: string, ...children: Array<HTMLElement | null>): HTMLElement {
  return h(
    'section',
    { class: 'settings-section', 'data-section': id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, heading),
    ...children,
  );
}
