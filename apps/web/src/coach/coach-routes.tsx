import { Navigate, Route, Routes } from 'react-router';
import { PreferencesPage } from '../account/preferences-page';
import { CalendarPage } from './calendar/calendar-page';
import { ClientPage } from './client/client-page';
import { NewClientPage } from './client/new-client-page';
import { NewEngagementPage } from './engagements/new-engagement-page';
import { ClientNotificationsPage } from './notifications/client-notifications-page';
import { RosterPage } from './roster/roster-page';
import { SessionEditorPage } from './sessions/session-editor-page';
import { SponsorsPage } from './sponsors/sponsors-page';
import { PracticePage } from '../practice/practice-page';
import { NotFoundPage } from '../app/not-found-page';

/** The coach's (and owner's) workspace. URLs here are also linked from emails: keep them stable. */
export function CoachRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="/clients" replace />} />
      <Route path="clients" element={<RosterPage />} />
      <Route path="clients/new" element={<NewClientPage />} />
      <Route path="clients/:clientId/engagements/new" element={<NewEngagementPage />} />
      <Route path="clients/:clientId/notifications" element={<ClientNotificationsPage />} />
      {/* The client page has its own tabs (overview, sessions, action items, goals, plan). */}
      <Route path="clients/:clientId/*" element={<ClientPage />} />
      <Route path="sessions/:sessionId" element={<SessionEditorPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="sponsors" element={<SponsorsPage />} />
      <Route path="preferences" element={<PreferencesPage />} />
      <Route path="practice/*" element={<PracticePage />} />
      <Route path="action-items" element={<Navigate to="/clients" replace />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
