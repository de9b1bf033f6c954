// Serialising the participant form for IPC.
import { describe, expect, it } from 'vitest';
import type { Participant } from '../bindings/Participant';
import { fromParticipant, toParticipantInput } from './participantModel';

describe('toParticipantInput', () => {
  it('omits empty and blank strings instead of sending ""', () => {
    const input = toParticipantInput({ first_name: 'Łucja', last_name: '', phone: '   ', email: '', notes: '' });
    expect(input).toEqual({ first_name: 'Łucja' });
    expect(Object.values(input)).not.toContain('');
  });

  it('builds the nested address from dotted names, DEGURBA as a number', () => {
    const input = toParticipantInput({
      first_name: 'Jan',
      'address.town': 'Łódź',
      'address.postcode': '90-001',
      'address.street': '',
      'address.degurba': '1',
      'address.voivodeship': 'łódzkie',
    });
    expect(input.address).toEqual({ town: 'Łódź', postcode: '90-001', degurba: 1, voivodeship: 'łódzkie' });
    expect(Object.keys(input)).toEqual(['first_name', 'address']);
  });

  it('leaves the address out when every part is empty', () => {
    expect(toParticipantInput({ 'address.town': '', 'address.street': ' ' })).toEqual({});
  });

  it('sends the correspondence address only when its checkbox is ticked', () => {
    const values = { 'correspondence_address.town': 'Gdańsk' };
    expect(toParticipantInput(values).correspondence_address).toBeUndefined();
    expect(toParticipantInput({ ...values, has_correspondence: 'true' }).correspondence_address).toEqual({ town: 'Gdańsk' });
  });

  it('sends PESEL, or without it the reason and other document', () => {
    const values = { pesel: '44051401359', no_pesel_reason: 'cudzoziemiec', other_id: 'paszport AB123' };
    expect(toParticipantInput(values)).toEqual({ pesel: '44051401359' });
    expect(toParticipantInput({ ...values, no_pesel: 'true' })).toEqual({ no_pesel_reason: 'cudzoziemiec', other_id: 'paszport AB123' });
  });

  it('keeps dates exactly as typed (Rust parses dd.mm.yyyy)', () => {
    expect(toParticipantInput({ birth_date: '05.03.2001', sex: 'female' })).toEqual({ birth_date: '05.03.2001', sex: 'female' });
  });

  it('sends the disability degree only with the answer "yes"', () => {
    expect(toParticipantInput({ disability: 'yes', disability_degree: 'moderate' })).toEqual({ disability: 'yes', disability_degree: 'moderate' });
    expect(toParticipantInput({ disability: 'no', disability_degree: 'moderate' })).toEqual({ disability: 'no' });
  });
});

const stored: Participant = {
  id: 'p1', status: 'active', age: 40, created_at: '2025-01-01T10:00:00Z', updated_at: '2025-01-01T10:00:00Z',
  first_name: 'Zofia', last_name: 'Wąs', pesel: null, no_pesel_reason: 'cudzoziemka', other_id: 'karta pobytu X1',
  sex: 'female', birth_date: '1985-02-03', citizenship: 'ukraińskie',
  address: { country: null, voivodeship: 'mazowieckie', county: null, commune: null, town: 'Radom', street: 'Długa', building: '5', flat: null, postcode: '26-600', degurba: 2 },
  correspondence_address: null, phone: null, email: null, education: 'isced3', labour_status: null, labour_substatus: null,
  disability: 'no', disability_degree: null, foreign_origin: 'yes', third_country_national: 'yes', minority: null,
  homeless: null, other_disadvantage: null, accessibility_needs: null, notes: 'Tłumacz potrzebny',
};

describe('fromParticipant', () => {
  it('fills the form so that saving unchanged sends the same data back', () => {
    const values = fromParticipant(stored);
    expect(values.birth_date).toBe('03.02.1985');
    expect(values.no_pesel).toBe('true');
    expect(values['address.degurba']).toBe('2');
    expect(toParticipantInput(values)).toEqual({
      first_name: 'Zofia', last_name: 'Wąs', sex: 'female', birth_date: '03.02.1985', citizenship: 'ukraińskie',
      education: 'isced3', disability: 'no', foreign_origin: 'yes', third_country_national: 'yes', notes: 'Tłumacz potrzebny',
      no_pesel_reason: 'cudzoziemka', other_id: 'karta pobytu X1',
      address: { voivodeship: 'mazowieckie', town: 'Radom', street: 'Długa', building: '5', postcode: '26-600', degurba: 2 },
    });
  });

  it('leaves birth date and sex to the PESEL when there is one', () => {
    const values = fromParticipant({ ...stored, pesel: '85020312345' });
    expect(values.birth_date).toBe('');
    expect(values.sex).toBe('');
    expect(toParticipantInput(values).pesel).toBe('85020312345');
  });
});
