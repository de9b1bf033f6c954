// "Dodaj osobę do projektu" on a project's page: find the person in the registry (search with
// arrows and Enter), then the enrolment form with this project chosen (start date, target
// group, status at start). The new person appears among the enrolled.

import { api } from '../api';
import type { Project } from '../bindings/Project';
import { h, replace } from '../dom';
import { t } from '../i18n';
import { enrolForm } from '../participants/EnrolmentForms';
import { personPicker } from '../participants/personPicker';
import type { AppContext } from '../shell/context';

export function addToProject(ctx: AppContext, project: Project, enrolledIds: Set<string>, onDone: () => void): HTMLElement {
  const box = h('div', { class: 'form-slot', hidden: true, 'data-add-person': '' });
  const open = h('button', { type: 'button', class: 'button primary', 'data-action': 'add-person', 'aria-expanded': 'false', onclick: () => toggle(Boolean(box.hidden)) }, t('projects.addPerson'));

  function toggle(show: boolean): void {
    box.hidden = !show;
    open.setAttribute('aria-expanded', String(show));
    if (!show) {
      replace(box);
      open.focus();
      return;
    }
    const formSlot = h('div', null);
    const picker = personPicker({
      ctx,
      id: 'project-person',
      placeholder: t('family.searchPlaceholder'),
      exclude: (s) => enrolledIds.has(s.id),
      onPick: (s) => {
        void Promise.all([api.participantGet(s.id), ctx.options()]).then(([person, options]) => {
          replace(formSlot, enrolForm(person, [project], options, {
            ctx,
            onDone: () => {
              toggle(false);
              onDone();
            },
            onCancel: () => toggle(false),
          }));
          formSlot.querySelector<HTMLInputElement>('input[name="start_date"]')?.focus();
        }, (e) => ctx.showError(e));
      },
    });
    replace(box, h('div', { class: 'inline-form' },
      h('h2', null, t('projects.addPersonHeading', { project: project.name })),
      h('div', { class: 'field' }, h('label', { for: 'project-person-search' }, t('projects.findPerson')), picker.input, picker.results, picker.chosenNote)),
      formSlot);
    picker.input.focus();
  }

  return h('div', { class: 'add-to-project' }, h('div', { class: 'actions' }, open), box);
}
