// A participant's page: header (name, PESEL, age, status), Edit / Archive / Restore / Drukuj (with
// its print panel) / Zapisz realizację (the quick delivery form), and the tabs (Dane, Rodzina,
// Projekty, Plany wsparcia, Zgody, Oś czasu, Dokumenty, Historia).

import { api } from '../api';
import type { FormOptions } from '../bindings/FormOptions';
import type { Participant } from '../bindings/Participant';
import { h, replace } from '../dom';
import { formatAge, formatDate } from '../format';
import { t, type MessageKey } from '../i18n';
import type { AppContext, ParticipantTab, View } from '../shell/context';
import { confirmDialog } from '../ui/dialog';
import { loadingNote, markBusy } from '../ui/feedback';
import { documentHistory } from '../documents/DocumentHistory';
import { consentsTab } from './ConsentsTab';
import { dataTab } from './DataTab';
import { enrolmentsTab } from './EnrolmentsTab';
import { familyTab } from './FamilyTab';
import { gdprExportControl } from './GdprExport';
import { historyTab } from './HistoryTab';
import { printPanel } from './PrintPanel';
import { plansTab } from '../plans/PlansTab';
import { quickDeliveryPanel } from '../plans/QuickDelivery';
import { timelineTab } from '../plans/TimelineTab';

const TABS: Array<{ id: ParticipantTab; label: MessageKey }> = [
  { id: 'data', label: 'tab.data' },
  { id: 'family', label: 'tab.family' },
  { id: 'projects', label: 'tab.projects' },
  { id: 'plans', label: 'tab.plans' },
  { id: 'consents', label: 'tab.consents' },
  { id: 'timeline', label: 'tab.timeline' },
  { id: 'documents', label: 'tab.documents' },
  { id: 'history', label: 'tab.history' },
];

export function ParticipantDetail(ctx: AppContext, id: string, initialTab: ParticipantTab): View {
  const heading = h('h1', { tabindex: -1 }, t('common.loading'));
  const body = h('div', null, loadingNote());
  const back = h('button', { type: 'button', class: 'link back', 'data-action': 'back', onclick: () => ctx.navigate({ view: 'participants' }) }, t('detail.back'));
  const el = h('section', { class: 'view', 'data-view': 'participant-detail', 'data-participant-id': id }, back, heading, body);

  void (async () => {
    try {
      const [participant, options] = await Promise.all([api.participantGet(id), ctx.options()]);
      if (!el.isConnected) return;
      heading.textContent = `${participant.first_name} ${participant.last_name}`;
      el.dataset.status = participant.status;
      replace(body, ...render(ctx, participant, options, initialTab));
    } catch (e) {
      replace(body);
      heading.textContent = t('nav.participants');
      ctx.showError(e);
    }
  })();

  return { el, focus: () => heading.focus() };
}

function header(ctx: AppContext, p: Participant, currentTab: () => ParticipantTab, onPrinted: () => void, onDelivered: () => void): HTMLElement {
  const archived = p.status === 'archived';
  const reopen = () => ctx.navigate({ view: 'participant', id: p.id, tab: currentTab() });
  const edit = h('button', { type: 'button', class: 'button primary', 'data-action': 'edit', onclick: () => ctx.navigate({ view: 'participant-edit', id: p.id }) }, t('detail.edit'));
  const toggle = h('button', {
    type: 'button',
    class: 'button',
    'data-action': archived ? 'restore' : 'archive',
    onclick: async () => {
      if (!archived) {
        const ok = await confirmDialog({
          title: t('detail.archiveTitle'),
          text: t('detail.archiveText', { name: `${p.first_name} ${p.last_name}` }),
          confirmLabel: t('detail.archive'),
        });
        if (!ok) return;
      }
      const done = markBusy(toggle, t('common.saving'));
      try {
        if (archived) await api.participantRestore(p.id);
        else await api.participantArchive(p.id);
        reopen();
      } catch (e) {
        done();
        ctx.showError(e);
      }
    },
  }, t(archived ? 'detail.restore' : 'detail.archive'));

  const panelSlot = h('div', { class: 'form-slot' });
  const print = h('button', {
    type: 'button',
    class: 'button',
    'data-action': 'print',
    'aria-expanded': 'false',
    onclick: () => {
      const open = !panelSlot.hasChildNodes();
      print.setAttribute('aria-expanded', String(open));
      if (open) replace(panelSlot, printPanel(ctx, p, onPrinted));
      else replace(panelSlot);
    },
  }, t('print.button'));

  const gdpr = gdprExportControl(ctx, p);
  const deliverySlot = h('div', { class: 'form-slot' });
  const deliver: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'button primary',
    'data-action': 'delivery-quick',
    'aria-expanded': 'false',
    onclick: () => {
      const open = !deliverySlot.hasChildNodes();
      deliver.setAttribute('aria-expanded', String(open));
      if (!open) return replace(deliverySlot);
      replace(deliverySlot, quickDeliveryPanel(ctx, p.id, {
        onSaved: onDelivered,
        onClose: () => {
          replace(deliverySlot);
          deliver.setAttribute('aria-expanded', 'false');
          deliver.focus();
        },
      }));
    },
  }, t('delivery.button'));

  return h(
    'div',
    { class: 'detail-header' },
    h(
      'p',
      { class: 'meta' },
      h('span', { 'data-meta': 'pesel' }, p.pesel ? t('detail.pesel', { pesel: p.pesel }) : t('detail.noPesel')),
      h('span', { 'data-meta': 'birth-date' }, t('detail.born', { date: formatDate(p.birth_date) })),
      h('span', { 'data-meta': 'age' }, t('detail.age', { age: formatAge(p.age) })),
      h('span', { class: `badge ${p.status}`, 'data-meta': 'status' }, t(`pstatus.${archived ? 'archived' : 'active'}.${p.sex === 'female' ? 'female' : 'male'}` as MessageKey)),
    ),
    h('div', { class: 'actions' }, deliver, edit, toggle, print, gdpr.button),
    archived ? h('p', { class: 'notice' }, t('detail.archivedNote')) : null,
    panelSlot,
    deliverySlot,
    gdpr.slot,
  );
}

function render(ctx: AppContext, p: Participant, options: FormOptions, initialTab: ParticipantTab): HTMLElement[] {
  let current: ParticipantTab = initialTab;
  const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'participant-tab-panel', tabindex: 0 });
  const buttons = TABS.map(({ id, label }) =>
    h('button', {
      type: 'button',
      role: 'tab',
      class: 'tab',
      id: `participant-tab-${id}`,
      'data-tab': id,
      'aria-controls': 'participant-tab-panel',
      onclick: () => select(id),
    }, t(label)),
  );

  function content(tab: ParticipantTab): HTMLElement {
    switch (tab) {
      case 'data':
        return dataTab(p, options);
      case 'family':
        return familyTab(ctx, p, options);
      case 'projects':
        return enrolmentsTab(ctx, p, options);
      case 'plans':
        return plansTab(ctx, p);
      case 'consents':
        return consentsTab(ctx, p, options);
      case 'timeline':
        return timelineTab(ctx, p.id).el;
      case 'documents':
        return documentHistory(ctx, p.id).el;
      case 'history':
        return historyTab(ctx, p.id);
      default:
        return h('p', { class: 'notice', 'data-placeholder': tab }, t('placeholder.coming'));
    }
  }

  function select(tab: ParticipantTab, focus = false): void {
    current = tab;
    buttons.forEach((b) => {
      const on = b.dataset.tab === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    });
    panel.setAttribute('aria-labelledby', `participant-tab-${tab}`);
    panel.dataset.tab = tab;
    replace(panel, content(tab));
  }

  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('detail.tabsLabel') }, buttons);
  tablist.addEventListener('keydown', (e) => {
    const index = TABS.findIndex((x) => x.id === current);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = (moves[e.key] + TABS.length) % TABS.length;
    select(TABS[next].id, true);
  });

  select(current);
  // A print shows up at once in the Dokumenty tab when that tab is open.
  const onPrinted = () => {
    if (current === 'documents' && panel.isConnected) select('documents');
  };
  // A delivery logged from the header shows up at once in the plans and timeline tabs.
  const onDelivered = () => {
    if ((current === 'plans' || current === 'timeline') && panel.isConnected) select(current);
  };
  return [header(ctx, p, () => current, onPrinted, onDelivered), tablist, panel];
}
