// The unlocked app: left navigation, the main area with the current view, the message bars for
// errors that are not field errors and for information, and the status bar. While it is on screen
// it reports activity to Rust and leaves for the unlock screen when Rust locks the store.

import { api, toApiError } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import type { FormOptions } from '../bindings/FormOptions';
import { h } from '../dom';
import { helpButton, watchHelpKey } from '../help/HelpPanel';
import { t, type MessageKey } from '../i18n';
import { messageBar } from '../ui/feedback';
import { openDrafts } from '../ui/drafts';
import { flushDrafts, mayLeave } from '../ui/leave';
import { onLocked, watchActivity, type LockReason } from './activity';
import { navOf, type AppContext, type NavId, type Route, type View } from './context';
import { renderRoute } from './routes';
import { statusBar } from './StatusBar';
import { watchSyncStatus } from '../sync/syncStatus';

const NAV: Array<{ id: NavId; label: MessageKey }> = [
  { id: 'participants', label: 'nav.participants' },
  { id: 'projects', label: 'nav.projects' },
  { id: 'plans', label: 'nav.plans' },
  { id: 'documents', label: 'nav.documents' },
  { id: 'reports', label: 'nav.reports' },
  { id: 'sync', label: 'nav.sync' },
  { id: 'settings', label: 'nav.settings' },
];

/** `notice`: information to show when the app opens (e.g. data restored from a backup). */
export function shell(
  initial: AppStatus,
  onLeave: (status: AppStatus, reason: LockReason | null, reopenAt?: Route) => void,
  notice?: string,
  firstView?: Route,
): View {
  let optionsPromise: Promise<FormOptions> | null = null;
  let current: View | null = null;
  let left = false;
  const bar = messageBar();
  const info = messageBar('info');
  if (notice) info.show(notice);
  let navigations = 0;
  // The route on screen: F1 and "Pomoc" open the help of its part of the app.
  let shown: Route | null = null;
  const helpTopic = () => (shown ? navOf(shown) : 'participants');
  const main = h('main', { class: 'main', id: 'main' });
  const demo = demoBanner(() => ctx.navigate({ view: 'settings' }));
  demo.hidden = !initial.demo;

  const navButtons = NAV.map(({ id, label }) =>
    h('button', { type: 'button', class: 'nav-item', 'data-nav': id, onclick: () => ctx.navigate({ view: id }) }, t(label)),
  );

  const lockedStatus = (): AppStatus => ({ ...ctx.status, unlocked: false, worker: null });

  function stop() {
    stopActivity();
    stopListening();
    stopSyncStatus();
    stopHelpKey();
    for (const d of openDrafts()) d.stop();
    current?.dispose?.();
    current = null;
  }

  function leave(status: AppStatus, reason: LockReason | null = null, reopenAt?: Route) {
    if (left) return;
    left = true;
    stop();
    onLeave(status, reason, reopenAt);
  }

  async function lock() {
    try {
      await flushDrafts();
      leave(await api.lock());
    } catch (e) {
      ctx.showError(e);
    }
  }

  /** Puts `route`'s view on screen (forms with changes were asked about already). */
  function show(route: Route): void {
    if (left) return;
    for (const d of openDrafts()) d.stop();
    current?.dispose?.();
    bar.clear();
    // The opening notice stays on the first view only.
    if (navigations++ > 0) info.clear();
    const view = renderRoute(route, ctx);
    shown = route;
    const active = navOf(route);
    for (const b of navButtons) {
      if (b.dataset.nav === active) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    main.replaceChildren(view.el);
    main.scrollTop = 0;
    current = view;
    if (view.focus) view.focus();
    else view.el.querySelector<HTMLElement>('h1')?.focus();
  }

  const ctx: AppContext = {
    status: initial,
    listMemory: { query: '', offset: 0, includeArchived: false },
    navigate(route: Route) {
      if (left) return;
      if (openDrafts().some((d) => d.dirty())) {
        void mayLeave().then((ok) => ok && show(route));
        return;
      }
      show(route);
    },
    showError(error: unknown) {
      const err = toApiError(error);
      if (err.code === 'locked' || err.code === 'not_initialized') {
        // The store was locked under us: go back to the start screens.
        api.appStatus().then((s) => leave(s), () => leave(lockedStatus()));
        return;
      }
      bar.show(err.message);
    },
    clearError: () => bar.clear(),
    statusChanged(status: AppStatus) {
      ctx.status = status;
      demo.hidden = !status.demo;
    },
    // Every text on screen is rebuilt in the new language: the shell opens again at `view`.
    languageChanged(status: AppStatus, view: Route) {
      leave(status, null, view);
    },
    options() {
      if (!optionsPromise) {
        optionsPromise = api.formOptions();
        optionsPromise.catch(() => (optionsPromise = null));
      }
      return optionsPromise;
    },
  };

  const el = h(
    'div',
    { class: 'shell', 'data-screen': 'shell' },
    h(
      'nav',
      { class: 'sidebar', 'aria-label': t('nav.label') },
      h('p', { class: 'brand' }, t('app.title')),
      h('ul', null, navButtons.map((b) => h('li', null, b))),
      h('div', { class: 'nav-bottom' }, helpButton(helpTopic)),
    ),
    h('div', { class: 'content' }, demo, bar.el, info.el, main),
    statusBar(initial, () => void lock()),
  );

  const stopActivity = watchActivity();
  const stopListening = onLocked((reason) => leave(lockedStatus(), reason));
  const stopHelpKey = watchHelpKey(helpTopic);
  const stopSyncStatus = watchSyncStatus(el.querySelector<HTMLElement>('[data-status=sync]'));

  return {
    el,
    // Called once the shell is on screen: the participant list with its search box focused at
    // once; then, if a form was left unsaved at the lock and she has not gone elsewhere in the
    // meantime, that form's view (its draft is put back).
    focus: () => {
      if (firstView) {
        ctx.navigate(firstView);
        return;
      }
      ctx.navigate({ view: 'participants' });
      const opened = navigations;
      api.draftLatest().then(
        (draft) => {
          if (!draft || left || navigations !== opened) return;
          info.show(t('draft.returned'));
          navigations = 0;
          ctx.navigate(JSON.parse(draft.route) as Route);
        },
        () => undefined,
      );
    },
    dispose: stop,
  };
}

/** Shown on every view while demo data is here: the people and projects are fictitious. */
function demoBanner(toSettings: () => void): HTMLElement {
  return h(
    'div',
    { class: 'band demo-banner', role: 'region', 'aria-label': t('demo.heading'), 'data-banner': 'demo' },
    h('p', null, h('strong', null, t('demo.bannerTitle')), ' ', t('demo.bannerText')),
    h('button', { type: 'button', class: 'button small', 'data-action': 'demo-settings', onclick: toSettings }, t('demo.bannerAction')),
  );
}
