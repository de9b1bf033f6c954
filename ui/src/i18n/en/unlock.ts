// English texts before the registry is open: unlocking, a new password with the recovery key,
// and restoring the newest backup (creating it is the first-run wizard's, ./firstRun.ts).
// One part of the English dictionary (the same keys as ../pl/unlock.ts); ../en.ts joins the parts.

import type { unlockTexts as pl } from '../pl/unlock';

export const unlockTexts: { readonly [K in keyof typeof pl]: string } = {
  'unlock.heading': 'Kartoteka',
  'unlock.intro': 'Enter your password to open Kartoteka.',
  'unlock.password': 'Password',
  'unlock.submit': 'Unlock',
  'unlock.busy': 'Unlocking…',
  'unlock.idle': 'Kartoteka was locked after a period of inactivity. Enter your password to continue.',
  'unlock.forgot': 'I have forgotten my password',
  'reset.heading': 'New password with the recovery key',
  'reset.intro': 'The recovery key was shown and printed when Kartoteka was set up (the printout should be in the office safe). Enter it and set a new password — your data stays as it was.',
  'reset.key': 'Recovery key',
  'reset.keyHint': 'E.g. ABCDE-FGHJK-… — letter case and hyphens do not matter.',
  'reset.worker': 'Worker whose password to set',
  'reset.submit': 'Set new password and unlock',
  'reset.busy': 'Checking the key…',
  'reset.back': 'Back',
  'reset.done': 'The new password is set. From now on, unlock Kartoteka with this password; the recovery key still works.',
  'unlock.missingHint': 'You can restore the data from the newest backup — enter your password above and press the button.',
  'unlock.corruptHint': 'You can restore the data from the newest backup — enter your password above and press the button. The damaged file will be kept in the data folder.',
  'unlock.restore': 'Restore the newest backup',
  'unlock.restoring': 'Restoring the backup…',
  'unlock.restoredFrom': 'Data restored from the backup made on {date}. Changes made after that must be entered again.',
  'unlock.restored': 'Data restored from the newest backup. Changes made since it was taken must be entered again.',
};
