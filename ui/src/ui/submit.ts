// Sending an inline form: the button busy while the command runs, and a failure placed where
// the person looks — each field's message under its field (the first wrong field focused), any
// other error in the message bar.

import { toApiError } from '../api';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from './feedback';
import { focusFirstInvalid, showFieldErrors } from './fields';

/** Places a failed command's error for `form` (see the module comment). */
export function placeFormError(ctx: AppContext, form: HTMLElement, error: unknown): void {
  const err = toApiError(error);
  const unplaced = showFieldErrors(form, err.fields);
  if (err.fields.length === 0 || unplaced.length) ctx.showError(err);
  focusFirstInvalid(form);
}

/** Runs `send` with `button` busy; resolves true when it succeeded, false after placing its error. */
export async function submitForm(ctx: AppContext, form: HTMLElement, button: HTMLButtonElement, send: () => Promise<unknown>): Promise<boolean> {
  const done = markBusy(button, t('common.saving'));
  try {
    await send();
    return true;
  } catch (e) {
    placeFormError(ctx, form, e);
    return false;
  } finally {
    if (button.isConnected) done();
  }
}
