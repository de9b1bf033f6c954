// The sync view's model: the status-bar line in each situation, Polish plurals of "zmiana",
// the export form's numbers, import totals of a file and of a folder, conflicts in Polish, and the
// progress lines of the export and the import.
import { describe, expect, it } from 'vitest';
import type { SyncOverview } from '../bindings/SyncOverview';
import {
  exportProgressState, fieldLabel, importProgressState, importSummary, importTotals, pendingText, sortConflicts, statusLine, syncState, tableLabel,
  toExportSettings, valueText,
} from './syncModel';

function overview(patch: Partial<SyncOverview> = {}, status: Partial<SyncOverview['status']> = {}): SyncOverview {
  return {
    status: {
      device_id: 'dev-1', configured: true, organisation: 'mops testowo', last_export_at: null, last_export_file: null,
      pending_changes: 0, open_conflicts: 0, ...status,
    },
    settings: { folder: '/media/usb', interval_minutes: 15 },
    folder_available: true,
    automatic: true,
    export_error: null,
    ...patch,
  };
}

describe('status line', () => {
  it('shows the last export in local time and the pending changes', () => {
    const at = new Date(2025, 11, 3, 9, 5).toISOString();
    expect(statusLine(overview({}, { last_export_at: at, pending_changes: 12 }))).toBe('Ostatni eksport: 03.12.2025 09:05 · oczekuje 12 zmian');
    expect(statusLine(overview({}, { last_export_at: at }))).toBe('Ostatni eksport: 03.12.2025 09:05 · brak zmian do wysłania');
    expect(statusLine(overview({}, { pending_changes: 1 }))).toBe('Ostatni eksport: jeszcze nie było · oczekuje 1 zmiana');
  });

  it('says when sync is not set up, export is off, the folder is missing or the export failed', () => {
    expect(syncState(overview({ automatic: false }, { configured: false }))).toBe('unconfigured');
    expect(statusLine(overview({ automatic: false }, { configured: false }))).toBe('Synchronizacja nie jest ustawiona');
    expect(statusLine(overview({ automatic: false }, { pending_changes: 3 }))).toBe('Eksport automatyczny wyłączony · oczekują 3 zmiany');
    expect(statusLine(overview({ folder_available: false }, { pending_changes: 22 })))
      .toBe('Folder eksportu niedostępny — eksport poczeka · oczekują 22 zmiany');
    expect(syncState(overview({ export_error: 'Dysk pełny' }))).toBe('error');
    expect(statusLine(overview({}, { open_conflicts: 2 }))).toContain(' · konflikty: 2');
  });

  it('uses the Polish plural of "zmiana"', () => {
    expect(pendingText(0)).toBe('brak zmian do wysłania');
    expect(pendingText(4)).toBe('oczekują 4 zmiany');
    expect(pendingText(5)).toBe('oczekuje 5 zmian');
    expect(pendingText(13)).toBe('oczekuje 13 zmian');
    expect(pendingText(24)).toBe('oczekują 24 zmiany');
    expect(pendingText(81413)).toBe('oczekuje 81\u00a0413 zmian');
  });
});

describe('export form', () => {
  it('sends whole minutes and the trimmed folder; anything else is a field error here', () => {
    expect(toExportSettings({ folder: ' /media/usb ', interval_minutes: '0' })).toEqual({ ok: true, settings: { folder: '/media/usb', interval_minutes: 0 } });
    expect(toExportSettings({ folder: '', interval_minutes: '1500' })).toEqual({ ok: true, settings: { folder: '', interval_minutes: 1500 } });
    for (const bad of ['', '2,5', '-1', 'abc', '99999']) {
      const parsed = toExportSettings({ folder: '/x', interval_minutes: bad });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.field).toBe('interval_minutes');
    }
  });
});

describe('import totals', () => {
  it('reads one file and a folder the same way', () => {
    const file = { file: '/u/a.kbundle', bundle_id: 'b', device: 'd', records: 4, applied: 3, unchanged: 1, conflicts: 0, signature: 'signed', device_key: null, note: null };
    expect(importSummary(importTotals(file))).toBe('Wczytane pakiety: 1. Zastosowane zmiany: 3, bez zmian: 1, konflikty: 0.');
    const folder = { applied: 5, unchanged: 2, conflicts: 1, skipped: 3, bundles: [file, file], refused: [{ file: '/u/z.kbundle', error: 'Uszkodzony' }] };
    const totals = importTotals(folder);
    expect(totals).toMatchObject({ applied: 5, unchanged: 2, conflicts: 1, bundles: 2, skipped: 3 });
    expect(totals.refused).toHaveLength(1);
    expect(importSummary(importTotals({ ...folder, bundles: [], refused: [] }))).toBe('Brak nowych pakietów (pominięte, bo już wczytane albo zapisane tutaj: 3).');
    expect(importSummary(importTotals({ ...folder, bundles: [], refused: [], skipped: 0 }))).toBe('W tym folderze nie ma pakietów.');
  });
});

describe('conflicts for people', () => {
  it('names record types and fields in Polish', () => {
    expect(tableLabel('participants')).toBe('Uczestnik');
    expect(tableLabel('plans')).toBe('Plan wsparcia');
    expect(tableLabel('nowa_tabela')).toBe('nowa_tabela');
    expect(fieldLabel('participants', 'data.last_name')).toBe('Nazwisko');
    expect(fieldLabel('participants', 'data.address')).toBe('Adres zamieszkania');
    expect(fieldLabel('projects', 'data.name')).toBe('Nazwa');
    expect(fieldLabel('plans', 'status')).toBe('Status');
    expect(fieldLabel('plans', 'data.cos_nowego')).toBe('cos_nowego');
  });

  it('shows values as plain text', () => {
    expect(valueText('Nowak')).toBe('Nowak');
    expect(valueText('<b>x</b>')).toBe('<b>x</b>');
    expect(valueText(null)).toBe('(puste)');
    expect(valueText(undefined)).toBe('(puste)');
    expect(valueText('2024-03-05')).toBe('05.03.2024');
    expect(valueText(true)).toBe('tak');
    expect(valueText(2.5)).toBe('2,5');
    expect(valueText({ street: 'Długa', building: '1', flat: null, town: 'Łódź' })).toBe('Długa, 1, Łódź');
    expect(valueText(['a', 'b'])).toBe('a, b');
  });

  it('lists open conflicts first, oldest first', () => {
    const c = (id: string, detected: string, resolved: string | null) => ({
      id, table: 'participants', record_id: 'p', field: 'data.last_name', mine: 'A', theirs: 'B', mine_stamp: '', theirs_stamp: '',
      winner: 'mine', detected_at: detected, resolved_at: resolved, resolution: resolved ? 'mine' : null,
    });
    const sorted = sortConflicts([c('r', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'), c('b', '2025-02-01T00:00:00Z', null), c('a', '2025-01-05T00:00:00Z', null)]);
    expect(sorted.map((x) => x.id)).toEqual(['a', 'b', 'r']);
  });
});

describe('import progress', () => {
  it('says what happens: opening, rows with Polish thousands, then saving', () => {
    expect(importProgressState({ bundle: 1, bundles: 1, done: 0, total: 254673 })).toEqual({
      text: 'Sprawdzanie i odszyfrowywanie pakietu…', percent: 0,
    });
    const rows = importProgressState({ bundle: 1, bundles: 1, done: 12000, total: 254673 });
    expect(rows.text.replace(/\s/g, ' ')).toBe('12 000 z 254 673 rekordów');
    expect(rows.percent).toBe(4);
    expect(importProgressState({ bundle: 1, bundles: 1, done: 254673, total: 254673 })).toEqual({
      text: 'Zapisywanie w kartotece…', percent: 100,
    });
  });

  it('counts the percentage over all bundles of a folder', () => {
    const p = importProgressState({ bundle: 2, bundles: 4, done: 500, total: 1000 });
    expect(p.text).toBe('Pakiet 2 z 4: 500 z 1000 rekordów');
    expect(p.percent).toBe(37);
    expect(importProgressState({ bundle: 3, bundles: 3, done: 0, total: 10 }).text).toBe('Pakiet 3 z 3: sprawdzanie i odszyfrowywanie pakietu…');
  });

  it('never shows more than all or less than nothing', () => {
    expect(importProgressState({ bundle: 9, bundles: 2, done: 50, total: 10 }).percent).toBe(100);
    expect(importProgressState({ bundle: 0, bundles: 0, done: 0, total: 0 }).percent).toBe(0);
  });
});

describe('export progress', () => {
  it('counts the records written with Polish thousands, then says the bundle is being written', () => {
    const start = exportProgressState({ done: 0, total: 254673 });
    expect(start.text.replace(/\s/g, ' ')).toBe('Zapisano 0 z 254 673 rekordów');
    expect(start.percent).toBe(0);
    const rows = exportProgressState({ done: 40000, total: 254673 });
    expect(rows.text.replace(/\s/g, ' ')).toBe('Zapisano 40 000 z 254 673 rekordów');
    expect(rows.percent).toBe(15);
    expect(exportProgressState({ done: 254672, total: 254673 }).percent).toBe(99);
    expect(exportProgressState({ done: 254673, total: 254673 })).toEqual({ text: 'Zapisywanie pakietu w folderze…', percent: 100 });
  });

  it('uses the singular after "z 1" and says it is preparing while there is nothing to count', () => {
    expect(exportProgressState({ done: 0, total: 1 }).text).toBe('Zapisano 0 z 1 rekordu');
    expect(exportProgressState({ done: 0, total: 0 })).toEqual({ text: 'Przygotowywanie…', percent: 0 });
  });

  it('never shows more than all or less than nothing', () => {
    expect(exportProgressState({ done: 50, total: 10 })).toEqual({ text: 'Zapisywanie pakietu w folderze…', percent: 100 });
    expect(exportProgressState({ done: -5, total: 10 }).percent).toBe(0);
  });
});
