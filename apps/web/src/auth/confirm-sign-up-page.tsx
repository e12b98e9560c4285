import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { errorCode } from '../ui/errors';
import { ErrorNotice } from '../ui/status';
import { ViewerFields, useAuth } from './auth-context';
import { AuthPage, LinkProblemPage, isBadTokenLink } from './auth-page';

export const ConfirmSignUpMutation = graphql(
  `
    mutation ConfirmSignUp($token: String!) {
      confirmSignUp(token: $token) {
        accessToken
        accessTokenExpiresAt
        refreshToken
        user {
          ...ViewerFields
        }
      }
    }
  `,
  [ViewerFields],
);

/**
 * Opens the practice from the emailed sign-up link (/confirm-sign-up?token=…). It waits for a
 * click, so a mail scanner that opens links does not use the one-time token.
 */
export function ConfirmSignUpPage() {
  const { startSession } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [confirmed, setConfirmed] = useState(false);
  const [result, confirm] = useMutation(ConfirmSignUpMutation);

  if (confirmed) return <Navigate to="/" replace />;

  if (!token || isBadTokenLink(result.error)) {
    return (
      <LinkProblemPage
        title="Open your practice"
        problem={token ? 'This sign-up link is invalid, was already used or has expired.' : 'This sign-up link is incomplete.'}
      >
        <p>Sign-up links work once, for 24 hours. Signing up again sends a new one.</p>
        <p>
          <Link to="/sign-up">Sign up again</Link>
        </p>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </LinkProblemPage>
    );
  }

  if (errorCode(result.error) === 'CONFLICT') {
    return (
      <LinkProblemPage title="Open your practice" problem="This address has an account already.">
        <p>Log in with it, or choose "Forgot your password?" on the log-in page.</p>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </LinkProblemPage>
    );
  }

  async function open() {
    const { data } = await confirm({ token });
    if (data) {
      startSession(data.confirmSignUp);
      setConfirmed(true);
    }
  }

  return (
    <AuthPage
      title="Open your practice"
      subtitle="Your address is confirmed once you continue: you become the practice's owner and are logged in."
    >
      <div className="card">
        <ErrorNotice error={result.error} />
        <div className="form-actions">
          <button type="button" onClick={() => void open()} disabled={result.fetching}>
            {result.fetching ? 'Opening…' : 'Open my practice'}
          </button>
        </div>
      </div>
    </AuthPage>
  );
}
