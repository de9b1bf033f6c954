// Drafts of unsaved forms. What a worker types is kept in the encrypted store a moment after she
// stops typing (and at once before "Zablokuj"), given back when the form opens again
// ("Przywrócono niezapisany szkic" with "Odrzuć szkic"), and forgotten when the form is saved
// or discarded. The shell asks before leaving a changed form and, after an unlock, returns to
// the view of the newest draft (./leave.ts).

import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatDateTime } from '../format';
import type { Route } from '../shell/context';
import { controls, readValues } from './fields';

/** How long after the last keystroke the draft is kept. */
export const DRAFT_DELAY_MS = 1500;

export interface DraftHandle {
  key: string;
  /** Whether the form differs from how it opened. */
  dirty(): boolean;
  /** Keeps now what waits for the delay. */
  flush(): Promise<void>;
  /** The form was saved: the draft goes (call before navigating away). */
  saved(): Promise<void>;
  /** The worker gave up the changes: the draft goes and the form is as it opened. */
  discard(): Promise<void>;
  /** Sends the form (the leave question's "Zapisz"). */
  submit(): void;
  /** The form is gone from the screen (its draft stays). */
  stop(): void;
}

const open = new Set<DraftHandle>();

/** The forms on screen with a draft. */
export function openDrafts(): DraftHandle[] {
  return [...open];
}

function fill(form: HTMLFormElement, values: Record<string, unknown>): void {
  const named = controls(form);
  for (const [name, value] of Object.entries(values)) {
    const control = named.get(name);
    if (!control || typeof value !== 'string') continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === 'true';
    else control.value = value;
  }
  // Forms that show or hide parts by their values (e.g. the correspondence address) follow.
  named.values().next().value?.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Keeps a draft of `form` under `key` (the same key finds it again: "note:<person id>"), with
 * `route` as the view to return to. A draft found under the key is put into the form, and
 * `notice` (placed by the caller above the form) says so with a way to discard it.
 */
export function keepDraft(form: HTMLFormElement, key: string, route: Route): { handle: DraftHandle; notice: HTMLElement } {
  const initial = readValues(form);
  const initialText = JSON.stringify(initial);
  let kept = initialText;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let active = true;
  const current = () => JSON.stringify(readValues(form));

  const noticeText = h('span', null);
  const discardButton = h('button', { type: 'button', class: 'button small', 'data-action': 'draft-discard', onclick: () => void handle.discard() }, t('draft.discard'));
  const notice = h('div', { class: 'band draft-notice', role: 'status', hidden: true, 'data-draft-notice': '' }, noticeText, discardButton);

  async function keep(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!active) return;
    const now = current();
    if (now === kept) return;
    kept = now;
    try {
      if (now === initialText) await api.draftDelete(key);
      else await api.draftSave(key, JSON.stringify(route), now);
    } catch {
      kept = ''; // Try again at the next change (e.g. after an unlock).
    }
  }

  const schedule = () => {
    if (!active) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void keep(), DRAFT_DELAY_MS);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  const handle: DraftHandle = {
    key,
    dirty: () => active && current() !== initialText,
    flush: keep,
    async saved() {
      handle.stop();
      await api.draftDelete(key).catch(() => undefined);
    },
    async discard() {
      if (timer) clearTimeout(timer);
      timer = null;
      fill(form, initial);
      kept = initialText;
      notice.hidden = true;
      await api.draftDelete(key).catch(() => undefined);
    },
    submit: () => form.requestSubmit(),
    stop() {
      active = false;
      if (timer) clearTimeout(timer);
      open.delete(handle);
    },
  };
  open.add(handle);

  api.draftGet(key).then((draft) => {
    if (!draft || !active || current() !== initialText) return;
    fill(form, JSON.parse(draft.data) as Record<string, unknown>);
    kept = current();
    noticeText.textContent = t('draft.restored', { at: formatDateTime(draft.saved_at) });
    notice.hidden = false;
  }, () => undefined);

  return { handle, notice };
}
