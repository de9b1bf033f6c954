// The English dictionary is complete and faithful to the Polish one: the same keys part by part,
// no empty texts, the same {placeholders}, and no Polish letters left untranslated.
import { afterEach, describe, expect, it } from 'vitest';
import { setDictionary, t } from './index';
import { en, enParts } from './en';
import { pl, plParts } from './pl';

/** The names of the {placeholders} t() fills in a text, sorted, each once. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

const POLISH_LETTERS = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

/**
 * Keys whose English text may contain Polish letters because it quotes a Polish proper name or
 * the title of a Polish legal form. Empty for now: every such name in the texts (PESEL, SM EFS,
 * CST2021, gmina, powiat, …) is written without diacritics. Add a key here, with the reason, only
 * when a text has to quote one.
 */
const POLISH_LETTERS_ALLOWED: ReadonlySet<string> = new Set<string>([]);

describe('English dictionary', () => {
  it('has every key of the Polish one and no other', () => {
    const plKeys = Object.keys(pl).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((k) => !(k in pl))).toEqual([]);
    expect(plKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys).toEqual(plKeys);
  });

  it('has the same parts as the Polish one, each with the same keys in the same order', () => {
    expect(Object.keys(enParts)).toEqual(Object.keys(plParts));
    for (const [part, texts] of Object.entries(plParts)) {
      const english = enParts[part as keyof typeof enParts];
      expect(Object.keys(english), part).toEqual(Object.keys(texts));
    }
  });

  it('has no empty texts', () => {
    const empty = Object.entries(en).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('keeps exactly the placeholders of each Polish text', () => {
    const differing = Object.keys(pl)
      .map((key) => {
        const k = key as keyof typeof pl;
        return { key, pl: placeholders(pl[k]), en: placeholders(en[k]) };
      })
      .filter((d) => d.pl.join(',') !== d.en.join(','));
    expect(differing).toEqual([]);
  });

  it('has no Polish letters except in the allowed quotations', () => {
    const polish = Object.entries(en)
      .filter(([key, text]) => POLISH_LETTERS.test(text) && !POLISH_LETTERS_ALLOWED.has(key))
      .map(([key, text]) => `${key}: ${text}`);
    expect(polish).toEqual([]);
    // An allowed key that no longer needs the exception should leave the list.
    const stale = [...POLISH_LETTERS_ALLOWED].filter((key) => !POLISH_LETTERS.test(en[key as keyof typeof en] ?? ''));
    expect(stale).toEqual([]);
  });

  it('differs from the Polish text at least where the Polish text has Polish letters', () => {
    const same = Object.keys(pl).filter((key) => {
      const k = key as keyof typeof pl;
      return POLISH_LETTERS.test(pl[k]) && en[k] === pl[k];
    });
    expect(same).toEqual([]);
  });
});

describe('t with the English dictionary', () => {
  afterEach(() => setDictionary(pl));

  it('returns English texts and fills their placeholders', () => {
    setDictionary(en);
    expect(t('unlock.submit')).toBe('Unlock');
    expect(t('status.lock')).toBe('Lock');
    expect(t('projects.progress', { enrolled: 12, target: 350 })).toBe('12 of 350 participants');
    expect(t('status.worker', { name: 'Anna Żółć' })).toBe('Worker: Anna Żółć');
  });
});
