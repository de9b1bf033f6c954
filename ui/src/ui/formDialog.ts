// A modal dialog holding a small form (e.g. signing a plan): it stays open while the command
// answers with field errors, shows them next to their fields (the rest in a summary), and
// resolves true once the command succeeds, false when cancelled.

import type { FieldError } from '../bindings/FieldError';
import { h, type Child } from '../dom';
import { t } from '../i18n';
import { markBusy } from './feedback';
import { toApiError } from '../api';
import { dateField, focusFirstInvalid, readValues, showFieldErrors } from './fields';

export interface FormDialogOptions {
  title: string;
  text: string;
  /** The fields, built with ./fields.ts so errors find their slots. */
  body: Child;
  confirmLabel: string;
  /** `data-dialog` of the dialog, for tests. */
  name: string;
  /** Runs the command; returns the errors to show, or null when it succeeded. */
  submit(form: HTMLFormElement): Promise<FieldError[] | null>;
}

export function formDialog(o: FormDialogOptions): Promise<boolean> {
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
    const summary = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' });
    const confirm = h('button', { type: 'submit', class: 'button primary', 'data-action': 'confirm' }, o.confirmLabel);
    const cancel = h('button', { type: 'button', class: 'button', onclick: () => finish(false) }, t('common.cancel'));
    const form = h('form', { novalidate: true, method: 'dialog' }, o.body, summary, h('div', { class: 'actions' }, confirm, cancel));
    const dialog = h(
      'dialog',
      { class: 'dialog form-dialog', 'data-dialog': o.name, 'aria-labelledby': `${o.name}-title`, 'aria-describedby': `${o.name}-text` },
      h('h2', { id: `${o.name}-title` }, o.title),
      h('p', { id: `${o.name}-text` }, o.text),
      form,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const done = markBusy(confirm, t('common.saving'));
      try {
        const errors = await o.submit(form);
        if (errors === null) return finish(true);
        const unplaced = showFieldErrors(form, errors);
        summary.textContent = unplaced.map((x) => x.message).join(' ');
        summary.hidden = unplaced.length === 0;
        if (!focusFirstInvalid(form)) confirm.focus();
      } finally {
        if (confirm.isConnected) done();
      }
    });
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    document.body.appendChild(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    form.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });
}

export interface DateDialogOptions {
  title: string;
  text: string;
  /** The label of the one date field (empty means "today" to the command). */
  label: string;
  confirm: string;
  name: string;
  /** Runs the command with the date typed, or null when left empty. */
  run(date: string | null): Promise<unknown>;
}

/** A dialog asking one optional date (closing a round, a resignation, leaving a group); the
 *  command's error is shown under the date. Resolves true once the command succeeded. */
export function dateDialog(o: DateDialogOptions): Promise<boolean> {
  return formDialog({
    title: o.title,
    text: o.text,
    body: dateField({ name: 'date', idPrefix: o.name, label: o.label }),
    confirmLabel: o.confirm,
    name: o.name,
    async submit(form) {
      const date = readValues(form).date?.trim() ?? '';
      try {
        await o.run(date === '' ? null : date);
        return null;
      } catch (e) {
        const err = toApiError(e);
        return err.fields.length ? err.fields.map((f) => ({ ...f, field: 'date' })) : [{ field: 'date', message: err.message }];
      }
    },
  });
}
