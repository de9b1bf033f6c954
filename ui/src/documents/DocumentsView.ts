// The "Dokumenty" view: blank forms to fill in by hand in the field, one document for every
// participant of a project (with progress and "Przerwij"), and the history of everything printed.

import { api } from '../api';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { selectField } from '../ui/fields';
import { batchPrintSection } from './BatchPrint';
import { documentHistory } from './DocumentHistory';
import { BLANK_KINDS, documentKindLabel } from './documentModel';
import { savedFileParts } from './savedFile';

function blankSection(ctx: AppContext, projects: Project[], onPrinted: () => void): HTMLElement {
  const saved = h('p', { class: 'form-status', role: 'status', 'data-form-status': 'print-blank' });
  const project = selectField({
    name: 'blank_project_id',
    idPrefix: 'blank',
    label: t('documents.blankProject'),
    empty: t('documents.noProjectOption'),
    choices: projects.map((p) => ({ value: p.id, label: p.name })),
  });
  const projectSelect = project.querySelector('select') as HTMLSelectElement;

  async function print(button: HTMLButtonElement, kind: string): Promise<void> {
    saved.replaceChildren();
    delete saved.dataset.printedFile;
    const done = markBusy(button, t('print.printing'));
    try {
      const file = await api.printDocument(kind, null, projectSelect.value || null, true);
      saved.dataset.printedFile = file.file;
      saved.replaceChildren(...savedFileParts(ctx, { file: file.file, openError: file.open_error, printed: true }));
      onPrinted();
    } catch (e) {
      ctx.showError(e);
    } finally {
      done();
    }
  }

  const buttons = BLANK_KINDS.map((kind) => {
    const button: HTMLButtonElement = h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'print-blank',
      'data-kind': kind,
      onclick: () => void print(button, kind),
    }, documentKindLabel(kind));
    return button;
  });

  return h(
    'section',
    { class: 'settings-section', 'data-section': 'print-blank', 'aria-labelledby': 'documents-blank' },
    h('h2', { id: 'documents-blank' }, t('documents.blankHeading')),
    h('p', null, t('documents.blankIntro')),
    projects.length ? h('div', { class: 'grid two' }, project) : null,
    h('div', { class: 'actions' }, buttons),
    saved,
  );
}

export function DocumentsView(ctx: AppContext): View {
  const history = documentHistory(ctx, null);
  const printing = h('div', null, loadingNote());
  const refresh = () => void history.reload();
  const el = h(
    'section',
    { class: 'view', 'data-view': 'documents' },
    h('h1', { tabindex: -1 }, t('nav.documents')),
    h('p', { class: 'lead' }, t('documents.lead')),
    printing,
    h('section', { class: 'settings-section', 'data-section': 'document-history', 'aria-labelledby': 'documents-history' },
      h('h2', { id: 'documents-history' }, t('documents.historyHeading')),
      history.el),
  );

  api.projectList().then(
    (projects) => replace(printing, blankSection(ctx, projects, refresh), batchPrintSection(ctx, projects, refresh)),
    (e) => {
      replace(printing, blankSection(ctx, [], refresh));
      ctx.showError(e);
    },
  );
  return { el };
}
