import type { ComponentProps, ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { PASSWORD_MAX } from '../account/password-rules';
import { errorCode, errorField } from '../ui/errors';
import { TextField } from '../ui/fields';
import { Page } from '../ui/page';

/** A page outside the app shell (log-in, invitations, password resets): its own main landmark. */
export function AuthPage({ children, ...page }: ComponentProps<typeof Page>) {
  return (
    <main className="auth-page" id="main">
      <Page {...page}>{children}</Page>
    </main>
  );
}

/** An emailed link (invitation, password reset) that cannot be used: the alert, then the ways forward. */
export function LinkProblemPage({ title, problem, children }: { title: string; problem: ReactNode; children: ReactNode }) {
  return (
    <AuthPage title={title}>
      <div className="notice notice-error" role="alert">
        {problem}
      </div>
      {children}
    </AuthPage>
  );
}

/** The API refused the emailed link's token (invalid, already used or expired). */
export function isBadTokenLink(error: CombinedError | undefined): boolean {
  return errorCode(error) === 'BAD_USER_INPUT' && errorField(error) === 'token';
}

/** A password being chosen: hidden, offered to password managers as new, within the API's length. */
export function NewPasswordField(props: Omit<ComponentProps<typeof TextField>, 'type'>) {
  return <TextField type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX} {...props} />;
}
