// The "Zgody" tab: the person's consents (text, version, given on, by whom, still holding or
// withdrawn), "Wycofaj" with an optional date, and "Zapisz zgodę" with the texts of the person's
// project (the latest enrolment's; the organisation's own texts apply everywhere).

import { api, toApiError } from '../api';
import type { Consent } from '../bindings/Consent';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import type { Family } from '../bindings/Family';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { latestEnrolment } from '../documents/documentModel';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { loadingNote } from '../ui/feedback';
import { dateField } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { consentForm } from './ConsentForm';
import { consentCells } from './consentModel';

export function consentsTab(ctx: AppContext, p: Participant, options: FormOptions): HTMLElement {
  const list = h('div', { 'data-consent-list': '' }, loadingNote());
  const problem = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-consent-error': '' });
  const addBox = h('div', { class: 'actions' });
  const formBox = h('div', { class: 'form-slot' });
  let texts: ConsentTemplateVersion[] = [];
  let family: Family = { related: [], needs_guardian: false };

  const addButton = h('button', { type: 'button', class: 'button primary', 'data-action': 'consent-add', onclick: () => openForm() }, t('consent.add'));

  function openForm(): void {
    replace(formBox, consentForm(p, texts, family, options, {
      ctx,
      onDone: () => {
        replace(formBox);
        void loadConsents().then(() => addButton.focus());
      },
      onCancel: () => {
        replace(formBox);
        addButton.focus();
      },
    }));
    formBox.querySelector<HTMLSelectElement>('select')?.focus();
  }

  function table(consents: Consent[]): HTMLElement {
    if (consents.length === 0) return h('p', { class: 'empty-note', 'data-consents-empty': '' }, t('consent.none'));
    return withTableRoles(h(
      'table',
      { class: 'data-table consents', 'aria-label': t('consent.tableLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('consent.col.title')),
        h('th', { scope: 'col' }, t('consent.col.version')),
        h('th', { scope: 'col' }, t('consent.col.given')),
        h('th', { scope: 'col' }, t('consent.col.givenBy')),
        h('th', { scope: 'col' }, t('consent.col.status')),
        h('th', { scope: 'col' }, t('consent.col.actions')))),
      h('tbody', null, consents.map((c) => {
        const cells = consentCells(c);
        return h('tr', { 'data-consent-id': c.id, 'data-consent-status': c.withdrawn_on ? 'withdrawn' : 'active', class: c.withdrawn_on ? 'is-ended' : '' },
          h('td', null, cells.title),
          h('td', null, cells.version),
          h('td', { class: 'nowrap' }, cells.given),
          h('td', null, cells.givenBy),
          h('td', null, cells.status),
          h('td', null, c.withdrawn_on ? null : h('button', {
            type: 'button',
            class: 'button small',
            'data-action': 'consent-withdraw',
            'aria-label': t('consent.withdrawOf', { title: cells.title }),
            onclick: () => void withdraw(c),
          }, t('consent.withdraw'))));
      })),
    ));
  }

  async function withdraw(c: Consent): Promise<void> {
    const date = dateField({ name: 'withdrawn_on', idPrefix: 'withdraw', label: t('consent.withdrawnOnLabel'), hint: t('consent.todayHint') });
    const ok = await confirmDialog({
      title: t('consent.withdrawTitle'),
      text: t('consent.withdrawText', { title: c.title, version: c.version }),
      confirmLabel: t('consent.withdraw'),
      extra: date,
    });
    if (!ok) return;
    const on = (date.querySelector('input')?.value ?? '').trim();
    problem.hidden = true;
    try {
      await api.consentWithdraw(c.id, on ? { withdrawn_on: on } : {});
      await loadConsents();
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'locked' || error.code === 'not_initialized' || error.code === 'internal') return ctx.showError(error);
      problem.textContent = error.fields.length ? error.fields.map((f) => f.message).join(' ') : error.message;
      problem.hidden = false;
    }
  }

  async function loadConsents(): Promise<void> {
    try {
      const consents = await api.consentList(p.id);
      if (list.isConnected) replace(list, table(consents));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  async function loadForm(): Promise<void> {
    try {
      const [enrolments, related] = await Promise.all([api.participantEnrolments(p.id), api.participantFamily(p.id)]);
      family = related;
      texts = await api.consentTexts(latestEnrolment(enrolments)?.project_id ?? null);
      if (texts.length > 0) return replace(addBox, addButton);
      replace(addBox, h('p', { class: 'notice', 'data-consents-no-texts': '' }, t('consent.noTexts'), ' ',
        h('button', { type: 'button', class: 'link', 'data-action': 'open-settings', onclick: () => ctx.navigate({ view: 'settings' }) }, t('consent.openSettings'))));
    } catch (e) {
      ctx.showError(e);
    }
  }

  void loadConsents();
  void loadForm();
  return h('div', { class: 'consents-tab' }, problem, list, addBox, formBox);
}
