import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { errorCode, errorField } from '../ui/errors';
import { TextField } from '../ui/fields';
import { Page } from '../ui/page';
import { ErrorNotice, SuccessNotice } from '../ui/status';
import { PASSWORD_HINT, PASSWORD_MAX, passwordProblem } from '../account/password-rules';

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

/** Sets a new password from the emailed link (/reset-password?token=…). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [done, setDone] = useState(false);
  const [result, reset] = useMutation(ResetPasswordMutation);

  const badLink = errorCode(result.error) === 'BAD_USER_INPUT' && errorField(result.error) === 'token';

  if (!token || badLink) {
    return (
      <main className="auth-page" id="main">
        <Page title="Choose a new password">
          <div className="notice notice-error" role="alert">
            {token ? 'This reset link is invalid, was already used or has expired.' : 'This reset link is incomplete.'}
          </div>
          <p>Reset links work once and for a limited time. You can ask for a new one.</p>
          <p>
            <Link to="/forgot-password">Send me a new link</Link>
          </p>
          <p>
            <Link to="/login">Log in</Link>
          </p>
        </Page>
      </main>
    );
  }

  if (done) {
    return (
      <main className="auth-page" id="main">
        <Page title="Password changed">
          <SuccessNotice>Your password has been changed. You can log in with it now.</SuccessNotice>
          <p>
            <Link to="/login">Log in</Link>
          </p>
        </Page>
      </main>
    );
  }

  const problem = passwordProblem(password);
  const mismatch = repeat !== password ? 'The two passwords are not the same.' : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problem || mismatch) return;
    const outcome = await reset({ input: { token, password } });
    if (!outcome.error && outcome.data?.resetPassword) setDone(true);
  }

  return (
    <main className="auth-page" id="main">
      <Page title="Choose a new password">
        <form className="card" onSubmit={submit} noValidate>
          <ErrorNotice error={result.error} />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={PASSWORD_HINT}
            error={checked ? problem : undefined}
          />
          <TextField
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={checked && !problem ? mismatch : undefined}
          />
          <div className="form-actions">
            <button type="submit" disabled={result.fetching}>
              {result.fetching ? 'Saving…' : 'Set new password'}
            </button>
          </div>
        </form>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </Page>
    </main>
  );
}
