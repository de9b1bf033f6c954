// "Organizacja na dokumentach" on the settings page: the organisation's fields
// (./organisationFields.ts) loaded from Rust and saved; Rust's field errors appear under them.

import { api, toApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { focusFirstInvalid, showFieldErrors } from '../ui/fields';
import { organisationFields } from './organisationFields';

export { addressLines } from './organisationFields';

export function organisationSection(ctx: AppContext): HTMLElement {
  const saved = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'organisation' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'organisation-save', disabled: true }, t('org.save'));
  const fields = organisationFields();
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'organisation' },
    fields.el,
    h('div', { class: 'actions' }, save, saved),
  );

  api.organisationGet().then(
    (o) => {
      fields.fill(o);
      save.disabled = false;
    },
    (e) => ctx.showError(e),
  );

  form.addEventListener('input', () => (saved.textContent = ''));
  form.addEventListener('change', () => (saved.textContent = ''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (save.disabled) return;
    saved.textContent = '';
    showFieldErrors(form, []);
    const done = markBusy(save, t('common.saving'));
    try {
      fields.fill(await api.organisationSave(fields.read()));
      saved.textContent = t('org.saved');
    } catch (err) {
      const error = toApiError(err);
      const unplaced = fields.placeErrors(error.fields);
      if (error.fields.length === 0 || unplaced.length) ctx.showError(error);
      focusFirstInvalid(form);
    } finally {
      done();
    }
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'organisation', 'aria-labelledby': 'settings-organisation' },
    h('h2', { id: 'settings-organisation' }, t('org.heading')),
    h('p', null, t('org.intro')),
    form,
  );
}
