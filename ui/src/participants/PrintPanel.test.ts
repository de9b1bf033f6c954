// The print panel: "Drukuj" opens it on the participant's page; ticked kinds become one
// print_document call each (this person, the chosen project, open=true), with the saved paths or
// Rust's Polish error shown; the minor-without-guardian warning appears here too.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import { enrolment, fakeContext, OPTIONS, PARTICIPANT, settle } from '../test/fixtures';
import { ParticipantDetail } from './ParticipantDetail';
import { printPanel } from './PrintPanel';

const mocked = vi.mocked(invoke);
let enrolments = [enrolment('proj-old', 'Aktywni 2023', '2023-02-01'), enrolment('proj-new', 'Razem 2025', '2025-01-15')];
let needsGuardian = true;
/** Two versions of one other consent (newest first, as Rust lists them) and a data statement. */
const CONSENT_TEXTS = [
  { id: 'v-phone-2', template_id: 't-phone', project_id: null, kind: 'other', title: 'Zgoda na kontakt telefoniczny', version: 2, text: 'Tak.', created_at: '2026-02-01' },
  { id: 'v-phone-1', template_id: 't-phone', project_id: null, kind: 'other', title: 'Zgoda na kontakt (stara)', version: 1, text: 'Tak.', created_at: '2026-01-01' },
  { id: 'v-rodo', template_id: 't-rodo', project_id: null, kind: 'data-statement', title: 'Oświadczenie', version: 1, text: 'RODO', created_at: '2026-01-01' },
];

function answer(command: string, args?: Record<string, unknown>): unknown {
  switch (command) {
    case 'participant_get': return PARTICIPANT;
    case 'participant_family': return { related: [], needs_guardian: needsGuardian };
    case 'participant_enrolments': return enrolments;
    case 'consent_texts': return CONSENT_TEXTS;
    case 'print_document': {
      if (args?.kind === 'image-consent') {
        throw { code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'guardian_id', message: 'Osoba jest niepełnoletnia: wskaż opiekuna.' }], existing: [] };
      }
      const file = `/home/anna/Dokumenty/Kartoteka/Razem/${String(args?.kind)} – A.N. – 2026-12-06.pdf`;
      const openError = args?.kind === 'record' ? 'Plik jest zapisany, ale nie udało się go otworzyć.' : null;
      return { file, document: { id: 'd1', kind: args?.kind }, open_error: openError };
    }
    case 'show_in_folder': return null;
    default: throw new Error(`unexpected ${command}`);
  }
}

async function mountPanel() {
  const ctx = fakeContext();
  const onPrinted = vi.fn();
  const el = printPanel(ctx, PARTICIPANT, onPrinted);
  document.body.append(el);
  await settle();
  const tick = (kind: string) => {
    (el.querySelector(`input[name=kind][value="${kind}"]`) as HTMLInputElement).checked = true;
  };
  const printCalls = () => mocked.mock.calls.filter(([c]) => c === 'print_document');
  return { ctx, el, tick, onPrinted, printCalls };
}

describe('print panel', () => {
  beforeEach(() => mocked.mockImplementation(async (command, args) => answer(command, args as Record<string, unknown>)));
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
    enrolments = [enrolment('proj-old', 'Aktywni 2023', '2023-02-01'), enrolment('proj-new', 'Razem 2025', '2025-01-15')];
    needsGuardian = true;
  });

  it('offers the seven documents and the projects, the latest enrolment chosen', async () => {
    const { el } = await mountPanel();
    const boxes = [...el.querySelectorAll<HTMLInputElement>('input[type=checkbox][name=kind]')];
    expect(boxes.map((b) => b.value)).toEqual(['enrolment', 'declaration', 'data-statement', 'image-consent', 'plan', 'record', 'exit-statement', 'consent:v-phone-2']);
    expect(boxes.map((b) => el.querySelector(`label[for="${b.id}"]`)?.textContent)).toEqual([
      'Formularz zgłoszeniowy', 'Deklaracja uczestnictwa', 'Oświadczenie RODO', 'Zgoda na wizerunek', 'Plan wsparcia', 'Pełny zapis danych osoby',
      'Oświadczenie o sytuacji po zakończeniu udziału',
      'Zgoda na kontakt telefoniczny',
    ]);
    expect(mocked).toHaveBeenCalledWith('consent_texts', { project_id: 'proj-new' });
    expect(boxes.every((b) => !b.checked)).toBe(true);
    expect((el.querySelector('select[name=project_id]') as HTMLSelectElement).value).toBe('proj-new');
    expect(el.querySelector('[data-warning=needs-guardian]')?.textContent).toContain('niepełnoletnia');
  });

  it('prints each ticked kind for this person and project, opening it, and lists the saved files', async () => {
    const { el, tick, onPrinted, printCalls } = await mountPanel();
    tick('record');
    tick('declaration');
    (el.querySelector('select[name=project_id]') as HTMLSelectElement).value = 'proj-old';
    (el.querySelector('[data-action=print-selected]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(printCalls()).toEqual([
      ['print_document', { kind: 'declaration', participant_id: 'p-1', project_id: 'proj-old', open: true, text_id: null }],
      ['print_document', { kind: 'record', participant_id: 'p-1', project_id: 'proj-old', open: true, text_id: null }],
    ]);
    const saved = [...el.querySelectorAll<HTMLElement>('[data-printed-file]')];
    expect(saved.map((li) => li.dataset.printedFile)).toEqual([
      '/home/anna/Dokumenty/Kartoteka/Razem/declaration – A.N. – 2026-12-06.pdf',
      '/home/anna/Dokumenty/Kartoteka/Razem/record – A.N. – 2026-12-06.pdf',
    ]);
    expect(saved[0].textContent).toBe(
      'Zapisano „declaration – A.N. – 2026-12-06.pdf” w folderze /home/anna/Dokumenty/Kartoteka/Razem. Otwarto do wydruku. Pokaż w folderze');
    // A viewer that failed to start is said, not passed over.
    expect(saved[1].textContent).not.toContain('Otwarto do wydruku');
    expect(saved[1].querySelector('[data-open-error]')?.textContent).toBe('Plik jest zapisany, ale nie udało się go otworzyć.');
    expect(onPrinted).toHaveBeenCalledTimes(1);

    // "Pokaż w folderze" names its file for a screen reader and asks Rust to show it.
    const show = saved[0].querySelector('[data-action=show-in-folder]') as HTMLButtonElement;
    expect(show.getAttribute('aria-label')).toBe('Pokaż w folderze: declaration – A.N. – 2026-12-06.pdf');
    show.click();
    expect(mocked).toHaveBeenCalledWith('show_in_folder', { file: saved[0].dataset.printedFile });
  });

  it('prints another consent by its text, in its newest version', async () => {
    const { el, tick, printCalls } = await mountPanel();
    tick('consent:v-phone-2');
    (el.querySelector('[data-action=print-selected]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(printCalls()).toEqual([
      ['print_document', { kind: 'consent', participant_id: 'p-1', project_id: 'proj-new', open: true, text_id: 'v-phone-2' }],
    ]);
  });

  it('"Zapisz jako PDF" saves the ticked documents without sending them to print', async () => {
    const { el, tick, printCalls } = await mountPanel();
    tick('declaration');
    (el.querySelector('[data-action=save-selected]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(printCalls()).toEqual([
      ['print_document', { kind: 'declaration', participant_id: 'p-1', project_id: 'proj-new', open: false, text_id: null }],
    ]);
    expect(el.querySelector('[data-printed-file]')?.textContent).not.toContain('Otwarto do wydruku');
  });

  it('shows Rust’s Polish error for a document that failed and still prints the others', async () => {
    const { el, tick, ctx, printCalls } = await mountPanel();
    tick('enrolment');
    tick('image-consent');
    (el.querySelector('[data-action=print-selected]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(printCalls().map(([, a]) => (a as { kind: string }).kind)).toEqual(['enrolment', 'image-consent']);
    expect(el.querySelector('[data-print-error=image-consent]')?.textContent).toBe('Zgoda na wizerunek: Osoba jest niepełnoletnia: wskaż opiekuna.');
    expect(el.querySelectorAll('[data-printed-file]')).toHaveLength(1);
    expect(ctx.showError).not.toHaveBeenCalled();
  });

  it('asks for a tick instead of printing nothing; with one enrolment its project is used', async () => {
    enrolments = [enrolment('proj-only', 'Razem 2025', '2025-01-15')];
    needsGuardian = false;
    const { el, tick, printCalls } = await mountPanel();
    expect(el.querySelector('select[name=project_id]')).toBeNull();
    expect(el.querySelector('[data-warning=needs-guardian]')).toBeNull();
    (el.querySelector('[data-action=print-selected]') as HTMLButtonElement).click();
    await settle();
    expect(printCalls()).toHaveLength(0);
    expect(el.querySelector('[data-error-for=kind]')?.textContent).toBe('Zaznacz co najmniej jeden dokument.');
    tick('enrolment');
    (el.querySelector('[data-action=print-selected]') as HTMLButtonElement).click();
    await settle();
    expect(printCalls()).toEqual([['print_document', { kind: 'enrolment', participant_id: 'p-1', project_id: 'proj-only', open: true, text_id: null }]]);
  });

  it('opens from the "Drukuj" button in the participant’s header and closes again', async () => {
    const ctx = { ...fakeContext(), options: vi.fn(async () => OPTIONS) };
    const view = ParticipantDetail(ctx, 'p-1', 'data');
    document.body.append(view.el);
    await settle();
    const button = view.el.querySelector('[data-action=print]') as HTMLButtonElement;
    expect(button.textContent).toBe('Drukuj');
    button.click();
    await settle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(view.el.querySelector('[data-print-panel] [data-action=print-selected]')).not.toBeNull();
    button.click();
    expect(view.el.querySelector('[data-print-panel]')).toBeNull();
  });
});
