// "Konflikty": the same field changed on two computers before they exchanged bundles. Each card
// names the record (a participant by name) and the field in Polish, shows both values as text
// (the one now in the registry marked), and resolves with "Zostaw moje" / "Weź ich"; resolved
// ones on request. The list is read again whenever the number of open conflicts changes.

import { api, toApiError } from '../api';
import type { SyncConflict } from '../bindings/SyncConflict';
import type { SyncOverview } from '../bindings/SyncOverview';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { fieldLabel, sortConflicts, tableLabel, valueText } from './syncModel';
import { errorLine, showError, syncSection } from './syncParts';
import { type OneAtATime } from '../ui/work';

export interface ConflictList {
  /** `section[data-section=sync-conflicts]`. */
  el: HTMLElement;
  /** Reads the conflicts (open ones, and resolved ones when asked) and shows them. */
  load(): Promise<void>;
  /** A new state: the list is read again when the number of open conflicts changed. */
  follow(o: SyncOverview): void;
  /** The view was left: late answers are not shown. */
  dispose(): void;
}

export interface ConflictHooks {
  /** Reads the state again (after a resolution). */
  refresh(): Promise<void>;
}

export function conflictList(ctx: AppContext, work: OneAtATime, hooks: ConflictHooks): ConflictList {
  const problem = errorLine('conflicts');
  const list = h('div', { class: 'conflict-list', 'data-conflict-list': '' }, loadingNote());
  const showResolved = h('input', { type: 'checkbox', id: 'sync-show-resolved', name: 'show_resolved', onchange: () => void load() });
  /** Participants' names by record id ('' when they could not be read). */
  const names = new Map<string, string>();
  /** Open conflicts in the last state seen; null before the first. */
  let open: number | null = null;
  let disposed = false;

  async function recordName(c: SyncConflict): Promise<string | null> {
    if (c.table !== 'participants') return null;
    if (!names.has(c.record_id)) {
      try {
        const p = await api.participantGet(c.record_id);
        names.set(c.record_id, `${p.first_name} ${p.last_name}`.trim());
      } catch {
        names.set(c.record_id, '');
      }
    }
    return names.get(c.record_id) || null;
  }

  function card(c: SyncConflict, name: string | null): HTMLElement {
    const isOpen = c.resolved_at === null;
    const value = (side: 'mine' | 'theirs', label: string, v: unknown) => h(
      'div',
      { class: `conflict-value${c.winner === side ? ' current' : ''}`, 'data-conflict-value': side },
      h('p', { class: 'conflict-side' }, label, c.winner === side ? h('span', { class: 'badge' }, t('sync.conflict.current')) : null),
      h('p', { class: 'conflict-text' }, valueText(v)),
    );
    const resolve = (keepMine: boolean, button: HTMLButtonElement) => void work.run(button, t('common.saving'), async () => {
      showError(problem, null);
      try {
        await api.syncResolve(c.id, keepMine);
        await load();
        await hooks.refresh();
        list.querySelector<HTMLButtonElement>('[data-conflict-status=open] button')?.focus();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'locked') ctx.showError(error);
        else showError(problem, error.message);
      }
    });
    const keepMine: HTMLButtonElement = h('button', { type: 'button', class: 'button', 'data-action': 'keep-mine', onclick: () => resolve(true, keepMine) }, t('sync.conflict.keepMine'));
    const takeTheirs: HTMLButtonElement = h('button', { type: 'button', class: 'button', 'data-action': 'take-theirs', onclick: () => resolve(false, takeTheirs) }, t('sync.conflict.takeTheirs'));
    const headingId = `conflict-${c.id}`;
    return h(
      'article',
      { class: 'conflict-card', 'data-conflict-id': c.id, 'data-conflict-status': isOpen ? 'open' : 'resolved', 'aria-labelledby': headingId },
      h('h3', { id: headingId },
        name ? t('sync.conflict.titleNamed', { type: tableLabel(c.table), name, field: fieldLabel(c.table, c.field) })
          : t('sync.conflict.title', { type: tableLabel(c.table), field: fieldLabel(c.table, c.field) })),
      h('p', { class: 'meta' }, t('sync.conflict.detected', { when: formatDateTime(c.detected_at) })),
      h('div', { class: 'conflict-values' },
        value('mine', t('sync.conflict.mine'), c.mine),
        value('theirs', t('sync.conflict.theirs'), c.theirs)),
      isOpen
        ? h('div', { class: 'actions' }, keepMine, takeTheirs)
        : h('p', { class: 'meta', 'data-conflict-resolution': c.resolution ?? '' },
          t(c.resolution === 'mine' ? 'sync.conflict.resolvedMine' : 'sync.conflict.resolvedTheirs', { when: formatDateTime(c.resolved_at) })),
    );
  }

  async function load(): Promise<void> {
    try {
      const conflicts = sortConflicts(await api.syncConflicts(showResolved.checked));
      if (disposed) return;
      if (conflicts.length === 0) {
        replace(list, h('p', { class: 'empty-note', 'data-conflicts-empty': '' }, t('sync.conflict.none')));
        return;
      }
      const cards: HTMLElement[] = [];
      for (const c of conflicts) cards.push(card(c, await recordName(c)));
      if (!disposed) replace(list, cards);
    } catch (err) {
      const error = toApiError(err);
      replace(list);
      // Before the passphrase is set there is nothing to show, not an error.
      if (error.code === 'not_configured') replace(list, h('p', { class: 'empty-note', 'data-conflicts-empty': '' }, t('sync.conflict.none')));
      else if (error.code === 'locked') ctx.showError(error);
      else showError(problem, error.message);
    }
  }

  return {
    el: syncSection('sync-conflicts', t('sync.conflict.heading'),
      h('p', null, t('sync.conflict.intro')),
      h('div', { class: 'field checkbox' }, showResolved, h('label', { for: 'sync-show-resolved' }, t('sync.conflict.showResolved'))),
      problem,
      list),
    load,
    follow(o) {
      const before = open;
      open = o.status.open_conflicts;
      if (before !== null && before !== open) void load();
    },
    dispose() {
      disposed = true;
    },
  };
}
