// The table of printed documents (a person's, or everyone's with their names): date, document,
// the consent text version it used, who printed it, size, and "Otwórz ponownie", which renders
// the recorded document again byte for byte and opens it.

import { api } from '../api';
import type { DocumentRecord } from '../bindings/DocumentRecord';
import { h, replace } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { showInFolderButton } from './savedFile';
import { formatSize } from '../settings/settingsModel';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { withTableRoles } from '../ui/table';
import { documentKindLabel } from './documentModel';

/** Consent text version id → "v2" (title in a tooltip), for the projects the documents name. */
async function versionLabels(records: DocumentRecord[]): Promise<Map<string, { label: string; title: string }>> {
  const labels = new Map<string, { label: string; title: string }>();
  if (!records.some((r) => r.template_version_id)) return labels;
  const projects = new Set<string | null>([null]);
  for (const r of records) if (r.template_version_id) projects.add(r.project_id);
  const lists = await Promise.all([...projects].map((p) => api.consentTexts(p).catch(() => [])));
  for (const v of lists.flat()) labels.set(v.id, { label: t('consent.version', { version: v.version }), title: v.title });
  return labels;
}

export interface DocumentHistory {
  el: HTMLElement;
  reload(): Promise<void>;
}

/** `participantId` null: every document, with a column for the person. */
export function documentHistory(ctx: AppContext, participantId: string | null): DocumentHistory {
  const withPerson = participantId === null;
  const list = h('div', { 'data-document-list': '' }, loadingNote());
  const status = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'document-open' });

  async function reopen(button: HTMLButtonElement, id: string): Promise<void> {
    status.replaceChildren();
    const done = markBusy(button, t('documents.opening'));
    try {
      const path = await api.documentOpen(id);
      status.replaceChildren(t('documents.reopened', { path }), ' ', showInFolderButton(ctx, path));
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  function table(records: DocumentRecord[], versions: Map<string, { label: string; title: string }>): HTMLElement {
    if (records.length === 0) return h('p', { class: 'empty-note', 'data-documents-empty': '' }, t('documents.none'));
    return withTableRoles(h(
      'table',
      { class: `data-table documents${withPerson ? ' with-person' : ''}`, 'aria-label': t('documents.tableLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('documents.col.date')),
        withPerson ? h('th', { scope: 'col' }, t('documents.col.person')) : null,
        h('th', { scope: 'col' }, t('documents.col.document')),
        h('th', { scope: 'col' }, t('documents.col.version')),
        h('th', { scope: 'col' }, t('documents.col.by')),
        h('th', { scope: 'col' }, t('documents.col.size')),
        h('th', { scope: 'col' }, t('documents.col.actions')))),
      h('tbody', null, records.map((r) => {
        const version = r.template_version_id ? versions.get(r.template_version_id) : undefined;
        const open: HTMLButtonElement = h('button', {
          type: 'button',
          class: 'button small',
          'data-action': 'document-open',
          'aria-label': t('documents.reopenOf', { document: documentKindLabel(r.kind), date: formatDateTime(r.generated_at) }),
          onclick: () => void reopen(open, r.id),
        }, t('documents.reopen'));
        return h('tr', { 'data-document-id': r.id, 'data-document-kind': r.kind },
          h('td', { class: 'nowrap' }, formatDateTime(r.generated_at)),
          withPerson ? h('td', null, r.participant_name ?? t('documents.blankPerson')) : null,
          h('td', null, documentKindLabel(r.kind)),
          h('td', { title: version?.title }, r.template_version_id ? version?.label ?? t('documents.versionUnknown') : ''),
          h('td', null, r.generated_by),
          h('td', { class: 'nowrap' }, formatSize(r.bytes)),
          h('td', null, open));
      })),
    ));
  }

  async function reload(): Promise<void> {
    try {
      const records = await api.documentList(participantId);
      const versions = await versionLabels(records);
      replace(list, table(records, versions));
    } catch (e) {
      replace(list);
      ctx.showError(e);
    }
  }

  void reload();
  return { el: h('div', { class: 'document-history' }, status, list), reload };
}
