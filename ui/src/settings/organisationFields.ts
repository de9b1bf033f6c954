// The organisation's fields, shared by Ustawienia ("Organizacja na dokumentach") and the
// first-run wizard's first step: name, address lines, signature place, the RODO controller and
// its data protection officer, and the logo strip (PNG/JPEG, kept as base64 and previewed as it
// will print through a blob: URL). Rust checks the values; `placeErrors` puts its field errors
// under these fields.

import type { FieldError } from '../bindings/FieldError';
import type { OrganisationSettings } from '../bindings/OrganisationSettings';
import { api, toApiError } from '../api';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { blobUrlFromBase64, revokeBlobUrl } from '../ui/files';
import { controls, showFieldErrors, textareaField, textField } from '../ui/fields';

/** Rust's field names → these controls' names. */
const FIELDS: Record<string, string> = {
  name: 'org_name',
  address_lines: 'org_address',
  place: 'org_place',
  logo_strip_base64: 'org_logo',
  controller_name: 'org_controller_name',
  controller_address: 'org_controller_address',
  dpo_contact: 'org_dpo_contact',
};

/** Address text → printed lines (blank lines and edge spaces dropped). */
export function addressLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export interface OrganisationFields {
  /** The fields (a grid); put it inside a form. */
  el: HTMLElement;
  fill(o: OrganisationSettings): void;
  read(): OrganisationSettings;
  /** Shows Rust's errors under the fields; returns those that have no field here. */
  placeErrors(errors: FieldError[]): FieldError[];
}

export function organisationFields(idPrefix = 'org'): OrganisationFields {
  let logo: string | null = null;
  let previewUrl: string | null = null;
  // The system's own chooser (Rust reads the PNG or JPEG; the window never reads files).
  const file = h('button', { type: 'button', class: 'button', id: `${idPrefix}-logo`, 'data-action': 'logo-choose', 'aria-describedby': `${idPrefix}-logo-hint ${idPrefix}-logo-error` }, t('picker.file'));
  const preview = h('div', { class: 'logo-preview', 'data-logo-preview': '' });
  const remove = h('button', { type: 'button', class: 'button small', 'data-action': 'logo-remove', onclick: () => setLogo(null, null) }, t('org.logoRemove'));
  const logoField = h('div', { class: 'field wide', 'data-field': 'org_logo' },
    h('p', { class: 'label-like', id: `${idPrefix}-logo-label` }, t('org.logo')), h('div', { class: 'actions' }, file),
    h('p', { class: 'hint', id: `${idPrefix}-logo-hint` }, t('org.logoHint')),
    h('p', { class: 'field-error', id: `${idPrefix}-logo-error`, 'data-error-for': 'org_logo', role: 'alert', hidden: true }),
    preview);
  const el = h('div', { class: 'grid two' },
    textField({ name: 'org_name', idPrefix, label: t('org.name'), className: 'wide', required: true }),
    textareaField({ name: 'org_address', idPrefix, label: t('org.address'), hint: t('org.addressHint'), rows: 3 }),
    textField({ name: 'org_place', idPrefix, label: t('org.place'), hint: t('org.placeHint') }),
    h('fieldset', { class: 'form-section wide', 'data-group': 'controller' },
      h('legend', null, t('org.controllerHeading')),
      h('p', { class: 'hint' }, t('org.controllerIntro')),
      h('div', { class: 'grid two' },
        textField({ name: 'org_controller_name', idPrefix, label: t('org.controllerName'), hint: t('org.controllerNameHint') }),
        textField({ name: 'org_controller_address', idPrefix, label: t('org.controllerAddress') }),
        textField({ name: 'org_dpo_contact', idPrefix, label: t('org.dpo'), hint: t('org.dpoHint'), className: 'wide' }))),
    logoField);
  const named = controls(el);
  const value = (name: string) => named.get(name)!.value.trim();

  /** Shows the strip (`url` from the chosen file, else made from the base64). */
  function setLogo(base64: string | null, url: string | null): void {
    logo = base64;
    revokeBlobUrl(previewUrl);
    previewUrl = base64 ? url ?? blobUrlFromBase64(base64) : null;
    replace(preview, base64
      ? [previewUrl ? h('img', { src: previewUrl, alt: t('org.logoPreview'), 'data-logo-image': '' }) : null, remove]
      : h('p', { class: 'hint' }, t('org.logoNone')));
  }

  file.setAttribute('aria-labelledby', `${idPrefix}-logo-label ${idPrefix}-logo`);
  file.addEventListener('click', async () => {
    file.disabled = true;
    try {
      const chosen = await api.pickLogo(t('org.logo'));
      if (chosen) {
        setLogo(chosen, null);
        showFieldErrors(el, []);
      }
    } catch (e) {
      const err = toApiError(e);
      showFieldErrors(el, [{ field: 'org_logo', message: err.fields[0]?.message ?? err.message }]);
    } finally {
      file.disabled = false;
    }
  });
  setLogo(null, null);

  return {
    el,
    fill(o) {
      named.get('org_name')!.value = o.name;
      named.get('org_address')!.value = o.address_lines.join('\n');
      named.get('org_place')!.value = o.place;
      named.get('org_controller_name')!.value = o.controller_name;
      named.get('org_controller_address')!.value = o.controller_address;
      named.get('org_dpo_contact')!.value = o.dpo_contact;
      setLogo(o.logo_strip_base64, null);
    },
    read: () => ({
      name: value('org_name'),
      address_lines: addressLines(named.get('org_address')!.value),
      place: value('org_place'),
      logo_strip_base64: logo,
      controller_name: value('org_controller_name'),
      controller_address: value('org_controller_address'),
      dpo_contact: value('org_dpo_contact'),
    }),
    placeErrors(errors) {
      return showFieldErrors(el, errors.map((f) => ({ ...f, field: FIELDS[f.field] ?? f.field })));
    },
  };
}
