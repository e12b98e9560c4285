import { useMemo, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { browserZone } from '../time/format';
import { errorField } from '../ui/errors';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice, SuccessNotice } from '../ui/status';
import { useAuth } from './auth-context';
import { AuthPage } from './auth-page';
import { timeZoneOptions } from './time-zones';
import { PASSWORD_HINT, PASSWORD_MIN, passwordProblem } from '../account/password-rules';

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input)
  }
`);

/**
 * A coach starts a practice: the API emails a link that opens it (ConfirmSignUpPage). The page
 * says the same whatever the address: one that has an account is told so by email.
 */
export function SignUpPage() {
  const { viewer } = useAuth();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(), []);
  const [form, setForm] = useState({ name: '', email: '', practiceName: '', password: '', timeZone: browserZone() });
  const [result, signUp] = useMutation(SignUpMutation);

  if (viewer) return <Navigate to="/" replace />;

  if (sentTo) {
    return (
      <AuthPage title="Check your inbox">
        <SuccessNotice>
          We sent an email to {sentTo}. Open the link in it to confirm the address and open your practice; it works for 24 hours.
        </SuccessNotice>
        <p>Nothing after a few minutes? Look in your spam folder, or sign up again to get a new link.</p>
        <p>
          <Link to="/login">Log in</Link>
        </p>
      </AuthPage>
    );
  }

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const field = errorField(result.error);
  const problem =
    form.password.length > 0 ? passwordProblem(form.password, { email: form.email, names: [form.name, form.practiceName] }) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const email = form.email.trim();
    const { data } = await signUp({
      input: { ...form, email, name: form.name.trim(), practiceName: form.practiceName.trim() },
    });
    if (data?.signUp) setSentTo(email);
  }

  return (
    <main className="auth-page" id="main">
      <h1>Create your practice</h1>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
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
            {result.fetching ? 'Sending…' : 'Create practice'}
          </button>
        </div>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
