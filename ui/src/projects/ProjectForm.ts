// The project form, new ("Nowy projekt") or changing one ("Edytuj projekt"): name, agreement
// number, programme, period, participant target, target groups (one per line) and document
// retention date; field errors from ApiError.fields (a period that no longer holds the
// enrolments is refused under its date).

import { api, toApiError } from '../api';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, Route, View } from '../shell/context';
import { markBusy } from '../ui/feedback';
import { dateField, focusFirstInvalid, readValues, showFieldErrors, textareaField, textField } from '../ui/fields';
import { fillProject, toProjectInput } from './projectModel';

export function ProjectForm(ctx: AppContext, id: string | null = null): View {
  const back: Route = id ? { view: 'project', id } : { view: 'projects' };
  const summary = h('div', { class: 'form-summary', role: 'alert', tabindex: -1, hidden: true, 'data-form-summary': '' });
  const save = h('button', { type: 'submit', class: 'button primary', 'data-action': 'save' }, t('common.save'));
  const form = h(
    'form',
    { class: 'project-form', novalidate: true, autocomplete: 'off' },
    summary,
    h('p', { class: 'hint' }, t('common.requiredNote')),
    h('fieldset', { class: 'form-section' },
      h('div', { class: 'grid' },
        textField({ name: 'name', label: t('pfield.name'), className: 'wide', required: true }),
        textField({ name: 'agreement_number', label: t('pfield.agreement_number') }),
        textField({ name: 'programme', label: t('pfield.programme') }),
        dateField({ name: 'start_date', label: t('pfield.start_date'), required: true }),
        dateField({ name: 'end_date', label: t('pfield.end_date'), required: true }),
        textField({ name: 'participant_target', label: t('pfield.participant_target'), inputmode: 'numeric' }),
        dateField({ name: 'retention_until', label: t('pfield.retention_until') }),
        textareaField({ name: 'target_groups', label: t('pfield.target_groups'), hint: t('pfield.target_groupsHint'), rows: 4, className: 'wide' }))),
    h('fieldset', { class: 'form-section', 'data-group': 'paperwork' },
      h('legend', null, t('pfield.paperworkSection')),
      h('div', { class: 'grid' },
        textareaField({ name: 'eligibility_criteria', label: t('pfield.eligibility_criteria'), hint: t('pfield.eligibility_criteriaHint'), rows: 4, className: 'wide' }),
        textareaField({ name: 'attachments', label: t('pfield.attachments'), hint: t('pfield.attachmentsHint'), rows: 3, className: 'wide' }))),
    h('fieldset', { class: 'form-section', 'data-group': 'programme' },
      h('legend', null, t('pfield.programmeSection')),
      h('div', { class: 'grid' },
        textField({ name: 'priority', label: t('pfield.priority') }),
        textField({ name: 'measure', label: t('pfield.measure') }),
        textField({ name: 'call_number', label: t('pfield.call_number') }))),
    h('fieldset', { class: 'form-section', 'data-group': 'value' },
      h('legend', null, t('pfield.valueSection')),
      h('p', { class: 'hint' }, t('pfield.valueHint')),
      h('div', { class: 'grid' },
        textField({ name: 'eu_funds', label: t('pfield.eu_funds'), inputmode: 'numeric' }),
        textField({ name: 'state_budget', label: t('pfield.state_budget'), inputmode: 'numeric' }),
        textField({ name: 'own_contribution', label: t('pfield.own_contribution'), inputmode: 'numeric' }))),
    h('div', { class: 'form-actions' }, save,
      h('button', { type: 'button', class: 'button', 'data-action': 'cancel', onclick: () => ctx.navigate(back) }, t('common.cancel'))),
  );
  let saving = false;

  function showErrors(errors: Array<{ field: string; message: string }>): void {
    const unplaced = showFieldErrors(form, errors);
    replace(summary, h('p', null, h('strong', null, t('error.summary'))),
      unplaced.length ? h('ul', null, unplaced.map((e) => h('li', null, e.message))) : null);
    summary.hidden = false;
    if (!focusFirstInvalid(form)) summary.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    ctx.clearError();
    const { input, errors } = toProjectInput(readValues(form));
    if (errors.length) return showErrors(errors);
    saving = true;
    const done = markBusy(save, t('common.saving'));
    try {
      const saved = id ? (await api.projectUpdate(id, input)).id : await api.projectAdd(input);
      ctx.navigate({ view: 'project', id: saved });
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'invalid_input' && error.fields.length) showErrors(error.fields);
      else ctx.showError(error);
    } finally {
      saving = false;
      if (form.isConnected) done();
    }
  });

  const el = h(
    'section',
    { class: 'view', 'data-view': 'project-form' },
    h('button', { type: 'button', class: 'link back', 'data-action': 'back', onclick: () => ctx.navigate(back) }, t('projects.back')),
    h('h1', { tabindex: -1 }, id ? t('projects.editTitle') : t('projects.formTitle')),
    form,
  );
  if (id) {
    // Nothing can be typed before the stored project is in the fields (it would be replaced).
    const sections = [...form.querySelectorAll('fieldset')];
    const ready = (on: boolean) => {
      save.disabled = !on;
      for (const f of sections) f.disabled = !on;
    };
    ready(false);
    api.projectGet(id).then((detail) => {
      fillProject(form, detail.project);
      ready(true);
      form.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
    }, (e) => ctx.showError(e));
  }
  return { el, focus: () => form.querySelector<HTMLInputElement>('input[name="name"]')?.focus() };
}
