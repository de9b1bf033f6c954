// The quick "Zapisz realizację" form: one service preselected, today and 1 by default, Enter saves,
// the new progress is shown and the option updated; Rust's refusal is shown in the form.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import type { DeliverableService } from '../bindings/DeliverableService';
import { fakeContext, settle } from '../test/fixtures';
import { todayText } from './planParts';
import { quickDeliveryPanel, toDeliveryInput } from './QuickDelivery';

const mocked = vi.mocked(invoke);

const PSY: DeliverableService = {
  planned_service_id: 'ps-1', plan_id: 'plan-1', plan_version: 1, project_name: 'Rodzina w centrum', goal_title: 'Stabilizacja',
  service_name: 'Terapia psychologiczna', unit: 'hour', unit_label: 'godz.', start_date: '2026-02-01', end_date: '2026-06-30',
  progress: { planned: 10, delivered: 3, percent: 30 },
};
const LOGO: DeliverableService = { ...PSY, planned_service_id: 'ps-2', service_name: 'Terapia logopedyczna', unit: 'session', progress: { planned: 8, delivered: 0, percent: 0 } };

async function mount(services: DeliverableService[], add: (args: Record<string, unknown>) => unknown) {
  mocked.mockImplementation(async (command, args) => {
    switch (command) {
      case 'deliverable_services': return services;
      case 'delivery_add': return add((args ?? {}) as Record<string, unknown>);
      default: throw new Error(`unexpected ${command}`);
    }
  });
  const ctx = fakeContext();
  const onSaved = vi.fn();
  const onClose = vi.fn();
  const el = quickDeliveryPanel(ctx, 'p-1', { onSaved, onClose });
  document.body.append(el);
  await settle();
  const q = <T extends Element = HTMLElement>(s: string) => document.querySelector(s) as T;
  return { ctx, onSaved, q };
}

describe('quick delivery form', () => {
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  it('preselects the only service, defaults to today and 1, and saves on Enter', async () => {
    const { q, onSaved } = await mount([PSY], () => ({ id: 'd-1', progress: { planned: 10, delivered: 4, percent: 40 } }));
    const select = q<HTMLSelectElement>('select[name=planned_service_id]');
    expect(select.value).toBe('ps-1');
    expect(select.options).toHaveLength(1);
    expect(q<HTMLInputElement>('input[name=date]').value).toBe(todayText());
    const quantity = q<HTMLInputElement>('input[name=quantity]');
    expect(quantity.value).toBe('1');
    expect(document.activeElement).toBe(quantity);
    expect(q('[data-unit-for=quantity]').textContent).toBe('godz.');

    // Enter on the service select submits the form like Enter in a text field.
    select.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await settle();
    expect(mocked).toHaveBeenCalledWith('delivery_add', {
      planned_service_id: 'ps-1',
      input: { date: todayText(), quantity: 1, attendance: 'present' },
    });
    const result = q('[data-delivery-result]');
    expect(result.textContent).toBe('Zapisano. Terapia psychologiczna: 4 z 10 godz. (40%).');
    expect(result.dataset.percent).toBe('40');
    expect(select.options[0].textContent).toContain('4 z 10 godz.');
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it('asks to choose among several services and shows Rust refusals in the form', async () => {
    const { q, ctx } = await mount([PSY, LOGO], () => {
      throw { code: 'conflict', message: 'Data realizacji jest poza okresem planu.', fields: [], existing: [] };
    });
    const select = q<HTMLSelectElement>('select[name=planned_service_id]');
    expect(select.value).toBe('');
    q<HTMLFormElement>('[data-form=delivery]').requestSubmit();
    await settle();
    expect(q('[data-error-for=planned_service_id]').hidden).toBe(false);
    expect(mocked.mock.calls.some(([c]) => c === 'delivery_add')).toBe(false);

    select.value = 'ps-2';
    select.dispatchEvent(new Event('change'));
    expect(q('[data-unit-for=quantity]').textContent).toBe('sesji');
    q<HTMLInputElement>('input[name=quantity]').value = '1,5';
    q<HTMLFormElement>('[data-form=delivery]').requestSubmit();
    await settle();
    expect(mocked).toHaveBeenCalledWith('delivery_add', expect.objectContaining({ planned_service_id: 'ps-2', input: expect.objectContaining({ quantity: 1.5 }) }));
    expect(q('[data-form=delivery] [data-form-summary]').textContent).toBe('Data realizacji jest poza okresem planu.');
    expect(ctx.showError).not.toHaveBeenCalled();
  });

  it('says so when there is no signed plan to log against', async () => {
    const { q } = await mount([], () => null);
    expect(q('[data-delivery-none]')).not.toBeNull();
    expect(q('[data-form=delivery]')).toBeNull();
  });

  it('turns the values into DeliveryInput, refusing a quantity that is not a number', () => {
    expect(toDeliveryInput({ date: '05.03.2026', quantity: '2', attendance: 'absent_excused', note: ' ' })).toEqual({
      input: { date: '05.03.2026', quantity: 2, attendance: 'absent_excused' }, errors: [],
    });
    expect(toDeliveryInput({ quantity: 'dwie' }).errors[0].field).toBe('quantity');
  });
});
