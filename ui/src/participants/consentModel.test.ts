// Consent rows in Polish: signed in person or by the guardian, still holding or withdrawn; option
// labels and who may sign.
import { describe, expect, it } from 'vitest';
import type { Consent } from '../bindings/Consent';
import { OPTIONS } from '../test/fixtures';
import { consentCells, consentKindLabel, guardianChoices, versionOptionLabel } from './consentModel';

const CONSENT: Consent = {
  id: 'c1', participant_id: 'p-1', template_version_id: 'v2', kind: 'image-consent', title: 'Zgoda na wizerunek',
  version: 2, given_on: '2025-03-05', given_by: 'self', guardian_id: null, withdrawn_on: null,
};

describe('consent rows', () => {
  it('shows a consent given in person that still holds', () => {
    expect(consentCells(CONSENT)).toEqual({
      title: 'Zgoda na wizerunek', version: 'v2', given: '05.03.2025', givenBy: 'osobiście', status: 'obowiązuje',
    });
  });

  it('names the guardian who signed and the date of withdrawal', () => {
    const cells = consentCells({ ...CONSENT, given_by: 'Anna Kowalska', guardian_id: 'g1', withdrawn_on: '2025-06-30', version: 1 });
    expect(cells.givenBy).toBe('Anna Kowalska');
    expect(cells.status).toBe('wycofana 30.06.2025');
    expect(cells.version).toBe('v1');
  });

  it('labels versions, kinds and the people who may sign', () => {
    expect(versionOptionLabel({ title: 'Klauzula RODO', version: 3 })).toBe('Klauzula RODO — v3');
    expect(consentKindLabel('data-statement')).toBe('oświadczenie RODO (klauzula informacyjna)');
    expect(consentKindLabel('unknown')).toBe('unknown');
    const family = {
      needs_guardian: false,
      related: [
        { relation_id: 'r1', person_id: 'mum', name: 'Anna Kowalska', kind: 'parent' as const, can_sign: true },
        { relation_id: 'r2', person_id: 'bro', name: 'Jan Kowalski', kind: 'child' as const, can_sign: false },
      ],
    };
    expect(guardianChoices(family, OPTIONS)).toEqual([{ value: 'mum', label: 'Anna Kowalska (rodzic)' }]);
  });
});
