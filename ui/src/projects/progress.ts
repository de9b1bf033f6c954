// Progress towards a project's participant target: text ("12 z 350 uczestników") and a bar.

import type { Project } from '../bindings/Project';
import { h } from '../dom';
import { t } from '../i18n';

export function progressText(p: Project): string {
  return p.participant_target
    ? t('projects.progress', { enrolled: p.enrolled, target: p.participant_target })
    : t('projects.progressNoTarget', { enrolled: p.enrolled });
}

export function progressBlock(p: Project): HTMLElement {
  const text = progressText(p);
  return h(
    'div',
    { class: 'progress', 'data-progress': '' },
    h('span', { class: 'progress-text' }, text),
    p.participant_target
      ? h('progress', { max: p.participant_target, value: Math.min(p.enrolled, p.participant_target), 'aria-label': text })
      : null,
  );
}
