// One piece of a view's work at a time: while it runs, its button says so and every other
// button that starts work (and the selects such work reads) is disabled.

import { markBusy } from './feedback';

/** The view's work, one piece at a time. */
export interface OneAtATime {
  /** A button that starts work (or a select it reads): disabled while other work runs. Returns it. */
  starter<B extends HTMLButtonElement | HTMLSelectElement>(button: B): B;
  /**
   * Runs `work` with `button` busy and the other starters disabled; does nothing (resolves with
   * undefined) while other work runs.
   */
  run<T>(button: HTMLButtonElement, busyLabel: string, work: () => Promise<T>): Promise<T | undefined>;
}

export function oneAtATime(): OneAtATime {
  const starters: Array<HTMLButtonElement | HTMLSelectElement> = [];
  let busy = false;
  return {
    starter(button) {
      starters.push(button);
      return button;
    },
    async run(button, busyLabel, work) {
      if (busy) return undefined;
      busy = true;
      const others = starters.filter((b) => b !== button && !b.disabled);
      for (const b of others) b.disabled = true;
      const done = markBusy(button, busyLabel);
      try {
        return await work();
      } finally {
        busy = false;
        done();
        for (const b of others) b.disabled = false;
      }
    },
  };
}
