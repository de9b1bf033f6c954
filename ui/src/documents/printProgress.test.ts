// Batch printing: "12 z 350" and the percentage from PrintProgress events (listen mocked), the
// "Przerwij" button, the outcome in Polish, and listening stopped afterwards.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import type { BatchResult } from '../bindings/BatchResult';
import type { PrintProgress } from '../bindings/PrintProgress';
import type { Project } from '../bindings/Project';
import { deferred, fakeContext, settle } from '../test/fixtures';
import { batchPrintSection } from './BatchPrint';
import { batchSummary, progressState } from './documentModel';
import { PRINT_PROGRESS_EVENT, listenPrintProgress } from './printProgress';

const PROJECT: Project = {
  id: 'proj-1', enrolled: 350, active: 300, name: 'Razem 2025', agreement_number: null, programme: null,
  start_date: '2025-01-01', end_date: '2026-12-31', participant_target: 350, target_groups: [], retention_until: null,
  priority: null, measure: null, call_number: null, eu_funds: null, state_budget: null, own_contribution: null, eligibility_criteria: [], attachments: [],
};

let handler: ((event: TauriEvent<PrintProgress>) => void) | undefined;
const unlisten = vi.fn();
const emit = (payload: PrintProgress) => handler!({ event: PRINT_PROGRESS_EVENT, id: 1, payload });

describe('progressState and batchSummary', () => {
  it('reads "done z total" with a whole percent that reaches 100 only at the end', () => {
    expect(progressState({ done: 12, total: 350 })).toEqual({ text: '12 z 350', percent: 3 });
    expect(progressState({ done: 349, total: 350 })).toEqual({ text: '349 z 350', percent: 99 });
    expect(progressState({ done: 350, total: 350 }).percent).toBe(100);
    expect(progressState({ done: 0, total: 0 })).toEqual({ text: '0 z 0', percent: 0 });
  });

  it('uses the Polish plural of "plik"', () => {
    const result = (n: number, cancelled = false): BatchResult => ({ files: Array.from({ length: n }, (_, i) => `f${i}`), cancelled, folder: '/D/partia' });
    expect(batchSummary(result(1))).toBe('Zapisano 1 plik w folderze /D/partia');
    expect(batchSummary(result(3))).toBe('Zapisano 3 pliki w folderze /D/partia');
    expect(batchSummary(result(12))).toBe('Zapisano 12 plików w folderze /D/partia');
    expect(batchSummary(result(22, true))).toBe('Przerwano — zapisano 22 pliki');
    expect(batchSummary(result(5, true))).toBe('Przerwano — zapisano 5 plików');
  });
});

describe('batch printing', () => {
  beforeEach(() => {
    handler = undefined;
    vi.mocked(listen).mockImplementation(async (_name, h) => {
      handler = h as (event: TauriEvent<PrintProgress>) => void;
      return unlisten;
    });
  });
  afterEach(() => {
    vi.mocked(invoke).mockReset();
    unlisten.mockClear();
    document.body.replaceChildren();
  });

  it('listens for the progress event and stops when asked', async () => {
    const seen = vi.fn();
    const stop = await listenPrintProgress(seen);
    expect(listen).toHaveBeenLastCalledWith('kartoteka://print-progress', expect.any(Function));
    emit({ done: 1, total: 2 });
    expect(seen).toHaveBeenLastCalledWith({ done: 1, total: 2 });
    stop();
    emit({ done: 2, total: 2 });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it('shows the progress, cancels on "Przerwij" and reports what was saved', async () => {
    const batch = deferred<BatchResult>();
    vi.mocked(invoke).mockImplementation(async (command) => {
      if (command === 'print_batch') return batch.promise;
      if (command === 'print_batch_cancel') return undefined;
      throw new Error(`unexpected ${command}`);
    });
    const onFinished = vi.fn();
    const el = batchPrintSection(fakeContext(), [PROJECT], onFinished);
    document.body.append(el);
    const q = <T extends HTMLElement = HTMLElement>(s: string) => el.querySelector(s) as T;
    expect(q<HTMLSelectElement>('select[name=project_id]').value).toBe('proj-1');
    q<HTMLSelectElement>('select[name=kind]').value = 'declaration';
    q('[data-action=print-batch]').click();
    await settle();
    expect(invoke).toHaveBeenCalledWith('print_batch', { kind: 'declaration', project_id: 'proj-1', one_file: false });
    expect(q('[data-action=print-batch-cancel]').hidden).toBe(false);

    emit({ done: 0, total: 350 });
    emit({ done: 12, total: 350 });
    const bar = q<HTMLProgressElement>('progress[data-batch-progress]');
    expect(q('[data-batch-progress-text]').textContent).toBe('12 z 350');
    expect(q('[data-batch-percent]').textContent).toBe('3%');
    expect(bar.max).toBe(350);
    expect(bar.value).toBe(12);
    expect(bar.getAttribute('aria-valuetext')).toBe('12 z 350');

    q('[data-action=print-batch-cancel]').click();
    await settle();
    expect(invoke).toHaveBeenCalledWith('print_batch_cancel', undefined);

    emit({ done: 13, total: 350 });
    batch.resolve({ files: Array.from({ length: 13 }, (_, i) => `/D/p/${i}.pdf`), cancelled: true, folder: '/D/p' });
    await settle();
    expect(q('[data-batch-result]').textContent).toBe('Przerwano — zapisano 13 plików');
    expect(q('[data-batch-progress-text]').textContent).toBe('13 z 350');
    expect(q('[data-action=print-batch-cancel]').hidden).toBe(true);
    expect(q<HTMLButtonElement>('[data-action=print-batch]').disabled).toBe(false);
    expect(unlisten).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });

  it('prints everything into one PDF when asked', async () => {
    vi.mocked(invoke).mockImplementation(async (command) => {
      if (command === 'print_batch') {
        emit({ done: 3, total: 3 });
        return { files: ['/D/partia-enrolment.pdf'], cancelled: false, folder: '/D' };
      }
      throw new Error(`unexpected ${command}`);
    });
    const el = batchPrintSection(fakeContext(), [PROJECT], vi.fn());
    document.body.append(el);
    (el.querySelector('select[name=kind]') as HTMLSelectElement).value = 'enrolment';
    (el.querySelector('input[name=one_file]') as HTMLInputElement).checked = true;
    (el.querySelector('[data-action=print-batch]') as HTMLButtonElement).click();
    await settle();
    expect(invoke).toHaveBeenCalledWith('print_batch', { kind: 'enrolment', project_id: 'proj-1', one_file: true });
    expect(el.querySelector('[data-batch-result]')?.textContent).toBe('Gotowe: 3 dokumentów w jednym pliku /D/partia-enrolment.pdf.');
  });

  it('asks for a project before printing', async () => {
    const el = batchPrintSection(fakeContext(), [PROJECT, { ...PROJECT, id: 'proj-2', name: 'Drugi' }], vi.fn());
    document.body.append(el);
    (el.querySelector('[data-action=print-batch]') as HTMLButtonElement).click();
    await settle();
    expect(invoke).not.toHaveBeenCalled();
    expect(el.querySelector('[data-error-for=project_id]')?.textContent).toBe('Projekt: wybierz projekt z listy.');
  });
});
