// "Eksport danych (RODO)" on a participant's page: a button that opens a panel explaining what
// is written, then saves the person's full record as JSON and PDF in the print folder and lists
// the two paths, each with "Otwórz".

import { api } from '../api';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';

/** "…/dane-osoby-<id>.pdf" → "pdf" (the export writes exactly one JSON and one PDF). */
export function exportFormat(path: string): 'json' | 'pdf' {
  return path.toLowerCase().endsWith('.pdf') ? 'pdf' : 'json';
}

function panel(ctx: AppContext, p: Participant): HTMLElement {
  const results = h('div', { 'aria-live': 'polite', 'data-gdpr-results': '' });
  const run: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'gdpr-export-run',
    onclick: () => void exportNow(),
  }, t('gdprExport.run'));

  async function exportNow() {
    if (run.disabled) return;
    replace(results);
    const done = markBusy(run, t('gdprExport.running'));
    try {
      const files = await api.gdprExport(p.id);
      replace(results,
        h('p', { class: 'form-status' }, t('gdprExport.done')),
        h('ul', { class: 'plain gdpr-files' }, files.map((file) => {
          const format = exportFormat(file);
          return h('li', { 'data-gdpr-file': format },
            h('span', { class: 'path' }, file),
            h('button', {
              type: 'button',
              class: 'button small',
              'data-action': 'gdpr-open',
              'data-format': format,
              'aria-label': t('gdprExport.openLabel', { format: format.toUpperCase() }),
              onclick: () => api.gdprOpen(p.id, format).catch((e) => ctx.showError(e)),
            }, t('gdprExport.open')));
        })));
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  return h(
    'section',
    { class: 'inline-form gdpr-export', 'data-gdpr-export': '', 'aria-labelledby': 'gdpr-export-heading' },
    h('h2', { id: 'gdpr-export-heading' }, t('gdprExport.heading')),
    h('p', null, t('gdprExport.intro')),
    h('p', { class: 'warning' }, t('gdprExport.warning')),
    h('div', { class: 'actions' }, run),
    results,
  );
}

/** The header button and the slot its panel opens in (under the header's buttons). */
export function gdprExportControl(ctx: AppContext, p: Participant): { button: HTMLButtonElement; slot: HTMLElement } {
  const slot = h('div', { class: 'form-slot' });
  const button: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'gdpr-export',
    'aria-expanded': 'false',
    onclick: () => {
      const open = !slot.hasChildNodes();
      button.setAttribute('aria-expanded', String(open));
      if (open) replace(slot, panel(ctx, p));
      else replace(slot);
    },
  }, t('gdprExport.button'));
  return { button, slot };
}
