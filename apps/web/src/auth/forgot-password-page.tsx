import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { TextField } from '../ui/fields';
import { ErrorNotice, SuccessNotice } from '../ui/status';
import { AuthPage } from './auth-page';

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/**
 * Asks for a reset link. The answer is the same whether or not the address has an account, so
 * the page cannot be used to find out who uses Tandem.
 */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [result, request] = useMutation(RequestPasswordResetMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!address) return;
    const outcome = await request({ email: address });
    if (!outcome.error) setSentTo(address);
  }

  return (
    <AuthPage title="Forgot your password">
      {sentTo ? (
        <>
          <SuccessNotice>
            If an account uses {sentTo}, we have emailed it a link to choose a new password. The link works once and expires after a while.
          </SuccessNotice>
          <p className="muted">No email after a few minutes? Check your spam folder, or try again.</p>
          <p>
            <button type="button" className="button-link" onClick={() => setSentTo(null)}>
              Try another address
            </button>
          </p>
        </>
      ) : (
        <form className="card" onSubmit={(event) => void submit(event)} noValidate>
          <p>Enter the address you log in with and we will email you a link to choose a new password.</p>
          <ErrorNotice error={result.error} />
          <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <div className="form-actions">
            <button type="submit" disabled={result.fetching || !email.trim()}>
              {result.fetching ? 'Sending…' : 'Send reset link'}
            </button>
          </div>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthPage>
  );
}
