// "Porównanie z SM EFS": the project's data against a participant export downloaded from the
// central system. The person gives the file's path; Rust reads it and matches people by PESEL.
// The answer: how many agree, who is only here, who only there, and per person the columns whose
// values differ (ours beside theirs). Nothing is written.

import { api } from '../api';
import type { ComparedPerson } from '../bindings/ComparedPerson';
import type { Cst2021Comparison } from '../bindings/Cst2021Comparison';
import type { PersonDifference } from '../bindings/PersonDifference';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { formatCount } from '../format';
import { t } from '../i18n';
import { addPicker, chooseFileLabel } from '../ui/picker';
import type { AppContext } from '../shell/context';
import { showFieldErrors, textField } from '../ui/fields';
import type { OneAtATime } from '../ui/work';

/** People listed in each part at most (the counts above say how many there are). */
export const COMPARE_SHOWN = 100;

function more(shown: number, total: number): HTMLElement | null {
  return total > shown ? h('p', { class: 'hint' }, t('reports.compare.more', { shown: formatCount(shown), total: formatCount(total) })) : null;
}

function people(kind: 'only-here' | 'only-there', heading: string, list: ComparedPerson[]): HTMLElement | null {
  if (!list.length) return null;
  const shown = list.slice(0, COMPARE_SHOWN);
  return h('div', { 'data-compare': kind },
    h('h3', null, heading),
    h('ul', { class: 'plain compare-list' }, shown.map((p) => h('li', { 'data-compare-key': p.key },
      h('strong', null, p.name),
      h('span', { class: 'meta' }, p.key || t('reports.compare.noKey')),
      kind === 'only-there' ? h('span', { class: 'meta' }, t('reports.compare.theirRow', { row: formatCount(p.row) })) : null))),
    more(shown.length, list.length));
}

function differences(list: PersonDifference[]): HTMLElement | null {
  if (!list.length) return null;
  const shown = list.slice(0, COMPARE_SHOWN);
  const value = (v: string) => (v.trim() ? v : t('reports.compare.empty'));
  return h('div', { 'data-compare': 'different' },
    h('h3', null, t('reports.compare.different')),
    ...shown.map((p) => h('div', { class: 'compare-person', 'data-compare-key': p.key },
      h('p', null, h('strong', null, p.name), ' ', h('span', { class: 'meta' }, p.key || t('reports.compare.noKey'))),
      h('table', { class: 'data-table compare-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('reports.compare.column')),
          h('th', { scope: 'col' }, t('reports.compare.here')),
          h('th', { scope: 'col' }, t('reports.compare.there')))),
        h('tbody', null, p.differences.map((d) => h('tr', { 'data-column': d.column },
          h('th', { scope: 'row' }, d.column),
          h('td', { 'data-here': '' }, value(d.here)),
          h('td', { 'data-there': '' }, value(d.there)))))))),
    more(shown.length, list.length));
}

/** The comparison's answer, as the panel shows it. */
export function comparisonView(c: Cst2021Comparison): HTMLElement {
  const agree = !c.only_here.length && !c.only_there.length && !c.different.length;
  return h('div', { 'data-compare-result': '', 'data-same': String(c.same), 'data-only-here': String(c.only_here.length), 'data-only-there': String(c.only_there.length), 'data-different': String(c.different.length) },
    h('p', { role: 'status', class: 'compare-summary' }, agree
      ? t('reports.compare.allSame')
      : t('reports.compare.summary', {
        same: formatCount(c.same), onlyHere: formatCount(c.only_here.length), onlyThere: formatCount(c.only_there.length), different: formatCount(c.different.length),
      })),
    people('only-here', t('reports.compare.onlyHere'), c.only_here),
    people('only-there', t('reports.compare.onlyThere'), c.only_there),
    differences(c.different));
}

/** `chosen` gives the project picked above (or says under its select that one is needed). */
export function comparePanel(ctx: AppContext, work: OneAtATime, chosen: () => Project | null, gone: () => boolean): HTMLElement {
  const result = h('div', { class: 'compare-result' });
  const form = h('div', { 'data-form': 'compare' },
    textField({ name: 'compare-file', idPrefix: 'reports', label: t('reports.compare.file'), hint: t('reports.compare.fileHint'), className: 'wide' }));
  addPicker(form.querySelector<HTMLElement>('[data-field=compare-file]')!, chooseFileLabel(),
    (current) => api.pickFile(t('picker.fileTitle'), 'table', current ? current.replace(/[\\/][^\\/]*$/, '') : null),
    (e) => ctx.showError(e));
  const input = form.querySelector('input') as HTMLInputElement;
  const run: HTMLButtonElement = work.starter(h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'cst-compare',
    onclick: () => {
      const project = chosen();
      if (!project) return;
      const file = input.value.trim();
      if (!file) {
        showFieldErrors(form, [{ field: 'compare-file', message: t('reports.compare.fileRequired') }]);
        input.focus();
        return;
      }
      showFieldErrors(form, []);
      void work.run(run, t('reports.compare.running'), async () => {
        ctx.clearError();
        replace(result);
        try {
          const comparison = await api.reportCst2021Compare(project.id, file);
          if (!gone()) replace(result, comparisonView(comparison));
        } catch (e) {
          ctx.showError(e);
        }
      });
    },
  }, t('reports.compare.run')));
  return h('div', { class: 'compare', 'data-compare-panel': '' },
    h('h3', null, t('reports.compare.heading')),
    h('p', null, t('reports.compare.intro')),
    form,
    h('div', { class: 'actions' }, run),
    result);
}
