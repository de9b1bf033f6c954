// One recruitment round: its terms and criteria, the list (qualified, reserve, rejected — the
// worker sees names; the printed public list only numbers), adding a candidate, closing the
// round, a candidate's resignation, and the round's documents.

import { api } from '../api';
import type { RecruitmentDetail } from '../bindings/RecruitmentDetail';
import { h, replace } from '../dom';
import { formatDate, formatPeriod } from '../format';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote, markBusy, messageBar } from '../ui/feedback';
import { dateDialog } from '../ui/formDialog';
import { withTableRoles } from '../ui/table';
import { candidateForm } from './CandidateForm';
import { listRows, outcomeLabel, type ListRow } from './recruitmentModel';

function facts(d: RecruitmentDetail): HTMLElement {
  const r = d.recruitment;
  const criteria = r.criteria.length
    ? h('ul', { class: 'plain' }, r.criteria.map((c) => h('li', null, c.required
        ? t('recruitment.criterionRequired', { label: c.label })
        : t('recruitment.criterionPoints', { label: c.label, points: c.points }))))
    : t('recruitment.noCriteria');
  const rows: Array<[string, string | Node]> = [
    [t('recruitment.facts.period'), formatPeriod(r.opens, r.closes)],
    [t('recruitment.facts.places'), t('recruitment.placesValue', { places: r.places, reserve: r.reserve_places })],
    [t('recruitment.facts.criteria'), criteria],
  ];
  return h('dl', { class: 'facts' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

export function RecruitmentView(ctx: AppContext, id: string): View {
  const heading = h('h1', { tabindex: -1 }, t('common.loading'));
  const info = messageBar('info');
  const back = h('button', { type: 'button', class: 'link back', 'data-action': 'back' }, t('recruitment.backTo'));
  const body = h('div', null, loadingNote());
  const el = h('section', { class: 'view', 'data-view': 'recruitment', 'data-recruitment-id': id }, back, heading, info.el, body);

  function print(button: HTMLButtonElement, which: 'protocol' | 'results' | 'letter', candidateId: string | null = null): void {
    const done = markBusy(button, t('common.saving'));
    api.recruitmentPrint(id, which, candidateId).then(
      (file) => info.show(t('recruitment.saved', { file })),
      (e) => ctx.showError(e),
    ).finally(() => {
      if (button.isConnected) done();
    });
  }

  function list(d: RecruitmentDetail): HTMLElement {
    const rows = listRows(d);
    if (rows.length === 0) return h('p', { class: 'empty-note' }, t('recruitment.noCandidates'));
    const openPerson = (participantId: string) => ctx.navigate({ view: 'participant', id: participantId, tab: 'projects' });
    const actions = (row: ListRow) => {
      const n = row.entry.number;
      const letter = h('button', { type: 'button', class: 'button quiet', 'data-action': 'letter', 'aria-label': t('recruitment.letterLabel', { n }) }, t('recruitment.letter'));
      letter.addEventListener('click', () => print(letter, 'letter', row.entry.candidate_id));
      const resigned = row.candidate?.resigned_on;
      const resign = resigned
        ? null
        : h('button', {
            type: 'button',
            class: 'button quiet',
            'data-action': 'resign',
            'aria-label': t('recruitment.resignLabel', { n }),
            onclick: () => void resignDialog(d, row),
          }, t('recruitment.resign'));
      return [letter, resign];
    };
    return withTableRoles(h(
      'table',
      { class: 'data-table recruitment-list', 'aria-label': t('recruitment.listLabel') },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('recruitment.col.rank')),
        h('th', { scope: 'col' }, t('recruitment.col.number')),
        h('th', { scope: 'col' }, t('recruitment.col.candidate')),
        h('th', { scope: 'col' }, t('recruitment.col.points')),
        h('th', { scope: 'col' }, t('recruitment.col.outcome')),
        h('th', { scope: 'col' }, t('recruitment.col.reason')),
        h('th', { scope: 'col' }, t('recruitment.col.actions')))),
      h('tbody', null, rows.map((row) =>
        h('tr', { 'data-candidate-id': row.entry.candidate_id, 'data-outcome': row.entry.outcome, class: row.entry.outcome === 'rejected' ? 'is-ended' : '' },
          h('td', null, row.entry.rank === null ? '—' : String(row.entry.rank)),
          h('td', null, String(row.entry.number)),
          h('td', null, h('button', { type: 'button', class: 'link', onclick: () => openPerson(row.entry.participant_id) }, row.candidate?.name ?? '')),
          h('td', null, String(row.entry.points)),
          h('td', null, outcomeLabel(row.entry.outcome)),
          h('td', null, row.entry.reason ?? ''),
          h('td', { class: 'row-actions' }, actions(row))))),
    ));
  }

  async function resignDialog(d: RecruitmentDetail, row: ListRow): Promise<void> {
    const n = row.entry.number;
    const name = row.candidate?.name ?? '';
    const frees = d.recruitment.closing !== null && row.entry.outcome === 'qualified';
    let offered: number | null = null;
    const ok = await dateDialog({
      title: t('recruitment.resignTitle'),
      text: t(frees ? 'recruitment.resignPlace' : 'recruitment.resignText', { n, name }),
      label: t('recruitment.resignDate'),
      confirm: t('recruitment.resignSave'),
      name: 'resign',
      run: async (date) => {
        const result = await api.candidateResign(row.entry.candidate_id, date);
        const to = result.offered_to;
        offered = to ? d.candidates.find((c) => c.id === to.candidate_id)?.number ?? null : null;
      },
    });
    if (!ok) return;
    info.show(offered === null ? t('recruitment.resignedDone') : t('recruitment.offered', { n: offered }));
    load();
  }

  async function closeDialog(d: RecruitmentDetail): Promise<void> {
    let enrolled = 0;
    const ok = await dateDialog({
      title: t('recruitment.closeTitle'),
      text: t('recruitment.closeText', { qualified: d.ranking.qualified.length }),
      label: t('recruitment.startDate'),
      confirm: t('recruitment.close'),
      name: 'close-round',
      run: async (date) => {
        enrolled = (await api.recruitmentClose(id, date)).enrolled.length;
      },
    });
    if (!ok) return;
    info.show(t('recruitment.closedDone', { n: enrolled }));
    load();
  }

  function render(d: RecruitmentDetail): void {
    const r = d.recruitment;
    heading.textContent = r.name;
    back.onclick = () => ctx.navigate({ view: 'project', id: r.project_id });
    const formBox = h('div', null);
    const add = h('button', { type: 'button', class: 'button primary', 'data-action': 'add-candidate' }, t('recruitment.addCandidate'));
    add.addEventListener('click', () => {
      add.hidden = true;
      const form = candidateForm(r, {
        ctx,
        onAdded: (c) => {
          info.show(t('candidate.added', { n: c.number, points: c.points }));
          load();
        },
        onCancel: () => {
          replace(formBox);
          add.hidden = false;
          add.focus();
        },
      });
      replace(formBox, form);
      form.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    });
    const protocol = h('button', { type: 'button', class: 'button', 'data-action': 'print-protocol' }, t('recruitment.printProtocol'));
    protocol.addEventListener('click', () => print(protocol, 'protocol'));
    const results = h('button', { type: 'button', class: 'button', 'data-action': 'print-results' }, t('recruitment.printResults'));
    results.addEventListener('click', () => print(results, 'results'));
    const closeButton = r.closing
      ? null
      : h('button', { type: 'button', class: 'button', 'data-action': 'close-round', onclick: () => void closeDialog(d) }, t('recruitment.close'));
    const { qualified, reserve, rejected } = d.ranking;
    replace(body,
      h('p', { class: 'hint', 'data-round-state': r.closing ? 'closed' : 'open' }, r.closing
        ? t('recruitment.closedNote', { date: formatDate(r.closing.closed_on), by: r.closing.closed_by })
        : t('recruitment.provisional')),
      facts(d),
      h('div', { class: 'actions' }, r.closing ? null : add, closeButton, protocol, results),
      formBox,
      h('h2', null, t('recruitment.listHeading')),
      list(d),
      h('p', { class: 'list-info', 'data-round-counts': '' }, t('recruitment.counts', {
        all: d.candidates.length, qualified: qualified.length, reserve: reserve.length, rejected: rejected.length,
      })));
  }

  function load(): void {
    api.recruitmentGet(id).then(
      (detail) => {
        if (el.isConnected) render(detail);
      },
      (e) => {
        replace(body);
        heading.textContent = t('recruitment.heading');
        ctx.showError(e);
      },
    );
  }
  load();
  return { el, focus: () => heading.focus() };
}
