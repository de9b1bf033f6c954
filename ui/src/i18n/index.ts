// Translation entry point: t(key, params) looks a key up in the active dictionary (Polish by
// default) and fills {placeholders}. Components only ever call t(); they hold no UI strings.

import type { Language } from '../bindings/Language';
import { en } from './en';
import { pl } from './pl';

export type MessageKey = keyof typeof pl;
/** A complete dictionary: every key of the Polish one, each with a text. */
export type Dictionary = { readonly [K in MessageKey]: string };
export type Params = Record<string, string | number>;

let active: Dictionary = pl;
let language: Language = 'pl';

/** The window's language now. */
export function currentLanguage(): Language {
  return language;
}

/** Speaks `lang` from now on (views built afterwards use it; the page's `lang` follows for
 * screen readers). Documents are printed in Polish whatever is chosen. */
export function useLanguage(lang: Language): void {
  language = lang;
  active = lang === 'en' ? en : pl;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** Switches the UI language (e.g. to an English dictionary with the same keys). */
export function setDictionary(dictionary: Dictionary): void {
  active = dictionary;
}

export function t(key: MessageKey, params?: Params): string {
  const template = active[key] ?? pl[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Whether `key` names a text of the dictionary (for keys built from data, e.g. field names). */
export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(active, key);
}
