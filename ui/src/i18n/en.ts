// The English dictionary: the same keys as the Polish one (./pl.ts), each with an English text.
// Placeholders in braces ({name}) are filled by t(); each text keeps the Polish one's placeholders
// (en.test.ts checks it). The texts live in ./en/, one file per part of the app, each typed so that
// a missing or an extra key is a type error. Only the type Dictionary comes from ./index (which
// imports ./pl), so there is no import cycle at run time. Printed documents stay Polish.

import type { Dictionary } from './index';
import { auditTexts } from './en/audit';
import { commonTexts } from './en/common';
import { documentTexts } from './en/documents';
import { firstRunTexts } from './en/firstRun';
import { participantTexts } from './en/participants';
import { planTexts } from './en/plans';
import { groupTexts } from './en/groups';
import { helpTexts } from './en/help';
import { projectTexts } from './en/projects';
import { recruitmentTexts } from './en/recruitment';
import { reportTexts } from './en/reports';
import { settingsTexts } from './en/settings';
import { syncTexts } from './en/sync';
import { unlockTexts } from './en/unlock';

/** The parts of the dictionary by where they are used (the same parts as `plParts`). */
export const enParts = {
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

export const en: Dictionary = {
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
