// Shows the recovery key exactly once after the store is created, with a clear warning to write
// it down or print it. The key is kept only in this element and dropped when the user goes on.

import { h } from '../dom';
import { t } from '../i18n';
import type { View } from '../shell/context';

export function recoveryKeyScreen(recoveryKey: string, onDone: () => void): View {
  const heading = h('h1', { tabindex: -1 }, t('recovery.heading'));
  const el = h(
    'main',
    { class: 'center-screen', 'data-view': 'recovery-key' },
    h(
      'div',
      { class: 'card' },
      heading,
      h('div', { class: 'warning', role: 'note' }, h('p', null, h('strong', null, t('recovery.warning'))), h('p', null, t('recovery.why'))),
      h('p', { class: 'label', id: 'recovery-key-label' }, t('recovery.label')),
      h('output', { class: 'recovery-key', 'data-recovery-key': '', 'aria-labelledby': 'recovery-key-label' }, recoveryKey),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button primary', 'data-action': 'recovery-done', onclick: onDone }, t('recovery.confirm')),
      ),
    ),
  );
  return { el, focus: () => heading.focus() };
}
