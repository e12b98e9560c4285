import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { AcceptInvitePage } from '../auth/accept-invite-page';
import { ConfirmSignUpPage } from '../auth/confirm-sign-up-page';
import { useAuth } from '../auth/auth-context';
import { ForgotPasswordPage } from '../auth/forgot-password-page';
import { LoginPage } from '../auth/login-page';
import { ResetPasswordPage } from '../auth/reset-password-page';
import { SignUpPage } from '../auth/sign-up-page';
import { CoachRoutes } from '../coach/coach-routes';
import { PortalRoutes } from '../portal/portal-routes';
import { Loading } from '../ui/status';
import { AppShell } from './app-shell';

/** Public pages (log-in, sign-up, one-time links), then the workspace for the viewer's role. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route path="/confirm-sign-up" element={<ConfirmSignUpPage />} />
      <Route path="/accept-invite" element={<AcceptInvitePage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route element={<RequireLogIn />}>
        <Route element={<AppShell />}>
          <Route path="/*" element={<RoleRoutes />} />
        </Route>
      </Route>
    </Routes>
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
  return viewer?.role === 'CLIENT' ? <PortalRoutes /> : <CoachRoutes />;
}
