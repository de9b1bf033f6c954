// What the sync view's parts share: file names, a section's error line, where a failure goes.
import { afterEach, describe, expect, it } from 'vitest';
import { h } from '../dom';
import { fakeContext } from '../test/fixtures';
import { textField } from '../ui/fields';
import { errorLine, fileName, placeError, showError, syncSection } from './syncParts';

afterEach(() => document.body.replaceChildren());

describe('sync parts', () => {
  it('takes the file name after either kind of slash', () => {
    expect(fileName('/media/usb/kartoteka-1.kbundle')).toBe('kartoteka-1.kbundle');
    expect(fileName('E:\\kartoteka\\kartoteka-2.kbundle')).toBe('kartoteka-2.kbundle');
    expect(fileName('sam.kbundle')).toBe('sam.kbundle');
  });

  it('shows and hides a section’s error line as text', () => {
    const line = errorLine('export');
    expect(line.dataset.syncError).toBe('export');
    expect(line.getAttribute('role')).toBe('alert');
    expect(line.hidden).toBe(true);
    showError(line, '<b>Folder</b> niedostępny');
    expect(line.hidden).toBe(false);
    expect(line.textContent).toBe('<b>Folder</b> niedostępny');
    expect(line.querySelector('b')).toBeNull();
    showError(line, null);
    expect(line.hidden).toBe(true);
    expect(line.textContent).toBe('');
  });

  it('names a section by its heading', () => {
    const section = syncSection('sync-import', 'Import', h('p', null, 'treść'), null);
    expect(section.dataset.section).toBe('sync-import');
    expect(section.getAttribute('aria-labelledby')).toBe('sync-sync-import-heading');
    expect(section.querySelector('h2')!.id).toBe('sync-sync-import-heading');
    expect(section.querySelector('h2')!.textContent).toBe('Import');
    expect(section.children).toHaveLength(2);
  });

  it('places a failure under its field, in the line, or on the unlock screen', () => {
    const ctx = fakeContext();
    const form = h('form', null, textField({ name: 'folder', label: 'Folder', idPrefix: 'sync' }));
    const line = errorLine('export');
    document.body.append(form, line);

    placeError(ctx, form, line, { code: 'invalid_input', message: 'Popraw', fields: [{ field: 'folder', message: 'Nie ma folderu' }], existing: [] });
    expect(form.querySelector('[data-error-for=folder]')!.textContent).toBe('Nie ma folderu');
    expect(line.hidden).toBe(true);
    expect(document.activeElement).toBe(form.querySelector('input[name=folder]'));

    placeError(ctx, form, line, { code: 'invalid_input', message: 'Popraw', fields: [{ field: 'folder', message: 'Nie ma folderu' }, { field: 'other', message: 'Coś innego' }], existing: [] });
    expect(line.textContent).toBe('Coś innego');

    showError(line, null);
    placeError(ctx, form, line, { code: 'not_found', message: 'Folder jest niedostępny.', fields: [], existing: [] });
    expect(line.textContent).toBe('Folder jest niedostępny.');
    expect(ctx.showError).not.toHaveBeenCalled();

    const locked = { code: 'locked' as const, message: 'Zablokowana', fields: [], existing: [] };
    placeError(ctx, form, line, locked);
    expect(ctx.showError).toHaveBeenCalledWith(locked);
  });

});
