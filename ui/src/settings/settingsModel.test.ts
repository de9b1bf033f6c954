// The settings page's data: counts as typed → numbers for Rust, backup sizes and kinds in Polish.
import { describe, expect, it } from 'vitest';
import { backupFolder, backupLabel, formatSize, parseCount, toSettings } from './settingsModel';

describe('parseCount', () => {
  it('reads whole numbers, spaces around them allowed', () => {
    expect(parseCount('10')).toBe(10);
    expect(parseCount(' 240 ')).toBe(240);
    expect(parseCount('007')).toBe(7);
  });
  it('turns what Rust cannot take into 0, which Rust rejects with its range message', () => {
    for (const text of ['', '   ', undefined, '-3', '2,5', '2.5', '1e2', 'dziesięć', '99999999999']) {
      expect(parseCount(text), String(text)).toBe(0);
    }
  });
  it('builds the Settings sent to settings_save', () => {
    expect(toSettings({ idle_lock_minutes: '15', backups_to_keep: '', print_files_keep_days: '30' })).toEqual({ idle_lock_minutes: 15, backups_to_keep: 0, print_files_keep_days: 30 });
  });
});

describe('formatSize', () => {
  it('shows KB below 1 MB and MB above, with a Polish decimal comma', () => {
    expect(formatSize(0)).toBe('0 KB');
    expect(formatSize(512)).toBe('0,5 KB');
    expect(formatSize(1536)).toBe('1,5 KB');
    expect(formatSize(250_000)).toBe('244 KB');
    expect(formatSize(3_500_000)).toBe('3,3 MB');
    expect(formatSize(52_428_800)).toBe('50 MB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3,0 GB');
  });
});

describe('backupLabel', () => {
  it('names each kind of copy in Polish', () => {
    expect(backupLabel('reczna')).toBe('ręczna');
    expect(backupLabel('dzienna')).toBe('codzienna (automatyczna)');
    expect(backupLabel('zamkniecie')).toBe('przy zamknięciu');
    expect(backupLabel('przed-migracja')).toBe('przed aktualizacją');
  });
  it('shows an unknown kind as it is', () => {
    expect(backupLabel('inna')).toBe('inna');
  });
});

describe('backupFolder', () => {
  it('puts backups/ inside the data folder with its own separator', () => {
    expect(backupFolder('/home/anna/.local/share/kartoteka')).toBe('/home/anna/.local/share/kartoteka/backups');
    expect(backupFolder('C:\\Users\\Anna\\Kartoteka\\')).toBe('C:\\Users\\Anna\\Kartoteka\\backups');
  });
});
