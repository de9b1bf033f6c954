// The first-run wizard: from an empty data folder to the participant list in five steps —
// the organisation, the first worker (the store is created here), the recovery key with
// "Drukuj", sync now or later, and optional demo data. Each step can go back. A window closed
// after the store was made resumes at the step Rust recorded (after the unlock).

import { toApiError } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import type { FirstRunStep } from '../bindings/FirstRunStep';
import { h, replace } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { View } from '../shell/context';
import { languageSwitch } from '../ui/languageSwitch';
import { startIndex, STEPS } from './wizardModel';
import { demoStep, newState, organisationStep, recoveryKeyStep, syncStep, workerStep, type StepBody } from './wizardSteps';

export interface WizardOptions {
  /** Where a closed window left the wizard (the store exists), or null for a new store. */
  resume: FirstRunStep | null;
  /** The wizard is finished: the app shows the participant list. */
  onDone(status: AppStatus): void;
  /** The language was switched on the first step: the wizard is built again in it. */
  relaunch?(status: AppStatus): void;
}

export function firstRunWizard(o: WizardOptions): View {
  const state = newState(o.resume !== null);
  let index = startIndex(o.resume);
  let busy = false;
  const bodies: StepBody[] = [
    organisationStep(state),
    workerStep(state, () => show(0)),
    recoveryKeyStep(state),
    syncStep(),
    demoStep(state, (status) => o.onDone(status)),
  ];

  const stepItems = STEPS.map((step, i) =>
    h('li', { 'data-wizard-step': step }, `${i + 1}. ${t(`wizard.step.${step}` as MessageKey)}`));
  const heading = h('h2', { tabindex: -1 });
  const counter = h('p', { class: 'hint' });
  const general = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-wizard-error': '' });
  const body = h('div', { class: 'wizard-body' });
  const back = h('button', { type: 'button', class: 'button', 'data-action': 'wizard-back', onclick: () => void goBack() }, t('wizard.back'));
  const next = h('button', { type: 'submit', class: 'button primary', 'data-action': 'wizard-next' }, t('wizard.next'));
  const form = h('form', { novalidate: true, autocomplete: 'off', 'data-form': 'first-run', onsubmit: (e: Event) => void goNext(e) },
    heading, counter, body, general, h('div', { class: 'actions wizard-actions' }, back, next));

  function nextLabel(i: number): string {
    if (STEPS[i] === 'worker' && !state.created) return t('wizard.create');
    if (STEPS[i] === 'demo') return t('wizard.finish');
    return t('wizard.next');
  }

  async function show(i: number): Promise<void> {
    index = i;
    const step = STEPS[i];
    general.hidden = true;
    stepItems.forEach((li, n) => (n === i ? li.setAttribute('aria-current', 'step') : li.removeAttribute('aria-current')));
    heading.textContent = t(`wizard.step.${step}` as MessageKey);
    counter.textContent = t('wizard.stepOf', { n: i + 1, total: STEPS.length });
    form.dataset.step = step;
    back.hidden = i === 0;
    next.textContent = nextLabel(i);
    replace(body, bodies[i].el);
    try {
      await bodies[i].enter?.();
    } catch (e) {
      fail(e);
    }
    // The first text field, or the step's heading where the step is a choice (Tab reaches it).
    const first = body.querySelector<HTMLElement>('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([disabled]), textarea');
    (first ?? heading).focus();
  }

  function fail(e: unknown): void {
    general.textContent = toApiError(e).message;
    general.hidden = false;
  }

  async function goNext(e: Event): Promise<void> {
    e.preventDefault();
    if (busy) return;
    busy = true;
    general.hidden = true;
    const at = index;
    let advance = false;
    try {
      advance = await bodies[at].next(next);
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
    }
    if (advance && at < STEPS.length - 1 && index === at) await show(at + 1);
    else if (!advance && index === at) body.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  async function goBack(): Promise<void> {
    if (!busy && index > 0) await show(index - 1);
  }

  const el = h(
    'main',
    { class: 'center-screen', 'data-view': 'first-run' },
    h('div', { class: 'card wizard' },
      h('h1', null, t('wizard.heading')),
      h('p', { class: 'lead' }, o.resume ? t('wizard.resumed') : t('wizard.intro')),
      // Chosen before anything is typed (the wizard is built again in the new language).
      o.relaunch && !o.resume ? languageSwitch(o.relaunch, fail) : null,
      h('ol', { class: 'wizard-steps', 'aria-label': t('wizard.steps') }, stepItems),
      form),
  );
  return { el, focus: () => void show(index) };
}
