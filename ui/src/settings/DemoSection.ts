// "Dane demonstracyjne" in Ustawienia, shown while the first run's demo data is here: what
// removing it takes with it, and the one button that removes it (after a confirmation). The
// banner on every view goes with it.

import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { markBusy } from '../ui/feedback';

export function demoSection(ctx: AppContext): HTMLElement {
  const result = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'demo' });
  const remove = h('button', { type: 'button', class: 'button danger', 'data-action': 'demo-remove' }, t('demo.remove'));
  const section = h(
    'section',
    { class: 'settings-section', 'data-section': 'demo', 'aria-labelledby': 'settings-demo', hidden: !ctx.status.demo },
    h('h2', { id: 'settings-demo' }, t('demo.heading')),
    h('p', null, t('demo.text')),
    h('div', { class: 'actions' }, remove, result),
  );
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: t('demo.confirmTitle'), text: t('demo.confirmText'), confirmLabel: t('demo.remove') });
    if (!sure) return;
    const done = markBusy(remove, t('demo.removing'));
    try {
      const removed = await api.demoRemove();
      result.textContent = t('demo.removed', { participants: removed.participants, projects: removed.projects, rows: removed.rows });
      remove.hidden = true;
      ctx.statusChanged(await api.appStatus());
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  });
  return section;
}
