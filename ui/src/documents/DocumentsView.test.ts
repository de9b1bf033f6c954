// The Dokumenty view: blank forms printed without a person, and the history of printed documents
// in Polish (date, person, document, consent text version, who, size) with "Otwórz ponownie".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => undefined) }));
import { invoke } from '@tauri-apps/api/core';
import type { DocumentRecord } from '../bindings/DocumentRecord';
import { fakeContext, settle } from '../test/fixtures';
import { DocumentsView } from './DocumentsView';

const mocked = vi.mocked(invoke);
const RECORD: DocumentRecord = {
  id: 'd1', kind: 'data-statement', participant_id: 'p-1', participant_name: 'Ala Kowalska', project_id: 'proj-1',
  template_version_id: 'v2', generated_at: '2025-03-05T13:07:00Z', sha256: 'ab', bytes: 48_640, generated_by: 'Anna',
};
const BLANK: DocumentRecord = { ...RECORD, id: 'd0', kind: 'enrolment', participant_id: null, participant_name: null, template_version_id: null };

function answer(command: string, args: Record<string, unknown>): unknown {
  switch (command) {
    case 'project_list': return [];
    case 'document_list': return [RECORD, BLANK];
    case 'consent_texts': return args.project_id === 'proj-1' ? [{ id: 'v2', template_id: 't', project_id: 'proj-1', kind: 'data-statement', title: 'Klauzula RODO', version: 2, text: '', created_at: '' }] : [];
    case 'document_open': return '/home/anna/Dokumenty/Kartoteka/dokument-d1.pdf';
    case 'print_document': return { file: '/home/anna/Dokumenty/Kartoteka/enrolment-d9.pdf', document: { ...BLANK, id: 'd9' } };
    default: throw new Error(`unexpected ${command}`);
  }
}

describe('documents view', () => {
  beforeEach(() => mocked.mockImplementation(async (c, a) => answer(c, (a ?? {}) as Record<string, unknown>)));
  afterEach(() => {
    mocked.mockReset();
    document.body.replaceChildren();
  });

  it('shows the history and opens a document again', async () => {
    const view = DocumentsView(fakeContext());
    document.body.append(view.el);
    await settle();
    await settle();
    expect(view.el.querySelector('h1')?.textContent).toBe('Dokumenty');
    const cells = (id: string) => [...view.el.querySelectorAll(`[data-document-id=${id}] td`)].slice(0, 6).map((td) => td.textContent);
    expect(cells('d1')).toEqual(['05.03.2025 14:07', 'Ala Kowalska', 'Oświadczenie RODO', 'v2', 'Anna', '48 KB']);
    expect(cells('d0')).toEqual(['05.03.2025 14:07', 'pusty formularz', 'Formularz zgłoszeniowy', '', 'Anna', '48 KB']);

    (view.el.querySelector('[data-document-id=d1] [data-action=document-open]') as HTMLButtonElement).click();
    await settle();
    expect(mocked).toHaveBeenCalledWith('document_open', { id: 'd1' });
    expect(view.el.querySelector('[data-form-status=document-open]')?.textContent).toBe('Otwarto ponownie: /home/anna/Dokumenty/Kartoteka/dokument-d1.pdf Pokaż w folderze');
  });

  it('prints a blank form without a person and refreshes the history', async () => {
    const view = DocumentsView(fakeContext());
    document.body.append(view.el);
    await settle();
    const kinds = [...view.el.querySelectorAll<HTMLElement>('[data-action=print-blank]')].map((b) => b.dataset.kind);
    expect(kinds).toEqual(['enrolment', 'declaration', 'data-statement', 'image-consent', 'exit-statement']);
    (view.el.querySelector('[data-action=print-blank][data-kind=enrolment]') as HTMLButtonElement).click();
    await settle();
    expect(mocked).toHaveBeenCalledWith('print_document', { kind: 'enrolment', participant_id: null, project_id: null, open: true, text_id: null });
    const saved = view.el.querySelector('[data-printed-file]') as HTMLElement;
    expect(saved.dataset.printedFile).toBe('/home/anna/Dokumenty/Kartoteka/enrolment-d9.pdf');
    expect(saved.textContent).toContain('Zapisano „enrolment-d9.pdf” w folderze /home/anna/Dokumenty/Kartoteka. Otwarto do wydruku.');
    expect(mocked.mock.calls.filter(([c]) => c === 'document_list')).toHaveLength(2);
  });
});
