// The shape of the UI's code: no source file grows past 600 lines (split it by feature instead,
// as i18n/pl/ and sync/ are). Generated bindings and tests are not counted.
import { describe, expect, it } from 'vitest';

const MAX_LINES = 600;

function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

describe('source files', () => {
  const sources = import.meta.glob('./**/*.{ts,css}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const counted = Object.entries(sources).filter(([path]) => !path.includes('/bindings/') && !path.endsWith('.test.ts'));

  it('are all found', () => {
    const paths = counted.map(([path]) => path);
    expect(paths).toContain('./app.ts');
    expect(paths).toContain('./i18n/pl.ts');
    expect(paths).toContain('./sync/SyncView.ts');
    expect(paths.length).toBeGreaterThan(50);
  });

  it(`have at most ${MAX_LINES} lines each`, () => {
    const long = counted
      .map(([path, text]) => ({ path, lines: lineCount(text) }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('counts lines like wc -l', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('a\nb\n')).toBe(2);
  });
});
