// "Hasło synchronizacji organizacji": the organisation's name and the sync passphrase, typed
// twice (a mismatch is caught here, before Rust is asked). Once set, a note says for which
// organisation, and the button offers to change it.

import { api, toApiError } from '../api';
import type { SyncOverview } from '../bindings/SyncOverview';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { controls, focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';
import { errorLine, placeError, showError, syncSection } from './syncParts';
import { type OneAtATime } from '../ui/work';

export interface SetupPanel {
  /** `section[data-section=sync-setup]`; the view decides where it goes. */
  el: HTMLElement;
  /** Follows the state: the note, the button's text, the organisation's name. */
  show(o: SyncOverview): void;
}

export interface SetupHooks {
  /** Reads the state again (after the passphrase was set). */
  refresh(): Promise<void>;
}

export function setupPanel(ctx: AppContext, work: OneAtATime, hooks: SetupHooks): SetupPanel {
  const problem = errorLine('setup');
  const done = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'sync-setup' });
  const note = h('p', { class: 'notice', 'data-sync-configured': '', hidden: true });
  const button = work.starter(h('button', { type: 'submit', class: 'button primary', 'data-action': 'sync-setup' }, t('sync.setup.save')));
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'data-form': 'sync-setup' },
    problem,
    h('div', { class: 'grid two' },
      textField({ name: 'organisation', label: t('sync.setup.organisation'), hint: t('sync.setup.organisationHint'), idPrefix: 'sync', className: 'wide' }),
      textField({ name: 'passphrase', type: 'password', label: t('sync.setup.passphrase'), hint: t('sync.setup.passphraseHint'), autocomplete: 'new-password', idPrefix: 'sync' }),
      textField({ name: 'passphrase_repeat', type: 'password', label: t('sync.setup.repeat'), autocomplete: 'new-password', idPrefix: 'sync' })),
    h('div', { class: 'actions' }, button, done),
  );

  form.addEventListener('input', () => (done.textContent = ''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void work.run(button, t('sync.setup.busy'), async () => {
      done.textContent = '';
      showError(problem, null);
      showFieldErrors(form, []);
      const values = readValues(form);
      if (values.passphrase !== values.passphrase_repeat) {
        showFieldErrors(form, [{ field: 'passphrase_repeat', message: t('sync.setup.mismatch') }]);
        focusFirstInvalid(form);
        return;
      }
      try {
        const organisation = values.organisation.trim();
        const report = await api.syncSetup(values.passphrase, organisation === '' ? null : organisation);
        const named = controls(form);
        named.get('passphrase')!.value = '';
        named.get('passphrase_repeat')!.value = '';
        named.get('organisation')!.value = report.organisation;
        done.textContent = t('sync.setup.saved', { organisation: report.organisation });
        await hooks.refresh();
      } catch (err) {
        placeError(ctx, form, problem, toApiError(err));
      }
    });
  });

  return {
    el: syncSection('sync-setup', t('sync.setup.heading'),
      h('p', null, t('sync.setup.intro')),
      h('p', null, t('sync.setup.same')),
      note,
      form),
    show(o) {
      note.hidden = !o.status.configured;
      note.textContent = o.status.configured ? t('sync.setup.configured', { organisation: o.status.organisation ?? '' }) : '';
      button.textContent = o.status.configured ? t('sync.setup.change') : t('sync.setup.save');
      const orgField = controls(form).get('organisation')!;
      if (o.status.configured && o.status.organisation && !orgField.value) orgField.value = o.status.organisation;
    },
  };
}
