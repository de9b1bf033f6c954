// The "Nowe zgłoszenie" form of a round: who applies (a person found in the registry, or a new
// one with the participant form's identity fields and the same duplicate checks), when the
// form was handed in, which criteria are met and the documents attached.

import { api, toApiError } from '../api';
import type { ApiError } from '../bindings/ApiError';
import type { Candidate } from '../bindings/Candidate';
import type { CandidateInput } from '../bindings/CandidateInput';
import type { ParticipantInput } from '../bindings/ParticipantInput';
import type { Recruitment } from '../bindings/Recruitment';
import { debounce, h, replace } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import { duplicatePanel } from '../participants/DuplicatePanel';
import { sexChoices } from '../participants/ParticipantFormFields';
import type { AppContext } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { checkboxField, dateField, readValues, selectField, showFieldErrors, textareaField, textField } from '../ui/fields';
import { placeFormError } from '../ui/submit';
import { toApplication } from './recruitmentModel';

const PERSON_KEYS = ['first_name', 'last_name', 'pesel', 'birth_date', 'sex'] as const;

export interface CandidateHooks {
  ctx: AppContext;
  onAdded(candidate: Candidate): void;
  onCancel(): void;
}

function today(): { date: string; time: string } {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${two(now.getDate())}.${two(now.getMonth() + 1)}.${now.getFullYear()}`,
    time: `${two(now.getHours())}:${two(now.getMinutes())}`,
  };
}

export function candidateForm(round: Recruitment, hooks: CandidateHooks): HTMLFormElement {
  let picked: { id: string; name: string } | null = null;
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'candidate-save' }, t('candidate.save'));
  const duplicateBox = h('div', { class: 'field-slot' });

  // Who applies: a search of the registry, or a new person's identity fields.
  const pickedNote = h('p', { class: 'picked', 'data-picked': '', role: 'status' });
  const results = h('ul', { class: 'search-results', 'data-candidate-results': '' });
  const search = textField({ name: 'search', idPrefix: 'cand', label: t('candidate.search'), type: 'search', className: 'wide' });
  const searchInput = search.querySelector('input') as HTMLInputElement;
  searchInput.removeAttribute('name');
  function pick(id: string, name: string): void {
    picked = { id, name };
    pickedNote.textContent = t('candidate.picked', { name });
    replace(results);
  }
  const runSearch = debounce(async (text: string) => {
    if (text.trim().length < 2) return replace(results);
    try {
      const found = await api.participantSearch(text, 8, false);
      replace(results, found.length === 0
        ? h('li', { class: 'empty-note' }, t('candidate.searchEmpty'))
        : found.map((p) => {
            const name = `${p.first_name} ${p.last_name}`;
            return h('li', null, h('button', {
              type: 'button',
              class: 'button quiet',
              'data-pick': p.id,
              onclick: () => pick(p.id, name),
            }, t('candidate.pick', { name: `${name}, ur. ${formatDate(p.birth_date)}` })));
          }));
    } catch (e) {
      hooks.ctx.showError(e);
    }
  }, 250);
  searchInput.addEventListener('input', () => runSearch(searchInput.value));
  const existingBox = h('div', { class: 'grid' }, search, h('div', { class: 'wide' }, results, pickedNote));
  const newBox = h('div', { class: 'grid', hidden: true },
    textField({ name: 'participant.first_name', idPrefix: 'cand', label: t('field.first_name') }),
    textField({ name: 'participant.last_name', idPrefix: 'cand', label: t('field.last_name') }),
    textField({ name: 'participant.pesel', idPrefix: 'cand', label: t('field.pesel'), inputmode: 'numeric', maxlength: 11 }),
    dateField({ name: 'participant.birth_date', idPrefix: 'cand', label: t('field.birth_date') }),
    selectField({ name: 'participant.sex', idPrefix: 'cand', label: t('field.sex'), empty: t('common.choose'), choices: sexChoices() }));
  const mode = (value: 'existing' | 'new', label: string, checked: boolean) =>
    h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'who', value, checked, 'data-who': value, onchange: () => {
        existingBox.hidden = value !== 'existing';
        newBox.hidden = value !== 'new';
      } }),
      label);
  const isNew = () => (form.querySelector<HTMLInputElement>('input[data-who="new"]')?.checked ?? false);

  const now = today();
  const codes = round.criteria.map((c) => c.code);
  const form = h(
    'form',
    { class: 'inline-form candidate-form', novalidate: true, 'data-form': 'candidate' },
    h('h2', null, t('candidate.heading')),
    h('fieldset', { class: 'form-section' },
      h('legend', null, t('candidate.who')),
      h('div', { class: 'radio-row', 'data-field': 'participant_id' },
        mode('existing', t('candidate.existing'), true),
        mode('new', t('candidate.newPerson'), false),
        h('p', { class: 'field-error', 'data-error-for': 'participant_id', role: 'alert', hidden: true })),
      existingBox,
      newBox),
    h('fieldset', { class: 'form-section' },
      h('legend', null, t('candidate.application')),
      h('div', { class: 'grid' },
        dateField({ name: 'submitted_on', idPrefix: 'cand', label: t('candidate.submittedOn'), value: now.date }),
        textField({ name: 'submitted_time', idPrefix: 'cand', label: t('candidate.submittedTime'), value: now.time, maxlength: 5, inputmode: 'numeric' }),
        h('p', { class: 'field-error wide', 'data-error-for': 'submitted_at', role: 'alert', hidden: true })),
      round.criteria.length
        ? h('fieldset', { class: 'criteria-met' },
            h('legend', null, t('candidate.criteriaMet')),
            round.criteria.map((c) => checkboxField({
              name: `criterion.${c.code}`,
              idPrefix: 'cand',
              label: c.required
                ? t('recruitment.criterionRequired', { label: c.label })
                : t('recruitment.criterionPoints', { label: c.label, points: c.points }),
            })))
        : null,
      textareaField({ name: 'attachments', idPrefix: 'cand', label: t('candidate.attachments'), rows: 3 })),
    duplicateBox,
    h('div', { class: 'actions' }, save, h('button', { type: 'button', class: 'button', onclick: hooks.onCancel }, t('common.cancel'))),
  );

  function input(): CandidateInput | null {
    const values = readValues(form);
    const application = toApplication(values, codes);
    if (!isNew()) {
      if (!picked) {
        showFieldErrors(form, [{ field: 'participant_id', message: t('candidate.pickRequired') }]);
        searchInput.focus();
        return null;
      }
      return { ...application, participant_id: picked.id };
    }
    const person: ParticipantInput = {};
    for (const key of PERSON_KEYS) {
      const v = values[`participant.${key}`];
      if (v !== undefined && v.trim() !== '') person[key] = v;
    }
    return { ...application, participant: person };
  }

  async function send(confirmDuplicate: boolean): Promise<void> {
    const body = input();
    if (!body) return;
    replace(duplicateBox);
    const done = markBusy(save, t('common.saving'));
    try {
      hooks.onAdded(await api.candidateAdd(round.id, body, confirmDuplicate));
    } catch (e) {
      const err: ApiError = toApiError(e);
      if (err.code === 'likely_duplicate' || err.code === 'duplicate') {
        replace(duplicateBox, duplicatePanel(err, {
          // The existing record is the applicant: pick it instead of opening another view.
          open: (id) => {
            const record = err.existing.find((r) => r.id === id);
            (form.querySelector('input[data-who="existing"]') as HTMLInputElement).click();
            pick(id, record?.name ?? id);
            replace(duplicateBox);
          },
          saveAnyway: err.code === 'likely_duplicate' ? () => void send(true) : undefined,
        }));
        duplicateBox.querySelector<HTMLElement>('h2')?.focus();
        return;
      }
      placeFormError(hooks.ctx, form, err);
    } finally {
      if (save.isConnected) done();
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    hooks.ctx.clearError();
    void send(false);
  });
  return form;
}
