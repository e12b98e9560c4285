import { useMemo, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { browserZone } from '../time/format';
import { errorField } from '../ui/errors';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import { ViewerFields, useAuth } from './auth-context';
import { timeZoneOptions } from './time-zones';
import { PASSWORD_HINT, PASSWORD_MIN, passwordProblem } from '../account/password-rules';

const SignUpMutation = graphql(
  `
    mutation SignUp($input: SignUpInput!) {
      signUp(input: $input) {
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

/** A coach starts a practice: they become its owner and are logged in. */
export function SignUpPage() {
  const { viewer, startSession } = useAuth();
  const zones = useMemo(() => timeZoneOptions(), []);
  const [form, setForm] = useState({ name: '', email: '', practiceName: '', password: '', timeZone: browserZone() });
  const [result, signUp] = useMutation(SignUpMutation);

  if (viewer) return <Navigate to="/" replace />;

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const field = errorField(result.error);
  const problem =
    form.password.length > 0 ? passwordProblem(form.password, { email: form.email, names: [form.name, form.practiceName] }) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await signUp({
      input: { ...form, email: form.email.trim(), name: form.name.trim(), practiceName: form.practiceName.trim() },
    });
    if (data) startSession(data.signUp);
  }

  return (
    <main className="auth-page" id="main">
      <h1>Create your practice</h1>
      <form className="card" onSubmit={submit} noValidate>
        <ErrorNotice error={result.error} />
        <TextField
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={field === 'name' ? ' ' : undefined}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={field === 'email' ? 'Check this address' : undefined}
        />
        <TextField label="Practice name" required value={form.practiceName} onChange={set('practiceName')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={PASSWORD_HINT}
          error={problem ?? (field === 'password' ? result.error?.graphQLErrors[0]?.message : undefined)}
          value={form.password}
          onChange={set('password')}
        />
        <SelectField
          label="Time zone"
          hint="Times are shown and sessions planned in this zone."
          value={form.timeZone}
          onChange={set('timeZone')}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button
            type="submit"
            disabled={result.fetching || problem !== undefined || !form.name || !form.email || !form.practiceName || !form.password}
          >
            {result.fetching ? 'Creating…' : 'Create practice'}
          </button>
        </div>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
