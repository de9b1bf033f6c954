// The plan editor's model: a plan as the form holds it (text as typed, in the order of the issue:
// header, diagnosis with the seven life areas, goals with their services, commitments), its
// mapping to and from Rust's types, and where each of Rust's field errors goes in the form.
//
// Rules stay in Rust: the only check made here is that a quantity is a number at all, since the
// input type carries a number (a comma is accepted as the decimal sign).

import type { AreaAssessmentInput } from '../bindings/AreaAssessmentInput';
import type { FieldError } from '../bindings/FieldError';
import type { GoalInput } from '../bindings/GoalInput';
import type { GoalStatus } from '../bindings/GoalStatus';
import type { LifeArea } from '../bindings/LifeArea';
import type { PlanInput } from '../bindings/PlanInput';
import type { PlanKind } from '../bindings/PlanKind';
import type { PlannedServiceInput } from '../bindings/PlannedServiceInput';
import type { PlanView } from '../bindings/PlanView';
import type { Progress } from '../bindings/Progress';
import type { Unit } from '../bindings/Unit';
import { codesOf, labelOf, unitAfterNumber } from '../closedLists';
import { formatDate } from '../format';
import { t } from '../i18n';

export const LIFE_AREAS = codesOf<LifeArea>('life_area');
export const GOAL_STATUSES = codesOf<GoalStatus>('goal_status');
export const UNITS = codesOf<Unit>('unit');

export const areaLabel = (a: LifeArea) => labelOf('life_area', a);
export const goalStatusLabel = (s: GoalStatus) => labelOf('goal_status', s);
export const unitAfter = (u: Unit) => unitAfterNumber(u);
export const unitName = (u: Unit) => labelOf('unit', u);

export interface ServiceForm {
  /** The planned service's id (kept when editing, so deliveries stay attached). */
  id: string;
  /** The catalogue service's id. */
  service: string;
  quantity: string;
  specialist: string;
  start_date: string;
  end_date: string;
  frequency: string;
}

export interface GoalForm {
  id: string;
  title: string;
  measure: string;
  target_date: string;
  status: string;
  services: ServiceForm[];
}

export interface AreaForm {
  score: string;
  comment: string;
}

export interface TeamForm {
  name: string;
  role: string;
}

export interface PlanForm {
  /** The plan's kind (fixed when the plan is created): which kind-specific parts the form has. */
  kind: PlanKind;
  worker: string;
  start_date: string;
  end_date: string;
  problem_situation: string;
  strengths: string;
  needs: string;
  areas: Record<LifeArea, AreaForm>;
  goals: GoalForm[];
  commitments: string;
  /** An IŚR: the team that made the diagnosis. */
  team: TeamForm[];
  /** A social contract: what the worker undertakes. */
  worker_obligations: string;
  /** A family work plan: ids of the family members it is made with. */
  family_members: string[];
  /** A family work plan: the initial assessment. */
  initial_assessment: string;
}

export const emptyService = (): ServiceForm => ({ id: '', service: '', quantity: '', specialist: '', start_date: '', end_date: '', frequency: '' });
export const emptyTeamMember = (): TeamForm => ({ name: '', role: '' });
export const emptyGoal = (): GoalForm => ({ id: '', title: '', measure: '', target_date: '', status: 'open', services: [emptyService()] });

const text = (v: string | null | undefined) => v ?? '';

/** "3.5" → "3,5"; at most two decimals, none when whole. */
export function formatQuantity(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return String(rounded).replace('.', ',');
}

/** "1,5" or "1.5" → 1.5; "" → undefined (Rust then says the field is required); anything else → NaN. */
export function parseQuantity(value: string): number | undefined {
  const v = value.trim().replace(/\s/g, '').replace(',', '.');
  if (v === '') return undefined;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

/** The form filled from a stored plan (dates as dd.mm.yyyy, quantities with a comma). */
export function formFromPlan(plan: PlanView): PlanForm {
  const areas = Object.fromEntries(LIFE_AREAS.map((a) => [a, { score: '', comment: '' }])) as Record<LifeArea, AreaForm>;
  for (const a of plan.diagnosis.areas) areas[a.area] = { score: String(a.score), comment: text(a.comment) };
  return {
    kind: plan.kind,
    worker: plan.worker,
    start_date: formatDate(plan.start_date),
    end_date: formatDate(plan.end_date),
    problem_situation: text(plan.diagnosis.problem_situation),
    strengths: text(plan.diagnosis.strengths),
    needs: text(plan.diagnosis.needs),
    areas,
    goals: plan.goals.map((g) => ({
      id: g.id,
      title: g.title,
      measure: text(g.measure),
      target_date: formatDate(g.target_date),
      status: g.status,
      services: g.services.map((s) => ({
        id: s.id,
        service: s.service_id,
        quantity: formatQuantity(s.quantity),
        specialist: text(s.specialist),
        start_date: formatDate(s.start_date),
        end_date: formatDate(s.end_date),
        frequency: text(s.frequency),
      })),
    })),
    commitments: text(plan.commitments),
    team: plan.team.map((m) => ({ name: m.name, role: m.role })),
    worker_obligations: text(plan.worker_obligations),
    family_members: plan.family_members.map((m) => m.id),
    initial_assessment: text(plan.initial_assessment),
  };
}

/** Reads the form back from the values of its controls, named by dotted keys (see `fieldName`). */
export function formFromValues(kind: PlanKind, values: Record<string, string>, goalCount: number, serviceCounts: number[]): PlanForm {
  const v = (name: string) => values[name] ?? '';
  const areas = Object.fromEntries(
    LIFE_AREAS.map((a) => [a, { score: v(`diagnosis.areas.${a}.score`), comment: v(`diagnosis.areas.${a}.comment`) }]),
  ) as Record<LifeArea, AreaForm>;
  const goals: GoalForm[] = [];
  for (let g = 0; g < goalCount; g++) {
    const gv = (n: string) => v(`goals.${g}.${n}`);
    const services: ServiceForm[] = [];
    for (let i = 0; i < (serviceCounts[g] ?? 0); i++) {
      const sv = (n: string) => v(`goals.${g}.services.${i}.${n}`);
      services.push({
        id: sv('id'), service: sv('service'), quantity: sv('quantity'), specialist: sv('specialist'),
        start_date: sv('start_date'), end_date: sv('end_date'), frequency: sv('frequency'),
      });
    }
    goals.push({ id: gv('id'), title: gv('title'), measure: gv('measure'), target_date: gv('target_date'), status: gv('status'), services });
  }
  const team: TeamForm[] = [];
  for (let i = 0; `team.${i}.name` in values; i++) team.push({ name: v(`team.${i}.name`), role: v(`team.${i}.role`) });
  const family_members = Object.keys(values)
    .filter((k) => k.startsWith(FAMILY_PREFIX) && values[k] === 'true')
    .map((k) => k.slice(FAMILY_PREFIX.length));
  return {
    kind,
    worker: v('worker'),
    start_date: v('start_date'),
    end_date: v('end_date'),
    problem_situation: v('diagnosis.problem_situation'),
    strengths: v('diagnosis.strengths'),
    needs: v('diagnosis.needs'),
    areas,
    goals,
    commitments: v('commitments'),
    team,
    worker_obligations: v('worker_obligations'),
    family_members,
    initial_assessment: v('initial_assessment'),
  };
}

/** The checkbox of a family member is named `family.<person id>`. */
export const FAMILY_PREFIX = 'family.';

const present = (v: string) => (v.trim() !== '' ? v : undefined);

/** Copies the non-empty entries of `o` (empty fields are left out, never sent as ""). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}

export interface PlanInputResult {
  input: PlanInput;
  /** Errors found before Rust sees the input (a quantity that is not a number). */
  errors: FieldError[];
  /** The life area of each entry of `input.diagnosis.areas`, to place Rust's errors. */
  areaOrder: LifeArea[];
}

/**
 * The form as Rust's `PlanInput`. Every goal and service on screen is sent (so error indexes are
 * the form's); a life area is sent only when it has a score or a comment.
 */
export function toPlanInput(form: PlanForm): PlanInputResult {
  const errors: FieldError[] = [];
  const areaOrder: LifeArea[] = [];
  const areas: AreaAssessmentInput[] = [];
  for (const a of LIFE_AREAS) {
    const { score, comment } = form.areas[a];
    if (score.trim() === '' && comment.trim() === '') continue;
    areaOrder.push(a);
    const entry: AreaAssessmentInput = compact({ area: a, comment: present(comment) });
    if (score.trim() !== '') entry.score = Number(score);
    areas.push(entry);
  }
  const goals: GoalInput[] = form.goals.map((g, gi) => {
    const services: PlannedServiceInput[] = g.services.map((s, si) => {
      const quantity = parseQuantity(s.quantity);
      if (quantity !== undefined && Number.isNaN(quantity)) {
        errors.push({ field: fieldName(gi, si, 'quantity'), message: t('plan.quantityNotNumber') });
      }
      return compact({
        id: present(s.id),
        service: present(s.service),
        quantity: quantity !== undefined && !Number.isNaN(quantity) ? quantity : undefined,
        specialist: present(s.specialist),
        start_date: present(s.start_date),
        end_date: present(s.end_date),
        frequency: present(s.frequency),
      });
    });
    return compact({
      id: present(g.id),
      title: present(g.title),
      measure: present(g.measure),
      target_date: present(g.target_date),
      status: present(g.status),
      services,
    });
  });
  const diagnosis = compact({
    problem_situation: present(form.problem_situation),
    strengths: present(form.strengths),
    needs: present(form.needs),
    areas: areas.length ? areas : undefined,
  });
  const input: PlanInput = compact({
    // The kind is fixed when the plan is made; Rust checks it is sent unchanged.
    kind: form.kind,
    worker: present(form.worker),
    start_date: present(form.start_date),
    end_date: present(form.end_date),
    diagnosis: Object.keys(diagnosis).length ? diagnosis : undefined,
    goals,
    commitments: present(form.commitments),
  });
  // Only the parts of the plan's kind are sent (Rust refuses none, but keeps only those).
  if (form.kind === 'reintegration_path') {
    input.team = form.team.map((m) => compact({ name: present(m.name), role: present(m.role) }));
  }
  if (form.kind === 'social_contract') {
    const obligations = present(form.worker_obligations);
    if (obligations !== undefined) input.worker_obligations = obligations;
  }
  if (form.kind === 'family_work_plan') {
    input.family_members = form.family_members;
    const assessment = present(form.initial_assessment);
    if (assessment !== undefined) input.initial_assessment = assessment;
  }
  return { input, errors, areaOrder };
}

/** The control name of a goal's service field: `goals.0.services.1.quantity`. */
export function fieldName(goal: number, service: number, name: string): string {
  return `goals.${goal}.services.${service}.${name}`;
}

/**
 * Where Rust's error for `field` shows in the form: the same dotted key, except that a life
 * area's index becomes its code (`diagnosis.areas.0.score` → `diagnosis.areas.housing.score`).
 */
export function formField(field: string, areaOrder: LifeArea[]): string {
  const m = /^diagnosis\.areas\.(\d+)\.(\w+)$/.exec(field);
  if (!m) return field;
  const area = areaOrder[Number(m[1])];
  return area ? `diagnosis.areas.${area}.${m[2]}` : field;
}

/** Rust's errors with their fields renamed to the form's controls. */
export function placeErrors(errors: FieldError[], areaOrder: LifeArea[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: formField(e.field, areaOrder) }));
}

/** "3,5 z 10 godz." */
export function serviceProgressText(p: Progress, unit: Unit): string {
  return t('plan.progressOf', { delivered: formatQuantity(p.delivered), planned: formatQuantity(p.planned), unit: unitAfter(unit) });
}

/** "40% — zrealizowano 1 z 2 usług" */
export function goalProgressText(p: Progress): string {
  return t('plan.goalProgress', { percent: p.percent, done: formatQuantity(p.delivered), all: formatQuantity(p.planned) });
}
