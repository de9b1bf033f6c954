// The Raporty view with the API mocked: the CST2021 check (sentence, people with gaps as links to
// their forms), XLSX/CSV export with the written file's box ("Otwórz plik", "Pokaż folder"), CSV
// tables with progress and a calm "Przerwij", and Rust's errors in the message bar.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: {
      projectList: vi.fn(), reportCst2021Check: vi.fn(), reportCst2021: vi.fn(), reportCsv: vi.fn(), reportCancel: vi.fn(),
      reportOpen: vi.fn(), reportOpenFolder: vi.fn(), groupCheck: vi.fn(),
    },
  };
});
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import { api } from '../api';
import type { ApiError } from '../bindings/ApiError';
import type { Cst2021Check } from '../bindings/Cst2021Check';
import type { Project } from '../bindings/Project';
import type { ReportSummary } from '../bindings/ReportSummary';
import { deferred, fakeContext, settle } from '../test/fixtures';
import { ReportsView } from './ReportsView';
import { REPORT_PROGRESS_EVENT } from './reportsModel';

function project(id: string, name: string): Project {
  return {
    id, name, enrolled: 3, active: 3, agreement_number: null, programme: null, start_date: '2025-01-01', end_date: '2026-12-31',
    participant_target: null, target_groups: [], retention_until: null, priority: null, measure: null, call_number: null, eu_funds: null, state_budget: null, own_contribution: null, eligibility_criteria: [], attachments: [],
  };
}

const PROJECTS = [project('proj-z', 'Żak'), project('proj-l', 'Łączymy pokolenia'), project('proj-a', 'Aktywni razem')];
const FOLDER = '/home/anna/Dokumenty/Kartoteka';

const CHECK: Cst2021Check = {
  project_id: 'proj-a',
  project_name: 'Aktywni razem',
  rows: 350,
  complete: 348,
  incomplete: [
    { participant_id: 'p-9', enrolment_id: 'e-9', name: '', row: 40, missing: [{ field: 'education', column: 'Wykształcenie' }] },
    {
      participant_id: 'p-1', enrolment_id: 'e-1', name: '<b>Kowalska</b> Ala', row: 5,
      missing: [{ field: 'pesel', column: 'PESEL' }, { field: 'education', column: 'Wykształcenie' }],
    },
  ],
};

const CST_SUMMARY: ReportSummary = {
  report: 'cst2021', file: `${FOLDER}/cst2021-projekt-2025-03-05.xlsx`, format: 'xlsx', rows: 350, incomplete: CHECK.incomplete,
};
const CSV_SUMMARY: ReportSummary = {
  report: 'participants', file: `${FOLDER}/uczestnicy-2025-03-05.csv`, format: 'csv', rows: 100000, incomplete: [],
};
const cancelled: ApiError = { code: 'cancelled', message: 'Przerwano.', fields: [], existing: [] };

let byEvent = new Map<string, (event: TauriEvent<unknown>) => void>();
const unlisten = vi.fn();

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

async function mount(cstProject: string | null = null) {
  const ctx = fakeContext();
  const view = ReportsView(ctx, cstProject);
  document.body.append(view.el);
  await settle();
  const q = <T extends Element = HTMLElement>(selector: string) => view.el.querySelector(selector) as T;
  const select = (name: string) => q<HTMLSelectElement>(`select[name=${name}]`);
  const button = (action: string) => q<HTMLButtonElement>(`[data-action=${action}]`);
  const choose = (name: string, value: string) => {
    select(name).value = value;
    select(name).dispatchEvent(new Event('change', { bubbles: true }));
  };
  const progress = (done: number, total: number) =>
    byEvent.get(REPORT_PROGRESS_EVENT)!({ event: REPORT_PROGRESS_EVENT, id: 1, payload: { done, total } });
  return { ctx, view, q, select, button, choose, progress };
}

describe('Raporty view', () => {
  beforeEach(() => {
    byEvent = new Map();
    vi.mocked(listen).mockImplementation(async (event, handler) => {
      byEvent.set(event, handler as (event: TauriEvent<unknown>) => void);
      return unlisten;
    });
    vi.mocked(api.projectList).mockResolvedValue(PROJECTS);
    vi.mocked(api.reportOpen).mockResolvedValue(undefined);
    vi.mocked(api.reportOpenFolder).mockResolvedValue(FOLDER);
    vi.mocked(api.reportCancel).mockResolvedValue(undefined);
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('names who came to group sessions without the service in a plan, as text', async () => {
    const { choose, button, q, ctx } = await mount();
    button('group-check').click();
    await settle();
    expect(api.groupCheck).not.toHaveBeenCalled();
    expect(q('[data-error-for=group-check-project]').hidden).toBe(false);
    vi.mocked(api.groupCheck).mockResolvedValueOnce([
      {
        group_id: 'g-1', group_name: 'Basen', service_name: 'Aqua aerobik', participant_id: 'p-7',
        name: '<i>Halina</i> Nowak', sessions: 2, first: '2026-11-04', last: '2026-11-18',
      },
    ]);
    choose('group-check-project', 'proj-a');
    button('group-check').click();
    await settle();
    expect(api.groupCheck).toHaveBeenCalledWith('proj-a');
    const row = q('[data-group-check] tr[data-participant-id=p-7]');
    expect(row.textContent).toContain('<i>Halina</i> Nowak');
    expect(row.querySelector('i')).toBeNull();
    expect(row.textContent).toContain('2 (od 04.11.2026 do 18.11.2026)');
    (row.querySelector('button') as HTMLButtonElement).click();
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'participant', id: 'p-7', tab: 'plans' });
    vi.mocked(api.groupCheck).mockResolvedValueOnce([]);
    button('group-check').click();
    await settle();
    expect(q('[data-group-check=clean]').textContent).toContain('mieli usługę grupy w planie');
  });

  it('explains where files go, and offers projects in Polish order and the three tables', async () => {
    const { q, select, button } = await mount();
    expect(q('[data-view=reports] h1').textContent).toBe('Raporty');
    expect(q('.lead').textContent).toContain('SM EFS');
    expect(q('[data-reports-privacy]').textContent).toContain('Dokumenty/Kartoteka');
    expect(q('[data-reports-privacy]').textContent).toContain('dane osobowe');
    const headings = [...document.querySelectorAll('h2')].map((x) => x.textContent);
    expect(headings).toEqual([
      'Dane uczestników do SL2021 / CST2021 (SM EFS)',
      'Zajęcia grupowe: obecni bez usługi w planie',
      'Zestawienia CSV dla Excela',
    ]);

    const options = (name: string) => [...select(name).options].map((o) => [o.value, o.textContent]);
    expect(options('cst-project').map(([v]) => v)).toEqual(['', 'proj-a', 'proj-l', 'proj-z']);
    expect(options('cst-project')[1][1]).toBe('Aktywni razem (01.01.2025–31.12.2026)');
    expect(options('csv-kind')).toEqual([['participants', 'Uczestnicy'], ['enrolments', 'Udziały w projektach'], ['deliveries', 'Zrealizowane usługi']]);
    expect(options('csv-project')[0]).toEqual(['', 'Wszystkie projekty (cała kartoteka)']);
    expect(options('csv-project').map(([v]) => v)).toEqual(['', 'proj-a', 'proj-l', 'proj-z']);
    expect(select('csv-project').value).toBe('');

    expect(button('cst-check').textContent).toBe('Sprawdź dane');
    expect(button('cst-export-xlsx').textContent).toBe('Zapisz jako XLSX');
    expect(button('cst-export-csv').textContent).toBe('Zapisz jako CSV');
    expect(button('csv-export').textContent).toBe('Zapisz CSV');
    expect(button('report-cancel').hidden).toBe(true);
    expect(q('[data-report-result]')).toBeNull();
    expect(q('[data-cst-check]').hidden).toBe(true);
  });

  it('asks for a project before checking, then shows the check and the people with gaps as links', async () => {
    const { ctx, q, button, choose } = await mount();
    button('cst-check').click();
    await settle();
    expect(api.reportCst2021Check).not.toHaveBeenCalled();
    expect(q('[data-error-for=cst-project]').textContent).toBe('Projekt: wybierz projekt z listy.');
    expect(document.activeElement).toBe(q('select[name=cst-project]'));

    const answer = deferred<Cst2021Check>();
    vi.mocked(api.reportCst2021Check).mockReturnValueOnce(answer.promise);
    choose('cst-project', 'proj-a');
    button('cst-check').click();
    await settle();
    expect(api.reportCst2021Check).toHaveBeenCalledWith('proj-a', 'export');
    expect(q('[data-error-for=cst-project]').hidden).toBe(true);
    expect(button('cst-check').getAttribute('aria-busy')).toBe('true');
    expect(button('cst-export-xlsx').disabled).toBe(true);
    expect(button('csv-export').disabled).toBe(true);
    answer.resolve(CHECK);
    await settle();
    expect(button('cst-check').disabled).toBe(false);
    expect(button('cst-export-xlsx').disabled).toBe(false);

    const box = q('[data-cst-check]');
    expect(box.hidden).toBe(false);
    expect(box.dataset.rows).toBe('350');
    expect(box.dataset.incomplete).toBe('2');
    expect(q('[data-cst-sentence]').textContent).toBe('W pliku będzie 350 osób; 348 ma komplet danych.');
    expect(box.textContent).toContain('braki nie blokują zapisu');

    const people = [...box.querySelectorAll<HTMLElement>('[data-incomplete-person]')];
    expect(people.map((li) => li.dataset.incompletePerson)).toEqual(['p-1', 'p-9']);
    expect(people[0].querySelector('button')!.textContent).toBe('<b>Kowalska</b> Ala');
    expect(people[0].querySelector('b')).toBeNull();
    expect(people[0].textContent).toContain('wiersz 5 w pliku');
    expect(people[0].textContent).toContain('Brakuje: PESEL, Wykształcenie');
    expect(people[1].querySelector('button')!.textContent).toBe('(osoba zanonimizowana)');
    expect(people[1].textContent).toContain('wiersz 40 w pliku');

    people[0].querySelector('button')!.click();
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'participant-edit', id: 'p-1', cst: { projectId: 'proj-a', fields: ['pesel', 'education'] } });

    // Another project: the old check is gone.
    // (Coming back from the form is tested below.)
    choose('cst-project', 'proj-l');
    expect(box.hidden).toBe(true);
    expect(box.querySelector('[data-incomplete-person]')).toBeNull();
  });

  it('writes CST2021 as XLSX, shows the file and opens it or its folder', async () => {
    const { ctx, q, button, choose } = await mount();
    choose('cst-project', 'proj-a');
    const answer = deferred<ReportSummary>();
    vi.mocked(api.reportCst2021).mockReturnValueOnce(answer.promise);
    button('cst-export-xlsx').click();
    await settle();
    expect(api.reportCst2021).toHaveBeenCalledWith('proj-a', 'xlsx', 'export');
    expect(button('cst-export-xlsx').getAttribute('aria-busy')).toBe('true');
    expect(button('cst-export-csv').disabled).toBe(true);
    answer.resolve(CST_SUMMARY);
    await settle();
    expect(button('cst-export-xlsx').disabled).toBe(false);
    expect(button('cst-export-xlsx').getAttribute('aria-busy')).toBeNull();

    const result = q('[data-report-result]');
    expect(result.hidden).toBe(false);
    expect(result.closest('[data-section]')!.getAttribute('data-section')).toBe('report-cst');
    expect(result.dataset.file).toBe(CST_SUMMARY.file);
    expect(result.dataset.rows).toBe('350');
    expect(result.dataset.incomplete).toBe('2');
    expect(q('[data-report-file]').textContent).toBe('Plik: cst2021-projekt-2025-03-05.xlsx');
    expect(result.textContent).toContain('Zapisano: Dane uczestników CST2021 (XLSX)');
    expect(result.textContent).toContain(`Folder: ${FOLDER}`);
    expect(result.textContent).toContain('W pliku: 350 wierszy danych.');
    expect(result.textContent).toContain('Osoby z brakami w danych: 2');
    expect(result.textContent).toContain('dane osobowe');
    // The people with gaps are listed from the export too.
    expect(q('[data-cst-sentence]').textContent).toBe('W pliku jest 350 osób; 348 ma komplet danych.');
    expect(q('[data-cst-check]').querySelectorAll('[data-incomplete-person]')).toHaveLength(2);

    expect(button('report-open').textContent).toBe('Otwórz plik');
    button('report-open').click();
    await settle();
    expect(api.reportOpen).toHaveBeenCalledWith(CST_SUMMARY.file);
    expect(button('report-folder').textContent).toBe('Pokaż folder');
    button('report-folder').click();
    await settle();
    expect(api.reportOpenFolder).toHaveBeenCalledTimes(1);
    expect(q('[data-form-status=report-folder]').textContent).toBe(`Otwarto folder: ${FOLDER}`);
    expect(ctx.showError).not.toHaveBeenCalled();

    vi.mocked(api.reportCst2021).mockResolvedValueOnce({ ...CST_SUMMARY, file: `${FOLDER}/cst.csv`, format: 'csv', rows: 2, incomplete: [] });
    button('cst-export-csv').click();
    await settle();
    expect(api.reportCst2021).toHaveBeenLastCalledWith('proj-a', 'csv', 'export');
    expect(q('[data-report-result]').dataset.file).toBe(`${FOLDER}/cst.csv`);
    expect(q('[data-report-result]').dataset.incomplete).toBe('0');
    expect(q('[data-report-result]').textContent).toContain('Wszystkie osoby mają komplet danych.');
    expect(document.querySelectorAll('[data-report-result]')).toHaveLength(1);

    // The import file: the layout chosen beside the project goes with the export.
    choose('cst-layout', 'import');
    expect(q('[data-cst-check]').hidden).toBe(true);
    vi.mocked(api.reportCst2021).mockResolvedValueOnce({ ...CST_SUMMARY, file: `${FOLDER}/cst-import.csv`, format: 'csv', rows: 2, incomplete: [], layout: 'import' });
    button('cst-export-csv').click();
    await settle();
    expect(api.reportCst2021).toHaveBeenLastCalledWith('proj-a', 'csv', 'import');
    expect(q('[data-report-result]').textContent).toContain('Plik importu uczestników do SM EFS');
  });

  it('writes a CSV table with progress in Polish thousands', async () => {
    const { ctx, q, button, choose, progress } = await mount();
    choose('csv-kind', 'enrolments');
    choose('csv-project', 'proj-l');
    const answer = deferred<ReportSummary>();
    vi.mocked(api.reportCsv).mockReturnValueOnce(answer.promise);
    button('csv-export').click();
    await settle();
    expect(api.reportCsv).toHaveBeenCalledWith('enrolments', 'proj-l');
    expect(listen).toHaveBeenCalledWith(REPORT_PROGRESS_EVENT, expect.any(Function));
    expect(q('[data-report-busy]').hidden).toBe(false);
    expect(button('report-cancel').hidden).toBe(false);
    expect(button('report-cancel').textContent).toBe('Przerwij');
    expect(button('csv-export').getAttribute('aria-busy')).toBe('true');
    expect(button('cst-check').disabled).toBe(true);
    expect(q<HTMLSelectElement>('select[name=csv-kind]').disabled).toBe(true);

    progress(12000, 100000);
    const bar = q<HTMLProgressElement>('[data-report-progress]');
    expect(bar.dataset.done).toBe('12000');
    expect(bar.dataset.total).toBe('100000');
    expect(bar.value).toBe(12);
    expect(plain(q('[data-report-progress-text]').textContent)).toBe('Zapisano 12 000 z 100 000 wierszy');
    expect(q('[data-report-percent]').textContent).toBe('12%');

    answer.resolve({ ...CSV_SUMMARY, report: 'enrolments' });
    await settle();
    expect(q('[data-report-busy]').hidden).toBe(true);
    expect(button('report-cancel').hidden).toBe(true);
    expect(button('cst-check').disabled).toBe(false);
    expect(q<HTMLSelectElement>('select[name=csv-kind]').disabled).toBe(false);
    expect(unlisten).toHaveBeenCalled();
    const result = q('[data-report-result]');
    expect(result.closest('[data-section]')!.getAttribute('data-section')).toBe('report-csv');
    expect(result.dataset.file).toBe(CSV_SUMMARY.file);
    expect(result.dataset.incomplete).toBeUndefined();
    expect(plain(result.textContent)).toContain('W pliku: 100 000 wierszy danych.');
    expect(result.textContent).toContain('Zapisano: Udziały w projektach (CSV)');
    expect(result.textContent).not.toContain('brakami');
    expect(ctx.showError).not.toHaveBeenCalled();
  });

  it('exports the whole registry with the first project option', async () => {
    const { button } = await mount();
    vi.mocked(api.reportCsv).mockResolvedValueOnce(CSV_SUMMARY);
    button('csv-export').click();
    await settle();
    expect(api.reportCsv).toHaveBeenCalledWith('participants', null);
  });

  it('stops a long export calmly: nothing written, not an error', async () => {
    const { ctx, q, button, progress } = await mount();
    const answer = deferred<ReportSummary>();
    vi.mocked(api.reportCsv).mockReturnValueOnce(answer.promise);
    button('csv-export').click();
    await settle();
    progress(3000, 1000000);
    button('report-cancel').focus();
    button('report-cancel').click();
    await settle();
    expect(api.reportCancel).toHaveBeenCalledTimes(1);
    expect(button('report-cancel').disabled).toBe(true);
    button('report-cancel').click();
    await settle();
    expect(api.reportCancel).toHaveBeenCalledTimes(1);

    answer.reject(cancelled);
    await settle();
    const result = q('[data-report-result]');
    expect(result.hidden).toBe(false);
    expect(result.dataset.cancelled).toBe('true');
    expect(result.dataset.file).toBeUndefined();
    expect(result.textContent).toBe('Eksport przerwany — nie zapisano żadnego pliku.');
    expect(result.querySelector('[data-action=report-open]')).toBeNull();
    expect(ctx.showError).not.toHaveBeenCalled();
    expect(q('[data-report-busy]').hidden).toBe(true);
    expect(button('report-cancel').hidden).toBe(true);
    expect(button('report-cancel').disabled).toBe(false);
    expect(button('csv-export').disabled).toBe(false);
    expect(document.activeElement).toBe(button('csv-export'));
    expect(unlisten).toHaveBeenCalled();
  });

  it('shows Rust’s errors in the message bar and keeps working', async () => {
    const { ctx, q, button, choose } = await mount();
    const failure: ApiError = { code: 'internal', message: 'Nie udało się zapisać pliku: brak miejsca na dysku.', fields: [], existing: [] };
    vi.mocked(api.reportCsv).mockRejectedValueOnce(failure);
    button('csv-export').click();
    await settle();
    expect(ctx.showError).toHaveBeenCalledWith(failure);
    expect(q('[data-report-result]')).toBeNull();
    expect(button('csv-export').disabled).toBe(false);

    choose('cst-project', 'proj-z');
    vi.mocked(api.reportCst2021Check).mockRejectedValueOnce({ code: 'not_found', message: 'Nie ma takiego projektu.', fields: [], existing: [] });
    button('cst-check').click();
    await settle();
    expect(ctx.showError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'not_found' }));
    expect(q('[data-cst-check]').hidden).toBe(true);
    expect(ctx.clearError).toHaveBeenCalled();

    vi.mocked(api.reportOpenFolder).mockRejectedValueOnce({ code: 'internal', message: 'Brak programu do otwarcia folderu.', fields: [], existing: [] });
    vi.mocked(api.reportCst2021).mockResolvedValueOnce(CST_SUMMARY);
    button('cst-export-xlsx').click();
    await settle();
    button('report-folder').click();
    await settle();
    expect(ctx.showError).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'Brak programu do otwarcia folderu.' }));
    expect(button('report-folder').disabled).toBe(false);
  });

  it('without projects: says so for CST2021 and still exports the whole registry', async () => {
    vi.mocked(api.projectList).mockResolvedValue([]);
    const { q, select, button } = await mount();
    expect(q('[data-reports-no-projects]').textContent).toContain('Nie ma jeszcze żadnych projektów');
    expect(q('select[name=cst-project]')).toBeNull();
    expect([...select('csv-project').options].map((o) => o.value)).toEqual(['']);
    vi.mocked(api.reportCsv).mockResolvedValueOnce(CSV_SUMMARY);
    button('csv-export').click();
    await settle();
    expect(api.reportCsv).toHaveBeenCalledWith('participants', null);
  });

  it('when the project list cannot be read: the error, and the whole registry still exportable', async () => {
    vi.mocked(api.projectList).mockRejectedValue({ code: 'internal', message: 'Błąd odczytu.', fields: [], existing: [] });
    const { ctx, q, button } = await mount();
    expect(ctx.showError).toHaveBeenCalledWith(expect.objectContaining({ message: 'Błąd odczytu.' }));
    expect(q('[data-reports-no-projects]').textContent).toContain('Nie udało się wczytać listy projektów');
    expect(button('csv-export')).not.toBeNull();
  });

  it('preselects the only project and stops listening when left during an export', async () => {
    vi.mocked(api.projectList).mockResolvedValue([PROJECTS[0]]);
    const { view, select, button } = await mount();
    expect(select('cst-project').value).toBe('proj-z');
    vi.mocked(api.reportCsv).mockReturnValueOnce(new Promise(() => undefined));
    button('csv-export').click();
    await settle();
    expect(unlisten).not.toHaveBeenCalled();
    view.dispose?.();
    expect(unlisten).toHaveBeenCalled();
  });

  it('back from a form opened by the check, runs that project’s check again at once', async () => {
    vi.mocked(api.reportCst2021Check).mockResolvedValueOnce(CHECK);
    const { q, select } = await mount('proj-a');
    await settle();
    expect(select('cst-project').value).toBe('proj-a');
    expect(api.reportCst2021Check).toHaveBeenCalledWith('proj-a', 'export');
    expect(q('[data-cst-check]').hidden).toBe(false);
  });
});
