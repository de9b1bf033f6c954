// The participant form (new and edit). Field errors come from Rust: participant_validate runs
// when a field loses focus (errors shown for visited fields only, all after a save attempt);
// saving handles invalid input, same-PESEL duplicates and likely duplicates. What is typed is
// kept as a draft (../ui/drafts.ts) until it is saved or discarded. Opened from the CST2021
// check, the fields the report lacks are marked (while still empty), the first one is focused,
// and "Wróć do raportu" — or saving — goes back to that project's check.

import { api, toApiError } from '../api';
import type { FieldError } from '../bindings/FieldError';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, CstReturn, Route, View } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { keepDraft } from '../ui/drafts';
import { byFormOrder, errorLinks, focusFirstInvalid, readValues, showFieldErrors } from '../ui/fields';
import { duplicatePanel } from './DuplicatePanel';
import { participantFields } from './ParticipantFormFields';
import { fromParticipant, toParticipantInput } from './participantModel';

export function ParticipantForm(ctx: AppContext, id: string | null, cst: CstReturn | null = null): View {
  const heading = h('h1', { tabindex: -1 }, id ? '' : t('form.newTitle'));
  const body = h('div', null, loadingNote());
  const el = h('section', { class: 'view', 'data-view': 'participant-form', 'data-mode': id ? 'edit' : 'new' }, heading, body);

  void (async () => {
    try {
      const [options, participant] = await Promise.all([ctx.options(), id ? api.participantGet(id) : Promise.resolve(null)]);
      if (!el.isConnected) return;
      if (participant) heading.textContent = t('form.editTitle', { name: `${participant.first_name} ${participant.last_name}` });
      replace(body, buildForm(ctx, id, options, participant, id ? cst : null));
      if (!focusFirstInvalid(body)) body.querySelector<HTMLInputElement>('input[name="first_name"]')?.focus();
    } catch (e) {
      replace(body);
      ctx.showError(e);
    }
  })();

  return { el, focus: () => heading.focus() };
}

/** The band over a form opened from the CST2021 check: what to fill in, and the way back. */
function cstBand(ctx: AppContext, back: Route): HTMLElement {
  return h('div', { class: 'notice cst-band', role: 'note', 'data-cst-band': '' },
    h('p', null, t('form.cstIntro')),
    h('button', { type: 'button', class: 'button small', 'data-action': 'back-to-report', onclick: () => ctx.navigate(back) }, t('form.cstBack')));
}

function buildForm(ctx: AppContext, id: string | null, options: FormOptions, participant: Participant | null, cst: CstReturn | null): HTMLFormElement {
  const fields = participantFields(options, participant ? fromParticipant(participant) : {});
  const summary = h('div', { class: 'form-summary', role: 'alert', tabindex: -1, hidden: true, 'data-form-summary': '' });
  const duplicates = h('div', { 'data-duplicates': '' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'save' }, t('form.save'));
  const cancel = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'cancel',
    onclick: () => ctx.navigate(id ? { view: 'participant', id } : { view: 'participants' }),
  }, t('form.cancel'));
  const report: Route | null = cst ? { view: 'reports', cstProject: cst.projectId } : null;
  const form = h(
    'form',
    { class: 'participant-form', novalidate: true, autocomplete: 'off' },
    report ? cstBand(ctx, report) : null,
    summary,
    duplicates,
    h('p', { class: 'hint' }, t('common.requiredNote')),
    fields.sections,
    h('div', { class: 'form-actions' }, save, cancel),
  );
  fields.sync();
  const { handle: draft, notice } = keepDraft(form, id ? `participant-edit:${id}` : 'participant-new',
    id ? { view: 'participant-edit', id } : { view: 'participant-new' });
  form.prepend(notice);

  const visited = new Set<string>();
  let submitted = false;
  let seq = 0;
  let saving = false;

  const input = () => toParticipantInput(readValues(form));

  // The report's gaps stay marked while the field is empty (Rust's own errors come first).
  const reportFields = new Set(cst?.fields ?? []);
  const problems = cst?.problems ?? {};
  const control = (field: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${field}"]`);
  // A refused value stays marked until she changes it; a missing one while it is empty.
  const openedWith = new Map([...reportFields].map((field) => [field, control(field)?.value ?? '']));
  const reportGaps = (errors: FieldError[]): FieldError[] => [...reportFields]
    .filter((field) => !errors.some((e) => e.field === field))
    .flatMap((field) => {
      const value = control(field)?.value;
      if (value === undefined) return [];
      if (problems[field]) return value === openedWith.get(field) ? [{ field, message: t('form.cstWrong', { problem: problems[field] }) }] : [];
      return value.trim() === '' ? [{ field, message: t('form.cstMissing') }] : [];
    });

  function showErrors(errors: FieldError[]): void {
    const visible = (field: string) => submitted || visited.has(field) || reportFields.has(field);
    errors = [...errors, ...reportGaps(errors)];
    const unplaced = showFieldErrors(form, errors, visible);
    const shown = errors.filter((e) => visible(e.field));
    if (submitted && shown.length > 0) {
      // Every wrong field as a link to it (in the form's order), then what has no field. A
      // check that answers while she is on a link keeps her on it.
      const placed = shown.filter((e) => !unplaced.includes(e));
      const onLink = summary.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.errorLink : undefined;
      replace(
        summary,
        h('p', null, h('strong', null, t('error.summary'))),
        errorLinks(form, [...placed.sort(byFormOrder(form)), ...unplaced]),
      );
      if (onLink) summary.querySelector<HTMLElement>(`[data-error-link="${onLink}"]`)?.focus();
      summary.hidden = false;
    } else {
      replace(summary);
      summary.hidden = true;
    }
  }

  async function validate(): Promise<void> {
    const mine = ++seq;
    try {
      const errors = await api.participantValidate(input());
      if (mine === seq && form.isConnected) showErrors(errors);
    } catch (e) {
      if (toApiError(e).code === 'locked') ctx.showError(e);
    }
  }

  async function submit(confirmDuplicate: boolean): Promise<void> {
    if (saving) return;
    saving = true;
    submitted = true;
    ++seq; // Validation answers still on their way are now stale.
    ctx.clearError();
    const done = markBusy(save, t('form.saving'));
    try {
      let savedId = id;
      if (savedId) await api.participantUpdate(savedId, input(), confirmDuplicate);
      else savedId = await api.participantAdd(input(), confirmDuplicate);
      await draft.saved();
      ctx.navigate(report ?? { view: 'participant', id: savedId });
      return;
    } catch (e) {
      const err = toApiError(e);
      replace(duplicates);
      if (err.code === 'invalid_input') {
        showErrors(err.fields);
        if (!focusFirstInvalid(form)) summary.focus();
      } else if (err.code === 'duplicate' || err.code === 'likely_duplicate') {
        showErrors(err.fields);
        const panel = duplicatePanel(err, {
          open: (existing) => ctx.navigate({ view: 'participant', id: existing }),
          saveAnyway: err.code === 'likely_duplicate' ? () => void submit(true) : undefined,
        });
        replace(duplicates, panel);
        panel.querySelector<HTMLElement>('h2')?.focus();
      } else {
        ctx.showError(err);
      }
    } finally {
      saving = false;
      if (form.isConnected) done();
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(false);
  });
  if (reportFields.size) showErrors([]);
  form.addEventListener('change', () => fields.sync());
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLInputElement | null)?.name === 'pesel') fields.sync();
  });
  form.addEventListener('focusout', (e) => {
    const target = e.target as HTMLInputElement | null;
    if (!target?.name || saving) return;
    visited.add(target.name);
    void validate();
  });
  // Changing the identity after a duplicate warning makes the warning stale.
  form.addEventListener('input', (e) => {
    const name = (e.target as HTMLInputElement | null)?.name ?? '';
    if (['first_name', 'last_name', 'pesel', 'birth_date'].includes(name)) replace(duplicates);
  });
  return form;
}
