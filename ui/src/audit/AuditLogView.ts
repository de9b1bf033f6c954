// "Dziennik zdarzeń" (reached from Ustawienia, or from a participant's Historia tab with that
// person chosen): recent audit events in Polish — when, who, from where, which record, what, which
// fields (never values) — narrowed to one person (search) or one record (its id), and the
// hash-chain check with a clear result.

import { api } from '../api';
import type { AuditEvent } from '../bindings/AuditEvent';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import type { Verification } from '../bindings/Verification';
import { h, replace } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { fieldId } from '../ui/fields';
import { withTableRoles } from '../ui/table';
import { actionLabel, entityLabel, fieldLabel, sourceLabel } from './auditLabels';

/** Events fetched at first, and how many more "Pokaż starsze zdarzenia" adds. */
export const PAGE = 100;
const SEARCH_DELAY_MS = 250;

export type AuditFilter =
  | { kind: 'all' }
  | { kind: 'person'; id: string; name: string }
  | { kind: 'record'; id: string };

/** The record id the store is asked about (a person is a record too), or null for everything. */
export function filterRecord(filter: AuditFilter): string | null {
  return filter.kind === 'all' ? null : filter.id;
}

export function filterText(filter: AuditFilter): string {
  switch (filter.kind) {
    case 'all':
      return t('audit.showing.all');
    case 'person':
      return t('audit.showing.person', { name: filter.name });
    case 'record':
      return t('audit.showing.record', { id: filter.id });
  }
}

/** The result of the chain check in words: ok, or where it breaks. */
export function verificationText(v: Verification): string {
  return v.first_broken === null
    ? t('audit.verifyOk', { n: Number(v.events) })
    : t('audit.verifyBroken', { seq: Number(v.first_broken) });
}

function eventTable(events: AuditEvent[], onRecord: (id: string) => void): HTMLElement {
  return withTableRoles(h(
    'table',
    { class: 'data-table audit-log', 'aria-label': t('audit.tableLabel') },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('audit.col.seq')),
      h('th', { scope: 'col' }, t('audit.col.at')),
      h('th', { scope: 'col' }, t('audit.col.actor')),
      h('th', { scope: 'col' }, t('audit.col.source')),
      h('th', { scope: 'col' }, t('audit.col.entity')),
      h('th', { scope: 'col' }, t('audit.col.record')),
      h('th', { scope: 'col' }, t('audit.col.action')),
      h('th', { scope: 'col' }, t('audit.col.fields')))),
    h('tbody', null, events.map((e) =>
      h('tr', {
        'data-audit-seq': String(e.seq),
        'data-audit-entity': e.entity,
        'data-audit-action': e.action,
        'data-audit-record': e.entity_id,
      },
      h('td', { class: 'mono' }, String(e.seq)),
      h('td', null, formatDateTime(e.at)),
      h('td', null, e.actor),
      h('td', null, sourceLabel(e.source)),
      h('td', null, entityLabel(e.entity)),
      h('td', { class: 'record-id' }, h('button', {
        type: 'button',
        class: 'link mono',
        'data-action': 'audit-filter-by',
        'aria-label': t('audit.filterBy', { id: e.entity_id }),
        title: t('audit.filterBy', { id: e.entity_id }),
        onclick: () => onRecord(e.entity_id),
      }, e.entity_id)),
      h('td', null, actionLabel(e.action)),
      h('td', { class: 'fields' }, fieldsCell(e.fields))))),
  ));
}

/** Names of the changed fields; a long list (a new record) shows its first few and folds the rest. */
export const FIELDS_SHOWN = 5;

function fieldsCell(fields: string[]): Array<HTMLElement | string> {
  const labels = fields.map(fieldLabel);
  if (labels.length <= FIELDS_SHOWN + 1) return [labels.join(', ')];
  return [h('details', { class: 'audit-fields' },
    h('summary', null, t('audit.fieldsAll', { first: labels.slice(0, FIELDS_SHOWN).join(', '), n: labels.length })),
    labels.slice(FIELDS_SHOWN).join(', '))];
}

export function AuditLogView(ctx: AppContext, participantId: string | null): View {
  let filter: AuditFilter = participantId ? { kind: 'record', id: participantId } : { kind: 'all' };
  let limit = PAGE;
  let loads = 0;

  // Chain check.
  const verifyResult = h('p', { class: 'verify-result', role: 'status', 'data-audit-verify': '' });
  const verify = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'audit-verify',
    onclick: () => void runVerify(),
  }, t('audit.verify'));

  async function runVerify() {
    if (verify.disabled) return;
    verifyResult.textContent = '';
    verifyResult.className = 'verify-result';
    verifyResult.setAttribute('data-audit-verify', '');
    const done = markBusy(verify, t('audit.verifying'));
    try {
      const v = await api.auditVerify();
      const ok = v.first_broken === null;
      verifyResult.textContent = verificationText(v);
      verifyResult.className = `verify-result ${ok ? 'ok' : 'broken'}`;
      verifyResult.setAttribute('data-audit-verify', ok ? 'ok' : 'broken');
      if (!ok) verifyResult.dataset.brokenAt = String(v.first_broken);
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  // Filter: a person (search, then pick) or a record id.
  const personId = fieldId('person_query', 'audit');
  const personInput = h('input', {
    id: personId,
    name: 'person_query',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${personId}-hint`,
    'aria-controls': `${personId}-results`,
  });
  const personResults = h('ul', {
    class: 'plain person-results',
    id: `${personId}-results`,
    'aria-label': t('audit.personResults'),
    'aria-live': 'polite',
    'data-person-results': '',
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searches = 0;

  async function searchPeople() {
    clearTimeout(searchTimer);
    const query = personInput.value.trim();
    const mine = ++searches;
    if (query === '') return replace(personResults);
    try {
      const found = await api.participantSearch(query, 8, true);
      if (mine !== searches) return;
      replace(personResults, found.length === 0
        ? h('li', { class: 'empty-note', 'data-person-none': '' }, t('audit.personNone'))
        : found.map(personOption));
    } catch (e) {
      ctx.showError(e);
    }
  }

  function personOption(p: ParticipantSummary): HTMLElement {
    const name = `${p.first_name} ${p.last_name}`;
    return h('li', null, h('button', {
      type: 'button',
      class: 'link',
      'data-person-option': p.id,
      onclick: () => {
        personInput.value = '';
        replace(personResults);
        setFilter({ kind: 'person', id: p.id, name });
      },
    }, `${name} (${formatDate(p.birth_date)})`));
  }

  personInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void searchPeople(), SEARCH_DELAY_MS);
  });
  personInput.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void searchPeople();
    } else if (e.key === 'ArrowDown') {
      const first = personResults.querySelector<HTMLButtonElement>('button');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });

  const recordId = fieldId('record_id', 'audit');
  const recordInput = h('input', {
    id: recordId,
    name: 'record_id',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${recordId}-hint ${recordId}-error`,
  });
  const recordError = h('p', { class: 'field-error', id: `${recordId}-error`, 'data-error-for': 'record_id', role: 'alert', hidden: true });
  const recordForm = h(
    'form',
    {
      class: 'audit-record',
      'data-form': 'audit-record',
      novalidate: true,
      onsubmit: (e: SubmitEvent) => {
        e.preventDefault();
        const id = recordInput.value.trim();
        recordError.hidden = id !== '';
        recordError.textContent = id === '' ? t('audit.recordRequired') : '';
        if (id === '') {
          recordInput.setAttribute('aria-invalid', 'true');
          recordInput.focus();
          return;
        }
        recordInput.removeAttribute('aria-invalid');
        setFilter({ kind: 'record', id });
      },
    },
    h('div', { class: 'field' },
      h('label', { for: recordId }, t('audit.record')),
      h('div', { class: 'inline-controls' },
        recordInput,
        h('button', { type: 'submit', class: 'button', 'data-action': 'audit-filter-record' }, t('audit.recordShow'))),
      h('p', { class: 'hint', id: `${recordId}-hint` }, t('audit.recordHint')),
      recordError),
  );

  const showing = h('p', { class: 'audit-showing', role: 'status' });
  const clear = h('button', {
    type: 'button',
    class: 'button quiet',
    'data-action': 'audit-filter-clear',
    onclick: () => setFilter({ kind: 'all' }),
  }, t('audit.clear'));

  // The events.
  const list = h('div', { 'data-audit-list': '' }, loadingNote());
  const more = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'audit-more',
    hidden: true,
    onclick: () => {
      limit += PAGE;
      void load();
    },
  }, t('audit.more'));

  function setFilter(next: AuditFilter) {
    filter = next;
    limit = PAGE;
    recordError.hidden = true;
    if (next.kind === 'record') recordInput.value = next.id;
    else recordInput.value = '';
    void load();
  }

  function showFilter() {
    showing.textContent = filterText(filter);
    showing.dataset.auditFilter = filter.kind;
    if (filter.kind === 'all') delete showing.dataset.auditFilterId;
    else showing.dataset.auditFilterId = filter.id;
    clear.hidden = filter.kind === 'all';
  }

  async function load() {
    const mine = ++loads;
    showFilter();
    try {
      const events = await api.auditList(filterRecord(filter), limit);
      if (mine !== loads || !el.isConnected) return;
      replace(list, events.length === 0
        ? h('p', { class: 'empty-note', 'data-audit-empty': '' }, t('audit.none'))
        : eventTable(events, (id) => setFilter({ kind: 'record', id })));
      more.hidden = events.length < limit;
    } catch (e) {
      if (mine !== loads) return;
      replace(list);
      more.hidden = true;
      ctx.showError(e);
    }
  }

  const heading = h('h1', { tabindex: -1 }, t('audit.heading'));
  const el = h(
    'section',
    { class: 'view audit-view', 'data-view': 'audit' },
    h('button', { type: 'button', class: 'link back', 'data-action': 'back', onclick: () => ctx.navigate({ view: 'settings' }) }, t('audit.back')),
    heading,
    h('p', { class: 'lead' }, t('audit.intro')),
    h('div', { class: 'actions verify-actions' }, verify),
    verifyResult,
    h(
      'section',
      { class: 'inline-form audit-filter', 'aria-labelledby': 'audit-filter-heading', 'data-form': 'audit-filter' },
      h('h2', { id: 'audit-filter-heading' }, t('audit.filterHeading')),
      h('div', { class: 'grid two' },
        h('div', { class: 'field', 'data-field': 'person_query' },
          h('label', { for: personId }, t('audit.person')),
          personInput,
          h('p', { class: 'hint', id: `${personId}-hint` }, t('audit.personHint')),
          personResults),
        recordForm),
    ),
    h('div', { class: 'actions audit-showing-row' }, showing, clear),
    list,
    h('div', { class: 'actions' }, more),
  );

  // Coming from a person's page: show their name instead of the bare id.
  if (participantId) {
    api.participantGet(participantId).then(
      (p) => {
        const name = `${p.first_name} ${p.last_name}`.trim();
        if (name && filter.kind === 'record' && filter.id === participantId) {
          filter = { kind: 'person', id: participantId, name };
          recordInput.value = '';
          showFilter();
        }
      },
      () => undefined,
    );
  }
  void load();

  return {
    el,
    focus: () => heading.focus(),
    dispose: () => clearTimeout(searchTimer),
  };
}
