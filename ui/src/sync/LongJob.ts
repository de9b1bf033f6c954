// The progress bar and stop button of a long job, the same for the export and the import (a
// first export of a large registry writes every record; an import may read many bundles).

import { h } from '../dom';
import { t } from '../i18n';
import { listenTo } from '../ui/events';
import { cancelControl } from '../ui/feedback';
import type { ProgressState } from './syncModel';

export interface LongJob {
  /** The bar: `[data-{kind}-busy]`, hidden except while the job runs. */
  progress: HTMLElement;
  /** "Przerwij …": `[data-action=sync-{kind}-cancel]`, hidden except while the job runs. */
  stop: HTMLButtonElement;
  /** Shows the bar at `firstStep` and follows the job's events; resolves with the function that ends it. */
  start(firstStep: string): Promise<() => void>;
}

export interface LongJobOptions<P> {
  /** The Tauri event that carries the job's progress. */
  event: string;
  state: (p: P) => ProgressState;
  /** The bar's accessible name. */
  label: string;
  /** The stop button's text, and what screen readers hear once it was pressed. */
  stop: string;
  stopping: string;
  requestStop: () => Promise<unknown>;
  /** The stop request failed. */
  onError: (error: unknown) => void;
}

/**
 * The block `[data-{kind}-busy]` (with `data-done` and `data-total` of the last event) holding
 * `progress[data-{kind}-progress]`, the step `[data-{kind}-step]` and `[data-{kind}-percent]`,
 * and the stop button, which the caller places among its actions.
 */
export function longJob<P extends { done: number; total: number }>(kind: 'export' | 'import', job: LongJobOptions<P>): LongJob {
  const stop = h('button', { type: 'button', class: 'button', 'data-action': `sync-${kind}-cancel`, hidden: true, onclick: () => void stopping.ask() }, job.stop);
  const stopping = cancelControl(stop, job.stopping, job.requestStop, job.onError);
  const bar = h('progress', { max: 100, value: 0, [`data-${kind}-progress`]: '', 'aria-label': job.label });
  const step = h('span', { class: 'progress-text', [`data-${kind}-step`]: '' });
  const percent = h('span', { class: 'progress-percent', [`data-${kind}-percent`]: '' });
  const progress = h('div', { class: 'progress progress-large', role: 'status', [`data-${kind}-busy`]: '', hidden: true }, bar, step, percent);

  function show(p: P) {
    const state = job.state(p);
    bar.value = state.percent;
    bar.setAttribute('aria-valuetext', state.text);
    step.textContent = state.text;
    percent.textContent = t('sync.progressPercent', { percent: state.percent });
    progress.dataset.done = String(p.done);
    progress.dataset.total = String(p.total);
  }

  return {
    progress,
    stop,
    async start(firstStep: string) {
      bar.value = 0;
      bar.removeAttribute('aria-valuetext');
      step.textContent = firstStep;
      percent.textContent = '';
      delete progress.dataset.done;
      delete progress.dataset.total;
      progress.hidden = false;
      stop.hidden = false;
      const unlisten = await listenTo<P>(job.event, show);
      return () => {
        unlisten();
        progress.hidden = true;
        stop.hidden = true;
        stopping.reset();
      };
    },
  };
}
