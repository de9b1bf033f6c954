// Goals with their planned services inline. In a draft: one card per goal (what, how we will
// know, target date, status) holding its service rows (catalogue item, quantity in its unit,
// specialist, period, frequency), with add/remove buttons; in a signed plan: the same as text.
// Each existing service and goal shows its progress bar.

import type { GoalView } from '../bindings/GoalView';
import type { PlannedServiceView } from '../bindings/PlannedServiceView';
import type { PlanView } from '../bindings/PlanView';
import type { Service } from '../bindings/Service';
import { serviceWords } from './serviceWords';
import { h } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import { dateField, searchableSelectField, selectField, textField } from '../ui/fields';
import {
  emptyGoal, emptyService, fieldName, GOAL_STATUSES, goalProgressText, goalStatusLabel, serviceProgressText,
  unitAfter, unitName, formatQuantity, type PlanForm,
} from './planModel';
import { progressBar } from './planParts';
import { facts, section } from './PlanSections';

const ID = 'plan';

export interface GoalsEditing {
  model: PlanForm;
  /** Reads the form, applies `mutate` to the model and redraws; then focuses the control `focus`. */
  change(mutate: (model: PlanForm) => void, focus?: string): void;
}

function progressOfGoal(g: GoalView): HTMLElement {
  return progressBar(g.progress, goalProgressText(g.progress), `goal:${g.id}`);
}

function progressOfService(s: PlannedServiceView): HTMLElement {
  return progressBar(s.progress, serviceProgressText(s.progress, s.unit), `service:${s.id}`);
}

function servicePeriod(s: { start_date: string | null; end_date: string | null }): string {
  if (!s.start_date && !s.end_date) return t('plan.wholePeriod');
  return `${formatDate(s.start_date) || '…'}–${formatDate(s.end_date) || '…'}`;
}

export function goalsSection(plan: PlanView, edit: GoalsEditing | null, services: Service[]): HTMLElement {
  const title = t('plan.section.goals');
  const errorSlot = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-error-for': 'goals' });
  if (!edit) {
    return section('goals', title, plan.goals.length === 0 ? h('p', { class: 'empty-note' }, t('plan.noGoals')) : null,
      plan.goals.map((g, i) => h('article', { class: 'goal-card', 'data-goal-id': g.id, 'data-goal-index': i },
        h('div', { class: 'goal-head' }, h('h3', null, t('plan.goalN', { n: i + 1 }), ': ', g.title),
          h('span', { class: 'tag', 'data-goal-status': g.status }, g.status_label)),
        facts([
          [t('plan.measure'), g.measure],
          [t('plan.targetDate'), formatDate(g.target_date)],
        ]),
        progressOfGoal(g),
        h('h4', null, t('plan.services')),
        g.services.length === 0 ? h('p', { class: 'empty-note' }, t('plan.noServices')) : h('ul', { class: 'service-list' }, g.services.map((s) =>
          h('li', { class: 'service-row', 'data-planned-service-id': s.id },
            h('p', { class: 'service-name' }, s.service_name, ' — ',
              h('strong', null, t('plan.quantityOf', { quantity: formatQuantity(s.quantity), unit: s.unit_label }))),
            h('p', { class: 'service-meta' }, [
              s.specialist ? t('plan.specialistIs', { name: s.specialist }) : null,
              servicePeriod(s),
              s.frequency,
            ].filter(Boolean).join(' · ')),
            progressOfService(s)))),
      )));
  }

  const { model, change } = edit;
  const goalViews = new Map(plan.goals.map((g) => [g.id, g]));
  const serviceViews = new Map(plan.goals.flatMap((g) => g.services).map((s) => [s.id, s]));
  const byId = new Map(services.map((s) => [s.id, s]));
  const used = new Set(model.goals.flatMap((g) => g.services.map((s) => s.service)));
  const offered = services.filter((s) => s.active || used.has(s.id));

  function serviceRow(gi: number, si: number): HTMLElement {
    const s = model.goals[gi].services[si];
    const name = (n: string) => fieldName(gi, si, n);
    const select = searchableSelectField({
      name: name('service'),
      idPrefix: ID,
      label: t('plan.service'),
      className: 'wide',
      empty: t('common.choose'),
      searchLabel: t('plan.serviceSearch'),
      choices: offered.map((x) => ({ value: x.id, group: x.category, keywords: serviceWords(x.code), label: `${x.name} (${unitName(x.unit)})${x.active ? '' : ` — ${t('service.retired')}`}` })),
      value: s.service,
    });
    const quantity = textField({ name: name('quantity'), idPrefix: ID, label: t('plan.quantity'), value: s.quantity, inputmode: 'text' });
    const suffix = h('span', { class: 'unit-suffix', 'data-unit-for': name('quantity') }, byId.get(s.service) ? unitAfter(byId.get(s.service)!.unit) : '');
    const qInput = quantity.querySelector('input') as HTMLInputElement;
    const box = h('div', { class: 'with-suffix' });
    qInput.replaceWith(box);
    box.append(qInput, suffix);
    const sel = select.querySelector('select') as HTMLSelectElement;
    sel.addEventListener('change', () => {
      const chosen = byId.get(sel.value);
      suffix.textContent = chosen ? unitAfter(chosen.unit) : '';
    });
    const view = s.id ? serviceViews.get(s.id) : undefined;
    return h('div', { class: 'service-row editing', 'data-service-index': si, 'data-planned-service-id': s.id || null },
      h('input', { type: 'hidden', name: name('id'), value: s.id }),
      h('div', { class: 'grid' },
        select,
        quantity,
        textField({ name: name('specialist'), idPrefix: ID, label: t('plan.specialist'), value: s.specialist }),
        dateField({ name: name('start_date'), idPrefix: ID, label: t('plan.serviceStart'), value: s.start_date }),
        dateField({ name: name('end_date'), idPrefix: ID, label: t('plan.serviceEnd'), value: s.end_date }),
        textField({ name: name('frequency'), idPrefix: ID, label: t('plan.frequency'), value: s.frequency, placeholder: t('plan.frequencyHint') })),
      h('div', { class: 'row-foot' },
        view ? progressOfService(view) : h('span', { class: 'hint' }, t('plan.newService')),
        h('button', {
          type: 'button',
          class: 'button small quiet',
          'data-action': 'service-row-remove',
          'aria-label': t('plan.removeServiceLabel', { n: si + 1, goal: gi + 1 }),
          onclick: () => change((m) => m.goals[gi].services.splice(si, 1), `goals.${gi}.title`),
        }, t('plan.removeService'))));
  }

  function goalCard(gi: number): HTMLElement {
    const g = model.goals[gi];
    const name = (n: string) => `goals.${gi}.${n}`;
    const view = g.id ? goalViews.get(g.id) : undefined;
    return h('fieldset', { class: 'goal-card editing', 'data-goal-index': gi, 'data-goal-id': g.id || null },
      h('legend', null, t('plan.goalN', { n: gi + 1 })),
      h('input', { type: 'hidden', name: name('id'), value: g.id }),
      h('div', { class: 'grid' },
        textField({ name: name('title'), idPrefix: ID, label: t('plan.goalTitle'), value: g.title, className: 'wide' }),
        selectField({
          name: name('status'),
          idPrefix: ID,
          label: t('plan.goalStatus'),
          choices: GOAL_STATUSES.map((s) => ({ value: s, label: goalStatusLabel(s) })),
          value: g.status || 'open',
        }),
        textField({ name: name('measure'), idPrefix: ID, label: t('plan.measure'), value: g.measure, className: 'wide' }),
        dateField({ name: name('target_date'), idPrefix: ID, label: t('plan.targetDate'), value: g.target_date })),
      view ? progressOfGoal(view) : null,
      h('h4', null, t('plan.services')),
      h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-error-for': `goals.${gi}.services` }),
      g.services.map((_, si) => serviceRow(gi, si)),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button',
          class: 'button small',
          'data-action': 'service-row-add',
          onclick: () => change((m) => m.goals[gi].services.push(emptyService()), fieldName(gi, g.services.length, 'service')),
        }, t('plan.addService')),
        h('button', {
          type: 'button',
          class: 'button small quiet danger',
          'data-action': 'goal-remove',
          'aria-label': t('plan.removeGoalLabel', { n: gi + 1 }),
          onclick: () => change((m) => m.goals.splice(gi, 1)),
        }, t('plan.removeGoal'))));
  }

  return section('goals', title,
    h('p', { class: 'hint' }, t('plan.goalsHint')),
    errorSlot,
    model.goals.map((_, gi) => goalCard(gi)),
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'goal-add',
      onclick: () => change((m) => m.goals.push(emptyGoal()), `goals.${model.goals.length}.title`),
    }, t('plan.addGoal'))));
}
