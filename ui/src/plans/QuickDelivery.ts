// "Zapisz realizację": logging a delivery from the participant's page in a few seconds (the field
// visit case). One select of the person's deliverable services (preselected when there is only
// one), date (today), quantity (1, in the service's unit), attendance and a note; Enter saves and
// the new progress is shown at once ("Zapisano. Terapia psychologiczna: 4 z 10 godz.").

import { api, toApiError } from '../api';
import type { DeliverableService } from '../bindings/DeliverableService';
import type { DeliveryAdded } from '../bindings/DeliveryAdded';
import type { DeliveryInput } from '../bindings/DeliveryInput';
import type { FieldError } from '../bindings/FieldError';
import { choicesOf } from '../closedLists';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { dateField, focusFirstInvalid, readValues, selectField, showFieldErrors, textField } from '../ui/fields';
import { parseQuantity, serviceProgressText, unitAfter } from './planModel';
import { todayText } from './planParts';

/** "Terapia psychologiczna: 3 z 10 godz. — cel: Stabilizacja (Rodzina w centrum, wersja 1)" */
export function deliverableLabel(d: DeliverableService): string {
  return t('delivery.option', {
    service: d.service_name,
    goal: d.goal_title,
    project: d.project_name,
    version: d.plan_version,
    progress: serviceProgressText(d.progress, d.unit),
  });
}

/** The form's values as Rust's input; a quantity that is not a number is the only local error. */
export function toDeliveryInput(v: Record<string, string>): { input: DeliveryInput; errors: FieldError[] } {
  const input: DeliveryInput = {};
  const errors: FieldError[] = [];
  if (v.date?.trim()) input.date = v.date.trim();
  const quantity = parseQuantity(v.quantity ?? '');
  if (quantity !== undefined && Number.isNaN(quantity)) errors.push({ field: 'quantity', message: t('plan.quantityNotNumber') });
  else if (quantity !== undefined) input.quantity = quantity;
  if (v.attendance) input.attendance = v.attendance;
  if (v.note?.trim()) input.note = v.note.trim();
  return { input, errors };
}

export interface QuickDeliveryHooks {
  /** After each saved delivery (e.g. to refresh the open tab). */
  onSaved(added: DeliveryAdded): void;
  onClose(): void;
}

export function quickDeliveryPanel(ctx: AppContext, participantId: string, hooks: QuickDeliveryHooks): HTMLElement {
  const panel = h('div', { class: 'quick-delivery', 'data-quick-delivery': '' }, loadingNote());

  void (async () => {
    try {
      const services = await api.deliverableServices(participantId);
      if (services.length === 0) {
        replace(panel,
          h('p', { class: 'notice', 'data-delivery-none': '' }, t('delivery.none')),
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', 'data-action': 'delivery-close', onclick: hooks.onClose }, t('common.close'))));
        panel.querySelector('button')?.focus();
        return;
      }
      replace(panel, form(services));
      const first = services.length === 1 ? 'input[name=quantity]' : 'select[name=planned_service_id]';
      panel.querySelector<HTMLElement>(first)?.focus();
    } catch (e) {
      replace(panel);
      ctx.showError(e);
    }
  })();

  function form(services: DeliverableService[]): HTMLFormElement {
    const byId = new Map(services.map((s) => [s.planned_service_id, s]));
    const serviceField = selectField({
      name: 'planned_service_id',
      idPrefix: 'delivery',
      label: t('delivery.service'),
      className: 'wide',
      empty: services.length === 1 ? undefined : t('common.choose'),
      choices: services.map((s) => ({ value: s.planned_service_id, label: deliverableLabel(s) })),
      value: services.length === 1 ? services[0].planned_service_id : '',
    });
    const select = serviceField.querySelector('select') as HTMLSelectElement;
    const quantity = textField({ name: 'quantity', idPrefix: 'delivery', label: t('delivery.quantity'), value: '1' });
    const qInput = quantity.querySelector('input') as HTMLInputElement;
    const suffix = h('span', { class: 'unit-suffix', 'data-unit-for': 'quantity' });
    const box = h('div', { class: 'with-suffix' });
    qInput.replaceWith(box);
    box.append(qInput, suffix);
    const syncUnit = () => {
      const chosen = byId.get(select.value);
      suffix.textContent = chosen ? unitAfter(chosen.unit) : '';
    };
    select.addEventListener('change', syncUnit);
    syncUnit();

    const result = h('p', { class: 'form-status', role: 'status', 'data-delivery-result': '' });
    const summary = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-summary': '' });
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'delivery-save' }, t('delivery.save'));
    const f = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'delivery' },
      h('h2', null, t('delivery.heading')),
      h('div', { class: 'grid delivery-grid' },
        serviceField,
        dateField({ name: 'date', idPrefix: 'delivery', label: t('delivery.date'), value: todayText() }),
        quantity,
        selectField({
          name: 'attendance',
          idPrefix: 'delivery',
          label: t('delivery.attendance'),
          choices: choicesOf('attendance'),
          value: 'present',
        }),
        textField({ name: 'note', idPrefix: 'delivery', label: t('delivery.note'), className: 'wide' })),
      summary,
      h('div', { class: 'actions' }, save,
        h('button', { type: 'button', class: 'button', 'data-action': 'delivery-close', onclick: hooks.onClose }, t('common.close')),
        result));

    // Enter saves from a select too (browsers submit only from text fields).
    f.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
        e.preventDefault();
        f.requestSubmit();
      }
    });

    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      result.textContent = '';
      summary.hidden = true;
      const v = readValues(f);
      if (!v.planned_service_id) {
        showFieldErrors(f, [{ field: 'planned_service_id', message: t('delivery.serviceRequired') }]);
        select.focus();
        return;
      }
      const { input, errors } = toDeliveryInput(v);
      if (errors.length) {
        showFieldErrors(f, errors);
        focusFirstInvalid(f);
        return;
      }
      showFieldErrors(f, []);
      const done = markBusy(save, t('common.saving'));
      try {
        const added = await api.deliveryAdd(v.planned_service_id, input);
        const service = byId.get(v.planned_service_id);
        if (service) {
          service.progress = added.progress;
          const option = [...select.options].find((o) => o.value === service.planned_service_id);
          if (option) option.textContent = deliverableLabel(service);
          result.textContent = t('delivery.saved', { service: service.service_name, progress: serviceProgressText(added.progress, service.unit), percent: added.progress.percent });
        }
        result.dataset.percent = String(added.progress.percent);
        qInput.value = '1';
        (f.querySelector('input[name=note]') as HTMLInputElement).value = '';
        hooks.onSaved(added);
        qInput.focus();
        qInput.select();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'locked' || error.code === 'internal' || error.code === 'not_initialized') {
          ctx.showError(error);
        } else {
          const unplaced = showFieldErrors(f, error.fields);
          const messages = error.fields.length ? unplaced.map((x) => x.message) : [error.message];
          summary.textContent = messages.join(' ');
          summary.hidden = messages.length === 0;
          if (!focusFirstInvalid(f)) select.focus();
        }
      } finally {
        if (save.isConnected) done();
      }
    });
    return f;
  }

  return panel;
}
