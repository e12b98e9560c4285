import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { timeZoneOptions } from '../../auth/time-zones';
import { graphql } from '../../graphql/graphql';
import { browserZone } from '../../time/format';
import { errorCode, errorField, errorMessage } from '../../ui/errors';
import { TextField } from '../../ui/fields';
import { focusFirstInvalid } from '../../ui/focus';
import { Page } from '../../ui/page';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { ClientRoleAndTagFields, ClientTimeZoneField } from './client-fields';

const CreateClientMutation = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) {
      id
      name
    }
  }
`);

type FieldName = 'name' | 'email' | 'timeZone' | 'currentRole' | 'targetRole' | 'tags';
type Errors = Partial<Record<FieldName, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems with the form before it is sent; empty when it may be sent. */
export function validateNewClient(form: { name: string; email: string; timeZone: string }): Errors {
  const errors: Errors = {};
  if (!form.name.trim()) errors.name = 'Enter the client’s name.';
  if (!form.email.trim()) errors.email = 'Enter the client’s email address.';
  else if (!EMAIL.test(form.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (!form.timeZone) errors.timeZone = 'Choose the client’s time zone.';
  return errors;
}

/** "coaching, leadership, , Leadership" → ["coaching", "leadership"]. */
export function parseTags(value: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of value.split(',')) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

const FIELDS: FieldName[] = ['name', 'email', 'timeZone', 'currentRole', 'targetRole', 'tags'];

/** Adds a client to the coach's roster; they are invited to the portal separately, from their page. */
export function NewClientPage() {
  const navigate = useNavigate();
  const zones = useMemo(() => timeZoneOptions(), []);
  const [form, setForm] = useState({ name: '', email: '', timeZone: browserZone(), currentRole: '', targetRole: '', tags: '' });
  const [errors, setErrors] = useState<Errors>({});
  const leaveWithoutAsking = useUnsavedChanges(
    [form.name, form.email, form.currentRole, form.targetRole, form.tags].some((value) => value.trim() !== ''),
  );
  const [result, createClient] = useMutation(CreateClientMutation);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  // The API names the offending field (extensions.field); a duplicate email is a CONFLICT without one.
  const serverField =
    errorField(result.error) ??
    (errorCode(result.error) === 'CONFLICT' && /email|@/i.test(errorMessage(result.error) ?? '') ? 'email' : undefined);
  const shownField = FIELDS.find((f) => f === serverField);
  const fieldError = (name: FieldName) => errors[name] ?? (shownField === name ? errorMessage(result.error) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateNewClient(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(formRef);
      return;
    }
    const response = await createClient({
      input: {
        name: form.name.trim(),
        email: form.email.trim(),
        timeZone: form.timeZone,
        currentRole: form.currentRole.trim() || null,
        targetRole: form.targetRole.trim() || null,
        tags: parseTags(form.tags),
      },
    });
    if (response.data) {
      leaveWithoutAsking();
      void navigate(`/clients/${response.data.createClient.id}`); // nothing waits for the navigation
    } else focusFirstInvalid(formRef);
  }

  return (
    <Page title="New client" subtitle="Add someone you coach. You can invite them to the client portal from their page.">
      <form ref={formRef} className="card form-narrow" onSubmit={(event) => void submit(event)} noValidate>
        {result.error && !shownField ? <ErrorNotice error={result.error} /> : null}
        <TextField label="Name" autoComplete="off" required value={form.name} onChange={set('name')} error={fieldError('name')} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
        />
        <ClientTimeZoneField form={form} onChange={set} fieldError={fieldError} zones={zones} />
        <ClientRoleAndTagFields form={form} onChange={set} fieldError={fieldError} />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Creating…' : 'Create client'}
          </button>
          <Link to="/clients" className="button button-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
