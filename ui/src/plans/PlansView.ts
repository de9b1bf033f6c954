// The "Plany wsparcia" page of the navigation: every person's current plan with filters
// (./PlanList.ts), how plans are made (from the participant's page, for one enrolment) and the
// service catalogue the plans use.

import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { planList } from './PlanList';
import { serviceCatalogue } from './ServiceCatalogue';

export function PlansView(ctx: AppContext): View {
  const el = h(
    'section',
    { class: 'view', 'data-view': 'plans' },
    h('h1', { tabindex: -1 }, t('nav.plans')),
    h('p', { class: 'lead' }, t('plans.lead')),
    planList(ctx),
    h('ol', { class: 'plans-howto' },
      h('li', null, t('plans.howto1')),
      h('li', null, t('plans.howto2')),
      h('li', null, t('plans.howto3')),
      h('li', null, t('plans.howto4'))),
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      class: 'button',
      'data-action': 'open-participants',
      onclick: () => ctx.navigate({ view: 'participants' }),
    }, t('plans.toParticipants'))),
    serviceCatalogue(ctx),
  );
  return { el };
}
