import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { ErrorNotice, SuccessNotice } from '../ui/status';
import { PASSWORD_HINT, passwordProblem } from '../account/password-rules';
import { AuthPage, LinkProblemPage, NewPasswordField, isBadTokenLink } from './auth-page';

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
  const [result, reset] = useMutation(ResetPasswordMutation);

  if (!token || isBadTokenLink(result.error)) {
    return (
      <LinkProblemPage
        title="Choose a new password"
        problem={token ? 'This reset link is invalid, was already used or has expired.' : 'This reset link is incomplete.'}
      >
        <p>Reset links work once and for a limited time. You can ask for a new one.</p>
        <p>
          <Link to="/forgot-password">Send me a new link</Link>
        </p>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </LinkProblemPage>
    );
  }

  if (!result.error && result.data?.resetPassword) {
    return (
      <AuthPage title="Password changed">
        <SuccessNotice>Your password has been changed. You can log in with it now.</SuccessNotice>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </AuthPage>
    );
  }

  const problem = passwordProblem(password);
  const mismatch = repeat !== password ? 'The two passwords are not the same.' : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problem || mismatch) return;
    await reset({ input: { token, password } });
  }

  return (
    <AuthPage title="Choose a new password">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorNotice error={result.error} />
        <NewPasswordField
          label="New password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={PASSWORD_HINT}
          error={checked ? problem : undefined}
        />
        <NewPasswordField
          label="Repeat the new password"
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
    </AuthPage>
  );
}
