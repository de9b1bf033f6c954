// The "Dane" tab: every filled field of the participant with Polish labels; codes shown with
// their Polish labels from form_options, dates as dd.mm.yyyy.

import type { Address } from '../bindings/Address';
import type { CodeOption } from '../bindings/CodeOption';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { labelOf } from '../closedLists';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { ADDRESS_LABELS } from './ParticipantFormFields';
import { ADDRESS_PARTS } from './participantModel';

type Row = [MessageKey, string | null | undefined];

export function codeLabel(list: CodeOption[], code: string | null | undefined): string | null {
  if (!code) return null;
  return list.find((o) => o.code === code)?.label ?? code;
}

export function answerLabel(value: string | null | undefined): string | null {
  return value ? labelOf('answer', value) : null;
}

function degurbaLabel(value: number | null): string | null {
  if (value === 1) return t('degurba.1');
  if (value === 2) return t('degurba.2');
  if (value === 3) return t('degurba.3');
  return value === null ? null : String(value);
}

function addressRows(address: Address | null): Row[] {
  if (!address) return [];
  return ADDRESS_PARTS.map((part): Row => {
    const key = ADDRESS_LABELS[part];
    if (part === 'degurba') return [key, degurbaLabel(address.degurba)];
    return [key, address[part]];
  });
}

function block(title: MessageKey, rows: Row[], id: string): HTMLElement | null {
  const filled = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (filled.length === 0) return null;
  return h(
    'section',
    { class: 'data-block', 'data-section': id },
    h('h2', null, t(title)),
    h('dl', { class: 'facts' }, filled.map(([label, value]) => [h('dt', null, t(label)), h('dd', null, value as string)])),
  );
}

export function dataTab(p: Participant, options: FormOptions): HTMLElement {
  const sex = labelOf('sex', p.sex);
  const blocks = [
    block('section.personal', [
      ['field.first_name', p.first_name],
      ['field.last_name', p.last_name],
      ['field.pesel', p.pesel],
      ['field.birth_date', formatDate(p.birth_date)],
      ['field.sex', sex],
      ['field.other_id', p.other_id],
      ['field.no_pesel_reason', p.no_pesel_reason],
      ['field.citizenship', p.citizenship],
    ], 'personal'),
    block('section.address', addressRows(p.address), 'address'),
    block('section.correspondence', addressRows(p.correspondence_address), 'correspondence'),
    block('section.contact', [['field.phone', p.phone], ['field.email', p.email]], 'contact'),
    block('section.status', [
      ['field.education', codeLabel(options.education, p.education)],
      ['field.labour_status', codeLabel(options.labour_status, p.labour_status)],
      ['field.labour_substatus', codeLabel(options.labour_substatus, p.labour_substatus)],
    ], 'status'),
    block('section.special', [
      ['field.disability', answerLabel(p.disability)],
      ['field.disability_degree', codeLabel(options.disability_degree, p.disability_degree)],
      ['field.foreign_origin', answerLabel(p.foreign_origin)],
      ['field.third_country_national', answerLabel(p.third_country_national)],
      ['field.minority', answerLabel(p.minority)],
      ['field.homeless', answerLabel(p.homeless)],
      ['field.other_disadvantage', answerLabel(p.other_disadvantage)],
    ], 'special'),
    block('section.needs', [['field.accessibility_needs', p.accessibility_needs], ['field.notes', p.notes]], 'needs'),
    block('section.record', [
      ['field.created_at', formatDateTime(p.created_at)],
      ['field.updated_at', formatDateTime(p.updated_at)],
    ], 'record'),
  ];
  return h('div', { class: 'data-tab' }, blocks);
}
