// The Polish dictionary: every text the UI shows. Placeholders in braces ({name}) are filled by t().
// Another language is a second object with the same keys (see ./index.ts). The texts live in
// ./pl/, one file per part of the app; `pl` joins them, and no key may be in two parts (a test
// checks it: a later part would silently replace the earlier text).

import { auditTexts } from './pl/audit';
import { commonTexts } from './pl/common';
import { documentTexts } from './pl/documents';
import { firstRunTexts } from './pl/firstRun';
import { participantTexts } from './pl/participants';
import { planTexts } from './pl/plans';
import { groupTexts } from './pl/groups';
import { helpTexts } from './pl/help';
import { projectTexts } from './pl/projects';
import { recruitmentTexts } from './pl/recruitment';
import { reportTexts } from './pl/reports';
import { settingsTexts } from './pl/settings';
import { syncTexts } from './pl/sync';
import { unlockTexts } from './pl/unlock';

/** The parts of the dictionary by where they are used (for the test that no key repeats). */
export const plParts = {
  common: commonTexts,
  unlock: unlockTexts,
  firstRun: firstRunTexts,
  settings: settingsTexts,
  participants: participantTexts,
  audit: auditTexts,
  projects: projectTexts,
  recruitment: recruitmentTexts,
  groups: groupTexts,
  documents: documentTexts,
  reports: reportTexts,
  plans: planTexts,
  sync: syncTexts,
  help: helpTexts,
};

export const pl = {
  ...commonTexts,
  ...unlockTexts,
  ...firstRunTexts,
  ...settingsTexts,
  ...participantTexts,
  ...auditTexts,
  ...projectTexts,
  ...recruitmentTexts,
  ...groupTexts,
  ...documentTexts,
  ...reportTexts,
  ...planTexts,
  ...syncTexts,
  ...helpTexts,
};
