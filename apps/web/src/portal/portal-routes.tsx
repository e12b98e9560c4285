import { Route, Routes } from 'react-router';
import { lazyPage, PageSuspense } from '../app/lazy-page';
import { NotFoundPage } from '../app/not-found-page';
import { PortalHomePage } from './portal-home-page';

// Home is where a client lands, so it comes with this chunk; the other pages are their own.
const PreferencesPage = lazyPage(() => import('../account/preferences-page'), 'PreferencesPage');
const ActionItemsPage = lazyPage(() => import('./action-items-page'), 'ActionItemsPage');
const CareerPlanPage = lazyPage(() => import('./career-plan-page'), 'CareerPlanPage');
const ContactsPage = lazyPage(() => import('./contacts-page'), 'ContactsPage');
const MessagesPage = lazyPage(() => import('./messages-page'), 'MessagesPage');
const ClientSessionPage = lazyPage(() => import('./client-session-page'), 'ClientSessionPage');

/** The client's portal. /action-items, /contacts and /sessions/:id are linked from emails: keep them stable. */
export function PortalRoutes() {
  return (
    <PageSuspense>
      <Routes>
        <Route index element={<PortalHomePage />} />
        <Route path="action-items" element={<ActionItemsPage />} />
        <Route path="sessions/:sessionId" element={<ClientSessionPage />} />
        <Route path="plan" element={<CareerPlanPage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="preferences" element={<PreferencesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PageSuspense>
  );
}
