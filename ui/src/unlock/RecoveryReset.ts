// "Nie pamiętam hasła" on the unlock screen: the recovery key from the office safe sets a new
// password for a worker (chosen from this computer's workers) and unlocks. Rust checks the key
// (a wrong one is "wrong_password", shown under the key) and the new password's rules.

import { api, toApiError } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import { h } from '../dom';
import { t } from '../i18n';
import { markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors, textField } from '../ui/fields';

/** Rust's field names → this form's controls. */
const FIELD_OF: Record<string, string> = { password: 'new_password', worker: 'worker' };

export function recoveryReset(onDone: (status: AppStatus) => void, onBack: () => void): { el: HTMLElement; focus: () => void } {
  const general = h('p', { class: 'form-error', role: 'alert', tabindex: -1, hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide', 'data-action': 'password-reset' }, t('reset.submit'));
  const back = h('button', { type: 'button', class: 'button wide', 'data-action': 'reset-back', onclick: onBack }, t('reset.back'));
  const workerSlot = h('div');
  const form = h(
    'form',
    { novalidate: true, 'data-form': 'password-reset', onsubmit: (e: Event) => void submit(e) },
    h('h2', null, t('reset.heading')),
    h('p', { class: 'lead' }, t('reset.intro')),
    general,
    textField({ name: 'recovery_key', label: t('reset.key'), autocomplete: 'off', idPrefix: 'reset', hint: t('reset.keyHint') }),
    workerSlot,
    textField({ name: 'new_password', label: t('password.new'), type: 'password', autocomplete: 'new-password', idPrefix: 'reset', hint: t('password.rules') }),
    textField({ name: 'repeat_password', label: t('password.repeat'), type: 'password', autocomplete: 'new-password', idPrefix: 'reset' }),
    h('div', { class: 'actions' }, button, back),
  );
  let busy = false;

  // One worker: nothing to choose; several: a list (never typed, so no name can be misspelt).
  void api.workers().then((workers) => {
    workerSlot.replaceChildren(workers.length > 1
      ? selectField({ name: 'worker', label: t('reset.worker'), choices: workers.map((w) => ({ value: w, label: w })), idPrefix: 'reset' })
      : h('input', { type: 'hidden', name: 'worker', value: workers[0] ?? '' }));
  }, () => undefined);

  function showErrors(errors: { field: string; message: string }[]) {
    const unplaced = showFieldErrors(form, errors);
    general.textContent = unplaced.map((e) => e.message).join(' ');
    general.hidden = unplaced.length === 0;
    if (!focusFirstInvalid(form) && !general.hidden) general.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    showErrors([]);
    const v = readValues(form);
    if (v.new_password !== v.repeat_password) return showErrors([{ field: 'repeat_password', message: t('password.mismatch') }]);
    busy = true;
    const done = markBusy(button, t('reset.busy'));
    try {
      onDone(await api.passwordReset(v.recovery_key ?? '', v.worker ?? '', v.new_password ?? ''));
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'wrong_password') showErrors([{ field: 'recovery_key', message: error.message }]);
      else if (error.fields.length) showErrors(error.fields.map((f) => ({ field: FIELD_OF[f.field] ?? f.field, message: f.message })));
      else showErrors([{ field: '', message: error.message }]);
    } finally {
      busy = false;
      done();
    }
  }

  return { el: form, focus: () => form.querySelector<HTMLInputElement>('input[name=recovery_key]')?.focus() };
}
