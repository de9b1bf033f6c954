// The sections and controls of the participant form, built from the form options and starting
// values. Layout only: behaviour (validation, saving) lives in ParticipantForm.ts.

import type { FormOptions } from '../bindings/FormOptions';
import { choicesOf } from '../closedLists';
import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import { checkboxField, dateField, selectField, textareaField, textField, type Choice } from '../ui/fields';
import { ADDRESS_PARTS, HAS_CORRESPONDENCE, NO_PESEL, type AddressPart, type FormValues } from './participantModel';

export function answerChoices(): Choice[] {
  return choicesOf('answer');
}

export function sexChoices(): Choice[] {
  return choicesOf('sex');
}

export function degurbaChoices(): Choice[] {
  return [
    { value: '1', label: t('degurba.1') },
    { value: '2', label: t('degurba.2') },
    { value: '3', label: t('degurba.3') },
  ];
}

const codes = (list: Array<{ code: string; label: string }>): Choice[] => list.map((o) => ({ value: o.code, label: o.label }));

export const ADDRESS_LABELS: Record<AddressPart, MessageKey> = {
  street: 'field.address.street',
  building: 'field.address.building',
  flat: 'field.address.flat',
  postcode: 'field.address.postcode',
  town: 'field.address.town',
  commune: 'field.address.commune',
  county: 'field.address.county',
  voivodeship: 'field.address.voivodeship',
  degurba: 'field.address.degurba',
  country: 'field.address.country',
};

function section(id: string, title: MessageKey, ...body: HTMLElement[]): HTMLElement {
  return h('fieldset', { class: 'form-section', 'data-section': id }, h('legend', null, t(title)), h('div', { class: 'grid' }, body));
}

function addressFields(prefix: string, v: FormValues, options: FormOptions): HTMLElement[] {
  return ADDRESS_PARTS.map((part) => {
    const name = `${prefix}.${part}`;
    const label = t(ADDRESS_LABELS[part]);
    if (part === 'voivodeship') {
      return selectField({ name, label, value: v[name], empty: t('common.choose'), choices: options.voivodeships.map((x) => ({ value: x, label: x })) });
    }
    if (part === 'degurba') {
      return selectField({ name, label, value: v[name], empty: t('common.choose'), choices: degurbaChoices(), className: 'wide' });
    }
    if (part === 'postcode') {
      return textField({ name, label, value: v[name], hint: t('hint.postcode'), maxlength: 6, autocomplete: 'off' });
    }
    return textField({ name, label, value: v[name], className: part === 'street' ? 'wide' : undefined });
  });
}

export interface ParticipantFields {
  sections: HTMLElement[];
  /** Shows or hides the parts that depend on checkboxes and answers. */
  sync(): void;
}

export function participantFields(options: FormOptions, v: FormValues): ParticipantFields {
  const pesel = textField({ name: 'pesel', label: t('field.pesel'), value: v.pesel, inputmode: 'numeric', maxlength: 11 });
  const noPesel = checkboxField({ name: NO_PESEL, label: t('field.no_pesel'), checked: v[NO_PESEL] === 'true' });
  const noPeselGroup = h(
    'div',
    { class: 'subgrid', 'data-reveal': NO_PESEL },
    textField({ name: 'other_id', label: t('field.other_id'), value: v.other_id }),
    textField({ name: 'no_pesel_reason', label: t('field.no_pesel_reason'), value: v.no_pesel_reason }),
  );
  // With a PESEL the birth date and sex are read from it (by Rust, when saving): shown, not
  // typed; a changed PESEL clears them until the save reads them again.
  const birthField = dateField({ name: 'birth_date', label: t('field.birth_date'), value: v.birth_date, hint: t('hint.peselDates') });
  const sexField = selectField({ name: 'sex', label: t('field.sex'), value: v.sex, empty: t('common.choose'), choices: sexChoices() });
  const birthInput = birthField.querySelector<HTMLInputElement>('input')!;
  const sexSelect = sexField.querySelector<HTMLSelectElement>('select')!;
  const peselInput = pesel.querySelector<HTMLInputElement>('input')!;
  const birthHint = birthField.querySelector<HTMLElement>('.hint')!;
  peselInput.addEventListener('input', () => {
    birthInput.value = '';
    sexSelect.value = '';
  });
  const personal = section(
    'personal',
    'section.personal',
    textField({ name: 'first_name', label: t('field.first_name'), value: v.first_name, required: true }),
    textField({ name: 'last_name', label: t('field.last_name'), value: v.last_name, required: true }),
    pesel,
    noPesel,
    birthField,
    sexField,
    noPeselGroup,
    textField({ name: 'citizenship', label: t('field.citizenship'), value: v.citizenship }),
  );

  const hasCorrespondence = checkboxField({ name: HAS_CORRESPONDENCE, label: t('field.has_correspondence'), checked: v[HAS_CORRESPONDENCE] === 'true', className: 'wide' });
  const address = section('address', 'section.address', ...addressFields('address', v, options), hasCorrespondence);
  const correspondence = section('correspondence', 'section.correspondence', ...addressFields('correspondence_address', v, options));

  const contact = section(
    'contact',
    'section.contact',
    textField({ name: 'phone', label: t('field.phone'), value: v.phone, type: 'tel', inputmode: 'tel', hint: t('hint.phone') }),
    textField({ name: 'email', label: t('field.email'), value: v.email, type: 'email', inputmode: 'email' }),
  );

  const status = section(
    'status',
    'section.status',
    selectField({ name: 'education', label: t('field.education'), value: v.education, empty: t('common.choose'), choices: codes(options.education), className: 'wide' }),
    selectField({ name: 'labour_status', label: t('field.labour_status'), value: v.labour_status, empty: t('common.choose'), choices: codes(options.labour_status) }),
    selectField({ name: 'labour_substatus', label: t('field.labour_substatus'), value: v.labour_substatus, empty: t('common.choose'), choices: codes(options.labour_substatus) }),
  );

  const answer = (name: string, label: MessageKey) =>
    selectField({ name, label: t(label), value: v[name], empty: t('common.notGiven'), choices: answerChoices() });
  const degree = selectField({ name: 'disability_degree', label: t('field.disability_degree'), value: v.disability_degree, empty: t('common.choose'), choices: codes(options.disability_degree) });
  const special = section(
    'special',
    'section.special',
    answer('disability', 'field.disability'),
    degree,
    answer('foreign_origin', 'field.foreign_origin'),
    answer('third_country_national', 'field.third_country_national'),
    answer('minority', 'field.minority'),
    answer('homeless', 'field.homeless'),
    answer('other_disadvantage', 'field.other_disadvantage'),
  );

  const needs = section(
    'needs',
    'section.needs',
    textareaField({ name: 'accessibility_needs', label: t('field.accessibility_needs'), value: v.accessibility_needs, className: 'wide' }),
    textareaField({ name: 'notes', label: t('field.notes'), value: v.notes, className: 'wide' }),
  );

  const checked = (wrapper: HTMLElement) => wrapper.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked ?? false;
  const disability = special.querySelector<HTMLSelectElement>('select[name="disability"]');

  return {
    sections: [personal, address, correspondence, contact, status, special, needs],
    sync() {
      const without = checked(noPesel);
      pesel.hidden = without;
      const fromPesel = !without && peselInput.value.trim() !== '';
      birthInput.readOnly = fromPesel;
      sexSelect.disabled = fromPesel;
      birthField.classList.toggle('derived', fromPesel);
      sexField.classList.toggle('derived', fromPesel);
      birthHint.textContent = fromPesel ? t('hint.fromPesel') : t('hint.peselDates');
      noPeselGroup.hidden = !without;
      correspondence.hidden = !checked(hasCorrespondence);
      degree.hidden = disability?.value !== 'yes';
    },
  };
}
