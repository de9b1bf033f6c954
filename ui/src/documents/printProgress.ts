// Batch printing progress: Rust sends "kartoteka://print-progress" with {done, total} after each
// document; this listens for it and shows a <progress> bar with "12 z 350" and the percentage.

import { listen } from '@tauri-apps/api/event';
import type { PrintProgress } from '../bindings/PrintProgress';
import { h } from '../dom';
import { t } from '../i18n';
import { progressState } from './documentModel';

export const PRINT_PROGRESS_EVENT = 'kartoteka://print-progress';

/**
 * Calls `onProgress` for every progress event. Resolves (once listening) with the function that
 * stops it; outside the Tauri window there are no events and it resolves with a no-op.
 */
export async function listenPrintProgress(onProgress: (p: PrintProgress) => void): Promise<() => void> {
  let stopped = false;
  try {
    const unlisten = await listen<PrintProgress>(PRINT_PROGRESS_EVENT, (event) => {
      if (!stopped) onProgress(event.payload);
    });
    return () => {
      stopped = true;
      unlisten();
    };
  } catch {
    return () => undefined;
  }
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
