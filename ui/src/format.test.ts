// Dates and ages as people read them.
import { describe, expect, it } from 'vitest';
import { formatAge, formatCount, formatDate, formatDateTime, formatPeriod, pluralCategory } from './format';

describe('formatDate', () => {
  it('turns an ISO date into dd.mm.yyyy', () => {
    expect(formatDate('2024-03-05')).toBe('05.03.2024');
    expect(formatDate('1999-12-31')).toBe('31.12.1999');
  });
  it('leaves other text (already Polish, empty) as it is', () => {
    expect(formatDate('05.03.2024')).toBe('05.03.2024');
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
  });
  it('formats a period with an en dash', () => {
    expect(formatPeriod('2025-01-01', '2026-12-31')).toBe('01.01.2025–31.12.2026');
  });
});

describe('formatDateTime', () => {
  it('shows an RFC 3339 UTC timestamp in local time (Europe/Warsaw in tests)', () => {
    expect(formatDateTime('2025-01-15T10:05:00.000Z')).toBe('15.01.2025 11:05');
    expect(formatDateTime('2025-07-01T22:30:00Z')).toBe('02.07.2025 00:30');
  });
  it('returns unreadable text unchanged', () => {
    expect(formatDateTime('wczoraj')).toBe('wczoraj');
  });
});

describe('formatAge', () => {
  it('uses the Polish plural forms', () => {
    expect(formatAge(1)).toBe('1 rok');
    expect(formatAge(3)).toBe('3 lata');
    expect(formatAge(5)).toBe('5 lat');
    expect(formatAge(12)).toBe('12 lat');
    expect(formatAge(22)).toBe('22 lata');
    expect(formatAge(0)).toBe('0 lat');
  });
  it('puts 12–14 with "many" but 2–4, 22–24 with "few"', () => {
    expect([2, 4, 13, 14, 24, 112].map(pluralCategory)).toEqual(['few', 'few', 'many', 'many', 'few', 'many']);
  });
});

describe('formatCount', () => {
  it('groups thousands with a space from five digits, as in Polish', () => {
    const plain = (n: number) => formatCount(n).replace(/\s/g, ' ');
    expect(plain(950)).toBe('950');
    expect(plain(2000)).toBe('2000');
    expect(plain(12500)).toBe('12 500');
    expect(plain(1000000)).toBe('1 000 000');
  });
});
