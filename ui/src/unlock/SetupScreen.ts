// First start: create the store (worker name and password, typed twice). On success the caller
// shows the recovery key once.

import { api, toApiError } from '../api';
import type { SetupResult } from '../bindings/SetupResult';
import { h } from '../dom';
import { t } from '../i18n';
import type { View } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';

export function setupScreen(onCreated: (result: SetupResult) => void): View {
  const general = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide', 'data-action': 'setup' }, t('setup.submit'));
  const form = h(
    'form',
    { novalidate: true, onsubmit: (e: Event) => void submit(e) },
    general,
    textField({ name: 'worker', label: t('setup.worker'), autocomplete: 'name', idPrefix: 'setup' }),
    textField({ name: 'password', label: t('setup.password'), type: 'password', autocomplete: 'new-password', idPrefix: 'setup', hint: t('password.rules') }),
    textField({ name: 'password_repeat', label: t('setup.passwordRepeat'), type: 'password', autocomplete: 'new-password', idPrefix: 'setup' }),
    h('div', { class: 'actions' }, button),
  );
  let busy = false;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    general.hidden = true;
    const v = readValues(form);
    if (v.password !== v.password_repeat) {
      showFieldErrors(form, [{ field: 'password_repeat', message: t('setup.mismatch') }]);
      focusFirstInvalid(form);
      return;
    }
    showFieldErrors(form, []);
    busy = true;
    const done = markBusy(button, t('setup.busy'));
    try {
      onCreated(await api.setup(v.worker ?? '', v.password ?? ''));
    } catch (e) {
      const err = toApiError(e);
      const unplaced = showFieldErrors(form, err.fields);
      if (err.fields.length === 0 || unplaced.length > 0) {
        general.textContent = err.message;
        general.hidden = false;
      }
      if (!focusFirstInvalid(form)) form.querySelector<HTMLInputElement>('input')?.focus();
    } finally {
      busy = false;
      done();
    }
  }

  const el = h(
    'main',
    { class: 'center-screen', 'data-view': 'setup' },
    h('div', { class: 'card narrow' }, h('h1', null, t('setup.heading')), h('p', { class: 'lead' }, t('setup.intro')), form),
  );
  return { el, focus: () => form.querySelector<HTMLInputElement>('input')?.focus() };
}
