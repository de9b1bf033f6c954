// The "Ustawienia" view: the data folder, worker and version, the demo data while it is here
// (./DemoSection.ts), then the sections Bezpieczeństwo
// (idle lock, backups kept), Organizacja na dokumentach, Treści zgód i oświadczeń, Zmiana hasła,
// Kopie zapasowe, Dziennik zdarzeń, Anonimizacja po okresie przechowywania and Klucz odzyskiwania.

import { api } from '../api';
import { confirmDialog } from '../ui/dialog';
import { markBusy } from '../ui/feedback';
import type { AppStatus } from '../bindings/AppStatus';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { backupSection } from './BackupSection';
import { consentTextsSection } from './ConsentTextsSection';
import { demoSection } from './DemoSection';
import { anonymisationSection, auditLogSection } from './GdprSection';
import { organisationSection } from './OrganisationSection';
import { passwordSection } from './PasswordSection';
import { securitySection } from './SecuritySection';
import { languageSwitch } from '../ui/languageSwitch';

function settingsList(status: AppStatus): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('settings.dataDir')),
    h('dd', { 'data-setting': 'data-dir' }, status.data_dir),
    h('dt', null, t('settings.worker')),
    h('dd', { 'data-setting': 'worker' }, status.worker
      ? (status.worker_role ? `${status.worker} (${status.worker_role})` : status.worker)
      : t('common.notGiven')),
    h('dt', null, t('settings.version')),
    h('dd', { 'data-setting': 'version' }, status.version),
  );
}

/** "Klucz odzyskiwania": a new key printed (the sheet first), which replaces the old one. */
function recoverySection(ctx: AppContext): HTMLElement {
  const result = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'recovery-replace' });
  const button = h('button', { type: 'button', class: 'button', 'data-action': 'recovery-replace' }, t('recoveryInfo.replace'));
  button.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: t('recoveryInfo.confirmTitle'), text: t('recoveryInfo.confirmText'), confirmLabel: t('recoveryInfo.replace') });
    if (!sure) return;
    const done = markBusy(button, t('recoveryInfo.replacing'));
    result.textContent = '';
    try {
      const printed = await api.recoveryKeyReplace();
      result.textContent = t('recoveryInfo.replaced', { file: printed.file });
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  });
  return h(
    'section',
    { class: 'settings-section', 'data-section': 'recovery-key', 'aria-labelledby': 'settings-recovery' },
    h('h2', { id: 'settings-recovery' }, t('recoveryInfo.heading')),
    h('p', null, t('recoveryInfo.text')),
    h('p', null, t('recoveryInfo.print')),
    h('div', { class: 'actions' }, button, result),
  );
}

export function settingsView(ctx: AppContext): View {
  const facts = h('div', null, settingsList(ctx.status));
  const el = h(
    'section',
    { class: 'view', 'data-view': 'settings' },
    h('h1', { tabindex: -1 }, t('nav.settings')),
    facts,
    languageSwitch((status) => ctx.languageChanged(status, { view: 'settings' }), (e) => ctx.showError(e)),
    demoSection(ctx),
    securitySection(ctx),
    organisationSection(ctx),
    consentTextsSection(ctx),
    passwordSection(ctx),
    backupSection(ctx),
    auditLogSection(ctx),
    anonymisationSection(ctx),
    recoverySection(ctx),
  );
  // Refresh from the app, in case anything changed since unlocking.
  api.appStatus().then(
    (status) => {
      if (el.isConnected) replace(facts, settingsList(status));
    },
    (e) => ctx.showError(e),
  );
  return { el };
}
