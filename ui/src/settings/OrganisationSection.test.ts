// Settings for printed documents: the organisation (address lines, logo strip as base64 with a
// blob: preview, Rust's field errors) and the consent texts (grouped, new text, new version).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import { fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: { organisationGet: vi.fn(), organisationSave: vi.fn(), pickLogo: vi.fn(), projectList: vi.fn(), consentTexts: vi.fn(), consentTextAdd: vi.fn() },
  };
});
import { api } from '../api';
import { consentTextsSection, groupTexts } from './ConsentTextsSection';
import { addressLines, organisationSection } from './OrganisationSection';

const ORGANISATION = { name: 'Fundacja Razem', address_lines: ['ul. Długa 1', '00-001 Warszawa'], place: 'Warszawa', logo_strip_base64: null,
  controller_name: 'Gmina Warszawa', controller_address: 'pl. Bankowy 3/5, 00-950 Warszawa', dpo_contact: 'iod@razem.example.pl' };
const V1: ConsentTemplateVersion = {
  id: 'v1', template_id: 't1', project_id: null, kind: 'data-statement', title: 'Klauzula RODO', version: 1, text: 'Stara treść', created_at: '2025-01-10T09:00:00Z',
};
const V2: ConsentTemplateVersion = { ...V1, id: 'v2', version: 2, text: 'Nowa treść', created_at: '2025-02-10T09:00:00Z' };

async function mount(section: HTMLElement) {
  document.body.append(section);
  await settle();
  await settle();
  const q = <T extends Element = HTMLElement>(s: string) => section.querySelector(s) as T;
  return q;
}

describe('organisation section', () => {
  beforeEach(() => {
    vi.mocked(api.organisationGet).mockResolvedValue(ORGANISATION);
    URL.createObjectURL = vi.fn(() => 'blob:kartoteka/1');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('splits the address into lines', () => {
    expect(addressLines(' ul. Długa 1 \r\n\n00-001 Warszawa\n')).toEqual(['ul. Długa 1', '00-001 Warszawa']);
  });

  it('saves the organisation with the logo as base64, previews it and shows Rust’s name error', async () => {
    const q = await mount(organisationSection(fakeContext()));
    expect(q<HTMLInputElement>('input[name=org_name]').value).toBe('Fundacja Razem');
    expect(q<HTMLTextAreaElement>('textarea[name=org_address]').value).toBe('ul. Długa 1\n00-001 Warszawa');
    expect(q<HTMLInputElement>('input[name=org_controller_name]').value).toBe('Gmina Warszawa');
    expect(q<HTMLInputElement>('input[name=org_dpo_contact]').value).toBe('iod@razem.example.pl');
    expect(q('[data-logo-preview]').textContent).toBe('Nie dodano paska logotypów.');

    // The system's chooser is Rust's: the window gets the chosen PNG as base64.
    vi.mocked(api.pickLogo).mockResolvedValueOnce('iVBORw0KGgo=');
    q<HTMLButtonElement>('[data-action=logo-choose]').click();
    await settle();
    expect(api.pickLogo).toHaveBeenCalledWith('Pasek logotypów (PNG lub JPEG)');
    expect(q<HTMLImageElement>('img[data-logo-image]').getAttribute('src')).toBe('blob:kartoteka/1');

    q<HTMLInputElement>('input[name=org_name]').value = '';
    vi.mocked(api.organisationSave).mockRejectedValueOnce({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'name', message: 'Nazwa organizacji: pole jest wymagane' }], existing: [] });
    q<HTMLButtonElement>('[data-action=organisation-save]').click();
    await settle();
    expect(api.organisationSave).toHaveBeenLastCalledWith({ ...ORGANISATION, name: '', logo_strip_base64: 'iVBORw0KGgo=' });
    expect(q('[data-error-for=org_name]').textContent).toBe('Nazwa organizacji: pole jest wymagane');

    q<HTMLButtonElement>('[data-action=logo-remove]').click();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:kartoteka/1');
    q<HTMLInputElement>('input[name=org_name]').value = 'Fundacja Razem';
    vi.mocked(api.organisationSave).mockResolvedValueOnce(ORGANISATION);
    q<HTMLButtonElement>('[data-action=organisation-save]').click();
    await settle();
    expect(api.organisationSave).toHaveBeenLastCalledWith(ORGANISATION);
    expect(q('[data-form-status=organisation]').textContent).toBe('Zapisano dane organizacji.');
    expect(q('[data-error-for=org_name]').hidden).toBe(true);

    // The controller's fields are sent trimmed; Rust's error on one lands under it.
    q<HTMLInputElement>('input[name=org_dpo_contact]').value = '  Jan Kowalski, iod@razem.example.pl ';
    vi.mocked(api.organisationSave).mockRejectedValueOnce({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'dpo_contact', message: 'Inspektor ochrony danych: najwyżej 200 znaków' }], existing: [] });
    q<HTMLButtonElement>('[data-action=organisation-save]').click();
    await settle();
    expect(api.organisationSave).toHaveBeenLastCalledWith({ ...ORGANISATION, dpo_contact: 'Jan Kowalski, iod@razem.example.pl' });
    expect(q('[data-error-for=org_dpo_contact]').textContent).toBe('Inspektor ochrony danych: najwyżej 200 znaków');
  });

  it('shows Rust’s refusal of a file that is not PNG or JPEG under the field, and no picture', async () => {
    const q = await mount(organisationSection(fakeContext()));
    vi.mocked(api.pickLogo).mockRejectedValueOnce({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'org_logo', message: 'Pasek logotypów musi być plikiem PNG albo JPEG' }], existing: [] });
    q<HTMLButtonElement>('[data-action=logo-choose]').click();
    await settle();
    expect(q('[data-error-for=org_logo]').textContent).toBe('Pasek logotypów musi być plikiem PNG albo JPEG');
    expect(q('img')).toBeNull();
    // Closed without a choice: nothing changes.
    vi.mocked(api.pickLogo).mockResolvedValueOnce(null);
    q<HTMLButtonElement>('[data-action=logo-choose]').click();
    await settle();
    expect(q('img')).toBeNull();
  });
});

describe('consent texts section', () => {
  beforeEach(() => {
    vi.mocked(api.projectList).mockResolvedValue([]);
    vi.mocked(api.consentTexts).mockResolvedValue([V2, V1]);
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('groups versions by template, newest first, without repeats', () => {
    const groups = groupTexts([V1, V2, V1, { ...V1, id: 'x1', template_id: 't2', kind: 'other', title: 'Inna' }]);
    expect(groups.map((g) => [g.templateId, g.versions.map((v) => v.version)])).toEqual([['t1', [2, 1]], ['t2', [1]]]);
  });

  it('lists the texts and adds a new version pre-filled with the latest text', async () => {
    const q = await mount(consentTextsSection(fakeContext()));
    expect(q('[data-template-id=t1] h3').textContent).toBe('Klauzula RODO');
    expect([...q('[data-template-id=t1]').querySelectorAll('[data-version-id]')].map((li) => li.textContent))
      .toEqual(['v2 — dodano 10.02.2025 10:00', 'v1 — dodano 10.01.2025 10:00']);
    expect(document.body.textContent).toContain('nowa wersja nigdy ich nie zmienia');

    q<HTMLButtonElement>('[data-template-id=t1] [data-action=consent-text-version]').click();
    expect(q<HTMLTextAreaElement>('textarea[name=text]').value).toBe('Nowa treść');
    q<HTMLTextAreaElement>('textarea[name=text]').value = 'Treść v3';
    vi.mocked(api.consentTextAdd).mockResolvedValueOnce({ ...V2, id: 'v3', version: 3, text: 'Treść v3' });
    q<HTMLButtonElement>('[data-action=consent-text-save]').click();
    await settle();
    expect(api.consentTextAdd).toHaveBeenLastCalledWith(null, 't1', { kind: 'data-statement', title: 'Klauzula RODO', text: 'Treść v3' });
    await settle();
    expect(q('[data-form-status=consent-texts]').textContent).toBe('Zapisano wersję 3 treści „Klauzula RODO”.');
  });

  it('adds a new text and shows Rust’s field errors', async () => {
    const q = await mount(consentTextsSection(fakeContext()));
    q<HTMLButtonElement>('[data-action=consent-text-new]').click();
    expect([...q<HTMLSelectElement>('select[name=kind]').options].map((o) => o.value)).toEqual(['', 'data-statement', 'authority-clause', 'image-consent', 'other']);
    q<HTMLSelectElement>('select[name=kind]').value = 'image-consent';
    vi.mocked(api.consentTextAdd).mockRejectedValueOnce({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'title', message: 'Tytuł: pole jest wymagane' }], existing: [] });
    q<HTMLButtonElement>('[data-action=consent-text-save]').click();
    await settle();
    expect(api.consentTextAdd).toHaveBeenLastCalledWith(null, null, { kind: 'image-consent', title: '', text: '' });
    expect(q('[data-error-for=title]').textContent).toBe('Tytuł: pole jest wymagane');
  });
});
