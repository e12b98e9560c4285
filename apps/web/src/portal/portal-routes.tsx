import { Route, Routes } from 'react-router';
import { PreferencesPage } from '../account/preferences-page';
import { NotFoundPage } from '../app/not-found-page';
import { ActionItemsPage } from './action-items-page';
import { CareerPlanPage } from './career-plan-page';
import { ClientSessionPage } from './client-session-page';
import { PortalHomePage } from './portal-home-page';

/** The client's portal. /action-items and /sessions/:id are linked from emails: keep them stable. */
export function PortalRoutes() {
  return (
    <Routes>
      <Route index element={<PortalHomePage />} />
      <Route path="action-items" element={<ActionItemsPage />} />
      <Route path="sessions/:sessionId" element={<ClientSessionPage />} />
      <Route path="plan" element={<CareerPlanPage />} />
      <Route path="preferences" element={<PreferencesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
