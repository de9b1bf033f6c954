// The parts a plan has because of its kind: an IŚR's diagnosis team (name and function; each
// signs the printed path), a social contract's worker obligations beside the person's, a family
// work plan's members (ticked from the person's "Rodzina" tab) and the assistant's initial
// assessment. With a form model they are controls named by their JSON keys (a family member's
// checkbox is `family.<id>`); without one (a signed plan) they are text.

import type { CodeOption } from '../bindings/CodeOption';
import type { PlanKind } from '../bindings/PlanKind';
import type { PlanView } from '../bindings/PlanView';
import type { RelatedPerson } from '../bindings/RelatedPerson';
import { h } from '../dom';
import { t } from '../i18n';
import { checkboxField, textareaField, textField } from '../ui/fields';
import type { GoalsEditing } from './GoalsSection';
import { emptyTeamMember, FAMILY_PREFIX, type PlanForm } from './planModel';
import { section } from './PlanSections';

const ID = 'plan';

/** The section titles and the commitments label that change with the kind. */
export function kindWords(kind: PlanKind): { commitments: string; commitmentsLabel: string } {
  switch (kind) {
    case 'social_contract':
      return { commitments: t('plan.section.personObligations'), commitmentsLabel: t('plan.personObligationsLabel') };
    case 'family_work_plan':
      return { commitments: t('plan.section.familyObligations'), commitmentsLabel: t('plan.familyObligationsLabel') };
    default:
      return { commitments: t('plan.section.commitments'), commitmentsLabel: t('plan.commitmentsLabel') };
  }
}

/** An IŚR's team: rows of name and function, with add and remove in a draft. */
export function teamSection(plan: PlanView, edit: GoalsEditing | null): HTMLElement {
  const title = t('plan.section.team');
  const hint = h('p', { class: 'hint' }, t('plan.teamHint'));
  const errorSlot = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-error-for': 'team' });
  if (!edit) {
    return section('team', title, plan.team.length === 0
      ? h('p', { class: 'empty-note' }, t('plan.noTeam'))
      : h('ul', { class: 'team-list' }, plan.team.map((m) => h('li', { 'data-team-member': '' }, h('strong', null, m.name), ' — ', m.role))));
  }
  const rows = edit.model.team.map((m, i) => h('div', { class: 'team-row grid', 'data-team-index': i },
    textField({ name: `team.${i}.name`, idPrefix: ID, label: t('plan.teamName'), value: m.name }),
    textField({ name: `team.${i}.role`, idPrefix: ID, label: t('plan.teamRole'), value: m.role }),
    h('button', {
      type: 'button',
      class: 'button small',
      'data-action': 'team-remove',
      'aria-label': t('plan.teamRemoveLabel', { n: i + 1 }),
      onclick: () => edit.change((model) => { model.team.splice(i, 1); }, i > 0 ? `team.${i - 1}.name` : undefined),
    }, t('plan.teamRemove'))));
  const add = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'team-add',
    onclick: () => edit.change((model) => { model.team.push(emptyTeamMember()); }, `team.${edit.model.team.length}.name`),
  }, t('plan.teamAdd'));
  return section('team', title, hint, errorSlot, rows, h('div', { class: 'actions' }, add));
}

/** A free-text part of a kind (the worker's obligations, the initial assessment). */
export function kindTextSection(
  name: 'worker_obligations' | 'initial_assessment',
  value: string | null,
  model: PlanForm | null,
): HTMLElement {
  const title = t(name === 'worker_obligations' ? 'plan.section.workerObligations' : 'plan.section.initialAssessment');
  if (!model) return section(name, title, h('p', { class: 'plain-text', 'data-value': name }, value && value.trim() ? value : t('common.notGiven')));
  const label = t(name === 'worker_obligations' ? 'plan.workerObligationsLabel' : 'plan.initialAssessmentLabel');
  return section(name, title, textareaField({ name, idPrefix: ID, label, value: model[name], rows: 4 }));
}

/**
 * A family work plan's members: in a draft a checkbox per person tied to the plan's person in
 * the registry (plus anyone already chosen whose tie was removed since); in a signed plan a list.
 */
export function familySection(plan: PlanView, model: PlanForm | null, related: RelatedPerson[], kinds: CodeOption[]): HTMLElement {
  const title = t('plan.section.family');
  if (!model) {
    return section('family', title, plan.family_members.length === 0
      ? h('p', { class: 'empty-note' }, t('plan.noFamily'))
      : h('ul', { class: 'family-list' }, plan.family_members.map((m) => h('li', { 'data-family-member': m.id },
        m.name, m.relation ? ` (${m.relation})` : ''))));
  }
  const relationOf = (code: string) => kinds.find((k) => k.code === code)?.label ?? code;
  const choices = related.map((r) => ({ id: r.person_id, label: `${r.name} (${relationOf(r.kind)})` }));
  for (const m of plan.family_members) {
    if (!choices.some((c) => c.id === m.id)) choices.push({ id: m.id, label: m.relation ? `${m.name} (${m.relation})` : m.name });
  }
  const errorSlot = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-error-for': 'family_members' });
  if (choices.length === 0) {
    return section('family', title, h('p', { class: 'notice', 'data-family-empty': '' }, t('plan.familyNoneInRegistry')));
  }
  return section('family', title,
    h('p', { class: 'hint' }, t('plan.familyHint')),
    errorSlot,
    h('div', { class: 'checks', role: 'group', 'aria-label': title }, choices.map((c) => checkboxField({
      name: `${FAMILY_PREFIX}${c.id}`,
      idPrefix: ID,
      label: c.label,
      checked: model.family_members.includes(c.id),
    }))));
}
