import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql, type ResultOf } from '../graphql/graphql';
import { errorField } from '../ui/errors';
import { TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import { useAuth, type AuthPayloadResult } from './auth-context';
import { AuthPage, LinkProblemPage, NewPasswordField, isBadTokenLink } from './auth-page';
import { PASSWORD_HINT, passwordProblem } from '../account/password-rules';

/**
 * The new user's fields without `client`: the API answers User.client only for an authenticated
 * request, so asking for it here returns a partial UNAUTHENTICATED error, which makes the auth
 * exchange send the mutation again with the (now used) token. The portal reads the client through
 * `me` instead.
 */
export const AcceptInviteMutation = graphql(`
  mutation AcceptInvite($input: AcceptInviteInput!) {
    acceptInvite(input: $input) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      user {
        id
        name
        email
        role
        timeZone
      }
    }
  }
`);

type AcceptedUser = NonNullable<ResultOf<typeof AcceptInviteMutation>['acceptInvite']['user']>;

/** The viewer startSession expects, from the fields the mutation can safely ask for. */
function asViewerFields(user: AcceptedUser): AuthPayloadResult['user'] {
  return { ...user, client: null } as unknown as AuthPayloadResult['user'];
}

/**
 * An invited client (or coach) chooses a password from the emailed link (/accept-invite?token=…),
 * and is logged in, landing on their home page.
 */
export function AcceptInvitePage() {
  const { viewer, startSession } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [showProblem, setShowProblem] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [result, accept] = useMutation(AcceptInviteMutation);

  if (accepted) return <Navigate to="/" replace />;

  if (!token) {
    return (
      <LinkProblemPage title="Accept your invitation" problem="This invitation link is incomplete.">
        <p>Open the link from your invitation email again, or copy the whole address into your browser.</p>
        <OtherWays />
      </LinkProblemPage>
    );
  }

  // The invitation link (or its token) no longer works: a new invitation is the way forward.
  if (isBadTokenLink(result.error)) {
    return (
      <LinkProblemPage title="This invitation no longer works" problem="This invitation link is invalid, was already used or has expired.">
        <OtherWays />
      </LinkProblemPage>
    );
  }

  const problem = passwordProblem(password);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) {
      setShowProblem(true);
      return;
    }
    const trimmed = name.trim();
    const { data } = await accept({ input: { token, password, ...(trimmed ? { name: trimmed } : {}) } });
    if (data) {
      startSession({ ...data.acceptInvite, user: asViewerFields(data.acceptInvite.user) });
      setAccepted(true);
    }
  }

  const field = errorField(result.error);
  return (
    <AuthPage
      title="Accept your invitation"
      subtitle="Choose a password to open Tandem: your sessions, action items, goals and plan in one place."
    >
      {viewer ? (
        <p className="notice">You are logged in as {viewer.name}. Accepting this invitation logs you in as the invited person instead.</p>
      ) : null}
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorNotice error={result.error} />
        <TextField
          label="Your name"
          autoComplete="name"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Optional: leave it empty to keep the name you were invited under."
          error={field === 'name' ? 'Check your name.' : undefined}
        />
        <NewPasswordField
          label="Choose a password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onBlur={() => setShowProblem(password.length > 0)}
          hint={PASSWORD_HINT}
          error={showProblem && problem ? problem : field === 'password' ? 'Choose a different password.' : undefined}
        />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Accepting…' : 'Accept invitation'}
          </button>
        </div>
      </form>
      <p className="muted">
        Already set a password? <Link to="/login">Log in</Link>.
      </p>
    </AuthPage>
  );
}

function OtherWays() {
  return (
    <>
      <p>Ask whoever invited you to send a new invitation. If you have already set a password, log in instead.</p>
      <p>
        <Link to="/login">Log in</Link>
      </p>
    </>
  );
}
