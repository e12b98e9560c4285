import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppRoutes } from './app/app-routes';
import { preloadRememberedWorkspace } from './app/workspaces';
import { hasStoredSession } from './auth/session-store';
import { AuthProvider } from './auth/auth-context';
import { takeEarlyRefresh } from './auth/early-refresh';
import { UnsavedChangesGuard } from './ui/use-unsaved-changes';
import './styles.css';

// A reload of a logged-in page: index.html has started the refresh (adopted here) and the
// workspace's download; importing it now runs it as soon as it arrives.
const earlyRefresh = takeEarlyRefresh();
if (hasStoredSession(window.localStorage)) preloadRememberedWorkspace(window.localStorage);

// A data router (one splat route; the pages keep their <Routes>) so forms can block a navigation that would lose unsaved text.
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <UnsavedChangesGuard>
        <AuthProvider earlyRefresh={earlyRefresh}>
          <AppRoutes />
        </AuthProvider>
      </UnsavedChangesGuard>
    ),
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
