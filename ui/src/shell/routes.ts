// Maps a route to its view. The only place that knows every view of the unlocked app.

import { ParticipantDetail } from '../participants/ParticipantDetail';
import { ParticipantForm } from '../participants/ParticipantForm';
import { ParticipantList } from '../participants/ParticipantList';
import { ProjectDetailView } from '../projects/ProjectDetailView';
import { ProjectForm } from '../projects/ProjectForm';
import { ProjectList } from '../projects/ProjectList';
import { settingsView } from '../settings/SettingsView';
import type { AppContext, Route, View } from './context';
import { placeholderView } from './InfoViews';

export function renderRoute(route: Route, ctx: AppContext): View {
  switch (route.view) {
    case 'participants':
      return ParticipantList(ctx);
    case 'participant-new':
      return ParticipantForm(ctx, null);
    case 'participant-edit':
      return ParticipantForm(ctx, route.id);
    case 'participant':
      return ParticipantDetail(ctx, route.id, route.tab ?? 'data');
    case 'projects':
      return ProjectList(ctx);
    case 'project-new':
      return ProjectForm(ctx);
    case 'project':
      return ProjectDetailView(ctx, route.id);
    case 'plans':
      return placeholderView('plans', 'nav.plans', 'placeholder.plans');
    case 'documents':
      return placeholderView('documents', 'nav.documents', 'placeholder.documents');
    case 'sync':
      return placeholderView('sync', 'nav.sync', 'placeholder.sync');
    case 'settings':
      return settingsView(ctx);
  }
}
