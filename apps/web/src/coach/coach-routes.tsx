import { Navigate, Route, Routes } from 'react-router';
import { lazyPage, PageSuspense } from '../app/lazy-page';
import { NotFoundPage } from '../app/not-found-page';
import { RosterPage } from './roster/roster-page';

// The roster comes with this chunk (the most visited page after Today); every other page is its own.
const TodayPage = lazyPage(() => import('./today/today-page'), 'TodayPage');
const PreferencesPage = lazyPage(() => import('../account/preferences-page'), 'PreferencesPage');
const CalendarPage = lazyPage(() => import('./calendar/calendar-page'), 'CalendarPage');
const ClientPage = lazyPage(() => import('./client/client-page'), 'ClientPage');
const NewClientPage = lazyPage(() => import('./client/new-client-page'), 'NewClientPage');
const NewEngagementPage = lazyPage(() => import('./engagements/new-engagement-page'), 'NewEngagementPage');
const ClientNotificationsPage = lazyPage(() => import('./notifications/client-notifications-page'), 'ClientNotificationsPage');
const SessionEditorPage = lazyPage(() => import('./sessions/session-editor-page'), 'SessionEditorPage');
const SponsorsPage = lazyPage(() => import('./sponsors/sponsors-page'), 'SponsorsPage');
const PracticePage = lazyPage(() => import('../practice/practice-page'), 'PracticePage');

/** The coach's (and owner's) workspace. URLs here are also linked from emails: keep them stable. */
export function CoachRoutes() {
  return (
    <PageSuspense>
      <Routes>
        {/* Where staff land: their day (today/today-page.tsx); the roster keeps /clients. */}
        <Route index element={<TodayPage />} />
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
    </PageSuspense>
  );
}
