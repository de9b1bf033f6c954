// The help window: F1 and "Pomoc" open the page of the view on screen, the topics switch pages,
// Escape and "Zamknij" close it and give focus back, Tab stays inside; every page's texts exist in
// both languages with every placeholder filled, and screenshots have alt texts and hide when
// missing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => undefined) }));
import { invoke } from '@tauri-apps/api/core';
import { createApp } from '../app';
import type { AppStatus } from '../bindings/AppStatus';
import { setDictionary, type MessageKey } from '../i18n';
import { en } from '../i18n/en';
import { pl } from '../i18n/pl';
import { helpTexts } from '../i18n/pl/help';
import { key, settle } from '../test/fixtures';
import { closeHelp, helpText, openHelp, openHelpWindow, renderHelpPage } from './HelpPanel';
import { HELP_PAGES, HELP_TOPICS, type HelpPage, type HelpText } from './helpPages';

const UNLOCKED: AppStatus = { initialized: true, unlocked: true, data_dir: '/dane', worker: 'Anna Nowak', worker_role: null, version: '0.2.0', first_run: null, demo: false, language: 'pl' };
const LOCKED: AppStatus = { ...UNLOCKED, unlocked: false, worker: null };

/** Every text of a page with the keys it names as labels. */
function textsOf(page: HelpPage): HelpText[] {
  return [
    page.intro,
    ...page.tasks.flatMap((task) => [...task.steps, ...(task.note ? [task.note] : [])]),
    ...(page.shortcuts ?? []).flatMap((s) => [s.what, s.where]),
    ...(page.note ? [page.note] : []),
  ];
}

function keysOf(page: HelpPage): MessageKey[] {
  return [
    page.title,
    ...(page.screenshot ? [page.screenshot.alt] : []),
    ...page.tasks.map((task) => task.title),
    ...(page.shortcuts ?? []).flatMap((s) => s.keys),
    ...textsOf(page).flatMap((text) => [text.key, ...Object.values(text.labels ?? {})]),
  ];
}

function dialog(): HTMLDialogElement | null {
  return document.querySelector<HTMLDialogElement>('dialog[data-dialog=help]');
}

function shownTopic(): string | undefined {
  return dialog()?.querySelector<HTMLElement>('[data-help-page]')?.dataset.helpPage;
}

afterEach(() => {
  closeHelp();
  setDictionary(pl);
  document.body.replaceChildren();
});

describe('help pages', () => {
  it('cover every main view, the first steps and the shortcuts', () => {
    expect([...HELP_TOPICS].sort()).toEqual(Object.keys(HELP_PAGES).sort());
    for (const topic of ['start', 'participants', 'projects', 'plans', 'documents', 'reports', 'sync', 'settings', 'shortcuts']) {
      expect(HELP_TOPICS).toContain(topic);
      expect(HELP_PAGES[topic as keyof typeof HELP_PAGES].topic).toBe(topic);
    }
  });

  it('use only keys of both dictionaries', () => {
    const missing: string[] = [];
    for (const page of Object.values(HELP_PAGES)) {
      for (const k of keysOf(page)) {
        if (!(k in pl)) missing.push(`pl ${page.topic}: ${k}`);
        if (!(k in en)) missing.push(`en ${page.topic}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('use every text of the help part (no stale text is left behind)', () => {
    const used = new Set<string>(Object.values(HELP_PAGES).flatMap(keysOf));
    // Texts of the window itself and of the navigation.
    for (const k of ['nav.help', 'help.title', 'help.topicsLabel', 'help.f1Hint', 'help.or', 'help.shortcuts.tableLabel',
      'help.shortcuts.col.keys', 'help.shortcuts.col.what', 'help.shortcuts.col.where']) used.add(k);
    expect(Object.keys(helpTexts).filter((k) => !used.has(k))).toEqual([]);
  });

  it('fill every placeholder with a label, and name no label the text does not use', () => {
    const problems: string[] = [];
    for (const dictionary of [pl, en]) {
      setDictionary(dictionary);
      for (const page of Object.values(HELP_PAGES)) {
        for (const text of textsOf(page)) {
          const filled = helpText(text);
          if (/\{\w+\}/.test(filled)) problems.push(`${text.key}: ${filled}`);
          for (const name of Object.keys(text.labels ?? {})) {
            if (!dictionary[text.key].includes(`{${name}}`)) problems.push(`${text.key}: unused label ${name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('quote the labels the screen shows', () => {
    const text = renderHelpPage(HELP_PAGES.participants).textContent ?? '';
    expect(text).toContain('„Nowy uczestnik”');
    expect(text).toContain('„Zapisz realizację”');
    expect(text).toContain('zakładka „Rodzina”, potem „Dodaj powiązanie”');
    setDictionary(en);
    expect(renderHelpPage(HELP_PAGES.participants).textContent).toContain('"New participant"');
  });

  it('show screenshots with a non-empty alt text, hidden when the file cannot be loaded', () => {
    for (const page of Object.values(HELP_PAGES)) {
      const el = renderHelpPage(page);
      for (const img of el.querySelectorAll('img')) {
        expect(img.getAttribute('alt')?.trim(), page.topic).toBeTruthy();
        expect(img.getAttribute('src')).toBe(`help/${page.screenshot!.file}`);
      }
    }
    const page = renderHelpPage(HELP_PAGES.reports);
    const img = page.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('help/reports.png');
    expect(img.closest('figure')!.hidden).toBe(false);
    img.dispatchEvent(new Event('error'));
    expect(img.closest('figure')!.hidden).toBe(true);
    expect(page.querySelector('ol li')).not.toBeNull();
  });

  it('list the keyboard shortcuts in a table', () => {
    const table = renderHelpPage(HELP_PAGES.shortcuts).querySelector('table')!;
    expect(table.getAttribute('aria-label')).toBe('Skróty klawiszowe');
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent);
    expect(rows).toContain('F1');
    expect(rows).toContain('Alt+N lub Ctrl+N');
    expect(rows).toContain('Esc');
  });
});

describe('help window', () => {
  it('is a labelled modal dialog with the topics and the page, and switches topics', () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    openHelp('projects');
    const d = dialog()!;
    expect(d.getAttribute('role')).toBe('dialog');
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(d.getAttribute('aria-labelledby')!)?.textContent).toBe('Pomoc');
    expect(shownTopic()).toBe('projects');
    expect(document.activeElement?.textContent).toBe('Projekty');

    const topics = [...d.querySelectorAll<HTMLButtonElement>('nav button[data-topic]')];
    expect(topics.map((b) => b.dataset.topic)).toEqual([...HELP_TOPICS]);
    expect(topics.filter((b) => b.getAttribute('aria-current')).map((b) => b.dataset.topic)).toEqual(['projects']);

    d.querySelector<HTMLButtonElement>('[data-topic=shortcuts]')!.click();
    expect(shownTopic()).toBe('shortcuts');
    expect(d.querySelector('[data-topic=shortcuts]')!.getAttribute('aria-current')).toBe('page');
    expect(d.querySelector('[data-topic=projects]')!.hasAttribute('aria-current')).toBe(false);
    expect(d.querySelector('h3')!.textContent).toBe('Skróty klawiszowe');
  });

  it('closes on Escape and gives focus back', () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    openHelp('sync');
    expect(document.activeElement).not.toBe(opener);
    key(document.activeElement!, 'Escape');
    expect(dialog()).toBeNull();
    expect(openHelpWindow()).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes with "Zamknij" and gives focus back', () => {
    const opener = document.body.appendChild(document.createElement('input'));
    opener.focus();
    openHelp('settings');
    const close = dialog()!.querySelector<HTMLButtonElement>('[data-action=help-close]')!;
    expect(close.textContent).toBe('Zamknij');
    close.click();
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('keeps Tab inside the dialog', () => {
    openHelp('start');
    const d = dialog()!;
    const close = d.querySelector<HTMLButtonElement>('[data-action=help-close]')!;
    const body = d.querySelector<HTMLElement>('.help-body')!;
    // From the page's heading, the last place to go: Tab wraps to the first control.
    key(document.activeElement!, 'Tab');
    expect(document.activeElement).toBe(close);
    key(close, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(body);
    key(body, 'Tab');
    expect(document.activeElement).toBe(close);
  });

  it('opens once: a second call shows the other topic in the same window', () => {
    openHelp('plans');
    openHelp('documents');
    expect(document.querySelectorAll('dialog[data-dialog=help]').length).toBe(1);
    expect(shownTopic()).toBe('documents');
  });
});

describe('help in the app', () => {
  beforeEach(() => {
    const answers: Record<string, () => unknown> = {
      touch: () => undefined,
      participant_page: () => ({ total: 0, rows: [] }),
      project_list: () => [],
    };
    vi.mocked(invoke).mockReset().mockImplementation(async (command) => {
      const answer = answers[command];
      if (!answer) throw { code: 'internal', message: `unexpected ${command}`, fields: [], existing: [] };
      return answer();
    });
  });

  async function mount() {
    const root = document.body.appendChild(document.createElement('div'));
    const app = createApp(root);
    app.route(UNLOCKED);
    await settle();
    return { root, app };
  }

  it('opens the current view\'s page on F1, instead of the WebView\'s help', async () => {
    const { root, app } = await mount();
    const search = root.querySelector<HTMLInputElement>('#participant-search')!;
    expect(document.activeElement).toBe(search);

    const f1 = new KeyboardEvent('keydown', { key: 'F1', bubbles: true, cancelable: true });
    search.dispatchEvent(f1);
    expect(f1.defaultPrevented).toBe(true);
    expect(shownTopic()).toBe('participants');

    // Keys typed in the help stay there: Alt+N does not open a new participant behind it.
    key(document.activeElement!, 'n', { altKey: true, code: 'KeyN' });
    expect(root.querySelector('[data-view=participants]')).not.toBeNull();

    key(document.activeElement!, 'Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(search);

    root.querySelector<HTMLButtonElement>('[data-nav=reports]')!.click();
    await settle();
    expect(root.querySelector('[data-view=reports]')).not.toBeNull();
    key(document.body, 'F1');
    expect(shownTopic()).toBe('reports');
    app.route(LOCKED);
  });

  it('has a "Pomoc" button at the bottom of the navigation, and the help closes at the lock', async () => {
    const { root, app } = await mount();
    root.querySelector<HTMLButtonElement>('[data-nav=projects]')!.click();
    await settle();
    const help = root.querySelector<HTMLButtonElement>('nav [data-action=help]')!;
    expect(help.textContent).toContain('Pomoc');
    expect(help.getAttribute('aria-keyshortcuts')).toBe('F1');
    expect(help.closest('nav')!.lastElementChild!.contains(help)).toBe(true);
    help.focus();
    help.click();
    expect(shownTopic()).toBe('projects');

    app.route(LOCKED);
    await settle();
    expect(dialog()).toBeNull();
    // Once locked, F1 opens nothing.
    key(document.body, 'F1');
    expect(dialog()).toBeNull();
  });
});
