// Labelled form controls and per-field error display. Every control gets a <label>, a `name`
// equal to its JSON key and an error slot `[data-error-for=<key>]` (role="alert") below it.

import type { FieldError } from '../bindings/FieldError';
import { h, type Child } from '../dom';
import { t } from '../i18n';

export interface Choice {
  value: string;
  label: string;
  /** Choices with a group are shown under its heading (an <optgroup>), in first-seen order. */
  group?: string;
  /** More words a searchable select finds the choice by (not shown). */
  keywords?: string;
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
  const select = h('select', { id: fieldId(o.name, o.idPrefix), name: o.name });
  fillOptions(select, choices, o.empty);
  select.value = o.value ?? '';
  return wrap(o, select);
}

/** Puts `choices` into `select` (under <optgroup>s where they have groups). */
export function fillOptions(select: HTMLSelectElement, choices: Choice[], empty?: string): void {
  const groups = new Map<string, HTMLOptGroupElement>();
  const nodes: HTMLElement[] = empty !== undefined ? [h('option', { value: '' }, empty)] : [];
  for (const c of choices) {
    const option = h('option', { value: c.value }, c.label);
    if (!c.group) {
      nodes.push(option);
      continue;
    }
    let group = groups.get(c.group);
    if (!group) {
      group = h('optgroup', { label: c.group });
      groups.set(c.group, group);
      nodes.push(group);
    }
    group.append(option);
  }
  select.replaceChildren(...nodes);
}

/** Text folded for matching as a person types: lower case, no Polish letters' marks. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ł/g, 'l').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * A long list to choose from (e.g. 40 services): the select with its choices grouped, and a
 * search box above it that narrows the choices to those whose label has every typed word
 * (without Polish marks); the chosen value always stays.
 */
export function searchableSelectField(o: SelectOptions & { searchLabel: string }): HTMLElement {
  const field = selectField(o);
  const select = field.querySelector('select')!;
  const searchId = `${select.id}-search`;
  const search = h('input', { id: searchId, type: 'search', class: 'select-search', autocomplete: 'off', spellcheck: 'false', placeholder: o.searchLabel, 'aria-label': o.searchLabel, 'aria-controls': select.id });
  let matches: Choice[] = o.choices;
  search.addEventListener('input', () => {
    const words = foldText(search.value).split(/\s+/).filter(Boolean);
    const current = select.value;
    matches = o.choices.filter((c) => words.every((w) => foldText(`${c.label} ${c.group ?? ''} ${c.keywords ?? ''}`).includes(w)));
    const kept = o.choices.find((c) => c.value === current && !matches.includes(c));
    fillOptions(select, kept ? [kept, ...matches] : matches, o.empty);
    select.value = current;
  });
  search.addEventListener('keydown', (e) => {
    // Enter takes the first match (it never sends the form) and moves on to the list.
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (search.value.trim() && matches.length) {
      select.value = matches[0].value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    select.focus();
  });
  select.before(search);
  return field;
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

/** Orders errors as their fields stand in `root` (the first on the page first). */
export function byFormOrder(root: ParentNode): (a: FieldError, b: FieldError) => number {
  const order = [...controls(root).keys()];
  const at = (e: FieldError) => {
    const i = order.indexOf(e.field);
    return i < 0 ? order.length : i;
  };
  return (a, b) => at(a) - at(b);
}

/** The list under an error summary: each wrong field's message as a link that brings its
 * field into view and focuses it; messages with no field here are plain items. */
export function errorLinks(root: ParentNode, errors: FieldError[]): HTMLElement {
  const named = controls(root);
  return h('ul', { class: 'error-links', 'data-error-links': '' }, errors.map((e) => {
    const control = named.get(e.field);
    if (!control) return h('li', null, e.message);
    return h('li', null, h('button', {
      type: 'button',
      class: 'link',
      'data-error-link': e.field,
      onclick: () => {
        control.scrollIntoView({ block: 'center' });
        control.focus();
      },
    }, e.message));
  }));
}

/** Focuses the first control (in page order) that has an error; returns whether one was found. */
export function focusFirstInvalid(root: ParentNode): boolean {
  const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return false;
  el.focus();
  return true;
}
