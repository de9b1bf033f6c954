// The help's content as data: one page per main view (the NavIds), the first steps and the
// keyboard shortcuts. Every text is a dictionary key (../i18n/pl/help.ts); the {placeholders} of a
// step are filled with the real labels of the buttons and tabs it names (`labels`: placeholder →
// the key the UI shows), so the help says exactly what the screen says, in either language.
// Screenshots are files in ui/public/help/ (served as help/<file>); a missing one is just hidden.
// The shortcuts listed are only those the code implements (each row names where).

import type { MessageKey } from '../i18n';
import type { NavId } from '../shell/context';

export type HelpTopic = 'start' | NavId | 'shortcuts';

/** The topics in the order the help lists them. */
export const HELP_TOPICS: readonly HelpTopic[] = [
  'start', 'participants', 'projects', 'plans', 'documents', 'reports', 'sync', 'settings', 'shortcuts',
];

/** A text of a page; `labels` fills its {placeholders} with the texts of other keys. */
export interface HelpText {
  key: MessageKey;
  labels?: Readonly<Record<string, MessageKey>>;
}

/** A common task: a heading, numbered steps and an optional note below them. */
export interface HelpTask {
  title: MessageKey;
  steps: HelpText[];
  note?: HelpText;
}

/** One row of the shortcuts table: the keys (alternatives), what they do and where. */
export interface HelpShortcut {
  keys: MessageKey[];
  what: HelpText;
  where: HelpText;
}

export interface HelpPage {
  topic: HelpTopic;
  title: MessageKey;
  /** What the view is for. */
  intro: HelpText;
  screenshot?: { file: string; alt: MessageKey };
  tasks: HelpTask[];
  shortcuts?: HelpShortcut[];
  /** A closing remark (privacy, demo data…). */
  note?: HelpText;
}

function x(key: MessageKey, labels?: Record<string, MessageKey>): HelpText {
  return labels ? { key, labels } : { key };
}

/** A task whose steps are `<prefix>.1`, `<prefix>.2`, … (each with its own labels, or none). */
function task(prefix: string, steps: Array<Record<string, MessageKey> | null>, note?: HelpText): HelpTask {
  return {
    title: `${prefix}.title` as MessageKey,
    steps: steps.map((labels, i) => x(`${prefix}.${i + 1}` as MessageKey, labels ?? undefined)),
    note,
  };
}

function shot(topic: HelpTopic): { file: string; alt: MessageKey } {
  return { file: `${topic}.png`, alt: `help.${topic}.alt` as MessageKey };
}

const start: HelpPage = {
  topic: 'start',
  title: 'help.start.title',
  intro: x('help.start.intro'),
  screenshot: shot('start'),
  tasks: [
    task('help.start.move', [null, { help: 'nav.help' }, { lock: 'status.lock' }]),
    task('help.start.order', [
      { projects: 'nav.projects', newProject: 'projects.new' },
      { participants: 'nav.participants', newParticipant: 'participants.new' },
      { tabProjects: 'tab.projects', enrol: 'enrol.add' },
      { tabPlans: 'tab.plans', newPlan: 'plans.new' },
      { print: 'print.button' },
    ]),
    task('help.start.lock', [{ lock: 'status.lock' }, { settings: 'nav.settings' }, { unlock: 'unlock.submit' }]),
  ],
  note: x('help.start.demo', { settings: 'nav.settings' }),
};

const participants: HelpPage = {
  topic: 'participants',
  title: 'nav.participants',
  intro: x('help.participants.intro'),
  screenshot: shot('participants'),
  tasks: [
    task('help.participants.find', [null, null, null, { archived: 'participants.showArchived' }]),
    task('help.participants.add', [
      { new: 'participants.new' },
      null,
      { save: 'form.save' },
      { openExisting: 'duplicate.openExisting', saveAnyway: 'duplicate.saveAnyway' },
    ]),
    task('help.participants.card', [
      { edit: 'detail.edit' },
      { tabProjects: 'tab.projects', enrol: 'enrol.add' },
      { tabFamily: 'tab.family', addRelation: 'family.add' },
      { tabConsents: 'tab.consents', addConsent: 'consent.add' },
      { tabTimeline: 'tab.timeline', addNote: 'notes.add' },
    ]),
    task('help.participants.delivery', [{ delivery: 'delivery.button' }, null, { save: 'delivery.save' }],
      x('help.participants.delivery.note')),
    task('help.participants.archive', [{ archive: 'detail.archive' }, { restore: 'detail.restore' }]),
  ],
};

const projects: HelpPage = {
  topic: 'projects',
  title: 'nav.projects',
  intro: x('help.projects.intro'),
  screenshot: shot('projects'),
  tasks: [
    task('help.projects.add', [{ new: 'projects.new' }, null, { save: 'common.save' }]),
    task('help.projects.enrol', [null, { addPerson: 'projects.addPerson' }, { enrolSave: 'enrol.save' }]),
    task('help.projects.round', [
      { newRound: 'recruitment.new' },
      { save: 'common.save' },
      { addCandidate: 'recruitment.addCandidate' },
      { close: 'recruitment.close' },
    ]),
    task('help.projects.group', [
      { newGroup: 'groups.new', saveGroup: 'groups.save' },
      { addMember: 'groups.addMember' },
      { saveSession: 'groups.session.save' },
    ]),
  ],
};

const plans: HelpPage = {
  topic: 'plans',
  title: 'nav.plans',
  intro: x('help.plans.intro'),
  screenshot: shot('plans'),
  tasks: [
    task('help.plans.new', [{ tabPlans: 'tab.plans' }, { new: 'plans.new', create: 'plans.create' }, { save: 'plan.save' }]),
    task('help.plans.sign', [{ sign: 'plan.sign' }, { signConfirm: 'plan.signConfirm' }, { amend: 'plan.amend' }]),
    task('help.plans.review', [{ addReview: 'plan.addReview', reviewSave: 'plan.reviewSave' }, { close: 'plan.close' }]),
    task('help.plans.list', [null, null, null]),
    task('help.plans.catalogue', [
      { heading: 'service.heading', add: 'service.add', save: 'service.save' },
      { retire: 'service.retire' },
    ]),
  ],
};

const documents: HelpPage = {
  topic: 'documents',
  title: 'nav.documents',
  intro: x('help.documents.intro'),
  screenshot: shot('documents'),
  tasks: [
    task('help.documents.person', [{ print: 'print.button' }, null, { printSelected: 'print.selected', savePdf: 'print.saveSelected' }]),
    task('help.documents.blank', [{ documents: 'nav.documents' }, { enrolmentForm: 'doc.kind.enrolment' }, null]),
    task('help.documents.batch', [
      { batchHeading: 'documents.batchHeading' },
      { batchStart: 'documents.batchStart', cancel: 'documents.batchCancel' },
    ]),
    task('help.documents.again', [{ history: 'documents.historyHeading', reopen: 'documents.reopen' }]),
  ],
};

const reports: HelpPage = {
  topic: 'reports',
  title: 'nav.reports',
  intro: x('help.reports.intro'),
  screenshot: shot('reports'),
  tasks: [
    task('help.reports.cst', [null, { check: 'reports.cst.check' }, null, { xlsx: 'reports.cst.exportXlsx', csv: 'reports.cst.exportCsv' }]),
    task('help.reports.csv', [{ heading: 'reports.csv.heading' }, { export: 'reports.csv.export', cancel: 'reports.csv.cancel' }]),
    task('help.reports.compare', [null, { run: 'reports.compare.run' }, null]),
    task('help.reports.groups', [{ check: 'reports.groups.check' }]),
  ],
  note: x('help.reports.privacy'),
};

const sync: HelpPage = {
  topic: 'sync',
  title: 'nav.sync',
  intro: x('help.sync.intro'),
  screenshot: shot('sync'),
  tasks: [
    task('help.sync.setup', [null, { setupSave: 'sync.setup.save' }, { exportSave: 'sync.export.save' }]),
    task('help.sync.export', [{ exportNow: 'sync.export.now' }, null]),
    task('help.sync.import', [null, { importRun: 'sync.import.run' }]),
    task('help.sync.conflict', [null, { mine: 'sync.conflict.keepMine', theirs: 'sync.conflict.takeTheirs' }]),
  ],
};

const settings: HelpPage = {
  topic: 'settings',
  title: 'nav.settings',
  intro: x('help.settings.intro'),
  screenshot: shot('settings'),
  tasks: [
    task('help.settings.password', [{ heading: 'password.heading' }, { submit: 'password.submit' }]),
    task('help.settings.org', [{ heading: 'org.heading' }, { save: 'org.save' }]),
    task('help.settings.texts', [{ heading: 'texts.heading', new: 'texts.new', newVersion: 'texts.newVersion' }, { save: 'texts.save' }]),
    task('help.settings.backup', [{ create: 'backup.create' }, { forTransfer: 'backup.forTransfer' }]),
    task('help.settings.audit', [{ open: 'auditSection.open' }]),
    task('help.settings.anon', [{ preview: 'anon.preview' }, { apply: 'anon.apply' }]),
  ],
};

const searchBox = x('help.sc.search.where');
const tabs = x('help.sc.tabs.where');
const picker = x('help.sc.pick.where', { addRelation: 'family.add', addPerson: 'projects.addPerson' });
const audit = x('help.sc.audit.where');

const shortcuts: HelpPage = {
  topic: 'shortcuts',
  title: 'help.shortcuts.title',
  intro: x('help.shortcuts.intro'),
  tasks: [],
  shortcuts: [
    // shell/Shell.ts (the document's keydown while the shell is on screen).
    { keys: ['help.key.f1'], what: x('help.sc.help.what'), where: x('help.sc.help.where') },
    // participants/ParticipantList.ts: isNewShortcut, on the document while the list is shown.
    { keys: ['help.key.altN', 'help.key.ctrlN'], what: x('help.sc.new.what'), where: x('help.sc.list.where') },
    // participants/ParticipantList.ts: the search box's keydown.
    { keys: ['help.key.upDown'], what: x('help.sc.listMove.what'), where: searchBox },
    { keys: ['help.key.enter'], what: x('help.sc.listOpen.what'), where: searchBox },
    { keys: ['help.key.esc'], what: x('help.sc.listClear.what'), where: searchBox },
    // participants/ParticipantDetail.ts: the tablist's keydown.
    { keys: ['help.key.leftRight'], what: x('help.sc.tabs.what'), where: tabs },
    { keys: ['help.key.homeEnd'], what: x('help.sc.tabsEnds.what'), where: tabs },
    // participants/personPicker.ts (FamilyTab, projects/AddToProject).
    { keys: ['help.key.upDown'], what: x('help.sc.pickMove.what'), where: picker },
    { keys: ['help.key.enter'], what: x('help.sc.pickEnter.what'), where: picker },
    // ui/fields.ts searchableSelectField (plans/GoalsSection, groups/ProjectGroups).
    { keys: ['help.key.enter'], what: x('help.sc.service.what'), where: x('help.sc.service.where', { search: 'plan.serviceSearch' }) },
    // plans/QuickDelivery.ts: Enter submits from a select too.
    { keys: ['help.key.enter'], what: x('help.sc.delivery.what'), where: x('help.sc.delivery.where', { delivery: 'delivery.heading' }) },
    // audit/AuditLogView.ts: the person box's keydown.
    { keys: ['help.key.enter'], what: x('help.sc.auditEnter.what'), where: audit },
    { keys: ['help.key.down'], what: x('help.sc.auditDown.what'), where: audit },
    // ui/dialog.ts, ui/formDialog.ts: the <dialog>'s cancel event.
    { keys: ['help.key.esc'], what: x('help.sc.dialog.what'), where: x('help.sc.dialog.where') },
    // help/HelpPanel.ts.
    { keys: ['help.key.esc'], what: x('help.sc.helpClose.what'), where: x('help.sc.helpClose.where') },
  ],
};

export const HELP_PAGES: Readonly<Record<HelpTopic, HelpPage>> = {
  start, participants, projects, plans, documents, reports, sync, settings, shortcuts,
};
