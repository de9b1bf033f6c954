// Maps a route to its view. The only place that knows every view of the unlocked app.

import { AuditLogView } from '../audit/AuditLogView';
import { DocumentsView } from '../documents/DocumentsView';
import { ParticipantDetail } from '../participants/ParticipantDetail';
import { ParticipantForm } from '../participants/ParticipantForm';
import { ParticipantList } from '../participants/ParticipantList';
import { ProjectDetailView } from '../projects/ProjectDetailView';
import { ProjectForm } from '../projects/ProjectForm';
import { ProjectList } from '../projects/ProjectList';
import { GroupView } from '../groups/GroupView';
import { PlanEditor } from '../plans/PlanEditor';
import { RecruitmentView } from '../recruitment/RecruitmentView';
import { RoundForm } from '../recruitment/RoundForm';
import { PlansView } from '../plans/PlansView';
import { ReportsView } from '../reports/ReportsView';
import { settingsView } from '../settings/SettingsView';
import { SyncView } from '../sync/SyncView';
import type { AppContext, Route, View } from './context';

export function renderRoute(route: Route, ctx: AppContext): View {
  switch (route.view) {
    case 'participants':
      return ParticipantList(ctx);
    case 'participant-new':
      return ParticipantForm(ctx, null);
    case 'participant-edit':
      return ParticipantForm(ctx, route.id, route.cst ?? null);
    case 'participant':
      return ParticipantDetail(ctx, route.id, route.tab ?? 'data');
    case 'projects':
      return ProjectList(ctx);
    case 'project-new':
      return ProjectForm(ctx);
    case 'project-edit':
      return ProjectForm(ctx, route.id);
    case 'project':
      return ProjectDetailView(ctx, route.id);
    case 'recruitment-new':
      return RoundForm(ctx, route.projectId);
    case 'recruitment':
      return RecruitmentView(ctx, route.id);
    case 'group':
      return GroupView(ctx, route.id);
    case 'plans':
      return PlansView(ctx);
    case 'plan':
      return PlanEditor(ctx, route.id);
    case 'documents':
      return DocumentsView(ctx);
    case 'reports':
      return ReportsView(ctx, route.cstProject ?? null);
    case 'sync':
      return SyncView(ctx);
    case 'settings':
      return settingsView(ctx);
    case 'audit':
      return AuditLogView(ctx, route.participantId ?? null);
  }
}
