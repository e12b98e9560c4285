import { useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { LoginPage } from '../auth/login-page';
import { Loading } from '../ui/status';
import { AppShell } from './app-shell';
import { lazyPage, PageSuspense } from './lazy-page';
import { loadCoachWorkspace, loadPortalWorkspace, rememberWorkspace, workspaceOf } from './workspaces';

// Log-in is where most visits without a session start, so it comes with the first script; the
// other public pages, and each audience's workspace, are chunks of their own.
const SignUpPage = lazyPage(() => import('../auth/sign-up-page'), 'SignUpPage');
const ConfirmSignUpPage = lazyPage(() => import('../auth/confirm-sign-up-page'), 'ConfirmSignUpPage');
const AcceptInvitePage = lazyPage(() => import('../auth/accept-invite-page'), 'AcceptInvitePage');
const ResetPasswordPage = lazyPage(() => import('../auth/reset-password-page'), 'ResetPasswordPage');
const ForgotPasswordPage = lazyPage(() => import('../auth/forgot-password-page'), 'ForgotPasswordPage');
const CoachRoutes = lazyPage(loadCoachWorkspace, 'CoachRoutes');
const PortalRoutes = lazyPage(loadPortalWorkspace, 'PortalRoutes');

/** Public pages (log-in, sign-up, one-time links), then the workspace for the viewer's role. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<PublicPages />}>
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/confirm-sign-up" element={<ConfirmSignUpPage />} />
        <Route path="/accept-invite" element={<AcceptInvitePage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      </Route>
      <Route element={<RequireLogIn />}>
        <Route element={<AppShell />}>
          <Route path="/*" element={<RoleRoutes />} />
        </Route>
      </Route>
    </Routes>
  );
}

function PublicPages() {
  return (
    <PageSuspense>
      <Outlet />
    </PageSuspense>
  );
}

function RequireLogIn() {
  const { viewer } = useAuth();
  const location = useLocation();
  if (viewer === undefined) return <Loading label="Opening Tandem…" />;
  if (viewer === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

function RoleRoutes() {
  const { viewer } = useAuth();
  const workspace = viewer ? workspaceOf(viewer) : 'coach';
  useEffect(() => {
    if (viewer) rememberWorkspace(window.localStorage, viewer);
  }, [viewer]);
  return <PageSuspense>{workspace === 'portal' ? <PortalRoutes /> : <CoachRoutes />}</PageSuspense>;
}
