// English texts of Projects: the list, a project's page and the project form's fields.
// One part of the English dictionary (the same keys as ../pl/projects.ts); ../en.ts joins the parts.

import type { projectTexts as pl } from '../pl/projects';

export const projectTexts: { readonly [K in keyof typeof pl]: string } = {
  'projects.new': 'New project',
  'projects.empty': 'There are no projects yet. Add the first one with the “New project” button.',
  'projects.col.name': 'Name',
  'projects.col.agreement': 'Agreement number',
  'projects.col.period': 'Project period',
  'projects.col.progress': 'Participants',
  'projects.period': '{from}–{to}',
  'projects.progress': '{enrolled} of {target} participants',
  'projects.progressNoTarget': 'Participants enrolled: {enrolled}',
  'projects.active': 'Currently taking part: {active}',
  'projects.back': '← Projects',
  'projects.formTitle': 'New project',
  'projects.enrolledHeading': 'Enrolled participants',
  'projects.noEnrolled': 'No one is enrolled in this project yet.',
  'projects.col.participant': 'Participant',
  'projects.targetNotNumber': 'Target number of participants: enter a whole number, e.g. 350.',
  'projects.noGroups': 'not specified',
  'projects.tableLabel': 'Project list',

  'pfield.name': 'Project name',
  'pfield.agreement_number': 'Agreement number',
  'pfield.programme': 'Programme',
  'pfield.start_date': 'Project start',
  'pfield.end_date': 'Project end',
  'pfield.period': 'Project period',
  'pfield.participant_target': 'Target number of participants',
  'pfield.target_groups': 'Target groups',
  'pfield.target_groupsHint': 'Each group on a separate line.',
  'pfield.retention_until': 'Keep documents until',

  'projects.edit': 'Edit project',
  'projects.editTitle': 'Edit project',

  'projects.addPerson': 'Add a person to the project',
  'projects.addPersonHeading': 'Add a person to the project “{project}”',
  'projects.findPerson': 'Find a person in Kartoteka (surname, PESEL, town)',
};
