// The bodies of the first-run wizard's steps: each builds its fields once (so going back keeps
// what was typed) and says what "Dalej" does. The container (./FirstRunWizard.ts) runs them.

import { api, toApiError } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import { h, replace } from '../dom';
import { currentLanguage, t } from '../i18n';
import { addPicker, chooseFolderLabel } from '../ui/picker';
import { organisationFields, type OrganisationFields } from '../settings/organisationFields';
import { markBusy } from '../ui/feedback';
import { checkboxField, controls, showFieldErrors, textField } from '../ui/fields';
import { stepOfErrors } from './wizardModel';

/** What every step shares: the state of the wizard so far. */
export interface WizardState {
  /** The store exists (set-up done, or a resumed wizard). */
  created: boolean;
  /** The recovery key while the wizard shows it (never stored). */
  recoveryKey: string | null;
  /** The key was replaced because a closed window left it unconfirmed. */
  keyRenewed: boolean;
  status: AppStatus | null;
  /** The organisation's fields (step 1, read again at set-up). */
  organisation: OrganisationFields;
}

export interface StepBody {
  el: HTMLElement;
  /** Runs when the step is shown (e.g. fetches a new recovery key). */
  enter?(): Promise<void>;
  /** "Dalej": resolves true to go on; shows its own field errors and throws others. */
  next(button: HTMLButtonElement): Promise<boolean>;
}

export function newState(resumed: boolean): WizardState {
  return { created: resumed, recoveryKey: null, keyRenewed: false, status: null, organisation: organisationFields('wiz-org') };
}

function radio(name: string, value: string, label: string, checked: boolean, onchange: () => void): HTMLElement {
  const id = `wiz-${name}-${value}`;
  return h('div', { class: 'radio' },
    h('input', { type: 'radio', id, name, value, checked, onchange }),
    h('label', { for: id }, label));
}

function chosen(root: HTMLElement, name: string): string {
  return root.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value ?? '';
}

export function organisationStep(s: WizardState): StepBody {
  const el = h('div', null, h('p', null, t('wizard.orgIntro')), h('p', { class: 'hint' }, t('common.requiredNote')), s.organisation.el);
  return {
    el,
    async next(button) {
      const organisation = s.organisation.read();
      if (!organisation.name) {
        s.organisation.placeErrors([{ field: 'name', message: t('wizard.orgNameRequired') }]);
        return false;
      }
      s.organisation.placeErrors([]);
      if (!s.created) return true;
      const done = markBusy(button, t('wizard.saving'));
      try {
        s.organisation.fill(await api.organisationSave(organisation));
        return true;
      } catch (e) {
        const unplaced = s.organisation.placeErrors(toApiError(e).fields);
        if (toApiError(e).fields.length === 0 || unplaced.length) throw e;
        return false;
      } finally {
        done();
      }
    },
  };
}

/** The first worker; "Dalej" creates the store. Once it exists, a summary. */
export function workerStep(s: WizardState, backToOrganisation: () => void): StepBody {
  const form = h('div', { 'data-group': 'worker' },
    h('p', null, t('wizard.workerIntro')),
    h('div', { class: 'grid two' },
      textField({ name: 'worker', idPrefix: 'wiz', label: t('wizard.worker'), autocomplete: 'name', required: true }),
      textField({ name: 'role', idPrefix: 'wiz', label: t('wizard.role'), hint: t('wizard.roleHint') }),
      textField({ name: 'password', idPrefix: 'wiz', label: t('wizard.password'), type: 'password', autocomplete: 'new-password', hint: t('password.rules'), required: true }),
      textField({ name: 'password_repeat', idPrefix: 'wiz', label: t('wizard.passwordRepeat'), type: 'password', autocomplete: 'new-password', required: true })));
  const el = h('div', null, form);
  const named = controls(form);

  function showSummary(status: AppStatus): void {
    const worker = status.worker ?? '';
    const text = status.worker_role
      ? t('wizard.workerCreatedRole', { worker, role: status.worker_role })
      : t('wizard.workerCreated', { worker });
    replace(el, h('p', { class: 'notice', 'data-worker-summary': '' }, text), h('p', null, t('wizard.workerLater')));
  }

  return {
    el,
    async enter() {
      if (!s.created) return;
      s.status ??= await api.appStatus();
      showSummary(s.status);
    },
    async next(button) {
      if (s.created) return true;
      const v = (name: string) => named.get(name)!.value;
      if (v('password') !== v('password_repeat')) {
        showFieldErrors(form, [{ field: 'password_repeat', message: t('wizard.mismatch') }]);
        return false;
      }
      showFieldErrors(form, []);
      const done = markBusy(button, t('wizard.creating'));
      try {
        const result = await api.setup({
          organisation: s.organisation.read(), worker: v('worker'), role: v('role'), password: v('password'),
        });
        s.created = true;
        s.recoveryKey = result.recovery_key;
        s.status = result.status;
        // A language chosen on the first step is remembered now that the data folder exists.
        if (result.status.language !== currentLanguage()) {
          s.status = await api.languageSet(currentLanguage()).catch(() => result.status);
        }
        named.get('password')!.value = '';
        named.get('password_repeat')!.value = '';
        return true;
      } catch (e) {
        const err = toApiError(e);
        if (stepOfErrors(err.fields) === 'organisation') {
          s.organisation.placeErrors(err.fields);
          backToOrganisation();
          return false;
        }
        const unplaced = showFieldErrors(form, err.fields);
        if (err.fields.length === 0 || unplaced.length) throw e;
        return false;
      } finally {
        done();
      }
    },
  };
}

export function recoveryKeyStep(s: WizardState): StepBody {
  const output = h('output', { class: 'recovery-key', 'data-recovery-key': '', 'aria-labelledby': 'wiz-key-label' });
  const renewed = h('p', { class: 'warning', role: 'note', hidden: true }, t('wizard.keyNew'));
  const printed = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'recovery-key' });
  const print = h('button', { type: 'button', class: 'button', 'data-action': 'recovery-print' }, t('wizard.keyPrint'));
  const copy = h('button', { type: 'button', class: 'button', 'data-action': 'recovery-copy' }, t('wizard.keyCopy'));
  const confirm = checkboxField({ name: 'key_written', idPrefix: 'wiz', label: t('wizard.keyConfirm') });
  const el = h('div', null,
    h('p', null, t('wizard.keyIntro')),
    renewed,
    h('p', { class: 'label', id: 'wiz-key-label' }, t('wizard.keyLabel')),
    output,
    h('div', { class: 'actions' }, print, copy, printed),
    confirm,
    h('p', { class: 'field-error', 'data-error-for': 'key_written', role: 'alert', hidden: true }));
  copy.addEventListener('click', async () => {
    if (!s.recoveryKey) return;
    try {
      await navigator.clipboard.writeText(s.recoveryKey);
      printed.textContent = t('wizard.keyCopied');
    } catch {
      printed.textContent = t('wizard.keyCopyFailed');
    }
  });
  print.addEventListener('click', async () => {
    if (!s.recoveryKey) return;
    const done = markBusy(print, t('wizard.keyPrinting'));
    printed.textContent = '';
    try {
      printed.textContent = t('wizard.keyPrinted', { file: await api.recoveryKeySheet(s.recoveryKey) });
    } catch (e) {
      printed.textContent = toApiError(e).message;
    } finally {
      done();
    }
  });
  return {
    el,
    async enter() {
      if (!s.recoveryKey) {
        s.recoveryKey = await api.firstRunRecoveryKey();
        s.keyRenewed = true;
      }
      renewed.hidden = !s.keyRenewed;
      output.textContent = s.recoveryKey;
    },
    async next() {
      const box = el.querySelector<HTMLInputElement>('input[name=key_written]')!;
      if (!box.checked) {
        showFieldErrors(el, [{ field: 'key_written', message: t('wizard.keyConfirmFirst') }]);
        return false;
      }
      showFieldErrors(el, []);
      await api.firstRunContinue('sync');
      return true;
    },
  };
}

/** A path field with the system's folder chooser beside it. */
function folderField(field: HTMLElement): HTMLElement {
  addPicker(field, chooseFolderLabel(), (current) => api.pickFolder(t('picker.folderTitle'), current || null), () => undefined);
  return field;
}

export function syncStep(): StepBody {
  let joined = false;
  const join = h('div', { class: 'grid two', 'data-group': 'sync-join', hidden: true },
    textField({ name: 'passphrase', idPrefix: 'wiz', label: t('wizard.syncPassphrase'), type: 'password', autocomplete: 'off', hint: t('wizard.syncPassphraseHint'), required: true }),
    textField({ name: 'organisation', idPrefix: 'wiz', label: t('wizard.syncOrganisation'), hint: t('wizard.syncOrganisationHint') }),
    folderField(textField({ name: 'folder', idPrefix: 'wiz', label: t('wizard.syncFolder'), hint: t('wizard.syncFolderHint') })),
    textField({ name: 'interval_minutes', idPrefix: 'wiz', label: t('wizard.syncInterval'), type: 'number', value: '60', inputmode: 'numeric' }));
  const toggle = () => (join.hidden = chosen(el, 'sync_choice') !== 'join');
  const el = h('div', null,
    h('p', null, t('wizard.syncIntro')),
    h('fieldset', { class: 'form-section' },
      h('legend', null, t('wizard.syncQuestion')),
      h('div', { class: 'radio-column' },
        radio('sync_choice', 'later', t('wizard.syncLater'), true, toggle),
        radio('sync_choice', 'join', t('wizard.syncJoin'), false, toggle)),
      join));
  const named = controls(join);
  return {
    el,
    async next(button) {
      if (chosen(el, 'sync_choice') === 'join' && !joined) {
        const v = (name: string) => named.get(name)!.value.trim();
        const done = markBusy(button, t('wizard.saving'));
        try {
          showFieldErrors(join, []);
          await api.syncSetup(named.get('passphrase')!.value, v('organisation') || null);
          joined = true;
          named.get('passphrase')!.value = '';
          if (v('folder')) {
            await api.syncSettingsSave({ folder: v('folder'), interval_minutes: Number(v('interval_minutes') || '0') });
          }
        } catch (e) {
          const err = toApiError(e);
          const unplaced = showFieldErrors(join, err.fields);
          if (err.fields.length === 0 || unplaced.length) throw e;
          return false;
        } finally {
          done();
        }
      }
      await api.firstRunContinue('demo');
      return true;
    },
  };
}

export function demoStep(s: WizardState, finished: (status: AppStatus) => void): StepBody {
  const blocked = h('p', { class: 'notice', hidden: true, 'data-demo-blocked': '' }, t('wizard.demoSync'));
  const el = h('div', null,
    h('p', null, t('wizard.demoIntro')),
    h('fieldset', { class: 'form-section' },
      h('legend', null, t('wizard.demoQuestion')),
      h('div', { class: 'radio-column' },
        radio('demo_choice', 'none', t('wizard.demoNone'), true, () => {}),
        radio('demo_choice', 'add', t('wizard.demoAdd'), false, () => {})),
      h('p', { class: 'hint' }, t('wizard.demoHint')),
      blocked));
  return {
    el,
    async enter() {
      const overview = await api.syncStatus().catch(() => null);
      const syncing = overview?.status.configured ?? false;
      blocked.hidden = !syncing;
      const add = el.querySelector<HTMLInputElement>('input[value=add]')!;
      add.disabled = syncing;
      if (syncing) el.querySelector<HTMLInputElement>('input[value=none]')!.checked = true;
    },
    async next(button) {
      const done = markBusy(button, chosen(el, 'demo_choice') === 'add' ? t('wizard.demoAdding') : t('wizard.saving'));
      try {
        if (chosen(el, 'demo_choice') === 'add') await api.demoAdd();
        s.status = await api.firstRunContinue(null);
      } finally {
        done();
      }
      finished(s.status);
      return true;
    },
  };
}
