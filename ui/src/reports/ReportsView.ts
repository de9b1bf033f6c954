// The "Raporty" view: files the office must hand on. The CST2021 participant data of one EU
// project for SM EFS (./Cst2021Section: check first, then XLSX or CSV) and CSV tables for Excel
// (./CsvSection: with progress and "Przerwij" for large registries), and who came to group
// sessions without the group's service in a plan (./GroupCheckSection). A written file is shown in
// one box (./ReportResult) with its name, rows, "Otwórz plik" and "Pokaż folder". This view
// places the parts and lets one piece of their work run at a time.

import { api } from '../api';
import { h, replace } from '../dom';
import { t } from '../i18n';
import type { AppContext, View } from '../shell/context';
import { loadingNote } from '../ui/feedback';
import { oneAtATime } from '../ui/work';
import { csvSection } from './CsvSection';
import { cst2021Section } from './Cst2021Section';
import { groupCheckSection } from './GroupCheckSection';
import { reportResult } from './ReportResult';
import { sortProjects } from './reportsModel';

/** `cstProject`: back from a person's form opened by the CST2021 check — that project's check
 * runs again at once. */
export function ReportsView(ctx: AppContext, cstProject: string | null = null): View {
  let disposed = false;
  let stopProgress: () => void = () => undefined;
  const work = oneAtATime();
  const result = reportResult(ctx);
  const gone = () => disposed;
  const csvHooks = { gone, following: (stop: () => void) => { stopProgress = stop; } };

  const body = h('div', { 'data-reports-body': '' }, loadingNote());
  const el = h(
    'section',
    { class: 'view reports-view', 'data-view': 'reports' },
    h('h1', { tabindex: -1 }, t('nav.reports')),
    h('p', { class: 'lead' }, t('reports.lead')),
    h('p', { class: 'notice', 'data-reports-privacy': '' }, t('reports.privacy')),
    body,
  );

  api.projectList().then(
    (projects) => {
      if (disposed) return;
      const sorted = sortProjects(projects);
      replace(body, cst2021Section(ctx, work, result, sorted, gone, cstProject), groupCheckSection(ctx, sorted), csvSection(ctx, work, result, sorted, csvHooks));
    },
    (e) => {
      if (disposed) return;
      // The whole registry can still be exported without the list of projects.
      replace(body, cst2021Section(ctx, work, result, null, gone), csvSection(ctx, work, result, [], csvHooks));
      ctx.showError(e);
    },
  );

  return {
    el,
    dispose() {
      disposed = true;
      stopProgress();
    },
  };
}
