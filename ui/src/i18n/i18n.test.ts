// The dictionary is complete and t() fills placeholders.
import { afterEach, describe, expect, it } from 'vitest';
import { hasKey, setDictionary, t, type Dictionary } from './index';
import { pl, plParts } from './pl';

describe('Polish dictionary', () => {
  it('has no empty texts', () => {
    const empty = Object.entries(pl).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('has each key in one part only (a repeated key would silently replace the earlier text)', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const [part, texts] of Object.entries(plParts)) {
      for (const key of Object.keys(texts)) {
        if (seen.has(key)) repeated.push(`${key} (${seen.get(key)}, ${part})`);
        else seen.set(key, part);
      }
    }
    expect(repeated).toEqual([]);
    expect(Object.keys(pl).length).toBe(seen.size);
  });

  it('holds every key the source code passes to t() literally', () => {
    const sources = import.meta.glob('../**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const used = new Set<string>();
    for (const [path, text] of Object.entries(sources)) {
      if (path.endsWith('.test.ts') || path.includes('/bindings/')) continue;
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/:\s*'((?:nav|tab|field|pfield|section|action)\.[\w.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !hasKey(key));
    expect(missing).toEqual([]);
  });
});

describe('t', () => {
  afterEach(() => setDictionary(pl));

  it('returns the Polish text', () => {
    expect(t('unlock.submit')).toBe('Odblokuj');
    expect(t('nav.participants')).toBe('Uczestnicy');
  });

  it('substitutes named parameters, numbers included', () => {
    expect(t('projects.progress', { enrolled: 12, target: 350 })).toBe('12 z 350 uczestników');
    expect(t('status.worker', { name: 'Anna Żółć' })).toBe('Pracownik: Anna Żółć');
  });

  it('leaves a placeholder without a parameter visible instead of inventing text', () => {
    expect(t('projects.progress', { enrolled: 3 })).toBe('3 z {target} uczestników');
  });

  it('does not interpret parameter text as a pattern', () => {
    expect(t('status.worker', { name: '$& {name}' })).toBe('Pracownik: $& {name}');
  });

  it('switches to another dictionary with the same keys', () => {
    const en = Object.fromEntries(Object.keys(pl).map((k) => [k, `EN ${k}`])) as unknown as Dictionary;
    setDictionary(en);
    expect(t('unlock.submit')).toBe('EN unlock.submit');
  });
});
