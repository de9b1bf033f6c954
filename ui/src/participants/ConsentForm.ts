// "Zapisz zgodę" on the Zgody tab: which text version was signed ("title — vN"), when (empty =
// today), and who signed — the person or a related parent / legal guardian. Rust decides whether a
// guardian is needed (a minor) and its message appears under the guardian select.

import { api, toApiError } from '../api';
import type { ConsentGiveInput } from '../bindings/ConsentGiveInput';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import type { Family } from '../bindings/Family';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { dateField, focusFirstInvalid, readValues, selectField, showFieldErrors } from '../ui/fields';
import { guardianChoices, versionOptionLabel } from './consentModel';

interface FormHooks {
  ctx: AppContext;
  onDone(): void;
  onCancel(): void;
}

const present = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

export function consentForm(p: Participant, texts: ConsentTemplateVersion[], family: Family, options: FormOptions, hooks: FormHooks): HTMLFormElement {
  const guardians = guardianChoices(family, options);
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'consent-save' }, t('consent.save'));
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-form': 'consent' },
    h('h2', null, t('consent.addHeading')),
    family.needs_guardian ? h('p', { class: 'warning', role: 'note', 'data-warning': 'needs-guardian' }, t('family.needsGuardian')) : null,
    h('div', { class: 'grid' },
      selectField({
        name: 'version_id',
        idPrefix: 'consent',
        label: t('consent.versionLabel'),
        className: 'wide',
        empty: t('common.choose'),
        choices: texts.map((v) => ({ value: v.id, label: versionOptionLabel(v) })),
        value: texts.length === 1 ? texts[0].id : '',
      }),
      dateField({ name: 'given_on', idPrefix: 'consent', label: t('consent.givenOn'), hint: t('consent.todayHint') }),
      selectField({
        name: 'guardian_id',
        idPrefix: 'consent',
        label: t('consent.guardian'),
        empty: t('consent.noGuardian'),
        choices: guardians,
        // A minor with exactly one person who may sign: that person.
        value: p.age < 18 && guardians.length === 1 ? guardians[0].value : '',
      })),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readValues(form);
    if (!v.version_id) {
      showFieldErrors(form, [{ field: 'version_id', message: t('consent.versionRequired') }]);
      focusFirstInvalid(form);
      return;
    }
    const input: ConsentGiveInput = {};
    const givenOn = present(v.given_on);
    const guardianId = present(v.guardian_id);
    if (givenOn) input.given_on = givenOn;
    if (guardianId) input.guardian_id = guardianId;
    showFieldErrors(form, []);
    const done = markBusy(save, t('common.saving'));
    try {
      await api.consentGive(p.id, v.version_id, input);
      hooks.onDone();
    } catch (err) {
      const error = toApiError(err);
      const unplaced = showFieldErrors(form, error.fields);
      if (error.fields.length === 0 || unplaced.length) hooks.ctx.showError(error);
      focusFirstInvalid(form);
    } finally {
      if (save.isConnected) done();
    }
  });
  return form;
}
