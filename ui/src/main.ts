// Entry point: loads the styles and font, asks the app for its status and shows the matching
// screen: create the store, unlock it, or the unlocked app.

import './styles/fonts.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import { api, toApiError } from './api';
import type { AppStatus } from './bindings/AppStatus';
import { h, replace } from './dom';
import { t } from './i18n';
import type { View } from './shell/context';
import { shell } from './shell/Shell';
import { recoveryKeyScreen } from './unlock/RecoveryKeyScreen';
import { setupScreen } from './unlock/SetupScreen';
import { unlockScreen } from './unlock/UnlockScreen';
import { loadingNote } from './ui/feedback';

const root = document.getElementById('app') ?? document.body;
let current: View | null = null;

function mount(view: View): void {
  current?.dispose?.();
  current = view;
  root.replaceChildren(view.el);
  view.focus?.();
}

function route(status: AppStatus): void {
  if (!status.initialized) {
    mount(setupScreen((result) => mount(recoveryKeyScreen(result.recovery_key, () => route(result.status)))));
  } else if (!status.unlocked) {
    mount(unlockScreen(route));
  } else {
    mount(shell(status, route));
  }
}

async function start(): Promise<void> {
  replace(root, h('main', { class: 'center-screen' }, loadingNote()));
  try {
    route(await api.appStatus());
  } catch (e) {
    const retry = h('button', { type: 'button', class: 'button primary', onclick: () => void start() }, t('common.retry'));
    replace(
      root,
      h('main', { class: 'center-screen' },
        h('div', { class: 'card narrow', role: 'alert' }, h('p', null, t('app.startFailed', { message: toApiError(e).message })), retry)),
    );
    retry.focus();
  }
}

void start();
