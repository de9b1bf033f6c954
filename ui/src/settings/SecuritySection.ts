// "Bezpieczeństwo" on the settings page: minutes until the idle lock, how many automatic
// backups to keep, and after how many days printed files are deleted from the print folder. Values come from `settings_get`; Rust checks them on `settings_save` and its
// field errors appear under the fields.

import { api, toApiError } from '../api';
import type { Settings } from '../bindings/Settings';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { controls, focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';
import { toSettings } from './settingsModel';

export function securitySection(ctx: AppContext): HTMLElement {
  const general = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const saved = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'settings' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'settings-save', disabled: true }, t('settings.save'));
  const number = { type: 'number' as const, inputmode: 'numeric' as const, idPrefix: 'settings', attrs: { step: '1' } };
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'settings' },
    general,
    h('div', { class: 'grid two' },
      textField({ ...number, name: 'idle_lock_minutes', label: t('settings.idle_lock_minutes'), hint: t('settings.idleHint') }),
      textField({ ...number, name: 'backups_to_keep', label: t('settings.backups_to_keep'), hint: t('settings.keepHint') }),
      textField({ ...number, name: 'print_files_keep_days', label: t('settings.print_files_keep_days'), hint: t('settings.printKeepHint') })),
    h('div', { class: 'actions' }, save, saved),
  );
  let saving = false;

  function fill(settings: Settings) {
    const named = controls(form);
    named.get('idle_lock_minutes')!.value = String(settings.idle_lock_minutes);
    named.get('backups_to_keep')!.value = String(settings.backups_to_keep);
    named.get('print_files_keep_days')!.value = String(settings.print_files_keep_days);
  }

  api.settingsGet().then(
    (settings) => {
      fill(settings);
      save.disabled = false;
    },
    (e) => ctx.showError(e),
  );

  form.addEventListener('input', () => (saved.textContent = ''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    saving = true;
    saved.textContent = '';
    general.hidden = true;
    showFieldErrors(form, []);
    const done = markBusy(save, t('common.saving'));
    try {
      fill(await api.settingsSave(toSettings(readValues(form))));
      saved.textContent = t('settings.saved');
    } catch (err) {
      const error = toApiError(err);
      if (error.code !== 'invalid_input' || error.fields.length === 0) return ctx.showError(error);
      const unplaced = showFieldErrors(form, error.fields);
      if (unplaced.length) {
        general.textContent = unplaced.map((f) => f.message).join(' ');
        general.hidden = false;
      }
      focusFirstInvalid(form);
    } finally {
      saving = false;
      done();
    }
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'security', 'aria-labelledby': 'settings-security' },
    h('h2', { id: 'settings-security' }, t('settings.security')),
    form,
  );
}
