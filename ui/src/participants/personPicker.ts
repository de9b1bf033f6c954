// Finding a person in the registry inside another form (a family tie, adding someone to a
// project): a search box, the people found as buttons, arrows moving through them (announced
// through aria-activedescendant while focus stays in the box) and Enter or a click picking one.

import { api } from '../api';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import { debounce, h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';

export interface PersonPicker {
  /** The search box (label it with `id`). */
  input: HTMLInputElement;
  /** The list of people found. */
  results: HTMLElement;
  /** Says who was picked (aria-live). */
  chosenNote: HTMLElement;
  chosen(): ParticipantSummary | null;
}

/** "Anna Nowak, 02.01.1980, Łódź". */
export function describePerson(s: ParticipantSummary): string {
  return [`${s.first_name} ${s.last_name}`, formatDate(s.birth_date), s.town ?? ''].filter(Boolean).join(', ');
}

export function personPicker(o: {
  ctx: AppContext;
  /** Prefix of the elements' ids ("relation" → #relation-search, #relation-results). */
  id: string;
  placeholder: string;
  /** People not to offer (e.g. the person whose family it is). */
  exclude?: (s: ParticipantSummary) => boolean;
  onPick(s: ParticipantSummary): void;
}): PersonPicker {
  let chosen: ParticipantSummary | null = null;
  let seq = 0;
  let highlighted = -1;
  const input = h('input', { id: `${o.id}-search`, name: `${o.id}_search`, type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: o.placeholder, 'aria-controls': `${o.id}-results` });
  const results = h('ul', { class: 'pick-list', id: `${o.id}-results`, 'data-pick-results': o.id });
  const chosenNote = h('p', { class: 'chosen', 'aria-live': 'polite' });
  const picks = () => Array.from(results.querySelectorAll<HTMLButtonElement>('button[data-pick-id]'));

  function highlight(index: number): void {
    highlighted = index;
    picks().forEach((b, i) => b.classList.toggle('is-selected', i === index));
    const current = picks()[index];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  const find = debounce(async () => {
    const mine = ++seq;
    const text = input.value.trim();
    if (!text) return replace(results);
    try {
      const found = (await api.participantSearch(text, 10, false)).filter((s) => !o.exclude?.(s));
      if (mine !== seq) return;
      highlight(-1);
      if (found.length === 0) return replace(results, h('li', { class: 'empty-note' }, t('family.noResults')));
      replace(results, found.map((s) =>
        h('li', null, h('button', {
          type: 'button',
          class: 'button pick',
          id: `${o.id}-pick-${s.id}`,
          'data-pick-id': s.id,
          'aria-label': t('family.pick', { name: describePerson(s) }),
          onclick: () => {
            chosen = s;
            chosenNote.textContent = t('family.chosen', { name: describePerson(s) });
            o.onPick(s);
          },
        }, describePerson(s)))));
    } catch (e) {
      o.ctx.showError(e);
    }
  }, 120);
  input.addEventListener('input', () => find());
  input.addEventListener('keydown', (e) => {
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
  return { input, results, chosenNote, chosen: () => chosen };
}
