// The language of the window: the data folder's choice is spoken from the unlock screen on;
// switching in Ustawienia rebuilds the window in the other language at Ustawienia, and back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => undefined) }));
import { invoke } from '@tauri-apps/api/core';
import { createApp } from '../app';
import type { AppStatus } from '../bindings/AppStatus';
import { currentLanguage, useLanguage } from '../i18n';
import { settle } from '../test/fixtures';

const LOCKED: AppStatus = { initialized: true, unlocked: false, data_dir: '/dane', worker: null, worker_role: null, version: '0.2.0', first_run: null, demo: false, language: 'en' };
const UNLOCKED: AppStatus = { ...LOCKED, unlocked: true, worker: 'Anna Nowak' };
let saved: AppStatus['language'] = 'en';

beforeEach(() => {
  saved = 'en';
  vi.mocked(invoke).mockReset().mockImplementation(async (command, args) => {
    const a = args as Record<string, unknown> | undefined;
    switch (command) {
      case 'language_set':
        saved = a?.language as AppStatus['language'];
        return { ...UNLOCKED, language: saved };
      case 'unlock': return { ...UNLOCKED, language: saved };
      case 'participant_page': return { total: 0, rows: [] };
      case 'draft_latest': return null;
      case 'settings_get': return { idle_lock_minutes: 10, backups_to_keep: 10, print_files_keep_days: 30 };
      case 'organisation_get': return { name: 'OPS', address_lines: [], place: 'Łódź', logo_strip_base64: null, controller_name: '', controller_address: '', dpo_contact: '' };
      case 'app_status': return { ...UNLOCKED, language: saved };
      case 'backup_list': case 'project_list': case 'consent_texts': case 'anonymisation_candidates': case 'audit_log': return [];
      default: return null;
    }
  });
});
afterEach(() => {
  useLanguage('pl');
  document.body.replaceChildren();
});

function choose(root: HTMLElement, lang: string) {
  const select = root.querySelector<HTMLSelectElement>('#language-switch')!;
  select.value = lang;
  select.dispatchEvent(new Event('change'));
}

describe('language', () => {
  it('speaks the data folder’s language from the unlock screen on, and marks the page for screen readers', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    createApp(root).route(LOCKED);
    await settle();
    expect(root.querySelector('button[type=submit]')?.textContent).toBe('Unlock');
    expect(document.documentElement.lang).toBe('en');
    expect(root.querySelector<HTMLSelectElement>('#language-switch')?.value).toBe('en');
    expect(root.querySelector('label[for=language-switch]')?.textContent).toBe('Język / Language');
  });

  it('switches in Ustawienia, remembers it in Rust and rebuilds the window there; and back', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const app = createApp(root);
    app.route({ ...UNLOCKED, language: 'pl' });
    await settle();
    expect(root.querySelector('[data-nav=settings]')?.textContent).toBe('Ustawienia');
    (root.querySelector('[data-nav=settings]') as HTMLButtonElement).click();
    await settle();
    choose(root, 'en');
    await settle();
    expect(invoke).toHaveBeenCalledWith('language_set', { language: 'en' });
    expect(currentLanguage()).toBe('en');
    expect(root.querySelector('[data-nav=participants]')?.textContent).toBe('Participants');
    expect(root.querySelector('[data-view=settings] h1')?.textContent).toBe('Settings');
    expect(root.querySelector('[data-nav=settings]')?.getAttribute('aria-current')).toBe('page');

    choose(root, 'pl');
    await settle();
    expect(root.querySelector('[data-nav=participants]')?.textContent).toBe('Uczestnicy');
    expect(document.documentElement.lang).toBe('pl');
    app.route({ ...LOCKED, language: 'pl' });
  });
});
