// The service catalogue's SM EFS naming: the default of a seeded service shows as such (and as
// the fields' grey placeholders), the office's own values win, and saving sends all three (an
// empty field is sent empty, which clears it).
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { Service } from '../bindings/Service';
import { fakeContext, settle } from '../test/fixtures';
import { serviceCatalogue, smEfsOf, smEfsText } from './ServiceCatalogue';

const mocked = vi.mocked(invoke);

const SEEDED: Service = {
  id: 'svc-asyst', code: 'ROD-ASYST', name: 'Wizyta asystenta rodziny', category: 'Rodzina', unit: 'visit', active: true,
  sm_efs_scope: null, sm_efs_kind: null, sm_efs_detail: null, unit_label: 'wizyta',
  sm_efs_default: { scope: 'Usługi społeczne', kind: 'Wsparcie rodziny', detail: 'asystent rodziny' },
};
const OWN: Service = {
  ...SEEDED, id: 'svc-own', code: 'ARTE', name: 'Arteterapia', category: 'Terapia', sm_efs_default: null,
  sm_efs_scope: 'Aktywizacja społeczna', sm_efs_kind: 'Wsparcie psychologiczne', sm_efs_detail: null,
};
const BARE: Service = { ...OWN, id: 'svc-bare', code: 'INNE', sm_efs_scope: null, sm_efs_kind: null };

describe('service catalogue, SM EFS naming', () => {
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  it('says which form each service is reported as', () => {
    expect(smEfsOf(SEEDED)).toEqual({ form: SEEDED.sm_efs_default, own: false });
    expect(smEfsOf(OWN).own).toBe(true);
    expect(smEfsText(smEfsOf(SEEDED).form!)).toBe('Usługi społeczne — Wsparcie rodziny (asystent rodziny)');
  });

  it('shows default, own and none, and saves the three fields', async () => {
    mocked.mockImplementation(async (command, args) => {
      if (command === 'service_list') return [SEEDED, OWN, BARE];
      if (command === 'service_update') return { ...SEEDED, ...((args as { input: object }).input) };
      throw new Error(`unexpected ${command}`);
    });
    const el = serviceCatalogue(fakeContext());
    document.body.append(el);
    await settle();
    const cell = (id: string) => el.querySelector<HTMLElement>(`tr[data-service-id=${id}] [data-service-sm-efs]`)!;
    expect(cell('svc-asyst').dataset.serviceSmEfs).toBe('default');
    expect(cell('svc-asyst').textContent).toContain('domyślnie');
    expect(cell('svc-own').dataset.serviceSmEfs).toBe('own');
    expect(cell('svc-bare').textContent).toBe('— kategoria i nazwa usługi');

    el.querySelector<HTMLButtonElement>('tr[data-service-id=svc-asyst] [data-action=service-rename]')!.click();
    const scope = el.querySelector<HTMLInputElement>('input[name=sm_efs_scope]')!;
    expect(scope.value).toBe('');
    expect(scope.placeholder).toBe('Usługi społeczne');
    scope.value = 'Aktywizacja społeczna';
    el.querySelector<HTMLInputElement>('input[name=sm_efs_kind]')!.value = 'Wsparcie rodziny';
    el.querySelector<HTMLFormElement>('[data-form=service-rename]')!.requestSubmit();
    await settle();
    const sent = mocked.mock.calls.find(([c]) => c === 'service_update')?.[1] as { input: Record<string, string> };
    expect(sent.input).toMatchObject({ sm_efs_scope: 'Aktywizacja społeczna', sm_efs_kind: 'Wsparcie rodziny', sm_efs_detail: '' });
  });
});
