// The service catalogue: every service (code, name, category, unit, active or retired), adding one,
// renaming one in place and retiring or bringing it back. A retired service stays on the plans
// that already use it but is no longer offered for new ones.

import { api, toApiError } from '../api';
import type { Service } from '../bindings/Service';
import type { ServiceInput } from '../bindings/ServiceInput';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors, textField } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { unitName, UNITS } from './planModel';

export function serviceCatalogue(ctx: AppContext): HTMLElement {
  const list = h('div', { 'data-service-list': '' }, loadingNote());
  const status = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'services' });
  const formBox = h('div', { class: 'form-slot' });
  const add: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'service-new',
    onclick: () => {
      replace(formBox, addForm());
      formBox.querySelector<HTMLInputElement>('input')?.focus();
    },
  }, t('service.add'));

  /** Shows a command's errors in `form` (field errors beside their fields, others in the bar). */
  function refuse(form: HTMLFormElement, e: unknown): void {
    const err = toApiError(e);
    const unplaced = showFieldErrors(form, err.fields);
    if (err.fields.length === 0 || unplaced.length) ctx.showError(unplaced.length ? { ...err, message: unplaced.map((u) => u.message).join(' ') } : err);
    focusFirstInvalid(form);
  }

  function addForm(): HTMLFormElement {
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'service-save' }, t('service.save'));
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-form': 'service' },
      h('h3', null, t('service.addHeading')),
      h('div', { class: 'grid' },
        textField({ name: 'code', idPrefix: 'service', label: t('service.code'), hint: t('service.codeHint'), maxlength: 20 }),
        textField({ name: 'name', idPrefix: 'service', label: t('service.name'), className: 'wide' }),
        textField({ name: 'category', idPrefix: 'service', label: t('service.category') }),
        selectField({ name: 'unit', idPrefix: 'service', label: t('service.unit'), empty: t('common.choose'), choices: UNITS.map((u) => ({ value: u, label: unitName(u) })) })),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: () => { replace(formBox); add.focus(); } }, t('common.cancel'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      const input: ServiceInput = {};
      for (const k of ['code', 'name', 'category', 'unit'] as const) if (v[k]?.trim()) input[k] = v[k].trim();
      const done = markBusy(save, t('common.saving'));
      try {
        const s = await api.serviceAdd(input);
        replace(formBox);
        status.textContent = t('service.added', { name: s.name });
        await load();
        add.focus();
      } catch (err) {
        done();
        refuse(form, err);
      }
    });
    return form;
  }

  function renameForm(s: Service): HTMLFormElement {
    const save = h('button', { type: 'submit', class: 'button small primary', 'data-action': 'service-rename-save' }, t('common.save'));
    const form = h('form', { class: 'rename-form', novalidate: true, 'data-form': 'service-rename' },
      textField({ name: 'name', idPrefix: `rename-${s.code}`, label: t('service.newName'), value: s.name }),
      textField({ name: 'category', idPrefix: `rename-${s.code}`, label: t('service.category'), value: s.category }),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button small', onclick: () => void load() }, t('common.cancel'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      const done = markBusy(save, t('common.saving'));
      try {
        const updated = await api.serviceUpdate(s.id, { name: v.name, category: v.category });
        status.textContent = t('service.renamed', { name: updated.name });
        await load();
      } catch (err) {
        done();
        refuse(form, err);
      }
    });
    return form;
  }

  async function toggle(s: Service, button: HTMLButtonElement): Promise<void> {
    const done = markBusy(button, t('common.saving'));
    try {
      const updated = await api.serviceUpdate(s.id, { active: !s.active });
      status.textContent = t(updated.active ? 'service.restored' : 'service.retiredNote', { name: updated.name });
      await load();
    } catch (e) {
      done();
      ctx.showError(e);
    }
  }

  function table(services: Service[]): HTMLElement {
    if (services.length === 0) return h('p', { class: 'empty-note' }, t('service.none'));
    return withTableRoles(h(
      'table',
      { class: 'data-table services', 'aria-label': t('service.tableLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('service.code')),
        h('th', { scope: 'col' }, t('service.name')),
        h('th', { scope: 'col' }, t('service.category')),
        h('th', { scope: 'col' }, t('service.unit')),
        h('th', { scope: 'col' }, t('service.actions')))),
      h('tbody', null, services.map((s) => {
        const nameCell = h('td', { 'data-service-name': '' }, s.name, s.active ? null : h('span', { class: 'tag' }, t('service.retired')));
        const row = h('tr', { 'data-service-id': s.id, 'data-service-code': s.code, 'data-service-active': String(s.active), class: s.active ? '' : 'is-ended' },
          h('td', { class: 'mono' }, s.code),
          nameCell,
          h('td', null, s.category),
          h('td', null, unitName(s.unit)),
          h('td', null,
            h('button', {
              type: 'button',
              class: 'button small',
              'data-action': 'service-rename',
              'aria-label': t('service.renameOf', { name: s.name }),
              onclick: () => {
                replace(nameCell, renameForm(s));
                nameCell.querySelector<HTMLInputElement>('input')?.focus();
              },
            }, t('service.rename')),
            h('button', {
              type: 'button',
              class: 'button small quiet',
              'data-action': s.active ? 'service-retire' : 'service-restore',
              'aria-label': t(s.active ? 'service.retireOf' : 'service.restoreOf', { name: s.name }),
              onclick: (e: Event) => void toggle(s, e.currentTarget as HTMLButtonElement),
            }, t(s.active ? 'service.retire' : 'service.restore'))));
        return row;
      })),
    ));
  }

  async function load(): Promise<void> {
    try {
      const services = await api.serviceList(true);
      replace(list, table(services));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  void load();
  return h('section', { class: 'settings-section', 'data-section': 'service-catalogue', 'aria-labelledby': 'service-catalogue-title' },
    h('h2', { id: 'service-catalogue-title' }, t('service.heading')),
    h('p', null, t('service.intro')),
    h('div', { class: 'actions' }, add, status),
    formBox,
    list);
}
