// The lifecycle steps of a plan: signing (participant or guardian, and worker, with their dates),
// reviews of a signed plan (date, what changed, the status of each goal) and closing it with the
// final evaluation.

import { api, toApiError } from '../api';
import type { Family } from '../bindings/Family';
import type { FieldError } from '../bindings/FieldError';
import type { PlanCloseInput } from '../bindings/PlanCloseInput';
import type { PlanReviewInput } from '../bindings/PlanReviewInput';
import type { PlanSignInput } from '../bindings/PlanSignInput';
import type { PlanView } from '../bindings/PlanView';
import { h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { dateField, focusFirstInvalid, readValues, selectField, showFieldErrors, textareaField, textField } from '../ui/fields';
import { formDialog } from '../ui/formDialog';
import { GOAL_STATUSES, goalStatusLabel } from './planModel';
import { todayText } from './planParts';
import { facts, section } from './PlanSections';

type Reshow = (plan: PlanView, status?: string) => void;

const present = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);

/** Who signed and when, for a signed (or later) plan. */
export function signingFacts(plan: PlanView): HTMLElement | null {
  const s = plan.signing;
  if (!s) return null;
  const who = s.signed_by === 'self' ? t('plan.signedBySelf') : t('plan.signedByGuardian', { name: s.signed_by });
  return h('p', { class: 'plan-signing', 'data-plan-signing': '' },
    t('plan.signingFacts', { date: formatDate(s.participant_signed_on), who, worker: s.worker, workerDate: formatDate(s.worker_signed_on) }));
}

/** Errors of a failed command to show in a form; other failures go to the message bar. */
function fieldErrors(ctx: AppContext, e: unknown): FieldError[] {
  const err = toApiError(e);
  if (err.fields.length) return err.fields;
  if (err.code === 'conflict' || err.code === 'invalid_input') return [{ field: '', message: err.message }];
  ctx.showError(err);
  return [];
}

/** Asks for the signing dates (and the guardian of a minor) and signs; the signed plan or null. */
export async function signDialog(ctx: AppContext, plan: PlanView): Promise<PlanView | null> {
  let family: Family;
  try {
    family = await api.participantFamily(plan.participant_id);
  } catch (e) {
    ctx.showError(e);
    return null;
  }
  const guardians = family.related.filter((r) => r.can_sign);
  const today = todayText();
  const body = h('div', { class: 'grid one' },
    dateField({ name: 'participant_signed_on', idPrefix: 'sign', label: t('plan.participantSignedOn'), value: today }),
    guardians.length || family.needs_guardian
      ? selectField({
        name: 'guardian_id',
        idPrefix: 'sign',
        label: t('plan.guardian'),
        hint: family.needs_guardian ? t('plan.guardianHintMinor') : undefined,
        empty: t('plan.signsSelf'),
        choices: guardians.map((g) => ({ value: g.person_id, label: g.name })),
        value: guardians.length === 1 && family.needs_guardian ? guardians[0].person_id : '',
      })
      : null,
    dateField({ name: 'worker_signed_on', idPrefix: 'sign', label: t('plan.workerSignedOn'), value: today }));
  let signed: PlanView | null = null;
  const ok = await formDialog({
    name: 'plan-sign',
    title: t('plan.signTitle'),
    text: t('plan.signText', { version: plan.version }),
    body,
    confirmLabel: t('plan.signConfirm'),
    async submit(form) {
      const v = readValues(form);
      const input: PlanSignInput = {};
      if (present(v.participant_signed_on)) input.participant_signed_on = v.participant_signed_on;
      if (present(v.guardian_id)) input.guardian_id = v.guardian_id;
      if (present(v.worker_signed_on)) input.worker_signed_on = v.worker_signed_on;
      try {
        signed = await api.planSign(plan.id, input);
        return null;
      } catch (e) {
        return fieldErrors(ctx, e);
      }
    },
  });
  return ok ? signed : null;
}

/** Runs `send` for an inline form, showing field errors in it; `onDone` gets the new plan. */
async function submitInline(ctx: AppContext, form: HTMLFormElement, button: HTMLButtonElement, send: () => Promise<PlanView>, onDone: (p: PlanView) => void) {
  const summary = form.querySelector<HTMLElement>('[data-form-summary]');
  const done = markBusy(button, t('common.saving'));
  try {
    onDone(await send());
  } catch (e) {
    const unplaced = showFieldErrors(form, fieldErrors(ctx, e));
    if (summary) {
      summary.textContent = unplaced.map((x) => x.message).join(' ');
      summary.hidden = unplaced.length === 0;
    }
    focusFirstInvalid(form);
  } finally {
    if (button.isConnected) done();
  }
}

function reviewForm(ctx: AppContext, plan: PlanView, reshow: Reshow, close: () => void): HTMLFormElement {
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'review-save' }, t('plan.reviewSave'));
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'plan-review' },
    h('h3', null, t('plan.reviewHeading')),
    h('div', { class: 'grid' },
      dateField({ name: 'review_date', idPrefix: 'review', label: t('plan.reviewDate'), value: todayText() }),
      textareaField({ name: 'changes', idPrefix: 'review', label: t('plan.reviewChanges'), className: 'wide' })),
    h('h4', null, t('plan.reviewGoals')),
    plan.goals.map((g, i) => h('div', { class: 'review-goal', 'data-goal-id': g.id },
      h('input', { type: 'hidden', name: `goals.${i}.goal_id`, value: g.id }),
      h('p', { class: 'review-goal-title' }, t('plan.goalN', { n: i + 1 }), ': ', g.title),
      h('div', { class: 'grid' },
        selectField({
          name: `goals.${i}.status`,
          idPrefix: 'review',
          label: t('plan.goalStatus'),
          choices: GOAL_STATUSES.map((s) => ({ value: s, label: goalStatusLabel(s) })),
          value: g.status,
        }),
        textField({ name: `goals.${i}.comment`, idPrefix: 'review', label: t('plan.reviewComment'), className: 'wide' })))),
    h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' }),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: close }, t('common.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    const input: PlanReviewInput = {
      goals: plan.goals.map((g, i) => {
        const comment = present(v[`goals.${i}.comment`]);
        return comment ? { goal_id: g.id, status: v[`goals.${i}.status`], comment } : { goal_id: g.id, status: v[`goals.${i}.status`] };
      }),
    };
    if (present(v.review_date)) input.review_date = v.review_date;
    if (present(v.changes)) input.changes = v.changes;
    void submitInline(ctx, form, save, () => api.planReview(plan.id, input), (p) => reshow(p, t('plan.reviewed')));
  });
  return form;
}

export function reviewsSection(ctx: AppContext, plan: PlanView, reshow: Reshow): HTMLElement {
  const titles = new Map(plan.goals.map((g) => [g.id, g.title]));
  const list = plan.reviews.length === 0
    ? h('p', { class: 'empty-note', 'data-reviews-empty': '' }, t('plan.noReviews'))
    : h('ol', { class: 'review-list' }, plan.reviews.map((r) => h('li', { 'data-review-date': r.review_date },
      h('p', null, h('strong', null, formatDate(r.review_date)), ' — ', r.worker),
      h('p', { class: 'plain-text' }, r.changes),
      r.goals.length ? h('ul', null, r.goals.map((g) => h('li', null,
        `${titles.get(g.goal_id) ?? t('plan.goalRemoved')}: ${goalStatusLabel(g.status)}`, g.comment ? ` (${g.comment})` : ''))) : null)));
  const slot = h('div', { class: 'form-slot' });
  const add: HTMLButtonElement | null = plan.status === 'signed'
    ? h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'plan-review',
      onclick: () => {
        replace(slot, reviewForm(ctx, plan, reshow, () => {
          replace(slot);
          add?.focus();
        }));
        slot.querySelector<HTMLInputElement>('input[name=review_date]')?.focus();
      },
    }, t('plan.addReview'))
    : null;
  return section('reviews', t('plan.section.reviews'), list, add ? h('div', { class: 'actions' }, add) : null, slot);
}

function closeForm(ctx: AppContext, plan: PlanView, reshow: Reshow, close: () => void): HTMLFormElement {
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'close-save' }, t('plan.closeSave'));
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'plan-close' },
    h('h3', null, t('plan.closeHeading')),
    h('p', { class: 'hint' }, t('plan.closeHint')),
    h('div', { class: 'grid' },
      dateField({ name: 'closed_on', idPrefix: 'close', label: t('plan.closedOn'), value: todayText() }),
      textareaField({ name: 'final_evaluation', idPrefix: 'close', label: t('plan.finalEvaluation'), className: 'wide', rows: 5 })),
    h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' }),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: close }, t('common.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = readValues(form);
    const input: PlanCloseInput = {};
    if (present(v.closed_on)) input.closed_on = v.closed_on;
    if (present(v.final_evaluation)) input.final_evaluation = v.final_evaluation;
    void submitInline(ctx, form, save, () => api.planClose(plan.id, input), (p) => reshow(p, t('plan.closed')));
  });
  return form;
}

export function closeSection(ctx: AppContext, plan: PlanView, reshow: Reshow): HTMLElement {
  if (plan.closing) {
    return section('evaluation', t('plan.section.evaluation'), facts([
      [t('plan.closedOn'), formatDate(plan.closing.closed_on), 'closed_on'],
      [t('plan.worker'), plan.closing.worker],
    ]), h('p', { class: 'plain-text', 'data-value': 'final_evaluation' }, plan.closing.final_evaluation));
  }
  if (plan.status !== 'signed') {
    return section('evaluation', t('plan.section.evaluation'), h('p', { class: 'empty-note' }, t('plan.evaluationLater')));
  }
  const slot = h('div', { class: 'form-slot' });
  const button: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'plan-close',
    onclick: () => {
      replace(slot, closeForm(ctx, plan, reshow, () => {
        replace(slot);
        button.focus();
      }));
      slot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    },
  }, t('plan.close'));
  return section('evaluation', t('plan.section.evaluation'), h('p', { class: 'empty-note' }, t('plan.evaluationWhenClosing')),
    h('div', { class: 'actions' }, button), slot);
}
