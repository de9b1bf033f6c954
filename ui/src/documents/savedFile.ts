// One saved file as the window reports it: "Zapisano „Formularz zgłoszeniowy – A.Z. –
// 2026-12-06.pdf” w folderze …", whether it went to print, "Pokaż w folderze", and — when the
// system could not open it — why, in words (the file is saved all the same).

import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { AppContext } from '../shell/context';

/** "C:\\…\\Kartoteka\\Projekt\\Plik.pdf" → ["C:\\…\\Kartoteka\\Projekt", "Plik.pdf"]. */
export function splitPath(path: string): [folder: string, name: string] {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? ['', path] : [path.slice(0, cut), path.slice(cut + 1)];
}

export interface SavedFile {
  file: string;
  /** Why it could not be opened or printed, if that was asked and failed. */
  openError?: string | null;
  /** Whether it was sent to print (or opened). */
  printed: boolean;
}

/** "Pokaż w folderze" for `file` (its name in the accessible name: several may be listed). */
export function showInFolderButton(ctx: AppContext, file: string): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: 'button small',
    'data-action': 'show-in-folder',
    'aria-label': t('print.showInFolderOf', { name: splitPath(file)[1] }),
    onclick: () => void api.showInFolder(file).catch((e) => ctx.showError(e)),
  }, t('print.showInFolder'));
}

/** The parts of a saved-file line (text, "Pokaż w folderze", the failure if any). */
export function savedFileParts(ctx: AppContext, saved: SavedFile): Node[] {
  const [folder, name] = splitPath(saved.file);
  const show = showInFolderButton(ctx, saved.file);
  const parts: Node[] = [document.createTextNode(t('print.saved', { name, folder }))];
  if (saved.printed && !saved.openError) parts.push(document.createTextNode(` ${t('print.sentToPrint')}`));
  parts.push(document.createTextNode(' '), show);
  if (saved.openError) parts.push(h('span', { class: 'field-error block', role: 'alert', 'data-open-error': '' }, saved.openError));
  return parts;
}
