// The participant list: search as you type (debounced, stale answers ignored), the paged list
// when the query is empty, keyboard selection from the search box (↓/↑, Enter) and Alt+N / Ctrl+N
// for a new participant.

import { api } from '../api';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import { debounce, h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { withTableRoles } from '../ui/table';

export const PAGE_SIZE = 50;
const SEARCH_LIMIT = 100;
const DEBOUNCE_MS = 120;

/** Alt+N or Ctrl+N, but not AltGr+N (which types "ń" on a Polish keyboard). */
export function isNewShortcut(e: KeyboardEvent): boolean {
  const altGr = e.getModifierState?.('AltGraph') || (e.ctrlKey && e.altKey);
  if (altGr || e.shiftKey || e.metaKey) return false;
  return (e.ctrlKey || e.altKey) && (e.code === 'KeyN' || e.key.toLowerCase() === 'n');
}

export function ParticipantList(ctx: AppContext): View {
  const memory = ctx.listMemory;
  const openNew = () => ctx.navigate({ view: 'participant-new' });

  const search = h('input', {
    id: 'participant-search',
    name: 'query',
    type: 'search',
    value: memory.query,
    placeholder: t('participants.searchPlaceholder'),
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'participant-search-hint',
    'aria-controls': 'participant-rows',
  });
  const archived = h('input', { id: 'participant-archived', name: 'include_archived', type: 'checkbox', checked: memory.includeArchived });
  const info = h('p', { class: 'list-info', role: 'status', 'data-list-info': '' });
  const tbody = h('tbody', { id: 'participant-rows' });
  const prev = h('button', { type: 'button', class: 'button', 'data-action': 'prev-page', onclick: () => turn(-1) }, t('participants.prev'));
  const next = h('button', { type: 'button', class: 'button', 'data-action': 'next-page', onclick: () => turn(1) }, t('participants.next'));
  const pager = h('div', { class: 'pager', hidden: true }, prev, next);

  let rows: ParticipantSummary[] = [];
  let selected = -1;
  let seq = 0;
  let done = 0;
  let openWhenReady = false;

  const open = (id: string) => ctx.navigate({ view: 'participant', id });

  function select(index: number): void {
    selected = index;
    tbody.querySelectorAll<HTMLTableRowElement>('tr[data-participant-id]').forEach((tr, i) => {
      const on = i === index;
      tr.classList.toggle('is-selected', on);
      if (on) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
      if (on) tr.scrollIntoView?.({ block: 'nearest' });
    });
    // Screen readers follow the highlighted row while focus stays in the search box.
    const current = tbody.querySelectorAll<HTMLTableRowElement>('tr[data-participant-id]')[index];
    if (current) search.setAttribute('aria-activedescendant', current.id);
    else search.removeAttribute('aria-activedescendant');
  }

  function openSelected(): void {
    const row = rows[selected >= 0 ? selected : 0];
    if (row) open(row.id);
  }

  function row(p: ParticipantSummary): HTMLTableRowElement {
    const isArchived = p.status === 'archived';
    return withTableRoles(h(
      'tr',
      { id: `participant-row-${p.id}`, 'data-participant-id': p.id, class: isArchived ? 'is-archived' : '', onclick: () => open(p.id) },
      h('td', null, p.last_name, isArchived ? h('span', { class: 'tag' }, t('participants.archivedTag')) : null),
      h('td', null, p.first_name),
      h('td', { class: 'mono' }, p.pesel ?? ''),
      h('td', null, formatDate(p.birth_date)),
      h('td', null, p.town ?? ''),
    ));
  }

  // Rows are keyed by id and reused while their data is unchanged, so a row a person (or a
  // WebDriver test) is about to click stays the same element when a newer answer arrives.
  let rowCache = new Map<string, { data: string; tr: HTMLTableRowElement }>();

  function render(list: ParticipantSummary[], emptyText: string): void {
    rows = list;
    if (list.length === 0) {
      rowCache = new Map();
      replace(tbody, withTableRoles(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, emptyText))));
      return select(-1);
    }
    const next = new Map<string, { data: string; tr: HTMLTableRowElement }>();
    const trs = list.map((p) => {
      const data = JSON.stringify(p);
      const cached = rowCache.get(p.id);
      const tr = cached && cached.data === data && !next.has(p.id) ? cached.tr : row(p);
      next.set(p.id, { data, tr });
      return tr;
    });
    rowCache = next;
    const current = Array.from(tbody.children);
    if (current.length !== trs.length || current.some((el, i) => el !== trs[i])) tbody.replaceChildren(...trs);
    select(-1);
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    const query = search.value.trim();
    memory.query = search.value;
    const slow = setTimeout(() => {
      if (mine === seq) info.textContent = t('common.loading');
    }, 200);
    try {
      if (query) {
        const found = await api.participantSearch(query, SEARCH_LIMIT, memory.includeArchived);
        if (mine !== seq || !el.isConnected) return;
        render(found, t('participants.noResults', { query }));
        info.textContent = found.length ? t('participants.found', { count: found.length }) : '';
        pager.hidden = true;
      } else {
        const page = await api.participantPage(memory.offset, PAGE_SIZE, memory.includeArchived);
        if (mine !== seq || !el.isConnected) return;
        if (page.rows.length === 0 && memory.offset > 0) {
          memory.offset = 0; // The list shrank (e.g. archived people hidden): start over.
          return void load();
        }
        render(page.rows, t('participants.empty'));
        info.textContent = page.total
          ? t('participants.total', { total: page.total, from: memory.offset + 1, to: memory.offset + page.rows.length })
          : t('participants.totalEmpty');
        pager.hidden = page.total <= PAGE_SIZE;
        prev.disabled = memory.offset === 0;
        next.disabled = memory.offset + page.rows.length >= page.total;
      }
      done = mine;
      if (openWhenReady) {
        openWhenReady = false;
        openSelected();
      }
    } catch (e) {
      if (mine === seq) {
        openWhenReady = false;
        ctx.showError(e);
      }
    } finally {
      clearTimeout(slow);
    }
  }

  let pendingTyping = false;
  const searchSoon = debounce(() => {
    pendingTyping = false;
    void load();
  }, DEBOUNCE_MS);

  function turn(direction: 1 | -1): void {
    memory.offset = Math.max(0, memory.offset + direction * PAGE_SIZE);
    void load();
  }

  search.addEventListener('input', () => {
    memory.offset = 0;
    pendingTyping = true;
    searchSoon();
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (rows.length) select(Math.min(selected + 1, rows.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (rows.length) select(Math.max(selected - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Typed faster than the search ran: open once the answer for this text arrives.
      if (pendingTyping || done !== seq) {
        openWhenReady = true;
        if (pendingTyping) {
          searchSoon.cancel();
          pendingTyping = false;
          void load();
        }
      } else openSelected();
    } else if (e.key === 'Escape' && search.value) {
      e.preventDefault();
      search.value = '';
      memory.offset = 0;
      searchSoon.cancel();
      pendingTyping = false;
      void load();
    }
  });
  archived.addEventListener('change', () => {
    memory.includeArchived = archived.checked;
    memory.offset = 0;
    void load();
  });

  const onKey = (e: KeyboardEvent) => {
    if (isNewShortcut(e)) {
      e.preventDefault();
      openNew();
    }
  };
  document.addEventListener('keydown', onKey);

  const el = h(
    'section',
    { class: 'view', 'data-view': 'participants' },
    h(
      'div',
      { class: 'view-header' },
      h('h1', { tabindex: -1 }, t('nav.participants')),
      h('button', {
        type: 'button',
        class: 'button primary',
        'data-action': 'new-participant',
        'aria-keyshortcuts': 'Alt+N Control+N',
        title: t('participants.newShortcut'),
        onclick: openNew,
      }, t('participants.new')),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'search-box' }, h('label', { for: 'participant-search', class: 'visually-hidden' }, t('participants.searchLabel')), search),
      h('div', { class: 'field checkbox inline' }, archived, h('label', { for: 'participant-archived' }, t('participants.showArchived'))),
    ),
    h('p', { class: 'hint', id: 'participant-search-hint' }, t('participants.keyboardHint')),
    info,
    withTableRoles(h(
      'table',
      { class: 'data-table clickable participants', 'aria-label': t('participants.tableLabel') },
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, t('col.last_name')), h('th', { scope: 'col' }, t('col.first_name')),
          h('th', { scope: 'col' }, t('col.pesel')), h('th', { scope: 'col' }, t('col.birth_date')), h('th', { scope: 'col' }, t('col.town'))),
      ),
      tbody,
    )),
    pager,
  );

  queueMicrotask(() => void load());
  return {
    el,
    // Back on the list, the last search is selected: typing replaces it, arrows go on with it.
    focus: () => {
      search.focus();
      search.select();
    },
    dispose: () => {
      document.removeEventListener('keydown', onKey);
      searchSoon.cancel();
    },
  };
}
