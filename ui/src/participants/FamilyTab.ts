// The "Rodzina" tab: related people with Polish relation labels (open, remove), the warning for
// a minor with nobody who may sign, and adding a relation (search a person, pick the kind).

import { api, toApiError } from '../api';
import type { Family } from '../bindings/Family';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import type { RelationKind } from '../bindings/RelationKind';
import { debounce, h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors } from '../ui/fields';
import { codeLabel } from './DataTab';

export function familyTab(ctx: AppContext, p: Participant, options: FormOptions): HTMLElement {
  const fullName = `${p.first_name} ${p.last_name}`;
  const list = h('div', { 'data-family-list': '' }, loadingNote());
  const formBox = h('div', { hidden: true });
  const addButton = h('button', { type: 'button', class: 'button', 'data-action': 'add-relation', 'aria-expanded': 'false', onclick: () => toggleForm() }, t('family.add'));

  async function load(): Promise<void> {
    try {
      const family = await api.participantFamily(p.id);
      if (list.isConnected) replace(list, renderFamily(family));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  function renderFamily(family: Family): Node[] {
    const nodes: Node[] = [];
    if (family.needs_guardian) {
      nodes.push(h('p', { class: 'warning', role: 'note', 'data-warning': 'needs-guardian' }, t('family.needsGuardian')));
    }
    if (family.related.length === 0) {
      nodes.push(h('p', { class: 'empty-note' }, t('family.none')));
      return nodes;
    }
    nodes.push(
      h('ul', { class: 'related-list', 'aria-label': t('family.listLabel') },
        family.related.map((r) =>
          h(
            'li',
            { 'data-relation-id': r.relation_id, 'data-person-id': r.person_id },
            h('button', { type: 'button', class: 'link', onclick: () => ctx.navigate({ view: 'participant', id: r.person_id }) }, r.name),
            h('span', { class: 'kind' }, codeLabel(options.relation_kinds, r.kind) ?? r.kind),
            r.can_sign ? h('span', { class: 'tag ok' }, t('family.canSign')) : null,
            h('button', { type: 'button', class: 'button small', 'data-action': 'remove-relation', 'aria-label': t('family.removeNamed', { name: r.name }), onclick: () => void remove(r.relation_id, r.name) }, t('family.remove')),
          ),
        )),
    );
    return nodes;
  }

  async function remove(relationId: string, name: string): Promise<void> {
    const ok = await confirmDialog({ title: t('family.removeTitle'), text: t('family.removeText', { name }), confirmLabel: t('family.remove') });
    if (!ok) return;
    try {
      await api.relationRemove(relationId);
      await load();
    } catch (e) {
      ctx.showError(e);
    }
  }

  function toggleForm(open = formBox.hidden): void {
    formBox.hidden = !open;
    addButton.setAttribute('aria-expanded', String(open));
    if (open) {
      replace(formBox, relationForm());
      formBox.querySelector<HTMLInputElement>('input')?.focus();
    } else {
      replace(formBox);
      addButton.focus();
    }
  }

  function relationForm(): HTMLElement {
    let chosen: ParticipantSummary | null = null;
    let seq = 0;
    const query = h('input', { id: 'relation-search', name: 'relation_search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: t('family.searchPlaceholder'), 'aria-controls': 'relation-results' });
    const results = h('ul', { class: 'pick-list', id: 'relation-results', 'data-relation-results': '' });
    const chosenNote = h('p', { class: 'chosen', 'aria-live': 'polite' });
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'relation-save' }, t('family.save'));
    const describe = (s: ParticipantSummary) =>
      [`${s.first_name} ${s.last_name}`, formatDate(s.birth_date), s.town ?? ''].filter(Boolean).join(', ');

    const find = debounce(async () => {
      const mine = ++seq;
      const text = query.value.trim();
      if (!text) return replace(results);
      try {
        const found = (await api.participantSearch(text, 10, false)).filter((s) => s.id !== p.id);
        if (mine !== seq) return;
        if (found.length === 0) return replace(results, h('li', { class: 'empty-note' }, t('family.noResults')));
        highlighted = -1;
        query.removeAttribute('aria-activedescendant');
        replace(results, found.map((s) =>
          h('li', null, h('button', {
            type: 'button',
            class: 'button pick',
            id: `relation-pick-${s.id}`,
            'data-pick-id': s.id,
            'aria-label': t('family.pick', { name: describe(s) }),
            onclick: () => {
              chosen = s;
              chosenNote.textContent = t('family.chosen', { name: describe(s) });
              showFieldErrors(form, []);
              form.querySelector<HTMLSelectElement>('select[name="kind"]')?.focus();
            },
          }, describe(s)))));
      } catch (e) {
        ctx.showError(e);
      }
    }, 120);
    query.addEventListener('input', () => find());
    // Arrows move through the people found (announced through aria-activedescendant while
    // focus stays in the box); Enter picks the highlighted one.
    let highlighted = -1;
    const picks = () => Array.from(results.querySelectorAll<HTMLButtonElement>('button[data-pick-id]'));
    function highlight(index: number): void {
      highlighted = index;
      picks().forEach((b, i) => b.classList.toggle('is-selected', i === index));
      const current = picks()[index];
      if (current) {
        query.setAttribute('aria-activedescendant', current.id);
        current.scrollIntoView?.({ block: 'nearest' });
      } else query.removeAttribute('aria-activedescendant');
    }
    query.addEventListener('keydown', (e) => {
      const count = picks().length;
      if (e.key === 'ArrowDown' && count) {
        e.preventDefault();
        highlight(Math.min(highlighted + 1, count - 1));
      } else if (e.key === 'ArrowUp' && count) {
        e.preventDefault();
        highlight(Math.max(highlighted - 1, -1));
      } else if (e.key === 'Enter') {
        e.preventDefault(); // Enter here searches or picks, it does not submit.
        picks()[highlighted]?.click();
      }
    });

    const form = h(
      'form',
      { class: 'inline-form', novalidate: true },
      h('h2', null, t('family.addHeading')),
      h('div', { class: 'field', 'data-field': 'related_id' },
        h('label', { for: 'relation-search' }, t('family.searchLabel')), query, results, chosenNote,
        h('p', { class: 'field-error', 'data-error-for': 'related_id', role: 'alert', hidden: true })),
      selectField({
        name: 'kind',
        idPrefix: 'relation',
        label: t('family.kindLabel', { name: fullName }),
        empty: t('common.choose'),
        choices: options.relation_kinds.map((k) => ({ value: k.code, label: k.label })),
      }),
      h('div', { class: 'actions' }, save,
        h('button', { type: 'button', class: 'button', onclick: () => toggleForm(false) }, t('common.cancel'))),
    );

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const kind = readValues(form).kind ?? '';
      const missing = [
        ...(chosen ? [] : [{ field: 'related_id', message: t('family.pickFirst') }]),
        ...(kind ? [] : [{ field: 'kind', message: t('family.kindRequired') }]),
      ];
      if (missing.length || !chosen) {
        showFieldErrors(form, missing);
        if (!chosen) query.focus();
        else focusFirstInvalid(form);
        return;
      }
      const done = markBusy(save, t('common.saving'));
      try {
        await api.relationAdd(p.id, chosen.id, kind as RelationKind);
        toggleForm(false);
        await load();
      } catch (err) {
        const error = toApiError(err);
        const unplaced = showFieldErrors(form, error.fields);
        if (error.fields.length === 0 || unplaced.length) ctx.showError(error);
        focusFirstInvalid(form);
      } finally {
        if (save.isConnected) done();
      }
    });
    return form;
  }

  void load();
  return h('div', { class: 'family-tab' }, list, h('div', { class: 'actions' }, addButton), formBox);
}
