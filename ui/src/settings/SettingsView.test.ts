// The settings page: numbers sent as numbers with Rust's field errors under the fields, the
// password change (repeat checked here, the rest by Rust), and the backups list and button.
// The organisation and consent-text sections are tested in OrganisationSection.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../bindings/ApiError';
import { deferred, fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return {
    ...real,
    api: {
      appStatus: vi.fn(), settingsGet: vi.fn(), settingsSave: vi.fn(), passwordChange: vi.fn(),
      backupList: vi.fn(), backupCreate: vi.fn(), organisationGet: vi.fn(), organisationSave: vi.fn(),
      projectList: vi.fn(), consentTexts: vi.fn(), consentTextAdd: vi.fn(),
    },
  };
});
import { api } from '../api';
import { settingsView } from './SettingsView';

const invalid = (field: string, message: string): ApiError => ({ code: 'invalid_input', message: 'Popraw dane', fields: [{ field, message }], existing: [] });
const ORGANISATION = { name: 'Fundacja Razem', address_lines: ['ul. Długa 1', '00-001 Warszawa'], place: 'Warszawa', logo_strip_base64: null,
  controller_name: 'Gmina Warszawa', controller_address: 'pl. Bankowy 3/5, 00-950 Warszawa', dpo_contact: 'iod@razem.example.pl' };
const BACKUP = { file: '/dane/backups/a.kartoteka', bytes: 1_572_864, made_at: '2025-01-15T10:05:00Z', label: 'dzienna' };

async function mount() {
  const ctx = fakeContext();
  const view = settingsView(ctx);
  document.body.append(view.el);
  await settle();
  const q = <T extends Element = HTMLElement>(selector: string) => view.el.querySelector(selector) as T;
  const input = (name: string) => q<HTMLInputElement>(`input[name=${name}]`);
  const submit = (action: string) => q<HTMLButtonElement>(`[data-action=${action}]`).click();
  return { ctx, q, input, submit };
}

describe('settings view', () => {
  beforeEach(() => {
    vi.mocked(api.appStatus).mockResolvedValue(fakeContext().status);
    vi.mocked(api.settingsGet).mockResolvedValue({ idle_lock_minutes: 10, backups_to_keep: 10, print_files_keep_days: 30 });
    vi.mocked(api.backupList).mockResolvedValue([BACKUP]);
    vi.mocked(api.organisationGet).mockResolvedValue(ORGANISATION);
    vi.mocked(api.projectList).mockResolvedValue([]);
    vi.mocked(api.consentTexts).mockResolvedValue([]);
  });
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('saves the typed numbers and shows Rust’s field error under its field', async () => {
    const { q, input, submit } = await mount();
    expect(q('h1').textContent).toBe('Ustawienia');
    expect(input('idle_lock_minutes').value).toBe('10');
    expect(input('idle_lock_minutes').type).toBe('number');
    expect(q(`label[for="${input('backups_to_keep').id}"]`).textContent).toBe('Liczba zachowywanych kopii automatycznych');

    vi.mocked(api.settingsSave).mockRejectedValueOnce(invalid('idle_lock_minutes', 'Blokada po bezczynności: podaj od 1 do 240 minut'));
    input('idle_lock_minutes').value = '500';
    submit('settings-save');
    await settle();
    expect(api.settingsSave).toHaveBeenLastCalledWith({ idle_lock_minutes: 500, backups_to_keep: 10, print_files_keep_days: 30 });
    expect(q('[data-error-for=idle_lock_minutes]').textContent).toContain('od 1 do 240');
    expect(input('idle_lock_minutes').getAttribute('aria-invalid')).toBe('true');
    expect(q('[data-form-status=settings]').textContent).toBe('');

    vi.mocked(api.settingsSave).mockResolvedValueOnce({ idle_lock_minutes: 30, backups_to_keep: 10, print_files_keep_days: 30 });
    input('idle_lock_minutes').value = '30';
    submit('settings-save');
    await settle();
    expect(q('[data-error-for=idle_lock_minutes]').hidden).toBe(true);
    const saved = q('[data-form-status=settings]');
    expect(saved.getAttribute('role')).toBe('status');
    expect(saved.textContent).toBe('Zapisano ustawienia.');
  });

  it('checks the repeated password itself and places Rust’s password errors', async () => {
    const { q, input, submit } = await mount();
    input('current_password').value = 'stare-haslo';
    input('new_password').value = 'nowe-haslo-1';
    input('repeat_password').value = 'nowe-haslo-2';
    submit('password-change');
    await settle();
    expect(api.passwordChange).not.toHaveBeenCalled();
    expect(q('[data-error-for=repeat_password]').textContent).toContain('nie są takie same');

    input('repeat_password').value = 'nowe-haslo-1';
    vi.mocked(api.passwordChange).mockRejectedValueOnce({ code: 'wrong_password', message: 'Nieprawidłowe hasło.', fields: [], existing: [] });
    submit('password-change');
    await settle();
    expect(api.passwordChange).toHaveBeenLastCalledWith('stare-haslo', 'nowe-haslo-1');
    expect(q('[data-error-for=current_password]').textContent).toBe('Nieprawidłowe hasło.');
    expect(q('[data-error-for=repeat_password]').hidden).toBe(true);

    vi.mocked(api.passwordChange).mockRejectedValueOnce(invalid('password', 'Hasło musi mieć co najmniej 10 znaków'));
    submit('password-change');
    await settle();
    expect(q('[data-error-for=new_password]').textContent).toBe('Hasło musi mieć co najmniej 10 znaków');

    vi.mocked(api.passwordChange).mockResolvedValueOnce(undefined);
    submit('password-change');
    await settle();
    expect(q('[data-form-status=password]').textContent).toContain('Hasło zostało zmienione');
    expect(input('current_password').value).toBe('');
  });

  it('lists the backups and makes one now, busy while it runs', async () => {
    const { q, submit } = await mount();
    expect(q('[data-backup-folder]').textContent).toContain('/dane/backups');
    const row = q('[data-backup-label=dzienna]');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['15.01.2025 11:05', 'codzienna (automatyczna)', '1,5 MB']);

    const made = deferred<typeof BACKUP>();
    vi.mocked(api.backupCreate).mockReturnValueOnce(made.promise);
    submit('backup-create');
    const button = q<HTMLButtonElement>('[data-action=backup-create]');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');

    const manual = { ...BACKUP, file: '/dane/backups/b.kartoteka', label: 'reczna', bytes: 2048, made_at: '2025-01-16T08:00:00Z' };
    vi.mocked(api.backupList).mockResolvedValueOnce([manual, BACKUP]);
    made.resolve(manual);
    await settle();
    expect(button.disabled).toBe(false);
    expect(q('[data-backup-label=reczna]').textContent).toContain('ręczna');
    expect(q('[data-form-status=backup]').textContent).toBe('Utworzono kopię zapasową (2,0 KB).');
    expect(api.backupCreate).toHaveBeenLastCalledWith(false);
  });

  it('makes a copy for another computer only when asked, and says which files to take', async () => {
    const { q, submit } = await mount();
    q<HTMLInputElement>('input[name=for_another_computer]').checked = true;
    const moved = { ...BACKUP, label: 'przeniesienie', bytes: 4096 };
    vi.mocked(api.backupCreate).mockResolvedValueOnce(moved);
    vi.mocked(api.backupList).mockResolvedValueOnce([moved, BACKUP]);
    submit('backup-create');
    await settle();
    expect(api.backupCreate).toHaveBeenLastCalledWith(true);
    expect(q('[data-backup-label=przeniesienie]').textContent).toContain('do przeniesienia na inny komputer');
    expect(q('[data-form-status=backup]').textContent).toContain('.kbak.keys.json');
  });
});
