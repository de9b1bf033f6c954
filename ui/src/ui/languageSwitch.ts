// "Język / Language": the window's language, in Ustawienia, on the unlock screen and on the
// first-run wizard's first step. Its label and choices are in both languages, so whoever opens
// a window in the other language finds the way back. The choice is remembered per data folder
// (Rust `preferences.rs`); the caller rebuilds its view in the new language.

import { api } from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import type { Language } from '../bindings/Language';
import { h } from '../dom';
import { currentLanguage, useLanguage } from '../i18n';

const CHOICES: ReadonlyArray<[Language, string]> = [['pl', 'Polski'], ['en', 'English']];

/** `changed` gets the app status after the choice was saved (and the dictionary switched). */
export function languageSwitch(changed: (status: AppStatus) => void, onError: (e: unknown) => void): HTMLElement {
  const select = h(
    'select',
    { id: 'language-switch', name: 'language', 'data-field': 'language', value: currentLanguage() },
    CHOICES.map(([value, label]) => h('option', { value, lang: value }, label)),
  );
  select.addEventListener('change', async () => {
    const lang = select.value as Language;
    select.disabled = true;
    try {
      const status = await api.languageSet(lang);
      useLanguage(lang);
      changed(status);
    } catch (e) {
      select.value = currentLanguage();
      onError(e);
    } finally {
      select.disabled = false;
    }
  });
  return h('div', { class: 'field language-switch', 'data-section': 'language' },
    h('label', { for: 'language-switch' }, 'Język / Language'), select);
}
