// The service catalogue: every service (code, name, category, unit, how SM EFS names it, active
// or retired), adding one, changing one in place and retiring or bringing it back. A retired
// service stays on the plans that already use it but is no longer offered for new ones. The SM
// EFS naming ("Zakres wsparcia", "Rodzaj przyznanego wsparcia", "w tym") is the office's own
// when given, else the program's default for a seeded service (shown greyed as the fields'
// placeholders), else the service's category and name.

import { api, toApiError } from '../api';
import type { Service } from '../bindings/Service';
import type { SmEfsForm } from '../bindings/SmEfsForm';
import type { ServiceInput } from '../bindings/ServiceInput';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors, textField } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { unitName, UNITS } from './planModel';

const SM_EFS = ['sm_efs_scope', 'sm_efs_kind', 'sm_efs_detail'] as const;
type SmEfsKey = (typeof SM_EFS)[number];

const smEfsLabel = (k: SmEfsKey) => t(k === 'sm_efs_scope' ? 'service.smEfsScope' : k === 'sm_efs_kind' ? 'service.smEfsKind' : 'service.smEfsDetail');

/** The form SM EFS gets for this service, and whether it is the office's own. */
export function smEfsOf(s: Service): { form: SmEfsForm | null; own: boolean } {
  if (s.sm_efs_scope && s.sm_efs_kind) return { form: { scope: s.sm_efs_scope, kind: s.sm_efs_kind, detail: s.sm_efs_detail }, own: true };
  return { form: s.sm_efs_default, own: false };
}

/** "Usługi społeczne — Wsparcie rodziny (asystent rodziny)". */
export function smEfsText(form: SmEfsForm): string {
  return `${form.scope} — ${form.kind}${form.detail ? ` (${form.detail})` : ''}`;
}

/** The three SM EFS fields, with the default as their placeholders. */
function smEfsFields(prefix: string, s: Service | null): HTMLElement {
  const fallback = s?.sm_efs_default;
  const placeholder = (k: SmEfsKey) => (k === 'sm_efs_scope' ? fallback?.scope : k === 'sm_efs_kind' ? fallback?.kind : fallback?.detail) ?? undefined;
  return h('fieldset', { class: 'sm-efs', 'data-sm-efs-fields': '' },
    h('legend', null, t('service.smEfs')),
    h('p', { class: 'hint' }, t(fallback ? 'service.smEfsHintDefault' : 'service.smEfsHint')),
    h('div', { class: 'grid' }, SM_EFS.map((k) => textField({
      name: k,
      idPrefix: prefix,
      label: smEfsLabel(k),
      value: s?.[k] ?? '',
      placeholder: placeholder(k),
      className: k === 'sm_efs_detail' ? undefined : 'wide',
    }))));
}

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
      smEfsFields('service', null),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: () => { replace(formBox); add.focus(); } }, t('common.cancel'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      const input: ServiceInput = {};
      for (const k of ['code', 'name', 'category', 'unit', ...SM_EFS] as const) if (v[k]?.trim()) input[k] = v[k].trim();
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
      h('h3', null, t('service.renameOf', { name: `${s.code} — ${s.name}` })),
      h('div', { class: 'grid' },
        textField({ name: 'name', idPrefix: `rename-${s.code}`, label: t('service.newName'), value: s.name, className: 'wide' }),
        textField({ name: 'category', idPrefix: `rename-${s.code}`, label: t('service.category'), value: s.category })),
      smEfsFields(`rename-${s.code}`, s),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button small', onclick: () => void load() }, t('common.cancel'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      const done = markBusy(save, t('common.saving'));
      try {
        // Empty SM EFS fields are sent empty: they clear the office's values (the default applies).
        const updated = await api.serviceUpdate(s.id, {
          name: v.name, category: v.category, sm_efs_scope: v.sm_efs_scope, sm_efs_kind: v.sm_efs_kind, sm_efs_detail: v.sm_efs_detail,
        });
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
        h('th', { scope: 'col' }, t('service.smEfs')),
        h('th', { scope: 'col' }, t('service.actions')))),
      h('tbody', null, services.map((s) => {
        const nameCell = h('td', { 'data-service-name': '' }, s.name, s.active ? null : h('span', { class: 'tag' }, t('service.retired')));
        const row = h('tr', { 'data-service-id': s.id, 'data-service-code': s.code, 'data-service-active': String(s.active), class: s.active ? '' : 'is-ended' },
          h('td', { class: 'mono' }, s.code),
          nameCell,
          h('td', null, s.category),
          h('td', null, unitName(s.unit)),
          smEfsCell(s),
          h('td', null,
            h('button', {
              type: 'button',
              class: 'button small',
              'data-action': 'service-rename',
              'aria-label': t('service.renameOf', { name: s.name }),
              onclick: () => {
                // The form takes the whole row: name, category and the three SM EFS fields.
                const cell = h('td', { class: 'edit-cell' }, renameForm(s));
                replace(row, cell);
                withTableRoles(row);
                cell.querySelector<HTMLInputElement>('input')?.focus();
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

  function smEfsCell(s: Service): HTMLElement {
    const { form, own } = smEfsOf(s);
    return h('td', { 'data-service-sm-efs': own ? 'own' : form ? 'default' : 'none' },
      form ? smEfsText(form) : t('service.smEfsNone'),
      form && !own ? h('span', { class: 'tag' }, t('service.smEfsDefault')) : null);
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
