// The plan editor (route `plan`): a support plan in the order of the issue — header, diagnosis,
// goals with their planned services inline, the participant's commitments, reviews and the final
// evaluation — with a progress bar per service and per goal. The other kinds add their parts
// (PlanKindSections): an IŚR its team, a social contract the worker's obligations, a family work
// plan its members and the initial assessment.
//
// A draft is a form: "Zapisz" replaces its content (Rust's errors appear next to their fields),
// "Podpisz" saves and then asks for the signing dates. A signed plan is frozen and shown as text;
// changing it means an amendment ("Aneks": a new draft version). Reviews and closing are added to
// a signed plan.

import { api, toApiError } from '../api';
import type { CodeOption } from '../bindings/CodeOption';
import type { PlanView } from '../bindings/PlanView';
import type { RelatedPerson } from '../bindings/RelatedPerson';
import type { Service } from '../bindings/Service';
import { labelOf } from '../closedLists';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { savedFileParts } from '../documents/savedFile';
import { confirmDialog } from '../ui/dialog';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, showFieldErrors } from '../ui/fields';
import { goalsSection, type GoalsEditing } from './GoalsSection';
import { familySection, kindTextSection, kindWords, teamSection } from './PlanKindSections';
import { closeSection, reviewsSection, signDialog, signingFacts } from './PlanLifecycle';
import { diagnosisSection, headerSection, textSection } from './PlanSections';
import {
  emptyGoal, emptyTeamMember, formFromPlan, formFromValues, placeErrors, toPlanInput, type PlanForm,
} from './planModel';
import { statusBadge } from './planParts';

export function PlanEditor(ctx: AppContext, id: string): View {
  const heading = h('h1', { tabindex: -1 }, t('common.loading'));
  const body = h('div', null, loadingNote());
  const back = h('button', { type: 'button', class: 'link back', 'data-action': 'back' }, t('plan.back'));
  const el = h('section', { class: 'view plan-view', 'data-view': 'plan', 'data-plan-id': id }, back, heading, body);

  void (async () => {
    try {
      const [plan, services] = await Promise.all([api.planGet(id), api.serviceList(true)]);
      const family = plan.kind === 'family_work_plan' && plan.editable ? await familyOf(ctx, plan.participant_id) : NO_FAMILY;
      if (!el.isConnected) return;
      back.addEventListener('click', () => ctx.navigate({ view: 'participant', id: plan.participant_id, tab: 'plans' }));
      heading.textContent = plan.kind === 'support_plan'
        ? t('plan.heading', { name: plan.participant_name })
        : t('plan.headingKind', { kind: labelOf('plan_kind', plan.kind), name: plan.participant_name });
      el.dataset.planKind = plan.kind;
      show(plan, services, family);
    } catch (e) {
      replace(body);
      heading.textContent = t('nav.plans');
      ctx.showError(e);
    }
  })();

  function show(plan: PlanView, services: Service[], family: FamilyChoices, status?: string): void {
    el.dataset.planStatus = plan.status;
    el.dataset.planVersion = String(plan.version);
    replace(body, ...render(ctx, plan, { services, family }, (next, note) => show(next, services, family, note), status));
  }

  return { el, focus: () => heading.focus() };
}

type Reshow = (plan: PlanView, status?: string) => void;

/** The people a family work plan may name: the person's family and the relation labels. */
interface FamilyChoices {
  related: RelatedPerson[];
  kinds: CodeOption[];
}

const NO_FAMILY: FamilyChoices = { related: [], kinds: [] };

async function familyOf(ctx: AppContext, participantId: string): Promise<FamilyChoices> {
  const [family, options] = await Promise.all([api.participantFamily(participantId), ctx.options()]);
  return { related: family.related, kinds: options.relation_kinds };
}

/** What the editor needs besides the plan. */
interface Lookups {
  services: Service[];
  family: FamilyChoices;
}

/** The sections of a plan in the order of its kind (the printed order). */
function sections(plan: PlanView, model: PlanForm | null, goals: HTMLElement, team: HTMLElement | null, family: FamilyChoices): HTMLElement[] {
  const words = kindWords(plan.kind);
  const commitments = textSection('commitments', words.commitments, plan.commitments, model, words.commitmentsLabel);
  const header = headerSection(plan, model);
  const diagnosis = diagnosisSection(plan, model);
  switch (plan.kind) {
    case 'reintegration_path':
      return [header, diagnosis, team ?? teamSection(plan, null), goals, commitments];
    case 'social_contract':
      return [header, diagnosis, goals, commitments, kindTextSection('worker_obligations', plan.worker_obligations, model)];
    case 'family_work_plan':
      return [header, familySection(plan, model, family.related, family.kinds),
        kindTextSection('initial_assessment', plan.initial_assessment, model), diagnosis, goals, commitments];
    default:
      return [header, diagnosis, goals, commitments];
  }
}

function versionLinks(ctx: AppContext, plan: PlanView): HTMLElement | null {
  const links: HTMLElement[] = [];
  if (plan.replaces_id) {
    const target = plan.replaces_id;
    links.push(h('button', { type: 'button', class: 'link', 'data-version-link': 'replaces', onclick: () => ctx.navigate({ view: 'plan', id: target }) },
      t('plan.replaces', { version: plan.version - 1 })));
  }
  if (plan.replaced_by_id) {
    const target = plan.replaced_by_id;
    links.push(h('button', { type: 'button', class: 'link', 'data-version-link': 'replaced-by', onclick: () => ctx.navigate({ view: 'plan', id: target }) },
      t(plan.status === 'superseded' ? 'plan.replacedBy' : 'plan.amendmentDraft')));
  }
  return links.length ? h('p', { class: 'plan-versions' }, links) : null;
}

function render(ctx: AppContext, plan: PlanView, lookups: Lookups, reshow: Reshow, status?: string): HTMLElement[] {
  const { services } = lookups;
  const editable = plan.editable;
  const meta = h(
    'div',
    { class: 'detail-header' },
    h('p', { class: 'meta' },
      statusBadge(plan.status),
      h('span', { 'data-meta': 'version' }, t('plan.version', { version: plan.version })),
      plan.kind === 'support_plan' ? null : h('span', { 'data-meta': 'kind' }, labelOf('plan_kind', plan.kind)),
      h('span', { 'data-meta': 'project' }, plan.project_name ?? t('plan.outsideProject')),
      h('span', { 'data-meta': 'period' }, formatPeriod(plan.start_date, plan.end_date))),
    versionLinks(ctx, plan),
    signingFacts(plan),
    printLine(ctx, plan),
  );
  const formStatus = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'plan' }, status ?? '');
  const summary = h('div', { class: 'form-summary', role: 'alert', tabindex: -1, hidden: true, 'data-form-summary': '' });

  if (!editable) {
    return [
      meta,
      lockedActions(ctx, plan, reshow),
      formStatus,
      ...sections(plan, null, goalsSection(plan, null, services), null, lookups.family),
      reviewsSection(ctx, plan, reshow),
      closeSection(ctx, plan, reshow),
    ];
  }

  let model: PlanForm = formFromPlan(plan);
  if (model.goals.length === 0) model.goals.push(emptyGoal());
  if (plan.kind === 'reintegration_path' && model.team.length === 0) model.team.push(emptyTeamMember());
  const goalsBox = h('div', { class: 'goals-box' });
  const teamBox = plan.kind === 'reintegration_path' ? h('div', { class: 'team-box' }) : null;
  const form = h('form', { class: 'plan-form', novalidate: true, 'data-plan-form': '' });

  /** The form's current values, read from its controls. */
  const sync = () => {
    model = formFromValues(plan.kind, readValues(form), model.goals.length, model.goals.map((g) => g.services.length));
  };
  const editing = (redraw: (focus?: string) => void): GoalsEditing => ({ model, change: (mutate, f) => { sync(); mutate(model); redraw(f); } });
  const redrawGoals = (focus?: string) => {
    replace(goalsBox, goalsSection(plan, editing(redrawGoals), services));
    if (focus) goalsBox.querySelector<HTMLElement>(`[name="${focus}"]`)?.focus();
  };
  const redrawTeam = (focus?: string) => {
    if (!teamBox) return;
    replace(teamBox, teamSection(plan, editing(redrawTeam)));
    if (focus) teamBox.querySelector<HTMLElement>(`[name="${focus}"]`)?.focus();
  };
  redrawGoals();
  redrawTeam();

  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'plan-save' }, t('plan.save'));
  const sign = h('button', { type: 'button', class: 'button', 'data-action': 'plan-sign' }, t('plan.sign'));

  /** Saves the draft; resolves to the saved plan, or null when Rust refused it (errors shown). */
  async function persist(button: HTMLButtonElement): Promise<PlanView | null> {
    sync();
    const { input, errors, areaOrder } = toPlanInput(model);
    formStatus.textContent = '';
    if (errors.length) {
      report(errors);
      return null;
    }
    const done = markBusy(button, t('common.saving'));
    try {
      return await api.planUpdate(plan.id, input);
    } catch (e) {
      const err = toApiError(e);
      if (err.fields.length === 0) {
        ctx.showError(err);
        return null;
      }
      report(placeErrors(err.fields, areaOrder));
      return null;
    } finally {
      if (button.isConnected) done();
    }
  }

  function report(errors: { field: string; message: string }[]): void {
    const unplaced = showFieldErrors(form, errors);
    replace(summary, h('p', null, t('error.summary')), unplaced.length ? h('ul', null, unplaced.map((e) => h('li', null, e.message))) : null);
    summary.hidden = false;
    if (!focusFirstInvalid(form)) summary.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const saved = await persist(save);
    if (saved) reshow(saved, t('plan.saved'));
  });
  sign.addEventListener('click', async () => {
    const saved = await persist(sign);
    if (!saved) return;
    const signed = await signDialog(ctx, saved);
    reshow(signed ?? saved, signed ? t('plan.signed') : t('plan.saved'));
  });

  replace(
    form,
    summary,
    ...sections(plan, model, goalsBox, teamBox, lookups.family),
    h('div', { class: 'form-actions' }, save, sign, formStatus),
  );
  return [
    meta,
    h('p', { class: 'notice', 'data-plan-note': 'draft' }, t('plan.draftNote')),
    form,
    reviewsSection(ctx, plan, reshow),
  ];
}

/**
 * "Drukuj": this version as its kind prints (saved in the print folder and opened to print);
 * a draft prints as a working copy. The saved file is reported under the button.
 */
function printLine(ctx: AppContext, plan: PlanView): HTMLElement {
  const result = h('p', { class: 'print-result', role: 'status', 'data-plan-printed': '' });
  const button = h('button', { type: 'button', class: 'button', 'data-action': 'plan-print' }, t('plan.print'));
  button.addEventListener('click', async () => {
    const done = markBusy(button, t('plan.printing'));
    try {
      const printed = await api.printPlan(plan.id, plan.participant_id, true);
      result.dataset.printedFile = printed.file;
      replace(result, ...savedFileParts(ctx, { file: printed.file, openError: printed.open_error, printed: true }));
    } catch (e) {
      ctx.showError(e);
    } finally {
      if (button.isConnected) done();
    }
  });
  return h('div', { class: 'plan-print' }, button, result);
}

/** The actions of a plan that cannot be edited: amend (which is what "edit" means here). */
function lockedActions(ctx: AppContext, plan: PlanView, reshow: Reshow): HTMLElement {
  if (plan.status !== 'signed') {
    return h('p', { class: 'notice', 'data-plan-note': plan.status }, t(plan.status === 'closed' ? 'plan.closedNote' : 'plan.supersededNote'));
  }
  const draftId = plan.replaced_by_id;
  const amend = h('button', { type: 'button', class: 'button primary', 'data-action': 'plan-amend' }, t(draftId ? 'plan.openAmendment' : 'plan.amend'));
  amend.addEventListener('click', async () => {
    if (draftId) return ctx.navigate({ view: 'plan', id: draftId });
    const ok = await confirmDialog({
      title: t('plan.amendTitle'),
      text: t('plan.amendText', { version: plan.version + 1 }),
      confirmLabel: t('plan.amendConfirm'),
    });
    if (!ok) return;
    const done = markBusy(amend, t('common.saving'));
    try {
      const id = await api.planAmend(plan.id);
      ctx.navigate({ view: 'plan', id });
    } catch (e) {
      done();
      ctx.showError(e);
      // The plan may have changed meanwhile (an amendment started elsewhere): show it as it is.
      try {
        reshow(await api.planGet(plan.id));
      } catch {
        /* the error is already shown */
      }
    }
  });
  return h(
    'div',
    { class: 'locked-actions' },
    h('p', { class: 'notice', 'data-plan-note': 'signed' }, t('plan.signedNote', { date: formatDate(plan.signing?.worker_signed_on ?? '') })),
    h('div', { class: 'actions' }, amend),
  );
}
