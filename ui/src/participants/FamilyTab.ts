// The "Rodzina" tab: related people with Polish relation labels (open, remove), the warning for
// a minor with nobody who may sign, and adding a relation (search a person, pick the kind).

import { api, toApiError } from '../api';
import type { Family } from '../bindings/Family';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import type { RelationKind } from '../bindings/RelationKind';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors } from '../ui/fields';
import { codeLabel } from './DataTab';
import { personPicker } from './personPicker';

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
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'relation-save' }, t('family.save'));
    const picker = personPicker({
      ctx,
      id: 'relation',
      placeholder: t('family.searchPlaceholder'),
      exclude: (s) => s.id === p.id,
      onPick: () => {
        showFieldErrors(form, []);
        form.querySelector<HTMLSelectElement>('select[name="kind"]')?.focus();
      },
    });
    const { input: query, results, chosenNote } = picker;

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
      const chosen = picker.chosen();
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
