// The print panel of a participant's page ("Drukuj"): tick the documents, pick the project when
// the person has several enrolments (the latest by default), and print each ticked one — Rust
// saves the PDF in Documents/Kartoteka (the project's subfolder, a Polish name with initials)
// and sends it to print, or only saves it ("Zapisz jako PDF"); each saved file with "Pokaż w
// folderze", or the error, appears below. The project's (and the organisation's) other consents
// — texts of kind "other" — are offered too, each by its title, in their newest version.

import { api, toApiError } from '../api';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import type { Enrolment } from '../bindings/Enrolment';
import type { Family } from '../bindings/Family';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { documentKindLabel, latestEnrolment, PERSON_KINDS } from '../documents/documentModel';
import { savedFileParts } from '../documents/savedFile';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';
import { loadingNote, markBusy } from '../ui/feedback';
import { selectField } from '../ui/fields';

/** The projects a person is enrolled in, latest enrolment first (one entry per project). */
function projectChoices(enrolments: Enrolment[]): Array<{ value: string; label: string }> {
  const sorted = [...enrolments].sort((a, b) => (a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : 0));
  const seen = new Set<string>();
  return sorted.filter((e) => !seen.has(e.project_id) && seen.add(e.project_id))
    .map((e) => ({ value: e.project_id, label: `${e.project_name} (${formatDate(e.start_date)})` }));
}

export function printPanel(ctx: AppContext, p: Participant, onPrinted: () => void): HTMLElement {
  const el = h('div', { class: 'inline-form print-panel', 'data-print-panel': '' }, loadingNote());
  void (async () => {
    try {
      const [family, enrolments] = await Promise.all([api.participantFamily(p.id), api.participantEnrolments(p.id)]);
      const project = latestEnrolment(enrolments)?.project_id ?? null;
      const others = otherConsents(await api.consentTexts(project));
      if (el.isConnected) replace(el, ...content(ctx, p, family, enrolments, others, onPrinted));
    } catch (e) {
      replace(el);
      ctx.showError(e);
    }
  })();
  return el;
}

/** The newest version of each text of kind "other" (the list comes newest first per text). */
export function otherConsents(texts: ConsentTemplateVersion[]): ConsentTemplateVersion[] {
  const seen = new Set<string>();
  return texts.filter((v) => v.kind === 'other' && !seen.has(v.template_id) && seen.add(v.template_id));
}

/** A ticked box's value: a kind, or "consent:<version id>" for another consent. */
const CONSENT_PREFIX = 'consent:';

function content(ctx: AppContext, p: Participant, family: Family, enrolments: Enrolment[], others: ConsentTemplateVersion[], onPrinted: () => void): Node[] {
  const labels = new Map<string, string>(others.map((v) => [`${CONSENT_PREFIX}${v.id}`, v.title]));
  const boxes = [...PERSON_KINDS, ...labels.keys()].map((kind) =>
    h('input', { type: 'checkbox', name: 'kind', value: kind, id: `print-kind-${kind}` }));
  const labelOf = (kind: string) => labels.get(kind) ?? documentKindLabel(kind);
  const kindError = h('p', { class: 'field-error', 'data-error-for': 'kind', role: 'alert', hidden: true });
  const choices = projectChoices(enrolments);
  const projectField = choices.length > 1
    ? selectField({ name: 'project_id', idPrefix: 'print', label: t('print.project'), choices, value: latestEnrolment(enrolments)?.project_id })
    : null;
  const results = h('ul', { class: 'plain print-results', 'aria-label': t('print.resultsLabel'), 'aria-live': 'polite', 'data-print-results': '' });
  const printButton = h('button', { type: 'button', class: 'button primary', 'data-action': 'print-selected', onclick: () => void printSelected(printButton, true) }, t('print.selected'));
  const saveButton = h('button', { type: 'button', class: 'button', 'data-action': 'save-selected', onclick: () => void printSelected(saveButton, false) }, t('print.saveSelected'));

  function projectId(): string | null {
    const select = projectField?.querySelector('select');
    if (select) return select.value || null;
    return choices[0]?.value ?? null;
  }

  /** Saves each ticked document; `toPrinter`: and sends it to print ("Drukuj"). */
  async function printSelected(button: HTMLButtonElement, toPrinter: boolean): Promise<void> {
    const kinds = boxes.filter((b) => b.checked).map((b) => b.value);
    kindError.textContent = kinds.length ? '' : t('print.noneTicked');
    kindError.hidden = kinds.length > 0;
    if (!kinds.length) return boxes[0].focus();
    replace(results);
    const done = markBusy(button, t('print.printing'));
    let printed = 0;
    try {
      for (const kind of kinds) {
        try {
          const file = kind.startsWith(CONSENT_PREFIX)
            ? await api.printDocument('consent', p.id, projectId(), toPrinter, kind.slice(CONSENT_PREFIX.length))
            : await api.printDocument(kind, p.id, projectId(), toPrinter);
          printed++;
          results.append(h('li', { class: 'ok', 'data-printed-file': file.file, 'data-kind': kind },
            savedFileParts(ctx, { file: file.file, openError: file.open_error, printed: toPrinter })));
        } catch (e) {
          const error = toApiError(e);
          if (error.code === 'locked' || error.code === 'not_initialized') return ctx.showError(error);
          const message = error.fields.length ? error.fields.map((f) => f.message).join(' ') : error.message;
          results.append(h('li', { class: 'field-error', role: 'alert', 'data-print-error': kind },
            t('print.failed', { document: labelOf(kind), message })));
        }
      }
    } finally {
      if (button.isConnected) done();
      if (printed > 0) onPrinted();
    }
  }

  return [
    h('h2', null, t('print.heading')),
    family.needs_guardian ? h('p', { class: 'warning', role: 'note', 'data-warning': 'needs-guardian' }, t('family.needsGuardian')) : null,
    h('fieldset', { class: 'kind-list', 'data-field': 'kind' },
      h('legend', null, t('print.kindsLabel')),
      boxes.map((box) => h('div', { class: 'field checkbox inline' }, box, h('label', { for: box.id }, labelOf(box.value)))),
      kindError),
    projectField,
    choices.length === 0 ? h('p', { class: 'notice', 'data-print-no-project': '' }, t('print.noProject')) : null,
    h('div', { class: 'actions' }, printButton, saveButton),
    results,
  ].filter((n): n is HTMLElement => n !== null);
}
