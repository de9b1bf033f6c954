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
  return choiceDialog({
    title: o.title,
    text: o.text,
    extra: o.extra,
    choices: [
      { value: 'confirm', label: o.confirmLabel, primary: true },
      { value: 'cancel', label: o.cancelLabel ?? t('common.cancel'), focus: true },
    ],
    cancel: 'cancel',
  }).then((answer) => answer === 'confirm');
}

export interface Choice {
  value: string;
  label: string;
  primary?: boolean;
  /** Focused when the dialog opens (the safe answer). */
  focus?: boolean;
}

/** A modal question with several answers; resolves the chosen `value` (Escape: `cancel`). */
export function choiceDialog(o: { title: string; text: string; extra?: Child; choices: Choice[]; cancel: string }): Promise<string> {
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null;
    let settled = false;
    const finish = (answer: string) => {
      if (settled) return;
      settled = true;
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(answer);
    };
    const buttons = o.choices.map((c) => h('button', {
      type: 'button',
      class: c.primary ? 'button primary' : 'button',
      'data-action': c.value,
      onclick: () => finish(c.value),
    }, c.label));
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
      h('h2', { id: 'dialog-title' }, o.title),
      h('p', { id: 'dialog-text' }, o.text),
      o.extra,
      h('div', { class: 'actions' }, buttons),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(o.cancel);
    });
    document.body.appendChild(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    (buttons[o.choices.findIndex((c) => c.focus)] ?? buttons[0]).focus();
  });
}
