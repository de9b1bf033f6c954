// The unlock screen: one password field; Enter submits; a wrong password shows the Polish message
// under the field and keeps the focus there. After the idle lock it says calmly why it is back.
// A damaged database ("corrupt") or a missing one ("database_missing": the key file is there, the
// database file is not) offers to restore the newest backup with the typed password.

import { api, toApiError } from '../api';
import type { ApiError } from '../bindings/ApiError';
import type { AppStatus } from '../bindings/AppStatus';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import type { LockReason } from '../shell/activity';
import type { View } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { recoveryReset } from './RecoveryReset';
import { languageSwitch } from '../ui/languageSwitch';

/** `notice`: what the unlocked app should tell the user first (after a restore). */
export type Unlocked = (status: AppStatus, notice?: string) => void;

/** `relaunch` rebuilds the screen after the language was switched. */
export function unlockScreen(onUnlocked: Unlocked, lockReason: LockReason | null = null, relaunch?: (status: AppStatus) => void): View {
  const input = h('input', {
    id: 'unlock-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    'aria-describedby': 'unlock-password-error',
  });
  const error = h('p', { class: 'field-error', id: 'unlock-password-error', 'data-error-for': 'password', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary wide', 'data-action': 'unlock' }, t('unlock.submit'));
  const restoreButton = h(
    'button',
    { type: 'button', class: 'button wide', 'data-action': 'restore-latest', onclick: () => void restore() },
    t('unlock.restore'),
  );
  const corruptHint = h('p', null, t('unlock.corruptHint'));
  const corruptPanel = h('div', { class: 'warning', 'data-corrupt': '', hidden: true }, corruptHint, restoreButton);
  let busy = false;

  function showError(err: ApiError) {
    error.textContent = err.message;
    error.hidden = false;
    if (err.code === 'corrupt' || err.code === 'database_missing') {
      corruptHint.textContent = t(err.code === 'corrupt' ? 'unlock.corruptHint' : 'unlock.missingHint');
      corruptPanel.hidden = false;
    }
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const done = markBusy(button, t('unlock.busy'));
    try {
      const status = await api.unlock(input.value);
      onUnlocked(status);
    } catch (e) {
      showError(toApiError(e));
    } finally {
      busy = false;
      done();
    }
  }

  async function restore() {
    if (busy) return;
    busy = true;
    const done = markBusy(restoreButton, t('unlock.restoring'));
    try {
      // Listed before restoring: the newest copy is the one restored (unlocking may add a new one).
      const newest = await api.backupList().then((list) => list[0] ?? null, () => null);
      const status = await api.restoreLatestBackup(input.value);
      onUnlocked(status, newest
        ? t('unlock.restoredFrom', { date: formatDateTime(newest.made_at) })
        : t('unlock.restored'));
    } catch (e) {
      showError(toApiError(e));
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

  const forgot = h(
    'button',
    { type: 'button', class: 'link', 'data-action': 'forgot-password', onclick: () => showReset() },
    t('unlock.forgot'),
  );
  const unlockPart = h(
    'div',
    null,
    h('h1', null, t('unlock.heading')),
    lockReason === 'idle'
      ? h('p', { class: 'notice', role: 'status', 'data-lock-reason': 'idle' }, t('unlock.idle'))
      : h('p', { class: 'lead' }, t('unlock.intro')),
    h(
      'form',
      { novalidate: true, onsubmit: submit },
      h('div', { class: 'field' }, h('label', { for: 'unlock-password' }, t('unlock.password')), input, error),
      h('div', { class: 'actions' }, button, forgot),
    ),
    corruptPanel,
    relaunch ? languageSwitch(relaunch, (e) => showError(toApiError(e))) : null,
  );
  const card = h('div', { class: 'card narrow' }, unlockPart);

  /** "Nie pamiętam hasła": the recovery-key form takes the card's place; "Wróć" brings it back. */
  function showReset() {
    const reset = recoveryReset(
      (status) => onUnlocked(status, t('reset.done')),
      () => {
        card.replaceChildren(unlockPart);
        forgot.focus();
      },
    );
    card.replaceChildren(reset.el);
    reset.focus();
  }

  const el = h('main', { class: 'center-screen', 'data-view': 'unlock' }, card);
  return { el, focus: () => input.focus() };
}
