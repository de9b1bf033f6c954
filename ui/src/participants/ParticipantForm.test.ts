// The participant form: errors only for visited fields on blur, all after saving, and the
// likely-duplicate panel with "To inna osoba — zapisz".
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../bindings/ApiError';
import { fakeContext, PARTICIPANT, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: {
      participantValidate: vi.fn(), participantAdd: vi.fn(), participantGet: vi.fn(), participantUpdate: vi.fn(),
      draftGet: vi.fn(async () => null), draftSave: vi.fn(async () => undefined), draftDelete: vi.fn(async () => true),
    },
  };
});
import { api } from '../api';
import { ParticipantForm } from './ParticipantForm';

const ERRORS = [
  { field: 'first_name', message: 'Imię: pole jest wymagane' },
  { field: 'address.postcode', message: 'Kod pocztowy musi mieć postać NN-NNN' },
];

async function mountNew() {
  const ctx = fakeContext();
  const view = ParticipantForm(ctx, null);
  document.body.append(view.el);
  await settle();
  const form = view.el.querySelector('form') as HTMLFormElement;
  const field = (name: string) => form.querySelector(`[name="${name}"]`) as HTMLInputElement;
  const error = (name: string) => form.querySelector(`[data-error-for="${name}"]`) as HTMLElement;
  return { ctx, form, field, error };
}

const blur = (el: HTMLElement) => el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));

describe('ParticipantForm', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the birth date and sex as read from a PESEL, not typed', async () => {
    const { form, field } = await mountNew();
    expect(field('birth_date').readOnly).toBe(false);
    field('pesel').value = '02270803624';
    field('pesel').dispatchEvent(new Event('input', { bubbles: true }));
    expect(field('birth_date').readOnly).toBe(true);
    expect((form.querySelector('select[name="sex"]') as HTMLSelectElement).disabled).toBe(true);
    expect(form.querySelector('[data-field="birth_date"] .hint')!.textContent).toContain('odczytywane z numeru PESEL przy zapisie');
    const noPesel = form.querySelector('input[name="no_pesel"]') as HTMLInputElement;
    noPesel.checked = true;
    noPesel.dispatchEvent(new Event('change', { bubbles: true }));
    expect(field('birth_date').readOnly).toBe(false);
  });

  it('keeps what is typed as a draft, puts a kept draft back, and forgets it once saved', async () => {
    vi.mocked(api.draftGet).mockResolvedValueOnce({
      key: 'participant-new', route: '{"view":"participant-new"}', data: '{"first_name":"Zofia","last_name":"Wąs"}', saved_at: '2026-12-07T09:15:00Z',
    });
    const { ctx, form, field } = await mountNew();
    await settle();
    expect(api.draftGet).toHaveBeenCalledWith('participant-new');
    expect(field('first_name').value).toBe('Zofia');
    expect(form.querySelector('[data-draft-notice]')!.textContent).toContain('Przywrócono niezapisany szkic');

    vi.useFakeTimers();
    field('last_name').value = 'Wąsowska';
    field('last_name').dispatchEvent(new Event('input', { bubbles: true }));
    vi.advanceTimersByTime(1600);
    vi.useRealTimers();
    await settle();
    const calls = vi.mocked(api.draftSave).mock.calls;
    const [key, route, data] = calls[calls.length - 1];
    expect([key, route]).toEqual(['participant-new', '{"view":"participant-new"}']);
    expect(JSON.parse(data)).toMatchObject({ first_name: 'Zofia', last_name: 'Wąsowska' });

    vi.mocked(api.participantAdd).mockResolvedValueOnce('p-9');
    form.requestSubmit();
    await settle();
    await settle();
    expect(api.draftDelete).toHaveBeenCalledWith('participant-new');
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'participant', id: 'p-9' });

    // "Odrzuć szkic" puts the form back as it opened.
    vi.mocked(api.draftGet).mockResolvedValueOnce({
      key: 'participant-new', route: '{"view":"participant-new"}', data: '{"first_name":"Ola"}', saved_at: '2026-12-07T09:15:00Z',
    });
    const second = await mountNew();
    await settle();
    expect(second.field('first_name').value).toBe('Ola');
    second.form.querySelector<HTMLButtonElement>('[data-action=draft-discard]')!.click();
    await settle();
    expect(second.field('first_name').value).toBe('');
    expect(second.form.querySelector<HTMLElement>('[data-draft-notice]')!.hidden).toBe(true);
  });

  it('has a labelled control named by its JSON key for every field', async () => {
    const { form, field } = await mountNew();
    for (const name of ['first_name', 'last_name', 'pesel', 'birth_date', 'sex', 'address.postcode', 'address.voivodeship', 'correspondence_address.town', 'email', 'disability', 'notes']) {
      const el = field(name);
      expect(el, name).not.toBeNull();
      expect(form.querySelector(`label[for="${el.id}"]`), name).not.toBeNull();
    }
    expect(document.activeElement).toBe(field('first_name'));
  });

  it('on blur shows only the errors of fields already visited', async () => {
    vi.mocked(api.participantValidate).mockResolvedValue(ERRORS);
    const { field, error } = await mountNew();
    field('address.postcode').value = '123';
    blur(field('address.postcode'));
    await settle();
    expect(api.participantValidate).toHaveBeenLastCalledWith({ address: { postcode: '123' } });
    expect(error('address.postcode').hidden).toBe(false);
    expect(error('address.postcode').textContent).toContain('NN-NNN');
    expect(field('address.postcode').getAttribute('aria-invalid')).toBe('true');
    expect(error('first_name').hidden).toBe(true);
  });

  it('after a failed save shows every error, a summary, and focuses the first bad field', async () => {
    const invalid: ApiError = { code: 'invalid_input', message: 'Popraw dane', fields: ERRORS, existing: [] };
    vi.mocked(api.participantAdd).mockImplementation(async () => { throw invalid; });
    const { form, field, error } = await mountNew();
    form.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    await settle();
    expect(error('first_name').textContent).toBe('Imię: pole jest wymagane');
    expect(error('address.postcode').hidden).toBe(false);
    expect(form.querySelector('[data-form-summary]')?.textContent).toContain('Popraw zaznaczone pola');
    expect(document.activeElement).toBe(field('first_name'));
    // The summary lists each wrong field as a link, in the form's order; a link takes her there.
    const links = [...form.querySelectorAll<HTMLButtonElement>('[data-form-summary] [data-error-link]')];
    expect(links.map((l) => [l.dataset.errorLink, l.textContent])).toEqual([
      ['first_name', 'Imię: pole jest wymagane'], ['address.postcode', 'Kod pocztowy musi mieć postać NN-NNN'],
    ]);
    Element.prototype.scrollIntoView = vi.fn();
    links[1].click();
    expect(document.activeElement).toBe(field('address.postcode'));
    expect(Element.prototype.scrollIntoView).toHaveBeenCalled();
  });

  it('offers the likely duplicates and saves with confirmation on "To inna osoba — zapisz"', async () => {
    const likely: ApiError = {
      code: 'likely_duplicate',
      message: 'Podobna osoba',
      fields: [],
      existing: [{ id: 'old-1', name: 'Anna Kowalska', birth_date: '03.02.1990', town: 'Łódź' }],
    };
    vi.mocked(api.participantAdd).mockImplementation(async (_input, confirm) => {
      if (!confirm) throw likely;
      return 'new-1';
    });
    const { ctx, form, field } = await mountNew();
    field('first_name').value = 'Anna';
    field('last_name').value = 'Kowalska';
    form.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    await settle();
    const panel = form.querySelector('[data-duplicate="likely_duplicate"]') as HTMLElement;
    expect(panel.textContent).toContain('Anna Kowalska, ur. 03.02.1990, Łódź');

    panel.querySelector<HTMLButtonElement>('[data-action="save-anyway"]')!.click();
    await settle();
    expect(api.participantAdd).toHaveBeenLastCalledWith({ first_name: 'Anna', last_name: 'Kowalska' }, true);
    expect(ctx.navigate).toHaveBeenLastCalledWith({ view: 'participant', id: 'new-1' });
  });

  it('"Otwórz istniejący" opens the existing record', async () => {
    const same: ApiError = {
      code: 'duplicate',
      message: 'Osoba o numerze PESEL jest już w kartotece',
      fields: [{ field: 'pesel', message: 'Ten PESEL jest już w kartotece' }],
      existing: [{ id: 'old-2', name: 'Jan Nowak', birth_date: '01.01.1970', town: null }],
    };
    vi.mocked(api.participantAdd).mockImplementation(async () => { throw same; });
    const { ctx, form, error } = await mountNew();
    form.querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    await settle();
    expect(error('pesel').textContent).toBe('Ten PESEL jest już w kartotece');
    expect(form.querySelector('[data-action="save-anyway"]')).toBeNull();
    form.querySelector<HTMLButtonElement>('[data-action="open-existing"]')!.click();
    expect(ctx.navigate).toHaveBeenLastCalledWith({ view: 'participant', id: 'old-2' });
  });

  it('opened from the CST2021 check marks the missing fields, focuses the first and returns to the report', async () => {
    vi.mocked(api.participantGet).mockResolvedValueOnce(PARTICIPANT);
    vi.mocked(api.participantValidate).mockResolvedValue([]);
    vi.mocked(api.participantUpdate).mockResolvedValueOnce(undefined as never);
    const ctx = fakeContext();
    const view = ParticipantForm(ctx, 'p-1', { projectId: 'proj-1', fields: ['education', 'address.town'] });
    document.body.append(view.el);
    await settle();
    const form = view.el.querySelector('form') as HTMLFormElement;
    const error = (name: string) => form.querySelector(`[data-error-for="${name}"]`) as HTMLElement;
    expect(error('education').textContent).toBe('Wymagane w raporcie CST2021 — uzupełnij.');
    expect(error('address.town').hidden).toBe(false);
    // The first marked field in the form's order (the address comes before education).
    expect(document.activeElement).toBe(form.querySelector('[name="address.town"]'));
    // Filled in, the mark goes at the next check; the other stays.
    const town = form.querySelector('[name="address.town"]') as HTMLInputElement;
    town.value = 'Łódź';
    town.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect(error('address.town').hidden).toBe(true);
    expect(error('education').hidden).toBe(false);

    form.querySelector<HTMLButtonElement>('[data-action="back-to-report"]')!.click();
    expect(ctx.navigate).toHaveBeenLastCalledWith({ view: 'reports', cstProject: 'proj-1' });
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.participantUpdate).toHaveBeenCalled();
    expect(ctx.navigate).toHaveBeenLastCalledWith({ view: 'reports', cstProject: 'proj-1' });
  });

  it('marks a value the report refuses until she changes it', async () => {
    vi.mocked(api.participantGet).mockResolvedValueOnce({ ...PARTICIPANT, email: 'łucja@poczta.pl' });
    vi.mocked(api.participantValidate).mockResolvedValue([]);
    const ctx = fakeContext();
    const view = ParticipantForm(ctx, 'p-1', { projectId: 'proj-1', fields: ['email'], problems: { email: 'adres e-mail zawiera polskie litery' } });
    document.body.append(view.el);
    await settle();
    const form = view.el.querySelector('form') as HTMLFormElement;
    const error = form.querySelector('[data-error-for="email"]') as HTMLElement;
    expect(error.textContent).toBe('Raport CST2021: adres e-mail zawiera polskie litery.');
    expect(document.activeElement).toBe(form.querySelector('[name="email"]'));
    const email = form.querySelector('[name="email"]') as HTMLInputElement;
    email.value = 'lucja@poczta.pl';
    email.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect(error.hidden).toBe(true);
  });
});
