// Batch printing progress: Rust sends "kartoteka://print-progress" with {done, total} after each
// document; this listens for it and shows a <progress> bar with "12 z 350" and the percentage.

import type { PrintProgress } from '../bindings/PrintProgress';
import { h } from '../dom';
import { t } from '../i18n';
import { listenTo } from '../ui/events';
import { progressState } from './documentModel';

export const PRINT_PROGRESS_EVENT = 'kartoteka://print-progress';

/** Calls `onProgress` for every progress event; resolves with the function that stops it. */
export function listenPrintProgress(onProgress: (p: PrintProgress) => void): Promise<() => void> {
  return listenTo<PrintProgress>(PRINT_PROGRESS_EVENT, onProgress);
}

export interface ProgressBar {
  el: HTMLElement;
  update(p: PrintProgress): void;
}

/** `<progress data-batch-progress>` with "12 z 350" and "3%" beside it. */
export function progressBar(): ProgressBar {
  const bar = h('progress', { max: 1, value: 0, 'data-batch-progress': '', 'aria-label': t('documents.batchProgressLabel') });
  const text = h('span', { class: 'progress-text', 'data-batch-progress-text': '' });
  const percent = h('span', { class: 'progress-percent', 'data-batch-percent': '' });
  const el = h('div', { class: 'progress progress-large', role: 'status' }, bar, text, percent);
  return {
    el,
    update(p: PrintProgress) {
      const state = progressState(p);
      bar.max = Math.max(1, p.total);
      bar.value = Math.min(Math.max(0, p.done), bar.max);
      bar.setAttribute('aria-valuetext', state.text);
      text.textContent = state.text;
      percent.textContent = t('documents.batchPercent', { percent: state.percent });
    },
  };
}
