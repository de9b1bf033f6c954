// Form values ⇄ IPC types for the participant form. Pure functions (no DOM): empty text is left
// out (never sent as ""), address parts become the nested address objects, and what the user
// typed is sent as typed (the Rust side parses and validates).

import type { AddressInput } from '../bindings/AddressInput';
import type { Address } from '../bindings/Address';
import type { Participant } from '../bindings/Participant';
import type { ParticipantInput } from '../bindings/ParticipantInput';
import { formatDate } from '../format';

/** Address parts in form order; each is a control named `address.<part>`. */
export const ADDRESS_PARTS = [
  'street', 'building', 'flat', 'postcode', 'town', 'commune', 'county', 'voivodeship', 'degurba', 'country',
] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** Plain text keys of ParticipantInput that are always taken from the form when filled. */
const ALWAYS = [
  'first_name', 'last_name', 'sex', 'birth_date', 'citizenship', 'phone', 'email', 'education',
  'labour_status', 'labour_substatus', 'disability', 'foreign_origin', 'third_country_national',
  'minority', 'homeless', 'other_disadvantage', 'accessibility_needs', 'notes',
] as const;

/** Checkbox names of the form (not JSON keys). */
export const NO_PESEL = 'no_pesel';
export const HAS_CORRESPONDENCE = 'has_correspondence';

/** The form's values by control name ("address.postcode" for nested ones; checkboxes "true"/""). */
export type FormValues = Record<string, string>;

function filled(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** The address under `prefix` ("address" or "correspondence_address"), or undefined if all empty. */
export function buildAddress(values: FormValues, prefix: string): AddressInput | undefined {
  const address: AddressInput = {};
  for (const part of ADDRESS_PARTS) {
    const value = values[`${prefix}.${part}`];
    if (!filled(value)) continue;
    if (part === 'degurba') {
      const n = Number(value.trim());
      if (Number.isInteger(n)) address.degurba = n;
    } else {
      address[part] = value;
    }
  }
  return Object.keys(address).length ? address : undefined;
}

/** Builds what participant_add / participant_update / participant_validate receive. */
export function toParticipantInput(values: FormValues): ParticipantInput {
  const input: ParticipantInput = {};
  for (const key of ALWAYS) {
    const value = values[key];
    if (filled(value)) input[key] = value;
  }
  const noPesel = values[NO_PESEL] === 'true';
  if (noPesel) {
    if (filled(values.no_pesel_reason)) input.no_pesel_reason = values.no_pesel_reason;
    if (filled(values.other_id)) input.other_id = values.other_id;
  } else if (filled(values.pesel)) {
    input.pesel = values.pesel;
  }
  // The degree belongs to "yes" only; any other answer leaves it out.
  if (values.disability === 'yes' && filled(values.disability_degree)) input.disability_degree = values.disability_degree;
  const address = buildAddress(values, 'address');
  if (address) input.address = address;
  if (values[HAS_CORRESPONDENCE] === 'true') {
    const correspondence = buildAddress(values, 'correspondence_address');
    if (correspondence) input.correspondence_address = correspondence;
  }
  return input;
}

function addressValues(prefix: string, address: Address | null, into: FormValues): void {
  for (const part of ADDRESS_PARTS) {
    const value = address?.[part];
    into[`${prefix}.${part}`] = value === null || value === undefined ? '' : String(value);
  }
}

/** The form's starting values for editing a stored participant. */
export function fromParticipant(p: Participant): FormValues {
  const v: FormValues = {};
  const text = (x: string | null) => x ?? '';
  v.first_name = p.first_name;
  v.last_name = p.last_name;
  v.pesel = text(p.pesel);
  v[NO_PESEL] = p.pesel ? '' : 'true';
  // With a PESEL the birth date and sex come from the number: leaving them empty means a
  // corrected PESEL is not contradicted by the old date.
  v.birth_date = p.pesel ? '' : formatDate(p.birth_date);
  v.sex = p.pesel ? '' : p.sex;
  v.other_id = text(p.other_id);
  v.no_pesel_reason = text(p.no_pesel_reason);
  v.citizenship = text(p.citizenship);
  addressValues('address', p.address, v);
  addressValues('correspondence_address', p.correspondence_address, v);
  v[HAS_CORRESPONDENCE] = p.correspondence_address ? 'true' : '';
  v.phone = text(p.phone);
  v.email = text(p.email);
  v.education = text(p.education);
  v.labour_status = text(p.labour_status);
  v.labour_substatus = text(p.labour_substatus);
  v.disability = text(p.disability);
  v.disability_degree = text(p.disability_degree);
  v.foreign_origin = text(p.foreign_origin);
  v.third_country_national = text(p.third_country_national);
  v.minority = text(p.minority);
  v.homeless = text(p.homeless);
  v.other_disadvantage = text(p.other_disadvantage);
  v.accessibility_needs = text(p.accessibility_needs);
  v.notes = text(p.notes);
  return v;
}
