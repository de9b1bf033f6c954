// The help window ("Pomoc", F1): a modal dialog with the list of topics on the left and the
// chosen page (./helpPages.ts) on the right, scrolling on its own so the window fits small screens
// and large zoom. Like ../ui/dialog.ts it is a <dialog> shown modally, closed by Escape or the
// "Zamknij" button, and it gives focus back to where it was; it also keeps Tab inside itself and
// keeps its keys from the view behind it (no Alt+N under the help). One help window at a time.

import { h, replace, type Child } from '../dom';
import { t, type MessageKey } from '../i18n';
import { HELP_PAGES, HELP_TOPICS, type HelpPage, type HelpShortcut, type HelpText, type HelpTopic } from './helpPages';

export type { HelpTopic } from './helpPages';

/** The help window on screen. */
export interface HelpWindow {
  el: HTMLDialogElement;
  /** The topic shown now. */
  topic(): HelpTopic;
  /** Shows another topic's page. */
  show(topic: HelpTopic): void;
  close(): void;
}

export interface HelpOptions {
  /** Where focus goes back when the help closes (default: what had focus when it opened). */
  returnFocus?: HTMLElement | null;
}

/** Where screenshots are served from (ui/public/help/, relative to the page). */
export const SCREENSHOT_DIR = 'help/';

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

let current: HelpWindow | null = null;

/** A text of a help page with its {placeholders} filled by the labels it names. */
export function helpText(text: HelpText): string {
  if (!text.labels) return t(text.key);
  const params: Record<string, string> = {};
  for (const [name, key] of Object.entries(text.labels)) params[name] = t(key);
  return t(text.key, params);
}

function keysOf(keys: MessageKey[]): Child[] {
  return keys.flatMap((key, i) => [i > 0 ? ` ${t('help.or')} ` : null, h('kbd', null, t(key))]);
}

function shortcutTable(rows: HelpShortcut[]): HTMLElement {
  return h(
    'table',
    { class: 'help-keys', 'aria-label': t('help.shortcuts.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('help.shortcuts.col.keys')),
      h('th', { scope: 'col' }, t('help.shortcuts.col.what')),
      h('th', { scope: 'col' }, t('help.shortcuts.col.where')))),
    h('tbody', null, rows.map((r) => h('tr', null,
      h('td', { class: 'help-keys-cell' }, keysOf(r.keys)),
      h('td', null, helpText(r.what)),
      h('td', null, helpText(r.where))))),
  );
}

/** A screenshot; one that cannot be loaded (not made yet) is hidden and the text stands alone. */
function screenshot(file: string, alt: MessageKey): HTMLElement {
  const figure: HTMLElement = h('figure', { class: 'help-shot' });
  figure.append(h('img', {
    src: `${SCREENSHOT_DIR}${file}`,
    alt: t(alt),
    'data-help-shot': file,
    onerror: () => {
      figure.hidden = true;
    },
  }));
  return figure;
}

/** The page of one topic (its heading is focusable, so reading starts there). */
export function renderHelpPage(page: HelpPage): HTMLElement {
  return h(
    'article',
    { class: 'help-page', 'data-help-page': page.topic },
    h('h3', { id: 'help-page-title', tabindex: -1 }, t(page.title)),
    h('p', { class: 'lead' }, helpText(page.intro)),
    page.screenshot ? screenshot(page.screenshot.file, page.screenshot.alt) : null,
    page.tasks.map((task) => h(
      'section',
      { class: 'help-task' },
      h('h4', null, t(task.title)),
      h('ol', null, task.steps.map((step) => h('li', null, helpText(step)))),
      task.note ? h('p', { class: 'hint' }, helpText(task.note)) : null,
    )),
    page.shortcuts ? shortcutTable(page.shortcuts) : null,
    page.note ? h('p', { class: 'notice' }, helpText(page.note)) : null,
  );
}

/** Keeps Tab and Shift+Tab among the dialog's own controls, wrapping at either end. */
function trapTab(dialog: HTMLElement, e: KeyboardEvent): void {
  const focusables = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE))
    .filter((el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled);
  if (focusables.length === 0) return;
  const first = focusables[0];
  const last = focusables[focusables.length - 1];
  const active = document.activeElement;
  const wrapTo = (el: HTMLElement) => {
    e.preventDefault();
    el.focus();
  };
  if (!(active instanceof HTMLElement) || !dialog.contains(active)) return wrapTo(e.shiftKey ? last : first);
  const index = focusables.indexOf(active);
  if (index >= 0) {
    if (!e.shiftKey && index === focusables.length - 1) wrapTo(first);
    else if (e.shiftKey && index === 0) wrapTo(last);
    return;
  }
  // Focus is on something reachable only by script (the page's heading): wrap if nothing follows.
  const follows = (el: HTMLElement) => Boolean(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!e.shiftKey && !focusables.some(follows)) wrapTo(first);
  else if (e.shiftKey && focusables.every(follows)) wrapTo(last);
}

/** Opens the help at `topic` (or shows `topic` in the help already open). */
export function openHelp(topic: HelpTopic, options: HelpOptions = {}): HelpWindow {
  if (current) {
    current.show(topic);
    return current;
  }
  const opener = options.returnFocus !== undefined ? options.returnFocus : (document.activeElement as HTMLElement | null);
  let shown: HelpTopic = topic;
  let closed = false;

  const body = h('div', { class: 'help-body', role: 'region', tabindex: 0, 'aria-labelledby': 'help-page-title' });
  const topicButtons = HELP_TOPICS.map((id) => h('button', {
    type: 'button',
    class: 'help-topic',
    'data-topic': id,
    onclick: () => show(id),
  }, t(HELP_PAGES[id].title)));
  const closeButton = h('button', { type: 'button', class: 'button', 'data-action': 'help-close', onclick: () => close() }, t('common.close'));
  const dialog = h(
    'dialog',
    { class: 'dialog help-dialog', 'data-dialog': 'help', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'help-title' },
    h('div', { class: 'help-header' }, h('h2', { id: 'help-title' }, t('help.title')), closeButton),
    h(
      'div',
      { class: 'help-layout' },
      h('nav', { class: 'help-topics', 'aria-label': t('help.topicsLabel') },
        h('ul', null, topicButtons.map((b) => h('li', null, b))),
        h('p', { class: 'hint' }, t('help.f1Hint'))),
      body,
    ),
  );

  function show(next: HelpTopic): void {
    shown = next;
    dialog.dataset.topic = next;
    for (const b of topicButtons) {
      if (b.dataset.topic === next) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    replace(body, renderHelpPage(HELP_PAGES[next]));
    body.scrollTop = 0;
  }

  function close(): void {
    if (closed) return;
    closed = true;
    if (current === win) current = null;
    if (dialog.open && typeof dialog.close === 'function') dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  }

  dialog.addEventListener('keydown', (e: KeyboardEvent) => {
    // The view behind must not act on keys typed here (Alt+N, the shell's F1).
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'F1') {
      e.preventDefault();
    } else if (e.key === 'Tab') {
      trapTab(dialog, e);
    }
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });

  const win: HelpWindow = { el: dialog, topic: () => shown, show, close };
  current = win;
  show(topic);
  document.body.appendChild(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  dialog.querySelector<HTMLElement>('#help-page-title')?.focus();
  return win;
}

/** Closes the help if it is open (e.g. when the store is locked under it). */
export function closeHelp(): void {
  current?.close();
}

/** The "Pomoc" button at the bottom of the navigation: the help of `topic()` (the current view). */
export function helpButton(topic: () => HelpTopic): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: 'nav-item nav-help',
    'data-action': 'help',
    'aria-keyshortcuts': 'F1',
    onclick: () => openHelp(topic()),
  }, t('nav.help'), h('span', { class: 'nav-key', 'aria-hidden': 'true' }, t('help.key.f1')));
}

/**
 * F1 anywhere in `target` opens the help of `topic()` instead of the WebView's own; returns the
 * function that stops listening and closes the help (the shell calls it when it is left).
 */
export function watchHelpKey(topic: () => HelpTopic, target: Document = document): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'F1' || e.defaultPrevented) return;
    e.preventDefault();
    openHelp(topic());
  };
  target.addEventListener('keydown', onKey);
  return () => {
    target.removeEventListener('keydown', onKey);
    closeHelp();
  };
}

/** The help window on screen, if any. */
export function openHelpWindow(): HelpWindow | null {
  return current;
}
