// "Organizacja na dokumentach" on the settings page: the name, address lines and signature place
// printed atop every document, and the logo strip (PNG/JPEG, stored by Rust as base64, previewed
// through a blob: URL). Rust checks the values; its field errors appear under the fields.

import { api, toApiError } from '../api';
import type { OrganisationSettings } from '../bindings/OrganisationSettings';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { blobUrlFromBase64, blobUrlFromFile, isPngOrJpeg, readFileAsBase64, revokeBlobUrl } from '../ui/files';
import { controls, focusFirstInvalid, showFieldErrors, textareaField, textField } from '../ui/fields';

/** Rust's field names → this form's control names. */
const FIELDS: Record<string, string> = { name: 'org_name', address_lines: 'org_address', place: 'org_place', logo_strip_base64: 'org_logo' };

/** Address text → printed lines (blank lines and edge spaces dropped). */
export function addressLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export function organisationSection(ctx: AppContext): HTMLElement {
  let logo: string | null = null;
  let previewUrl: string | null = null;
  const saved = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'organisation' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'organisation-save', disabled: true }, t('org.save'));
  const file = h('input', { type: 'file', id: 'org-logo', name: 'org_logo', accept: 'image/png,image/jpeg', 'aria-describedby': 'org-logo-hint org-logo-error' });
  const preview = h('div', { class: 'logo-preview', 'data-logo-preview': '' });
  const remove = h('button', { type: 'button', class: 'button small', 'data-action': 'logo-remove', onclick: () => setLogo(null, null) }, t('org.logoRemove'));
  const logoField = h('div', { class: 'field wide', 'data-field': 'org_logo' },
    h('label', { for: 'org-logo' }, t('org.logo')), file,
    h('p', { class: 'hint', id: 'org-logo-hint' }, t('org.logoHint')),
    h('p', { class: 'field-error', id: 'org-logo-error', 'data-error-for': 'org_logo', role: 'alert', hidden: true }),
    preview);
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'organisation' },
    h('div', { class: 'grid two' },
      textField({ name: 'org_name', idPrefix: 'org', label: t('org.name'), className: 'wide' }),
      textareaField({ name: 'org_address', idPrefix: 'org', label: t('org.address'), hint: t('org.addressHint'), rows: 3 }),
      textField({ name: 'org_place', idPrefix: 'org', label: t('org.place'), hint: t('org.placeHint') }),
      logoField),
    h('div', { class: 'actions' }, save, saved),
  );
  const named = controls(form);

  /** Shows the strip (`url` from the chosen file, else made from the base64). */
  function setLogo(base64: string | null, url: string | null): void {
    logo = base64;
    revokeBlobUrl(previewUrl);
    previewUrl = base64 ? url ?? blobUrlFromBase64(base64) : null;
    if (!base64) file.value = '';
    replace(preview, base64
      ? [previewUrl ? h('img', { src: previewUrl, alt: t('org.logoPreview'), 'data-logo-image': '' }) : null, remove]
      : h('p', { class: 'hint' }, t('org.logoNone')));
  }

  function fill(o: OrganisationSettings): void {
    named.get('org_name')!.value = o.name;
    named.get('org_address')!.value = o.address_lines.join('\n');
    named.get('org_place')!.value = o.place;
    setLogo(o.logo_strip_base64, null);
  }

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    saved.textContent = '';
    if (!isPngOrJpeg(chosen)) {
      file.value = '';
      showFieldErrors(form, [{ field: 'org_logo', message: t('org.logoWrongType') }]);
      return;
    }
    try {
      setLogo(await readFileAsBase64(chosen), blobUrlFromFile(chosen));
      showFieldErrors(form, []);
    } catch {
      showFieldErrors(form, [{ field: 'org_logo', message: t('org.logoReadFailed') }]);
    }
  });

  api.organisationGet().then(
    (o) => {
      fill(o);
      save.disabled = false;
    },
    (e) => ctx.showError(e),
  );

  form.addEventListener('input', () => (saved.textContent = ''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (save.disabled) return;
    saved.textContent = '';
    showFieldErrors(form, []);
    const organisation: OrganisationSettings = {
      name: named.get('org_name')!.value.trim(),
      address_lines: addressLines(named.get('org_address')!.value),
      place: named.get('org_place')!.value.trim(),
      logo_strip_base64: logo,
    };
    const done = markBusy(save, t('common.saving'));
    try {
      fill(await api.organisationSave(organisation));
      saved.textContent = t('org.saved');
    } catch (err) {
      const error = toApiError(err);
      const fields = error.fields.map((f) => ({ ...f, field: FIELDS[f.field] ?? f.field }));
      const unplaced = showFieldErrors(form, fields);
      if (fields.length === 0 || unplaced.length) ctx.showError(error);
      focusFirstInvalid(form);
    } finally {
      done();
    }
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'organisation', 'aria-labelledby': 'settings-organisation' },
    h('h2', { id: 'settings-organisation' }, t('org.heading')),
    h('p', null, t('org.intro')),
    form,
  );
}
