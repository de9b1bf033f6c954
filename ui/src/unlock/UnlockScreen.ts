// The unlock screen: one password field; Enter submits; a wrong password shows the Polish message
// under the field and keeps the focus there.

import { api, toApiError } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import { h } from '../dom';
import { t } from '../i18n';
import type { View } from '../shell/context';
import { markBusy } from '../ui/feedback';

export function unlockScreen(onUnlocked: (status: AppStatus) => void): View {
  const input = h('input', {
    id: 'unlock-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    'aria-describedby': 'unlock-password-error',
  });
  const error = h('p', { class: 'field-error', id: 'unlock-password-error', 'data-error-for': 'password', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide', 'data-action': 'unlock' }, t('unlock.submit'));
  let busy = false;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const done = markBusy(button, t('unlock.busy'));
    try {
      const status = await api.unlock(input.value);
      onUnlocked(status);
    } catch (e) {
      error.textContent = toApiError(e).message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      input.select();
    } finally {
      busy = false;
      done();
    }
  }

  input.addEventListener('input', () => {
    if (!error.hidden) {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    }
  });

  const el = h(
    'main',
    { class: 'center-screen', 'data-view': 'unlock' },
    h(
      'div',
      { class: 'card narrow' },
      h('h1', null, t('unlock.heading')),
      h('p', { class: 'lead' }, t('unlock.intro')),
      h(
        'form',
        { novalidate: true, onsubmit: submit },
        h('div', { class: 'field' }, h('label', { for: 'unlock-password' }, t('unlock.password')), input, error),
        h('div', { class: 'actions' }, button),
      ),
    ),
  );
  return { el, focus: () => input.focus() };
}
