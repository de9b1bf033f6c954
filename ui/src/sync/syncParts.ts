// What the parts of the Synchronizacja view share: a section with its heading, a section's own
// error line, where a failure is shown, a file's name, and "one piece of work at a time" (the
// buttons that start work are disabled while any of it runs).

import type { ApiError } from '../bindings/ApiError';
import { h } from '../dom';
import type { AppContext } from '../shell/context';
import { focusFirstInvalid, showFieldErrors } from '../ui/fields';

/** A section's own error line (role="alert"), for failures that belong to no field. */
export function errorLine(id: string): HTMLElement {
  return h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-sync-error': id });
}

export function showError(line: HTMLElement, message: string | null): void {
  line.textContent = message ?? '';
  line.hidden = !message;
}

/** "/media/usb/kartoteka-….kbundle" → "kartoteka-….kbundle" (either kind of slash). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A part of the view: `section[data-section=id]` named by its `h2#sync-{id}-heading`. */
export function syncSection(id: string, heading: string, ...children: Array<HTMLElement | null>): HTMLElement {
  return h(
    'section',
    { class: 'settings-section', 'data-section': id, 'aria-labelledby': `sync-${id}-heading` },
    h('h2', { id: `sync-${id}-heading` }, heading),
    ...children,
  );
}

/** A failure: per-field errors under their fields, `locked` to the unlock screen, the rest in `line`. */
export function placeError(ctx: AppContext, form: HTMLElement, line: HTMLElement, error: ApiError): void {
  if (error.code === 'locked' || error.code === 'not_initialized') return ctx.showError(error);
  const unplaced = error.code === 'invalid_input' ? showFieldErrors(form, error.fields) : [];
  const placed = error.code === 'invalid_input' && unplaced.length < error.fields.length;
  if (!placed) showError(line, error.message);
  else if (unplaced.length) showError(line, unplaced.map((f) => f.message).join(' '));
  focusFirstInvalid(form);
}

