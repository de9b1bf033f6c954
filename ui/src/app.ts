// Which screen the app shows, from its status: the first-run wizard (an empty data folder, or
// a wizard a closed window left unfinished), unlock, or the unlocked shell; and back to the unlock screen whenever the store gets locked
// (the "Zablokuj" button, the idle lock in Rust, a command answering "locked").

import { api, toApiError } from './api';
import type { AppStatus } from './bindings/AppStatus';
import { h, replace } from './dom';
import { t, useLanguage } from './i18n';
import type { LockReason } from './shell/activity';
import type { Route, View } from './shell/context';
import { shell } from './shell/Shell';
import { firstRunWizard } from './firstrun/FirstRunWizard';
import { unlockScreen } from './unlock/UnlockScreen';
import { loadingNote } from './ui/feedback';

/** What the next screen should tell the user about how the app got there. */
export interface Arrival {
  /** The store was locked without the user asking (shown on the unlock screen). */
  lockReason?: LockReason | null;
  /** Information for the unlocked app's first view (e.g. data restored from a backup). */
  notice?: string;
  /** The view the unlocked app opens with (after the language was switched in Ustawienia). */
  view?: Route;
}

export function createApp(root: HTMLElement) {
  let current: View | null = null;

  function mount(view: View): void {
    current?.dispose?.();
    current = view;
    root.replaceChildren(view.el);
    view.focus?.();
  }

  function route(status: AppStatus, arrival: Arrival = {}): void {
    // Before the data folder exists the wizard's own choice lasts; afterwards the folder's.
    if (status.initialized) useLanguage(status.language);
    if (!status.initialized) {
      mount(firstRunWizard({ resume: null, onDone: (done) => route(done), relaunch: (again) => route(again) }));
    } else if (!status.unlocked) {
      mount(unlockScreen((unlocked, notice) => route(unlocked, { notice }), arrival.lockReason ?? null, (again) => route(again)));
    } else if (status.first_run) {
      mount(firstRunWizard({ resume: status.first_run, onDone: (done) => route(done), relaunch: (again) => route(again) }));
    } else {
      mount(shell(status, (left, lockReason, view) => route(left, { lockReason, view }), arrival.notice, arrival.view));
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

  return { start, route };
}
