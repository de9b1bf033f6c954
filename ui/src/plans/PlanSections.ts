// The plain sections of the plan editor: header (participant, kind, project or "poza projektem",
// legal basis, worker, period), diagnosis
// (problem situation, strengths, needs, the seven life areas scored 1–5 with a comment) and free
// text (the participant's commitments). With a form model they are controls named by their JSON
// keys; without one (a signed plan) they are read-only text.

import type { PlanView } from '../bindings/PlanView';
import { labelOf } from '../closedLists';
import { h, type Child } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import { dateField, selectField, textareaField, textField } from '../ui/fields';
import { areaLabel, LIFE_AREAS, type PlanForm } from './planModel';

const ID = 'plan';

export function section(name: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'plan-section', 'data-section': name, 'aria-labelledby': `plan-section-${name}` },
    h('h2', { id: `plan-section-${name}` }, title), children);
}

/** Read-only facts: label and value pairs (empty values show a dash). */
export function facts(pairs: Array<[string, string | null | undefined, string?]>): HTMLElement {
  return h('dl', { class: 'facts' }, pairs.map(([label, value, name]) => [
    h('dt', null, label),
    h('dd', name ? { 'data-value': name } : null, value && value.trim() !== '' ? value : t('common.notGiven')),
  ]));
}

export function headerSection(plan: PlanView, model: PlanForm | null): HTMLElement {
  const fixed = facts([
    [t('plan.participant'), plan.participant_name, 'participant'],
    [t('plan.kind'), labelOf('plan_kind', plan.kind), 'kind'],
    [t('plan.project'), plan.project_name ?? t('plan.outsideProject'), 'project'],
    ...(plan.legal_basis ? [[t('plan.legalBasis'), plan.legal_basis, 'legal_basis'] as [string, string, string]] : []),
  ]);
  if (!model) {
    return section('header', t('plan.section.header'), fixed, facts([
      [t('plan.worker'), plan.worker, 'worker'],
      [t('plan.startDate'), formatDate(plan.start_date), 'start_date'],
      [t('plan.endDate'), formatDate(plan.end_date), 'end_date'],
    ]));
  }
  return section('header', t('plan.section.header'), fixed, h('div', { class: 'grid' },
    textField({ name: 'worker', idPrefix: ID, label: t('plan.worker'), value: model.worker }),
    dateField({ name: 'start_date', idPrefix: ID, label: t('plan.startDate'), value: model.start_date }),
    dateField({ name: 'end_date', idPrefix: ID, label: t('plan.endDate'), value: model.end_date }),
  ));
}

const SCORES = ['1', '2', '3', '4', '5'];

export function diagnosisSection(plan: PlanView, model: PlanForm | null): HTMLElement {
  if (!model) {
    const scored = new Map(plan.diagnosis.areas.map((a) => [a.area, a]));
    return section('diagnosis', t('plan.section.diagnosis'),
      facts([
        [t('plan.problemSituation'), plan.diagnosis.problem_situation],
        [t('plan.strengths'), plan.diagnosis.strengths],
        [t('plan.needs'), plan.diagnosis.needs],
      ]),
      h('h3', null, t('plan.areas')),
      h('ul', { class: 'areas-list' }, LIFE_AREAS.map((a) => {
        const s = scored.get(a);
        return h('li', { 'data-area': a },
          h('span', { class: 'area-name' }, areaLabel(a)),
          h('span', { class: `score${s ? ` s${s.score}` : ''}` }, s ? t('plan.scoreOf', { score: s.score }) : t('common.notGiven')),
          s?.comment ? h('span', { class: 'area-comment' }, s.comment) : null);
      })));
  }
  return section('diagnosis', t('plan.section.diagnosis'),
    h('div', { class: 'grid one' },
      textareaField({ name: 'diagnosis.problem_situation', idPrefix: ID, label: t('plan.problemSituation'), value: model.problem_situation }),
      textareaField({ name: 'diagnosis.strengths', idPrefix: ID, label: t('plan.strengths'), value: model.strengths }),
      textareaField({ name: 'diagnosis.needs', idPrefix: ID, label: t('plan.needs'), value: model.needs })),
    h('h3', null, t('plan.areas')),
    h('p', { class: 'hint' }, t('plan.areasHint')),
    h('div', { class: 'areas-grid' }, LIFE_AREAS.map((a) => h('div', { class: 'area-row', 'data-area': a },
      h('p', { class: 'area-name' }, areaLabel(a)),
      selectField({
        name: `diagnosis.areas.${a}.score`,
        idPrefix: ID,
        label: t('plan.score'),
        empty: t('plan.noScore'),
        choices: SCORES.map((s) => ({ value: s, label: s })),
        value: model.areas[a].score,
      }),
      textField({ name: `diagnosis.areas.${a}.comment`, idPrefix: ID, label: t('plan.areaComment'), value: model.areas[a].comment }),
    ))));
}

export function textSection(name: 'commitments', title: string, value: string | null, model: PlanForm | null, label: string): HTMLElement {
  if (!model) return section(name, title, h('p', { class: 'plain-text', 'data-value': name }, value && value.trim() ? value : t('common.notGiven')));
  return section(name, title, textareaField({ name, idPrefix: ID, label, value: model.commitments, rows: 4 }));
}
