import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import { ViewerFields, useAuth } from './auth-context';
import { safeNext } from './safe-next';

const LogInMutation = graphql(
  `
    mutation LogIn($input: LogInInput!) {
      logIn(input: $input) {
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

export function LoginPage() {
  const { viewer, startSession } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, logIn] = useMutation(LogInMutation);

  if (viewer) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await logIn({ input: { email: email.trim(), password } });
    if (data) startSession(data.logIn);
  }

  return (
    <main className="auth-page" id="main">
      <h1>Log in to Tandem</h1>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorNotice error={result.error} />
        <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching || !email || !password}>
            {result.fetching ? 'Logging in…' : 'Log in'}
          </button>
        </div>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="muted">
        Starting a practice? <Link to="/sign-up">Create a Tandem account</Link>. Clients join through the invitation their coach sends.
      </p>
    </main>
  );
}
