import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { UNSAFE_createBrowserHistory, unstable_HistoryRouter as HistoryRouter } from 'react-router';
import { AppRoutes } from './app/app-routes';
import { preloadRememberedWorkspace } from './app/workspaces';
import { hasStoredSession } from './auth/session-store';
import { AuthProvider } from './auth/auth-context';
import { takeEarlyRefresh } from './auth/early-refresh';
import { guardHistory } from './ui/guarded-history';
import { UnsavedChangesGuard } from './ui/use-unsaved-changes';
import './styles.css';

// A reload of a logged-in page: index.html has started the refresh (adopted here) and the
// workspace's download; importing it now runs it as soon as it arrives.
const earlyRefresh = takeEarlyRefresh();
if (hasStoredSession(window.localStorage)) preloadRememberedWorkspace(window.localStorage);

// Declarative routing over a history of our own that forms can hold back while they keep unsaved
// text (the data router's useBlocker would add 30 KB gz to the first script).
const history = guardHistory(UNSAFE_createBrowserHistory({ v5Compat: true }));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HistoryRouter history={history}>
      <UnsavedChangesGuard history={history}>
        <AuthProvider earlyRefresh={earlyRefresh}>
          <AppRoutes />
        </AuthProvider>
      </UnsavedChangesGuard>
    </HistoryRouter>
  </StrictMode>,
);
