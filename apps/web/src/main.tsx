import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppRoutes } from './app/app-routes';
import { preloadRememberedWorkspace } from './app/workspaces';
import { hasStoredSession } from './auth/session-store';
import { AuthProvider } from './auth/auth-context';
import { UnsavedChangesGuard } from './ui/use-unsaved-changes';
import './styles.css';

// A reload of a logged-in page: fetch the workspace's code while the session is restored.
if (hasStoredSession(window.localStorage)) preloadRememberedWorkspace(window.localStorage);

// A data router (one splat route; the pages keep their <Routes>) so forms can block a navigation that would lose unsaved text.
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <UnsavedChangesGuard>
        <AuthProvider>
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
