// "Wybierz folder…" / "Wybierz plik…" beside a path field: the system's own chooser (Rust
// `pickers.rs`), whose choice fills the field as if typed (input and change fire, so drafts
// and checks follow). The field stays: a path can still be typed or pasted.

import { h } from '../dom';
import { t } from '../i18n';

/** Adds the chooser button after the field's control; `pick` gets the current text and gives
 * the chosen path (null: closed without a choice). Returns the button. */
export function addPicker(
  field: HTMLElement,
  label: string,
  pick: (current: string) => Promise<string | null>,
  onError: (e: unknown) => void,
): HTMLButtonElement {
  const input = field.querySelector<HTMLInputElement>('input')!;
  const fieldLabel = field.querySelector('label')?.textContent ?? '';
  const button = h('button', {
    type: 'button',
    class: 'button small picker',
    'data-action': 'pick',
    'data-pick-for': input.name,
    'aria-label': `${label}: ${fieldLabel}`,
  }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const chosen = await pick(input.value.trim());
      if (chosen) {
        input.value = chosen;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        input.focus();
      }
    } catch (e) {
      onError(e);
    } finally {
      button.disabled = false;
    }
  });
  const row = h('div', { class: 'picker-row' });
  input.replaceWith(row);
  row.append(input, button);
  return button;
}

export const chooseFolderLabel = () => t('picker.folder');
export const chooseFileLabel = () => t('picker.file');
