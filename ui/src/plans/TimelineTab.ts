// The "Oś czasu" tab of a participant: case notes, deliveries, plan reviews and consents, newest
// first, and "Dodaj notatkę" (kind of contact, date and time — now by default — and the text),
// whose draft survives a lock: the form opens again with the text when the tab is shown.

import { api, toApiError } from '../api';
import type { CaseNoteInput } from '../bindings/CaseNoteInput';
import type { TimelineEntry } from '../bindings/TimelineEntry';
import type { TimelineKind } from '../bindings/TimelineKind';
import { choicesOf } from '../closedLists';
import { h, replace } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors, textareaField, textField } from '../ui/fields';
import { formatAt, nowText } from './planParts';
import { keepDraft } from '../ui/drafts';
import { mayLeave } from '../ui/leave';

const KINDS: Record<TimelineKind, MessageKey> = {
  note: 'timeline.kind.note',
  delivery: 'timeline.kind.delivery',
  review: 'timeline.kind.review',
  consent: 'timeline.kind.consent',
  consent_withdrawn: 'timeline.kind.consent_withdrawn',
};
export function timelineList(entries: TimelineEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'empty-note', 'data-timeline-empty': '' }, t('timeline.none'));
  return h('ol', { class: 'timeline', 'aria-label': t('timeline.label') }, entries.map((e) => h(
    'li',
    { class: `timeline-entry kind-${e.kind}`, 'data-timeline-kind': e.kind, 'data-record-id': e.record_id },
    h('p', { class: 'when' }, h('time', { datetime: e.at }, formatAt(e.at)), h('span', { class: 'tag' }, t(KINDS[e.kind]))),
    h('p', { class: 'what' }, e.title),
    e.detail ? h('p', { class: 'detail plain-text' }, e.detail) : null,
    e.author ? h('p', { class: 'who' }, t('timeline.author', { name: e.author })) : null,
  )));
}

/** The note form's draft key: a half-typed note survives the lock ("note:<person id>"). */
export const noteDraftKey = (participantId: string) => `note:${participantId}`;

function noteForm(ctx: AppContext, participantId: string, onDone: () => void, onCancel: () => void): HTMLFormElement {
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'note-save' }, t('notes.save'));
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'note' },
    h('h2', null, t('notes.heading')),
    h('div', { class: 'grid' },
      selectField({
        name: 'kind',
        idPrefix: 'note',
        label: t('notes.kind'),
        choices: choicesOf('note_kind'),
        value: 'home_visit',
      }),
      textField({ name: 'at', idPrefix: 'note', label: t('notes.at'), value: nowText(), placeholder: t('notes.atHint'), maxlength: 16 }),
      textareaField({ name: 'text', idPrefix: 'note', label: t('notes.text'), className: 'wide', rows: 5 })),
    h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' }),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', 'data-action': 'note-cancel', onclick: () => void cancel() }, t('common.cancel'))));
  const { handle: draft, notice } = keepDraft(form, noteDraftKey(participantId), { view: 'participant', id: participantId, tab: 'timeline' });
  form.querySelector('h2')!.after(notice);
  async function cancel(): Promise<void> {
    if (!(await mayLeave([draft]))) return;
    draft.stop();
    onCancel();
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readValues(form);
    const input: CaseNoteInput = { kind: v.kind };
    if (v.at.trim()) input.at = v.at.trim();
    if (v.text.trim()) input.text = v.text;
    const done = markBusy(save, t('common.saving'));
    try {
      await api.noteAdd(participantId, input);
      await draft.saved();
      onDone();
    } catch (err) {
      const error = toApiError(err);
      if (error.fields.length === 0) {
        done();
        return ctx.showError(error);
      }
      const unplaced = showFieldErrors(form, error.fields);
      const summary = form.querySelector('[data-form-summary]') as HTMLElement;
      summary.textContent = unplaced.map((x) => x.message).join(' ');
      summary.hidden = unplaced.length === 0;
      focusFirstInvalid(form);
    } finally {
      if (save.isConnected) done();
    }
  });
  return form;
}

/** The tab; `reload` is handed out so the quick delivery form can refresh it after a save. */
export function timelineTab(ctx: AppContext, participantId: string): { el: HTMLElement; reload: () => Promise<void> } {
  const list = h('div', { 'data-timeline': '' }, loadingNote());
  const formBox = h('div', { class: 'form-slot' });
  const add: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'note-add',
    onclick: () => {
      replace(formBox, noteForm(ctx, participantId, () => {
        replace(formBox);
        void load().then(() => add.focus());
      }, () => {
        replace(formBox);
        add.focus();
      }));
      formBox.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    },
  }, t('notes.add'));

  async function load(): Promise<void> {
    try {
      const entries = await api.timeline(participantId);
      if (list.isConnected) replace(list, timelineList(entries));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  void load();
  // A note left unsaved (the lock came, the window closed) opens again with its text.
  api.draftGet(noteDraftKey(participantId)).then((d) => {
    if (d && add.isConnected && !formBox.firstChild) add.click();
  }, () => undefined);
  return { el: h('div', { class: 'timeline-tab' }, h('div', { class: 'actions' }, add), formBox, list), reload: load };
}
