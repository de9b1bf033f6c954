// "Treści zgód i oświadczeń" on the settings page: the texts grouped by template (title, kind,
// which projects, every version with its date), "Nowa treść" and "Nowa wersja" (pre-filled with
// the latest text). A new version never changes consents already given: they keep their version.

import { api, toApiError } from '../api';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import type { ConsentTextInput } from '../bindings/ConsentTextInput';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { consentKindLabel } from '../participants/consentModel';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { focusFirstInvalid, readValues, selectField, showFieldErrors, textareaField, textField } from '../ui/fields';

const KINDS = ['data-statement', 'authority-clause', 'image-consent', 'other'] as const;

export interface TextGroup {
  templateId: string;
  projectId: string | null;
  /** Newest version first. */
  versions: ConsentTemplateVersion[];
}

/** Versions (possibly repeated across lists) → one group per template, newest version first. */
export function groupTexts(versions: ConsentTemplateVersion[]): TextGroup[] {
  const byTemplate = new Map<string, Map<string, ConsentTemplateVersion>>();
  for (const v of versions) {
    const group = byTemplate.get(v.template_id) ?? new Map<string, ConsentTemplateVersion>();
    group.set(v.id, v);
    byTemplate.set(v.template_id, group);
  }
  return [...byTemplate.entries()].map(([templateId, group]) => {
    const sorted = [...group.values()].sort((a, b) => b.version - a.version);
    return { templateId, projectId: sorted[0].project_id, versions: sorted };
  });
}

export function consentTextsSection(ctx: AppContext): HTMLElement {
  let projects: Project[] = [];
  const list = h('div', { 'data-consent-texts': '' }, loadingNote());
  const newSlot = h('div', { class: 'form-slot' });
  const status = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'consent-texts' });
  const newButton = h('button', { type: 'button', class: 'button', 'data-action': 'consent-text-new', onclick: () => open(newSlot, null) }, t('texts.new'));
  const slots: HTMLElement[] = [newSlot];

  const projectName = (id: string | null) =>
    id ? t('texts.projectOf', { name: projects.find((p) => p.id === id)?.name ?? id }) : t('texts.forOrganisation');

  function open(slot: HTMLElement, group: TextGroup | null): void {
    for (const s of slots) replace(s);
    status.textContent = '';
    replace(slot, textForm(group, () => replace(slot)));
    slot.querySelector<HTMLElement>('select, input')?.focus();
  }

  function textForm(group: TextGroup | null, close: () => void): HTMLFormElement {
    const latest = group?.versions[0];
    const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'consent-text-save' }, t('texts.save'));
    const form = h(
      'form',
      { class: 'inline-form', novalidate: true, 'data-form': group ? 'consent-text-version' : 'consent-text-new' },
      h('h3', null, latest ? t('texts.versionHeading', { title: latest.title }) : t('texts.newHeading')),
      h('div', { class: 'grid' },
        group ? null : selectField({
          name: 'project_id', idPrefix: 'text', label: t('texts.project'), empty: t('texts.allProjects'),
          choices: projects.map((p) => ({ value: p.id, label: p.name })),
        }),
        group ? null : selectField({
          name: 'kind', idPrefix: 'text', label: t('texts.kind'), empty: t('common.choose'),
          choices: KINDS.map((k) => ({ value: k, label: consentKindLabel(k) })),
        }),
        textField({ name: 'title', idPrefix: 'text', label: t('texts.title'), value: latest?.title, className: 'wide' }),
        textareaField({ name: 'text', idPrefix: 'text', label: t('texts.text'), hint: t('texts.textHint'), value: latest?.text, rows: 10, className: 'wide' })),
      h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: close }, t('common.cancel'))),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readValues(form);
      const input: ConsentTextInput = { kind: latest?.kind ?? v.kind, title: v.title, text: v.text };
      showFieldErrors(form, []);
      const done = markBusy(save, t('common.saving'));
      try {
        const made = group
          ? await api.consentTextAdd(group.projectId, group.templateId, input)
          : await api.consentTextAdd(v.project_id || null, null, input);
        close();
        await load();
        status.textContent = t('texts.saved', { version: made.version, title: made.title });
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

  function render(groups: TextGroup[]): HTMLElement {
    slots.length = 1;
    if (groups.length === 0) return h('p', { class: 'empty-note', 'data-consent-texts-empty': '' }, t('texts.none'));
    return h('ul', { class: 'plain text-groups', 'aria-label': t('texts.listLabel') }, groups.map((g) => {
      const latest = g.versions[0];
      const slot = h('div', { class: 'form-slot' });
      slots.push(slot);
      return h('li', { class: 'text-group', 'data-template-id': g.templateId, 'data-kind': latest.kind },
        h('h3', null, latest.title),
        h('p', { class: 'hint' }, `${consentKindLabel(latest.kind)} · ${projectName(g.projectId)}`),
        h('ul', { class: 'versions' }, g.versions.map((v) =>
          h('li', { 'data-version-id': v.id }, t('texts.versionItem', { version: v.version, date: formatDateTime(v.created_at) })))),
        h('button', { type: 'button', class: 'button small', 'data-action': 'consent-text-version', onclick: () => open(slot, g) }, t('texts.newVersion')),
        slot);
    }));
  }

  async function load(): Promise<void> {
    try {
      projects = await api.projectList();
      const lists = await Promise.all([null, ...projects.map((p) => p.id)].map((id) => api.consentTexts(id)));
      replace(list, render(groupTexts(lists.flat())));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  void load();
  return h(
    'section',
    { class: 'settings-section', 'data-section': 'consent-texts', 'aria-labelledby': 'settings-consent-texts' },
    h('h2', { id: 'settings-consent-texts' }, t('texts.heading')),
    h('p', null, t('texts.intro')),
    list,
    h('div', { class: 'actions' }, newButton, status),
    newSlot,
  );
}
