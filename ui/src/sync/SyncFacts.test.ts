// The state at the top of the Synchronizacja view: each fact as text, the optional ones only
// when there is something to say, and automatic export in words.
import { describe, expect, it } from 'vitest';
import { overview } from '../test/syncFixtures';
import { automaticText, syncFacts } from './SyncFacts';

describe('sync facts', () => {
  it('says "Wczytywanie…" until the first state', () => {
    expect(syncFacts().el.textContent).toBe('Wczytywanie…');
  });

  it('lists the facts in order, the last file and the failed attempt only when there are some', () => {
    const facts = syncFacts();
    facts.show(overview());
    const ids = () => [...facts.el.querySelectorAll<HTMLElement>('[data-sync-fact]')].map((d) => d.dataset.syncFact);
    expect(ids()).toEqual(['organisation', 'last-export', 'pending', 'conflicts', 'automatic']);
    expect(facts.el.querySelector<HTMLElement>('dl')!.dataset.syncState).toBe('ok');

    facts.show(overview({ export_error: '<i>Brak</i> folderu' }, { last_export_file: '/media/usb/kartoteka-1.kbundle', open_conflicts: 2 }));
    // No internal ids for the worker: the computer's id is the CLI's (`sync status`).
    expect(ids()).toEqual(['organisation', 'last-export', 'last-file', 'pending', 'conflicts', 'automatic', 'export-error']);
    const fact = (id: string) => facts.el.querySelector(`[data-sync-fact=${id}]`)!.textContent;
    expect(fact('last-file')).toBe('kartoteka-1.kbundle');
    expect(fact('conflicts')).toBe('2');
    expect(fact('export-error')).toBe('<i>Brak</i> folderu');
    expect(facts.el.querySelector('i')).toBeNull();
    expect(facts.el.querySelector<HTMLElement>('dl')!.dataset.syncState).toBe('error');
    expect(facts.el.querySelectorAll('dl')).toHaveLength(1);
  });

  it('names an organisation not set up yet', () => {
    const facts = syncFacts();
    facts.show(overview({}, { configured: false, organisation: null }));
    expect(facts.el.querySelector('[data-sync-fact=organisation]')!.textContent).toBe('synchronizacja nie jest ustawiona');
  });

  it('says whether the export runs by itself', () => {
    expect(automaticText(overview())).toBe('co 15 min i przy zamykaniu programu');
    expect(automaticText(overview({ automatic: false }))).toBe('wyłączony');
    expect(automaticText(overview({ folder_available: false }))).toBe('Folder eksportu niedostępny — eksport poczeka');
    expect(automaticText(overview({ export_error: 'x' }))).toBe('co 15 min i przy zamykaniu programu');
    expect(automaticText(overview({}, { configured: false }))).toBe('co 15 min i przy zamykaniu programu');
  });
});
