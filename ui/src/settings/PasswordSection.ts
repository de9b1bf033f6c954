// "Zmiana hasła" on the settings page: current password, new one typed twice. Only the repeat is
// checked here; Rust checks the current password ("wrong_password", shown under it) and the new
// one's rules (its field "password" is shown under "new_password").

import { api, toApiError } from '../api';
import type { FieldError } from '../bindings/FieldError';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';

/** Rust's field names → this form's controls. */
const FIELD_OF: Record<string, string> = { password: 'new_password', new_password: 'new_password', current: 'current_password' };

export function passwordSection(ctx: AppContext): HTMLElement {
  const general = h('p', { class: 'form-error', role: 'alert', tabindex: -1, hidden: true });
  const changed = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'password' });
  const submit = h('button', { type: 'submit', class: 'button primary', 'data-action': 'password-change' }, t('password.submit'));
  const password = (name: string, label: string, autocomplete: string, hint?: string) =>
    textField({ name, label, type: 'password', autocomplete, idPrefix: 'password', hint });
  const form = h(
    'form',
    { novalidate: true, 'data-form': 'password' },
    general,
    h('div', { class: 'grid' },
      password('current_password', t('password.current'), 'current-password'),
      password('new_password', t('password.new'), 'new-password', t('password.rules')),
      password('repeat_password', t('password.repeat'), 'new-password')),
    h('div', { class: 'actions' }, submit, changed),
  );
  let busy = false;

  function showErrors(errors: FieldError[]) {
    const unplaced = showFieldErrors(form, errors);
    general.textContent = unplaced.map((e) => e.message).join(' ');
    general.hidden = unplaced.length === 0;
    if (!focusFirstInvalid(form)) general.focus();
  }

  form.addEventListener('input', () => (changed.textContent = ''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    changed.textContent = '';
    showErrors([]);
    const v = readValues(form);
    if (v.new_password !== v.repeat_password) return showErrors([{ field: 'repeat_password', message: t('password.mismatch') }]);
    busy = true;
    const done = markBusy(submit, t('password.busy'));
    try {
      await api.passwordChange(v.current_password ?? '', v.new_password ?? '');
      form.reset();
      changed.textContent = t('password.changed');
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'wrong_password') showErrors([{ field: 'current_password', message: error.message }]);
      else if (error.code === 'invalid_input') {
        showErrors(error.fields.length
          ? error.fields.map((f) => ({ field: FIELD_OF[f.field] ?? f.field, message: f.message }))
          : [{ field: '', message: error.message }]);
      } else ctx.showError(error);
    } finally {
      busy = false;
      done();
    }
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'password', 'aria-labelledby': 'settings-password' },
    h('h2', { id: 'settings-password' }, t('password.heading')),
    form,
  );
}
