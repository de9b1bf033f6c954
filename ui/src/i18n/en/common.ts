// English texts every screen shares: the app, common buttons, errors, navigation, the status
// bar, placeholders, and counted words (sizes, people, age).
// One part of the English dictionary (the same keys as ../pl/common.ts); ../en.ts joins the parts.

import type { commonTexts as pl } from '../pl/common';

export const commonTexts: { readonly [K in keyof typeof pl]: string } = {
  'app.title': 'Kartoteka',
  'app.startFailed': 'Kartoteka could not start: {message}',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.loading': 'Loading…',
  'common.saving': 'Saving…',
  'common.save': 'Save',
  'common.choose': '— choose —',
  'common.notGiven': '—',
  'common.dateHint': 'dd.mm.yyyy',
  'common.retry': 'Try again',

  'error.unknown': 'An unexpected error occurred. Please try again.',
  'error.dismiss': 'Close message',
  'error.summary': 'Correct the highlighted fields',

  'nav.label': 'Main navigation',
  'nav.participants': 'Participants',
  'nav.projects': 'Projects',
  'nav.plans': 'Support plans',
  'nav.documents': 'Documents',
  'nav.reports': 'Reports',
  'nav.sync': 'Sync',
  'nav.settings': 'Settings',

  'status.worker': 'Worker: {name}',
  'status.dataDir': 'Data: {path}',
  'status.version': 'Version {version}',
  'status.lock': 'Lock',
  'status.label': 'Status bar',

  'placeholder.coming': 'This part will come in a later version.',
  'placeholder.plans': 'Individual support plans will be here: assessment, goals, planned services and their delivery.',
  'placeholder.sync': 'Data exchange between the laptop used in the field and the copy of Kartoteka in the office will be here.',

  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  'size.gb': '{n} GB',

  'age.one': '{n} year',
  'age.few': '{n} years',
  'age.many': '{n} years',

  'people.one': '{n} person',
  'people.few': '{n} people',
  'people.many': '{n} people',

  'common.required': 'required field',
  'common.requiredNote': 'Fields marked * are required.',
  'draft.restored': 'An unsaved draft from {at} has been restored. Check it, then save or discard it.',
  'draft.discard': 'Discard draft',
  'draft.returned': 'You are back in the form that was open before Kartoteka locked.',
  'leave.title': 'You have unsaved changes',
  'leave.text': 'The changes in this form have not been saved. Save them, discard them, or go back to the form?',
  'leave.save': 'Save',
  'leave.discard': 'Discard changes',
  'leave.stay': 'Back to the form',
  'picker.folder': 'Choose folder…',
  'picker.file': 'Choose file…',
  'picker.folderTitle': 'Choose a folder',
  'picker.fileTitle': 'Choose a file',
};
