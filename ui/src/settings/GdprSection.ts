// Two sections of Ustawienia for data protection: the way into the Dziennik zdarzeń, and
// "Anonimizacja po okresie przechowywania" — a preview of the people whose every project has
// passed its retention date, then "Anonimizuj" behind a confirmation that says how many people
// and that it cannot be undone. Nothing is anonymised before its preview has been shown.

import { api } from '../api';
import type { AnonymisationCandidate } from '../bindings/AnonymisationCandidate';
import { h, replace } from '../dom';
import { formatDate, pluralCategory } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { markBusy } from '../ui/feedback';
import { withTableRoles } from '../ui/table';

/** "1 osoba", "3 osoby", "5 osób". */
export function formatPeople(n: number): string {
  const cat = pluralCategory(n);
  return t(cat === 'one' ? 'people.one' : cat === 'few' ? 'people.few' : 'people.many', { n });
}

export function auditLogSection(ctx: AppContext): HTMLElement {
  return h(
    'section',
    { class: 'settings-section', 'data-section': 'audit', 'aria-labelledby': 'settings-audit' },
    h('h2', { id: 'settings-audit' }, t('audit.heading')),
    h('p', null, t('auditSection.text')),
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'open-audit',
      onclick: () => ctx.navigate({ view: 'audit' }),
    }, t('auditSection.open'))),
  );
}

function candidateTable(candidates: AnonymisationCandidate[]): HTMLElement {
  return withTableRoles(h(
    'table',
    { class: 'data-table anonymisation', 'aria-label': t('anon.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('anon.col.name')),
      h('th', { scope: 'col' }, t('anon.col.retention')),
      h('th', { scope: 'col' }, t('anon.col.projects')))),
    h('tbody', null, candidates.map((c) =>
      h('tr', { 'data-candidate-id': c.id },
        h('td', null, c.name),
        h('td', { class: 'nowrap' }, formatDate(c.retention_until)),
        h('td', null, String(c.projects))))),
  ));
}

export function anonymisationSection(ctx: AppContext): HTMLElement {
  const preview = h('div', { 'data-anonymisation-preview': '' });
  const status = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'anonymisation' });
  const show: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'anonymisation-preview',
    onclick: () => void loadPreview(true),
  }, t('anon.preview'));

  async function loadPreview(clearStatus: boolean) {
    if (show.disabled) return;
    if (clearStatus) status.textContent = '';
    const done = markBusy(show, t('anon.previewing'));
    try {
      const candidates = await api.anonymisationCandidates();
      replace(preview, ...previewOf(candidates));
    } catch (e) {
      replace(preview);
      ctx.showError(e);
    } finally {
      done();
    }
  }

  function previewOf(candidates: AnonymisationCandidate[]): HTMLElement[] {
    if (candidates.length === 0) {
      return [h('p', { class: 'empty-note', 'data-anonymisation-empty': '' }, t('anon.none'))];
    }
    const apply: HTMLButtonElement = h('button', {
      type: 'button',
      class: 'button danger',
      'data-action': 'anonymise',
      onclick: () => void run(apply, candidates),
    }, t('anon.apply'));
    return [
      h('p', { 'data-anonymisation-count': String(candidates.length) }, t('anon.count', { people: formatPeople(candidates.length) })),
      candidateTable(candidates),
      h('div', { class: 'actions' }, apply),
    ];
  }

  async function run(button: HTMLButtonElement, candidates: AnonymisationCandidate[]) {
    const ok = await confirmDialog({
      title: t('anon.confirmTitle', { people: formatPeople(candidates.length) }),
      text: t('anon.confirmText', { count: candidates.length }),
      confirmLabel: t('anon.apply'),
    });
    if (!ok) return;
    const done = markBusy(button, t('anon.applying'));
    try {
      const anonymised = await api.anonymiseExpired(candidates.map((c) => c.id));
      replace(preview);
      status.textContent = t('anon.done', { people: formatPeople(anonymised.length) });
      status.dataset.anonymised = String(anonymised.length);
      show.focus();
    } catch (e) {
      done();
      ctx.showError(e);
    }
  }

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'anonymisation', 'aria-labelledby': 'settings-anonymisation' },
    h('h2', { id: 'settings-anonymisation' }, t('anon.heading')),
    h('p', null, t('anon.intro')),
    h('div', { class: 'actions' }, show, status),
    preview,
  );
}
