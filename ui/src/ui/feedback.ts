// Feedback that is not tied to one field: the dismissible message bars (errors, information), loading
// notes for slow calls, and marking a button busy while its command runs.

import { h } from '../dom';
import { t } from '../i18n';

export interface MessageBar {
  el: HTMLElement;
  show(message: string): void;
  clear(): void;
}

/** Errors (role="alert", `[data-message-bar]`) or calm information (role="status", `[data-info-bar]`). */
export function messageBar(kind: 'error' | 'info' = 'error'): MessageBar {
  const text = h('p', { class: 'message-text' });
  const el = h(
    'div',
    kind === 'error'
      ? { class: 'message-bar', role: 'alert', hidden: true, 'data-message-bar': '' }
      : { class: 'message-bar info', role: 'status', hidden: true, 'data-info-bar': '' },
    text,
    h('button', { type: 'button', class: 'button quiet', onclick: () => clear() }, t('common.close')),
  );
  el.querySelector('button')?.setAttribute('aria-label', t('error.dismiss'));
  function clear() {
    text.textContent = '';
    el.hidden = true;
  }
  return {
    el,
    show(message: string) {
      text.textContent = message;
      el.hidden = false;
    },
    clear,
  };
}

/** A "Wczytywanie…" note announced politely to screen readers. */
export function loadingNote(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

/**
 * Disables a button and shows a spinner in place of its label (same width, so nothing moves);
 * screen readers hear `busyLabel`. Call the returned function to restore it.
 */
export function markBusy(button: HTMLButtonElement, busyLabel: string): () => void {
  button.disabled = true;
  button.classList.add('is-busy');
  button.setAttribute('aria-busy', 'true');
  button.setAttribute('aria-label', busyLabel);
  return () => {
    button.disabled = false;
    button.classList.remove('is-busy');
    button.removeAttribute('aria-busy');
    button.removeAttribute('aria-label');
  };
}

export interface CancelControl {
  /** Asks once to stop; the button shows it is stopping until `reset` (or the request fails). */
  ask(): Promise<void>;
  /** The long work ended: the button is ready for the next run. */
  reset(): void;
}

/** The "Przerwij" button of long work (batch printing, an import). */
export function cancelControl(
  button: HTMLButtonElement,
  busyLabel: string,
  request: () => Promise<unknown>,
  onError: (error: unknown) => void,
): CancelControl {
  let release: (() => void) | null = null;
  return {
    async ask() {
      if (release) return;
      release = markBusy(button, busyLabel);
      try {
        await request();
      } catch (error) {
        release();
        release = null;
        onError(error);
      }
    },
    reset() {
      release?.();
      release = null;
    },
  };
}
