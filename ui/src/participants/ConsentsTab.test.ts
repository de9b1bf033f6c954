// The Zgody tab: rows in Polish, withdrawing with an optional date in the confirm dialog, the
// consent form (texts of the person's project, guardian select, Rust's guardian error under it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { Consent } from '../bindings/Consent';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import { enrolment, fakeContext, OPTIONS, PARTICIPANT, settle } from '../test/fixtures';
import { consentsTab } from './ConsentsTab';

const mocked = vi.mocked(invoke);
const GIVEN: Consent = {
  id: 'c1', participant_id: 'p-1', template_version_id: 'v2', kind: 'image-consent', title: 'Zgoda na wizerunek',
  version: 2, given_on: '2025-03-05', given_by: 'Anna Kowalska', guardian_id: 'mum', withdrawn_on: null,
};
const WITHDRAWN: Consent = { ...GIVEN, id: 'c0', version: 1, given_by: 'self', guardian_id: null, withdrawn_on: '2025-02-01' };
const TEXT: ConsentTemplateVersion = {
  id: 'v2', template_id: 't1', project_id: null, kind: 'image-consent', title: 'Zgoda na wizerunek', version: 2, text: '…', created_at: '2025-01-01T10:00:00Z',
};
let texts: ConsentTemplateVersion[] = [TEXT, { ...TEXT, id: 'v1', version: 1 }];

function answer(command: string, args: Record<string, unknown>): unknown {
  switch (command) {
    case 'consent_list': return [GIVEN, WITHDRAWN];
    case 'participant_enrolments': return [enrolment('proj-old', 'Stary', '2023-01-01'), enrolment('proj-new', 'Nowy', '2025-01-01')];
    case 'participant_family': return { needs_guardian: false, related: [{ relation_id: 'r1', person_id: 'mum', name: 'Anna Kowalska', kind: 'parent', can_sign: true }] };
    case 'consent_texts': return texts;
    case 'consent_withdraw': return { ...GIVEN, withdrawn_on: '2025-06-30' };
    case 'consent_give':
      if (!(args.input as { guardian_id?: string }).guardian_id) {
        throw { code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'guardian_id', message: 'Osoba jest niepełnoletnia: zgodę podpisuje rodzic lub opiekun prawny.' }], existing: [] };
      }
      return GIVEN;
    default: throw new Error(`unexpected ${command}`);
  }
}

async function mount() {
  const ctx = fakeContext();
  const el = consentsTab(ctx, PARTICIPANT, OPTIONS);
  document.body.append(el);
  await settle();
  await settle();
  const q = <T extends Element = HTMLElement>(s: string) => document.querySelector(s) as T;
  return { ctx, el, q };
}

describe('consents tab', () => {
  beforeEach(() => mocked.mockImplementation(async (c, a) => answer(c, (a ?? {}) as Record<string, unknown>)));
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
    texts = [TEXT, { ...TEXT, id: 'v1', version: 1 }];
  });

  it('lists the consents and withdraws an active one with the typed date', async () => {
    const { q } = await mount();
    const cells = (id: string) => [...q(`[data-consent-id=${id}]`).querySelectorAll('td')].slice(0, 5).map((td) => td.textContent);
    expect(cells('c1')).toEqual(['Zgoda na wizerunek', 'v2', '05.03.2025', 'Anna Kowalska', 'obowiązuje']);
    expect(cells('c0')).toEqual(['Zgoda na wizerunek', 'v1', '05.03.2025', 'osobiście', 'wycofana 01.02.2025']);
    expect(q('[data-consent-id=c0] [data-action=consent-withdraw]')).toBeNull();

    q<HTMLButtonElement>('[data-consent-id=c1] [data-action=consent-withdraw]').click();
    await settle();
    q<HTMLInputElement>('dialog input[name=withdrawn_on]').value = '30.06.2025';
    q<HTMLButtonElement>('dialog [data-action=confirm]').click();
    await settle();
    expect(mocked).toHaveBeenCalledWith('consent_withdraw', { id: 'c1', input: { withdrawn_on: '30.06.2025' } });
    expect(mocked.mock.calls.filter(([c]) => c === 'consent_list')).toHaveLength(2);
  });

  it('records a consent with the texts of the latest project and places the guardian error', async () => {
    const { q } = await mount();
    expect(mocked).toHaveBeenCalledWith('consent_texts', { project_id: 'proj-new' });
    q<HTMLButtonElement>('[data-action=consent-add]').click();
    const version = q<HTMLSelectElement>('select[name=version_id]');
    expect([...version.options].map((o) => o.textContent)).toEqual(['— wybierz —', 'Zgoda na wizerunek — v2', 'Zgoda na wizerunek — v1']);
    const guardian = q<HTMLSelectElement>('select[name=guardian_id]');
    expect([...guardian.options].map((o) => o.textContent)).toEqual(['— osoba pełnoletnia podpisuje sama —', 'Anna Kowalska (rodzic)']);
    expect(guardian.value).toBe('mum'); // a minor with one person who may sign

    version.value = 'v2';
    guardian.value = '';
    q<HTMLButtonElement>('[data-action=consent-save]').click();
    await settle();
    expect(mocked).toHaveBeenLastCalledWith('consent_give', { participant_id: 'p-1', version_id: 'v2', input: {} });
    expect(q('[data-error-for=guardian_id]').textContent).toContain('niepełnoletnia');
    expect(guardian.getAttribute('aria-invalid')).toBe('true');

    guardian.value = 'mum';
    q<HTMLInputElement>('input[name=given_on]').value = '05.03.2025';
    q<HTMLButtonElement>('[data-action=consent-save]').click();
    await settle();
    expect(mocked).toHaveBeenCalledWith('consent_give', { participant_id: 'p-1', version_id: 'v2', input: { given_on: '05.03.2025', guardian_id: 'mum' } });
    expect(q('form[data-form=consent]')).toBeNull();
  });

  it('points to the settings when there are no texts yet', async () => {
    texts = [];
    const { q, ctx } = await mount();
    expect(q('[data-action=consent-add]')).toBeNull();
    expect(q('[data-consents-no-texts]').textContent).toContain('Ustawieniach › Treści zgód');
    q<HTMLButtonElement>('[data-action=open-settings]').click();
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'settings' });
  });
});
