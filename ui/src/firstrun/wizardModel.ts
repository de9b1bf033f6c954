// The first-run wizard's steps and the rules between them, apart from the DOM: the order, where
// a resumed wizard starts, and which step an error from Rust belongs to.

import type { FieldError } from '../bindings/FieldError';
import type { FirstRunStep } from '../bindings/FirstRunStep';

export const STEPS = ['organisation', 'worker', 'recovery_key', 'sync', 'demo'] as const;
export type WizardStep = (typeof STEPS)[number];

/** Rust's names of the organisation's fields (an error on one sends the wizard to step 1). */
const ORGANISATION_FIELDS = new Set([
  'name', 'address_lines', 'place', 'logo_strip_base64', 'controller_name', 'controller_address', 'dpo_contact',
]);

/** Where the wizard opens: at the start, or where a closed window left it (after the unlock). */
export function startIndex(resume: FirstRunStep | null): number {
  return resume ? STEPS.indexOf(resume) : 0;
}

/** The step a failed set-up goes back to: the organisation's if any of its fields is wrong. */
export function stepOfErrors(errors: FieldError[]): WizardStep {
  return errors.some((e) => ORGANISATION_FIELDS.has(e.field)) ? 'organisation' : 'worker';
}

/** What Rust records when the wizard leaves `step` forwards (`null`: finished). */
export function recordedAfter(step: WizardStep): FirstRunStep | null {
  const next = STEPS[STEPS.indexOf(step) + 1];
  return next === 'recovery_key' || next === 'sync' || next === 'demo' ? next : null;
}
