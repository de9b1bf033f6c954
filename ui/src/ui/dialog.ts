// A modal confirmation dialog built on <dialog>; resolves true only when the user confirms.

import { h, type Child } from '../dom';
import { t } from '../i18n';

export interface ConfirmOptions {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Extra content below the text (e.g. an optional date field, read by the caller afterwards). */
  extra?: Child;
}

export function confirmDialog(o: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null;
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(answer);
    };
    const cancel = h('button', { type: 'button', class: 'button', onclick: () => finish(false) }, o.cancelLabel ?? t('common.cancel'));
    const confirm = h('button', { type: 'button', class: 'button primary', 'data-action': 'confirm', onclick: () => finish(true) }, o.confirmLabel);
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
      h('h2', { id: 'dialog-title' }, o.title),
      h('p', { id: 'dialog-text' }, o.text),
      o.extra,
      h('div', { class: 'actions' }, confirm, cancel),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    document.body.appendChild(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    cancel.focus();
  });
}
