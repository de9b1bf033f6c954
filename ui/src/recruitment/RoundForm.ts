// The "Nowy nabór" form of a project: name, the days forms are accepted, places and reserve
// places, and the criteria (each required, or scored with its points), added row by row.

import { api, toApiError } from '../api';
import type { FieldError } from '../bindings/FieldError';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { checkboxField, dateField, focusFirstInvalid, readValues, showFieldErrors, textField } from '../ui/fields';
import { toRecruitmentInput, toRowField, type CriterionRow } from './recruitmentModel';

/** The criteria editor: one row per criterion, a row added with "Dodaj kryterium". */
function criteriaEditor(): { el: HTMLElement; rows(): CriterionRow[] } {
  const list = h('ol', { class: 'criteria-rows' });
  let next = 0;
  function addRow(focus: boolean): void {
    const i = next++;
    const n = list.children.length + 1;
    const required = checkboxField({ name: `criteria.${i}.required`, idPrefix: 'round', label: t('recruitment.criterion.required') });
    const points = textField({ name: `criteria.${i}.points`, idPrefix: 'round', label: t('recruitment.criterion.points', { n }), inputmode: 'numeric' });
    const box = required.querySelector('input') as HTMLInputElement;
    const sync = () => (points.hidden = box.checked);
    box.addEventListener('change', sync);
    const row = h('li', { class: 'criterion-row', 'data-criterion-row': String(i) },
      textField({ name: `criteria.${i}.label`, idPrefix: 'round', label: t('recruitment.criterion.label', { n }), className: 'wide' }),
      required,
      points,
      h('button', {
        type: 'button',
        class: 'button quiet',
        'aria-label': t('recruitment.removeCriterion', { n }),
        onclick: () => row.remove(),
      }, '✕'));
    list.appendChild(row);
    if (focus) row.querySelector('input')?.focus();
  }
  addRow(false);
  const el = h('fieldset', { class: 'form-section criteria-editor' },
    h('legend', null, t('recruitment.criteria')),
    h('p', { class: 'hint' }, t('recruitment.criteriaHint')),
    list,
    h('button', { type: 'button', class: 'button', 'data-action': 'add-criterion', onclick: () => addRow(true) }, t('recruitment.addCriterion')));
  return {
    el,
    rows() {
      const values = readValues(list);
      return Array.from(list.querySelectorAll<HTMLElement>('[data-criterion-row]')).map((row) => {
        const i = row.dataset.criterionRow;
        return {
          label: values[`criteria.${i}.label`] ?? '',
          required: values[`criteria.${i}.required`] === 'true',
          points: values[`criteria.${i}.points`] ?? '',
        };
      });
    },
  };
}

export function RoundForm(ctx: AppContext, projectId: string): View {
  const summary = h('div', { class: 'form-summary', role: 'alert', tabindex: -1, hidden: true, 'data-form-summary': '' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'save' }, t('common.save'));
  const criteria = criteriaEditor();
  const heading = h('h1', { tabindex: -1 }, t('recruitment.formTitle'));
  const back = () => ctx.navigate({ view: 'project', id: projectId });
  const form = h(
    'form',
    { class: 'round-form', novalidate: true, autocomplete: 'off' },
    summary,
    h('fieldset', { class: 'form-section' },
      h('div', { class: 'grid' },
        textField({ name: 'name', idPrefix: 'round', label: t('recruitment.field.name'), className: 'wide' }),
        dateField({ name: 'opens', idPrefix: 'round', label: t('recruitment.field.opens') }),
        dateField({ name: 'closes', idPrefix: 'round', label: t('recruitment.field.closes') }),
        textField({ name: 'places', idPrefix: 'round', label: t('recruitment.field.places'), inputmode: 'numeric' }),
        textField({ name: 'reserve_places', idPrefix: 'round', label: t('recruitment.field.reserve_places'), inputmode: 'numeric' }))),
    criteria.el,
    h('div', { class: 'form-actions' }, save,
      h('button', { type: 'button', class: 'button', 'data-action': 'cancel', onclick: back }, t('common.cancel'))),
  );

  function showErrors(errors: FieldError[]): void {
    const unplaced = showFieldErrors(form, errors);
    replace(summary, h('p', null, h('strong', null, t('error.summary'))),
      unplaced.length ? h('ul', null, unplaced.map((e) => h('li', null, e.message))) : null);
    summary.hidden = false;
    if (!focusFirstInvalid(form)) summary.focus();
  }

  let saving = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    ctx.clearError();
    const values = readValues(form);
    const { input, errors, rowOf } = toRecruitmentInput(values, criteria.rows());
    if (errors.length) return showErrors(errors);
    saving = true;
    const done = markBusy(save, t('common.saving'));
    try {
      const id = await api.recruitmentAdd(projectId, input);
      ctx.navigate({ view: 'recruitment', id });
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'invalid_input' && error.fields.length) {
        showErrors(error.fields.map((f) => ({ ...f, field: toRowField(f.field, rowOf) })));
      } else ctx.showError(error);
    } finally {
      saving = false;
      if (form.isConnected) done();
    }
  });

  const el = h('section', { class: 'view', 'data-view': 'recruitment-new' },
    h('button', { type: 'button', class: 'link back', 'data-action': 'back', onclick: back }, t('recruitment.backTo')),
    heading,
    form);
  return { el, focus: () => heading.focus() };
}
