// Locking from Rust's side, seen by the user: the idle-lock event brings back the unlock screen
// with a calm message; a damaged database can be restored from the newest backup there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import { listen, type Event as TauriEvent } from '@tauri-apps/api/event';
import { createApp } from './app';
import type { AppStatus } from './bindings/AppStatus';
import { settle } from './test/fixtures';

const LOCKED: AppStatus = { initialized: true, unlocked: false, data_dir: '/dane', worker: null, worker_role: null, version: '0.2.0', first_run: null, demo: false, language: 'pl' };
const UNLOCKED: AppStatus = { ...LOCKED, unlocked: true, worker: 'Anna Nowak' };

let handlers: Array<(event: TauriEvent<string>) => void> = [];
let unlistened = 0;
let answers: Record<string, (args: Record<string, unknown> | undefined) => unknown>;
let apps: Array<ReturnType<typeof createApp>> = [];

function emitLocked(payload: string) {
  for (const handler of [...handlers]) handler({ event: 'kartoteka://locked', id: 1, payload });
}

async function mount(status: AppStatus) {
  const root = document.createElement('div');
  document.body.append(root);
  const app = createApp(root);
  apps.push(app);
  app.route(status);
  await settle();
  return root;
}

async function unlockWith(root: HTMLElement, password: string) {
  const input = root.querySelector<HTMLInputElement>('input[type=password]')!;
  input.value = password;
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await settle();
}

beforeEach(() => {
  handlers = [];
  unlistened = 0;
  answers = {
    unlock: () => UNLOCKED,
    touch: () => undefined,
    participant_page: () => ({ total: 0, rows: [] }),
  };
  vi.mocked(invoke).mockReset().mockImplementation(async (command, args) => {
    const answer = answers[command];
    if (!answer) throw { code: 'internal', message: `unexpected ${command}`, fields: [], existing: [] };
    return answer(args as Record<string, unknown> | undefined);
  });
  vi.mocked(listen).mockReset().mockImplementation(async (event, handler) => {
    // Only the lock event is counted here (the status bar also listens for sync status).
    if (event !== 'kartoteka://locked') return () => undefined;
    const h = handler as (event: TauriEvent<string>) => void;
    handlers.push(h);
    return () => {
      unlistened++;
      handlers = handlers.filter((x) => x !== h);
    };
  });
});
afterEach(() => {
  // Leaving for the unlock screen disposes a shell still listening on the window.
  for (const app of apps) app.route(LOCKED);
  apps = [];
  document.body.replaceChildren();
});

describe('idle lock', () => {
  it('returns to the unlock screen with the idle message, then back to the participants', async () => {
    const root = await mount(UNLOCKED);
    expect(root.querySelector('[data-nav=participants]')).not.toBeNull();
    expect(listen).toHaveBeenCalledWith('kartoteka://locked', expect.any(Function));

    emitLocked('idle');
    await settle();
    expect(root.querySelector('[data-view=unlock]')).not.toBeNull();
    const message = root.querySelector<HTMLElement>('[data-lock-reason=idle]')!;
    expect(message.getAttribute('role')).toBe('status');
    expect(message.textContent).toBe('Kartoteka została zablokowana po okresie bezczynności. Wpisz hasło, aby kontynuować.');
    expect(unlistened).toBe(1);

    // Activity on the unlock screen is not reported: nothing is unlocked to keep alive.
    vi.mocked(invoke).mockClear();
    window.dispatchEvent(new Event('keydown'));
    expect(invoke).not.toHaveBeenCalledWith('touch', undefined);

    await unlockWith(root, 'tajne-haslo');
    expect(invoke).toHaveBeenCalledWith('unlock', { password: 'tajne-haslo' });
    expect(root.querySelector('[data-nav=participants]')?.getAttribute('aria-current')).toBe('page');
    expect(root.querySelector('[data-lock-reason]')).toBeNull();
  });

  it('offers Raporty after Dokumenty and opens it', async () => {
    answers.project_list = () => [];
    const root = await mount(UNLOCKED);
    const nav = [...root.querySelectorAll<HTMLElement>('[data-nav]')];
    expect(nav.map((b) => b.dataset.nav)).toEqual(['participants', 'projects', 'plans', 'documents', 'reports', 'sync', 'settings']);
    const reports = root.querySelector<HTMLButtonElement>('[data-nav=reports]')!;
    expect(reports.textContent).toBe('Raporty');
    reports.click();
    await settle();
    expect(root.querySelector('[data-view=reports]')).not.toBeNull();
    expect(reports.getAttribute('aria-current')).toBe('page');
    expect(invoke).toHaveBeenCalledWith('project_list', undefined);
  });

  it('reports activity while unlocked', async () => {
    await mount(UNLOCKED);
    window.dispatchEvent(new Event('mousedown'));
    expect(invoke).toHaveBeenCalledWith('touch', undefined);
  });

  it('shows the plain unlock screen after the "Zablokuj" button', async () => {
    answers.lock = () => LOCKED;
    const root = await mount(UNLOCKED);
    root.querySelector<HTMLButtonElement>('[data-action=lock]')!.click();
    await settle();
    expect(root.querySelector('[data-view=unlock]')).not.toBeNull();
    expect(root.querySelector('[data-lock-reason]')).toBeNull();
  });
});

describe('damaged database', () => {
  it('offers the newest backup and says which copy the data came from', async () => {
    answers.unlock = () => { throw { code: 'corrupt', message: 'Plik kartoteki jest uszkodzony.', fields: [], existing: [] }; };
    answers.backup_list = () => [
      { file: '/dane/backups/b2.kartoteka', bytes: 2048, made_at: '2025-03-04T07:30:00Z', label: 'dzienna' },
      { file: '/dane/backups/b1.kartoteka', bytes: 2048, made_at: '2025-03-03T16:00:00Z', label: 'zamkniecie' },
    ];
    answers.restore_latest_backup = () => UNLOCKED;
    const root = await mount(LOCKED);
    expect(root.querySelector('[data-action=restore-latest]')?.closest('[hidden]')).not.toBeNull();

    await unlockWith(root, 'haslo123');
    expect(root.querySelector('[data-error-for=password]')?.textContent).toBe('Plik kartoteki jest uszkodzony.');
    const restore = root.querySelector<HTMLButtonElement>('[data-action=restore-latest]')!;
    expect(restore.closest('[hidden]')).toBeNull();
    expect(restore.textContent).toBe('Przywróć najnowszą kopię zapasową');

    restore.click();
    await settle();
    await settle();
    expect(invoke).toHaveBeenCalledWith('restore_latest_backup', { password: 'haslo123' });
    expect(root.querySelector('[data-nav=participants]')).not.toBeNull();
    const info = root.querySelector<HTMLElement>('[data-info-bar]')!;
    expect(info.hidden).toBe(false);
    expect(info.getAttribute('role')).toBe('status');
    expect(info.textContent).toContain('04.03.2025 08:30');
  });

  it('offers the newest backup when the database file is missing', async () => {
    const message = 'Brakuje pliku bazy danych /dane/kartoteka.db, choć klucze kartoteki (keys.json) są na miejscu.';
    answers.unlock = () => { throw { code: 'database_missing', message, fields: [], existing: [] }; };
    answers.backup_list = () => [];
    answers.restore_latest_backup = () => UNLOCKED;
    const root = await mount(LOCKED);
    await unlockWith(root, 'haslo123');
    expect(root.querySelector('[data-error-for=password]')?.textContent).toBe(message);
    const panel = root.querySelector<HTMLElement>('[data-corrupt]')!;
    expect(panel.hidden).toBe(false);
    expect(panel.textContent).not.toContain('Uszkodzony plik');
    panel.querySelector<HTMLButtonElement>('[data-action=restore-latest]')!.click();
    await settle();
    await settle();
    expect(invoke).toHaveBeenCalledWith('restore_latest_backup', { password: 'haslo123' });
    expect(root.querySelector('[data-nav=participants]')).not.toBeNull();
  });

  it('keeps the unlock screen with the message when restoring fails', async () => {
    answers.unlock = () => { throw { code: 'corrupt', message: 'Uszkodzony.', fields: [], existing: [] }; };
    answers.backup_list = () => [];
    answers.restore_latest_backup = () => { throw { code: 'not_found', message: 'Nie ma żadnej kopii zapasowej w folderze danych.', fields: [], existing: [] }; };
    const root = await mount(LOCKED);
    await unlockWith(root, 'x');
    root.querySelector<HTMLButtonElement>('[data-action=restore-latest]')!.click();
    await settle();
    await settle();
    expect(root.querySelector('[data-view=unlock]')).not.toBeNull();
    expect(root.querySelector('[data-error-for=password]')?.textContent).toBe('Nie ma żadnej kopii zapasowej w folderze danych.');
  });
});

describe('forgotten password', () => {
  function fill(root: HTMLElement, values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-form=password-reset] [name=${name}]`)!;
      el.value = value;
    }
  }

  it('sets a new password with the recovery key for the chosen worker and unlocks', async () => {
    answers.workers = () => ['Anna Nowak', 'Beata Kos'];
    answers.password_reset = () => UNLOCKED;
    const root = await mount(LOCKED);
    root.querySelector<HTMLButtonElement>('[data-action=forgot-password]')!.click();
    await settle();
    const form = root.querySelector<HTMLFormElement>('[data-form=password-reset]')!;
    expect(form).not.toBeNull();
    expect(document.activeElement).toBe(form.querySelector('input[name=recovery_key]'));
    fill(root, { recovery_key: 'abcde-fghjk', worker: 'Beata Kos', new_password: 'zielony rower nad Wartą', repeat_password: 'zielony rower nad Wartą' });
    form.querySelector<HTMLButtonElement>('[data-action=password-reset]')!.click();
    await settle();
    await settle();
    expect(invoke).toHaveBeenCalledWith('password_reset', { recovery_key: 'abcde-fghjk', worker: 'Beata Kos', new_password: 'zielony rower nad Wartą' });
    expect(root.querySelector('[data-nav=participants]')).not.toBeNull();
    expect(root.querySelector('[data-info-bar]')?.textContent).toContain('Ustawiono nowe hasło');
  });

  it('shows a wrong key under the key field and goes back to the password', async () => {
    answers.workers = () => ['Anna Nowak'];
    answers.password_reset = () => { throw { code: 'wrong_password', message: 'Nieprawidłowy klucz odzyskiwania.', fields: [], existing: [] }; };
    const root = await mount(LOCKED);
    root.querySelector<HTMLButtonElement>('[data-action=forgot-password]')!.click();
    await settle();
    expect(root.querySelector('select[name=worker]')).toBeNull();
    fill(root, { recovery_key: 'zly', new_password: 'zielony rower nad Wartą', repeat_password: 'zielony rower nad Wartą' });
    root.querySelector<HTMLButtonElement>('[data-action=password-reset]')!.click();
    await settle();
    await settle();
    expect(invoke).toHaveBeenCalledWith('password_reset', { recovery_key: 'zly', worker: 'Anna Nowak', new_password: 'zielony rower nad Wartą' });
    expect(root.querySelector('[data-error-for=recovery_key]')?.textContent).toBe('Nieprawidłowy klucz odzyskiwania.');
    root.querySelector<HTMLButtonElement>('[data-action=reset-back]')!.click();
    expect(root.querySelector('#unlock-password')).not.toBeNull();
  });
});
