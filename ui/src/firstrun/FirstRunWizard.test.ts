// The first-run wizard as the app routes to it: an empty data folder goes through the five
// steps to the participant list; a wizard a closed window left resumes with a new recovery key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => undefined) }));
import { invoke } from '@tauri-apps/api/core';
import { createApp } from '../app';
import type { AppStatus } from '../bindings/AppStatus';
import { settle } from '../test/fixtures';

const EMPTY: AppStatus = { initialized: false, unlocked: false, data_dir: '/dane', worker: null, worker_role: null, version: '0.1.0', first_run: null, demo: false, language: 'pl' };
const CREATED: AppStatus = { ...EMPTY, initialized: true, unlocked: true, worker: 'Anna Nowak', worker_role: 'asystent rodziny', first_run: 'recovery_key' };
const DONE: AppStatus = { ...CREATED, first_run: null };

let calls: Array<[string, unknown]>;
let answers: Record<string, (args: Record<string, unknown> | undefined) => unknown>;

beforeEach(() => {
  calls = [];
  answers = {
    setup: () => ({ recovery_key: 'ABCDE-FGHJK-LMNPQ', status: CREATED }),
    first_run_continue: (a) => (a?.next === null ? DONE : { ...CREATED, first_run: a?.next }),
    first_run_recovery_key: () => 'NOWYK-LUCZZ-12345',
    recovery_key_sheet: () => '/home/anna/Dokumenty/Kartoteka/Klucz odzyskiwania – 2026-12-07.pdf',
    sync_status: () => ({ status: { configured: false } }),
    demo_add: () => ({ participants: 50, projects: 2 }),
    app_status: () => CREATED,
    touch: () => undefined,
    participant_page: () => ({ total: 0, rows: [] }),
  };
  vi.mocked(invoke).mockReset().mockImplementation(async (command, args) => {
    calls.push([command, args]);
    const answer = answers[command];
    if (!answer) throw { code: 'internal', message: `unexpected ${command}`, fields: [], existing: [] };
    return answer(args as Record<string, unknown> | undefined);
  });
});
afterEach(() => document.body.replaceChildren());

async function start(status: AppStatus) {
  const root = document.createElement('div');
  document.body.append(root);
  createApp(root).route(status);
  await settle();
  await settle();
  return root;
}

function type(root: HTMLElement, name: string, value: string) {
  root.querySelector<HTMLInputElement>(`[name=${name}]`)!.value = value;
}

async function next(root: HTMLElement) {
  root.querySelector<HTMLButtonElement>('[data-action=wizard-next]')!.click();
  for (let i = 0; i < 4; i++) await settle();
}

const step = (root: HTMLElement) => root.querySelector<HTMLFormElement>('[data-form=first-run]')!.dataset.step;

describe('first-run wizard', () => {
  it('goes from an empty folder to the participant list, creating the store at step 2', async () => {
    const root = await start(EMPTY);
    expect(step(root)).toBe('organisation');
    await next(root);
    expect(root.querySelector('[data-error-for=org_name]')!.textContent).toBe('Nazwa organizacji: pole jest wymagane');
    expect(calls.some(([c]) => c === 'setup')).toBe(false);

    type(root, 'org_name', 'Gminny Ośrodek Pomocy Społecznej w Żółkiewce');
    type(root, 'org_dpo_contact', 'Jan Kowalski, iod@zolkiewka.example.pl');
    await next(root);
    expect(step(root)).toBe('worker');
    // Back keeps what was typed.
    root.querySelector<HTMLButtonElement>('[data-action=wizard-back]')!.click();
    await settle();
    expect(root.querySelector<HTMLInputElement>('[name=org_name]')!.value).toBe('Gminny Ośrodek Pomocy Społecznej w Żółkiewce');
    await next(root);

    type(root, 'worker', 'Anna Nowak');
    type(root, 'role', 'asystent rodziny');
    type(root, 'password', 'zielony rower nad Wartą');
    type(root, 'password_repeat', 'zielony rower nad Wisłą');
    await next(root);
    expect(root.querySelector('[data-error-for=password_repeat]')!.textContent).toBe('Hasła nie są takie same — wpisz je ponownie.');
    type(root, 'password_repeat', 'zielony rower nad Wartą');
    await next(root);
    const setup = calls.find(([c]) => c === 'setup')![1] as { request: Record<string, unknown> };
    expect(setup.request.worker).toBe('Anna Nowak');
    expect(setup.request.role).toBe('asystent rodziny');
    expect((setup.request.organisation as { dpo_contact: string }).dpo_contact).toBe('Jan Kowalski, iod@zolkiewka.example.pl');

    expect(step(root)).toBe('recovery_key');
    expect(root.querySelector('[data-recovery-key]')!.textContent).toBe('ABCDE-FGHJK-LMNPQ');
    root.querySelector<HTMLButtonElement>('[data-action=recovery-print]')!.click();
    await settle();
    expect(calls).toContainEqual(['recovery_key_sheet', { recovery_key: 'ABCDE-FGHJK-LMNPQ' }]);
    expect(root.querySelector('[data-form-status=recovery-key]')!.textContent).toContain('Klucz odzyskiwania – 2026-12-07.pdf');
    await next(root);
    expect(root.querySelector('[data-error-for=key_written]')!.textContent).toContain('Zaznacz, że klucz jest zapisany');
    root.querySelector<HTMLInputElement>('[name=key_written]')!.checked = true;
    await next(root);
    expect(calls).toContainEqual(['first_run_continue', { next: 'sync' }]);

    expect(step(root)).toBe('sync');
    await next(root);
    expect(calls).toContainEqual(['first_run_continue', { next: 'demo' }]);
    expect(calls.some(([c]) => c === 'sync_setup')).toBe(false);

    expect(step(root)).toBe('demo');
    root.querySelector<HTMLInputElement>('input[value=add]')!.checked = true;
    await next(root);
    expect(calls.map(([c]) => c)).toContain('demo_add');
    expect(calls).toContainEqual(['first_run_continue', { next: null }]);
    await settle();
    expect(root.querySelector('[data-screen=shell]')).not.toBeNull();
  });

  it('sends an error on the organisation back to step 1 under its field', async () => {
    answers.setup = () => {
      throw { code: 'invalid_input', message: 'Popraw dane', fields: [{ field: 'controller_name', message: 'Administrator danych: najwyżej 200 znaków' }], existing: [] };
    };
    const root = await start(EMPTY);
    type(root, 'org_name', 'OPS');
    await next(root);
    type(root, 'worker', 'Anna Nowak');
    type(root, 'password', 'zielony rower nad Wartą');
    type(root, 'password_repeat', 'zielony rower nad Wartą');
    await next(root);
    expect(step(root)).toBe('organisation');
    expect(root.querySelector('[data-error-for=org_controller_name]')!.textContent).toBe('Administrator danych: najwyżej 200 znaków');
  });

  it('resumes after the unlock with a new recovery key when the first was not confirmed', async () => {
    const root = await start(CREATED);
    expect(step(root)).toBe('recovery_key');
    expect(root.querySelector('[data-recovery-key]')!.textContent).toBe('NOWYK-LUCZZ-12345');
    expect(root.textContent).toContain('wygenerowano nowy klucz');
    // Back shows the worker made, not a form to make another.
    root.querySelector<HTMLButtonElement>('[data-action=wizard-back]')!.click();
    await settle();
    await settle();
    expect(root.querySelector('[data-worker-summary]')!.textContent).toBe('Kartotekę utworzono. Pracownik: Anna Nowak (asystent rodziny).');
  });

  it('joins the organisation’s sync from step 4', async () => {
    answers.sync_setup = () => ({ organisation: 'mops testowo' });
    answers.sync_settings_save = (a) => a?.settings;
    const root = await start({ ...CREATED, first_run: 'sync' });
    expect(step(root)).toBe('sync');
    expect(root.querySelector<HTMLElement>('[data-group=sync-join]')!.hidden).toBe(true);
    const join = root.querySelector<HTMLInputElement>('input[value=join]')!;
    join.checked = true;
    join.dispatchEvent(new Event('change'));
    expect(root.querySelector<HTMLElement>('[data-group=sync-join]')!.hidden).toBe(false);
    type(root, 'passphrase', 'wspólne hasło synchronizacji 2026');
    type(root, 'folder', '/media/pendrive/kartoteka');
    await next(root);
    expect(calls).toContainEqual(['sync_setup', { passphrase: 'wspólne hasło synchronizacji 2026', organisation: null }]);
    expect(calls).toContainEqual(['sync_settings_save', { settings: { folder: '/media/pendrive/kartoteka', interval_minutes: 60 } }]);
    expect(step(root)).toBe('demo');
  });

  it('offers no demo data once sync is on', async () => {
    answers.sync_status = () => ({ status: { configured: true } });
    const root = await start({ ...CREATED, first_run: 'demo' });
    expect(step(root)).toBe('demo');
    expect(root.querySelector<HTMLInputElement>('input[value=add]')!.disabled).toBe(true);
    expect(root.querySelector<HTMLElement>('[data-demo-blocked]')!.hidden).toBe(false);
  });
});
