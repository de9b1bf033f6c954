// The chooser button beside a path field: the choice fills the field as if typed; closing the
// chooser changes nothing; a failure is reported.
import { describe, expect, it, vi } from 'vitest';
import { textField } from './fields';
import { addPicker } from './picker';

describe('addPicker', () => {
  it('fills the field with the chosen path, passing the typed one as the start', async () => {
    const field = textField({ name: 'folder', label: 'Folder eksportu' });
    document.body.append(field);
    const pick = vi.fn().mockResolvedValueOnce('/media/pendrive/kartoteka').mockResolvedValueOnce(null);
    const onError = vi.fn();
    const button = addPicker(field, 'Wybierz folder…', pick, onError);
    const input = field.querySelector('input')!;
    expect(button.getAttribute('aria-label')).toBe('Wybierz folder…: Folder eksportu');
    const typed = vi.fn();
    input.addEventListener('input', typed);
    input.value = '/media';
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(pick).toHaveBeenCalledWith('/media');
    expect(input.value).toBe('/media/pendrive/kartoteka');
    expect(typed).toHaveBeenCalled();
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(input.value).toBe('/media/pendrive/kartoteka');
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a chooser that failed', async () => {
    const field = textField({ name: 'folder', label: 'Folder' });
    const onError = vi.fn();
    const button = addPicker(field, 'Wybierz folder…', () => Promise.reject(new Error('no')), onError);
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(onError).toHaveBeenCalled();
    expect(button.disabled).toBe(false);
  });
});
