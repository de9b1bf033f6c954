// Leaving a form with changes asks first: "Masz niezapisane zmiany — zapisać, porzucić, wrócić?".
// Used by the shell before it changes the view and by forms' "Anuluj".

import { t } from '../i18n';
import { choiceDialog } from './dialog';
import { openDrafts, type DraftHandle } from './drafts';

/** Asks about `drafts` with changes; resolves true when leaving may go on (changes dropped). */
export async function mayLeave(drafts: DraftHandle[] = openDrafts()): Promise<boolean> {
  const changed = drafts.filter((d) => d.dirty());
  if (changed.length === 0) return true;
  const answer = await choiceDialog({
    title: t('leave.title'),
    text: t('leave.text'),
    choices: [
      { value: 'save', label: t('leave.save'), primary: true },
      { value: 'discard', label: t('leave.discard') },
      { value: 'stay', label: t('leave.stay'), focus: true },
    ],
    cancel: 'stay',
  });
  if (answer === 'save') {
    // The form's own save runs; it leaves (or shows its errors) as after "Zapisz".
    changed[0].submit();
    return false;
  }
  if (answer === 'discard') {
    await Promise.all(changed.map((d) => d.discard()));
    return true;
  }
  return false;
}

/** Keeps every open draft now (before "Zablokuj"). */
export async function flushDrafts(): Promise<void> {
  await Promise.all(openDrafts().map((d) => d.flush()));
}
