// Labelled form controls and per-field error display. Every control gets a <label>, a `name`
// equal to its JSON key and an error slot `[data-error-for=<key>]` (role="alert") below it.

import type { FieldError } from '../bindings/FieldError';
import { h, type Child } from '../dom';
import { t } from '../i18n';

export interface Choice {
  value: string;
  label: string;
}

interface Common {
  name: string;
  label: string;
  hint?: string;
  /** Prefix for element ids, so two forms on one page never share an id. */
  idPrefix?: string;
  /** Extra class for the wrapper (e.g. "wide" to span two grid columns). */
  className?: string;
  /** Must be filled: marked before saving (a visible "*" and aria-required), not only after. */
  required?: boolean;
}

export interface TextOptions extends Common {
  value?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'search' | 'number';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email';
  placeholder?: string;
  maxlength?: number;
  attrs?: Record<string, string>;
}

export interface SelectOptions extends Common {
  value?: string;
  choices: Choice[];
  /** Label of the empty first option; omitted means no empty option. */
  empty?: string;
}

export function fieldId(name: string, prefix = 'f'): string {
  return `${prefix}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function wrap(o: Common, control: HTMLElement, extra?: Child): HTMLElement {
  const id = control.id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [o.hint ? hintId : '', errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  if (o.required) control.setAttribute('aria-required', 'true');
  return h(
    'div',
    { class: `field${o.className ? ` ${o.className}` : ''}`, 'data-field': o.name },
    h('label', { for: id }, o.label, o.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true', title: t('common.required') }, ' *') : null),
    control,
    extra,
    o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    h('p', { class: 'field-error', id: errorId, 'data-error-for': o.name, role: 'alert', hidden: true }),
  );
}

export function textField(o: TextOptions): HTMLElement {
  const input = h('input', {
    id: fieldId(o.name, o.idPrefix),
    name: o.name,
    type: o.type ?? 'text',
    value: o.value ?? '',
    autocomplete: o.autocomplete ?? 'off',
    inputmode: o.inputmode,
    placeholder: o.placeholder,
    maxlength: o.maxlength,
    spellcheck: 'false',
  });
  for (const [k, v] of Object.entries(o.attrs ?? {})) input.setAttribute(k, v);
  return wrap(o, input);
}

/** A date typed as dd.mm.yyyy (sent to Rust exactly as typed). */
export function dateField(o: Omit<TextOptions, 'type' | 'placeholder'>): HTMLElement {
  return textField({ ...o, placeholder: t('common.dateHint'), maxlength: 10, inputmode: 'numeric' });
}

export function selectField(o: SelectOptions): HTMLElement {
  const choices = [...o.choices];
  // A stored value missing from the list is kept, so editing never silently drops it.
  if (o.value && !choices.some((c) => c.value === o.value)) choices.push({ value: o.value, label: o.value });
  const select = h(
    'select',
    { id: fieldId(o.name, o.idPrefix), name: o.name, value: o.value ?? '' },
    o.empty !== undefined ? h('option', { value: '' }, o.empty) : null,
    choices.map((c) => h('option', { value: c.value }, c.label)),
  );
  return wrap(o, select);
}

export function textareaField(o: Common & { value?: string; rows?: number }): HTMLElement {
  const area = h('textarea', { id: fieldId(o.name, o.idPrefix), name: o.name, rows: o.rows ?? 3 });
  area.value = o.value ?? '';
  return wrap(o, area);
}

export function checkboxField(o: Common & { checked?: boolean }): HTMLElement {
  const id = fieldId(o.name, o.idPrefix);
  return h(
    'div',
    { class: `field checkbox${o.className ? ` ${o.className}` : ''}`, 'data-field': o.name },
    h('input', { id, name: o.name, type: 'checkbox', checked: Boolean(o.checked) }),
    h('label', { for: id }, o.label),
  );
}

/** The named controls of a container, by name (dotted names stay as they are). */
export function controls(root: ParentNode): Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> {
  const map = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input[name], select[name], textarea[name]')
    .forEach((el) => {
      if (!map.has(el.name)) map.set(el.name, el);
    });
  return map;
}

/** Values of the named controls: text as typed, checkboxes as "true" or "". */
export function readValues(root: ParentNode): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, el] of controls(root)) {
    values[name] = el instanceof HTMLInputElement && el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value;
  }
  return values;
}

/**
 * Shows `errors` in their slots (only those whose field passes `visible`) and clears the rest.
 * Returns the errors that have no slot in `root` (to show in a summary).
 */
export function showFieldErrors(root: ParentNode, errors: FieldError[], visible: (field: string) => boolean = () => true): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  const named = controls(root);
  const slotted = new Set<string>();
  root.querySelectorAll<HTMLElement>('[data-error-for]').forEach((slot) => {
    const field = slot.dataset.errorFor ?? '';
    slotted.add(field);
    const messages = visible(field) ? byField.get(field) ?? [] : [];
    slot.textContent = messages.join(' ');
    slot.hidden = messages.length === 0;
    const control = named.get(field);
    if (control) {
      if (messages.length) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  });
  return errors.filter((e) => !slotted.has(e.field));
}

/** Clears every error slot in `root`. */
export function clearFieldErrors(root: ParentNode): void {
  showFieldErrors(root, []);
}

/** Focuses the first control (in page order) that has an error; returns whether one was found. */
export function focusFirstInvalid(root: ParentNode): boolean {
  const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return false;
  el.focus();
  return true;
}
