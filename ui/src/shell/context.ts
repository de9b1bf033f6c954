// What every view receives: the app status, navigation between views, error reporting and the
// form options (loaded once per unlocked session).

import type { AppStatus } from '../bindings/AppStatus';
import type { FormOptions } from '../bindings/FormOptions';

export type NavId = 'participants' | 'projects' | 'plans' | 'documents' | 'reports' | 'sync' | 'settings';

export type ParticipantTab =
  | 'data' | 'family' | 'projects' | 'plans' | 'consents' | 'timeline' | 'documents' | 'history';

export type Route =
  | { view: 'participants' }
  | { view: 'participant-new' }
  | { view: 'participant'; id: string; tab?: ParticipantTab }
  /** `cst`: opened from the CST2021 check — the fields the report lacks are marked, and
   * "Wróć do raportu" (and saving) returns to the check of that project. */
  | { view: 'participant-edit'; id: string; cst?: CstReturn }
  | { view: 'projects' }
  | { view: 'project-new' }
  | { view: 'project-edit'; id: string }
  | { view: 'project'; id: string }
  /** A new recruitment round of a project. */
  | { view: 'recruitment-new'; projectId: string }
  /** A recruitment round: its list, candidates, closing and documents. */
  | { view: 'recruitment'; id: string }
  /** A group of a project: members, recording a session, attendance lists. */
  | { view: 'group'; id: string }
  | { view: 'plans' }
  | { view: 'plan'; id: string }
  | { view: 'documents' }
  /** Raporty: CST2021 data for SM EFS and CSV tables for Excel. */
  | { view: 'reports'; cstProject?: string }
  | { view: 'sync' }
  | { view: 'settings' }
  /** Dziennik zdarzeń (from Ustawienia); `participantId`: only that person's events. */
  | { view: 'audit'; participantId?: string };

/** Where the CST2021 check sent her: the project checked and the fields it found missing. */
export interface CstReturn {
  projectId: string;
  fields: string[];
  /** Fields whose value SM EFS would refuse, with why (marked until she changes them). */
  problems?: Record<string, string>;
}

/** Remembered state of the participant list, so coming back shows the same search. */
export interface ListMemory {
  query: string;
  offset: number;
  includeArchived: boolean;
}

export interface AppContext {
  status: AppStatus;
  navigate(route: Route): void;
  /** Shows a non-field error in the message bar (or returns to the unlock screen if locked). */
  showError(error: unknown): void;
  clearError(): void;
  /** The app status changed (e.g. demo data removed): views and the banner follow it. */
  statusChanged(status: AppStatus): void;
  /** The language was switched: the window is rebuilt in it, at `view`. */
  languageChanged(status: AppStatus, view: Route): void;
  options(): Promise<FormOptions>;
  listMemory: ListMemory;
}

/** A mounted view: its root element, what to focus first, and cleanup when it is left. */
export interface View {
  el: HTMLElement;
  focus?: () => void;
  dispose?: () => void;
}

export function navOf(route: Route): NavId {
  switch (route.view) {
    case 'participants':
    case 'participant-new':
    case 'participant':
    case 'participant-edit':
      return 'participants';
    case 'projects':
    case 'project-new':
    case 'project-edit':
    case 'project':
    case 'recruitment-new':
    case 'recruitment':
    case 'group':
      return 'projects';
    case 'plan':
      return 'plans';
    case 'audit':
      return 'settings';
    default:
      return route.view;
  }
}
