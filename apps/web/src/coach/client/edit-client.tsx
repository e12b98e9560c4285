import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { timeZoneOptions } from '../../auth/time-zones';
import { graphql } from '../../graphql/graphql';
import { errorCode, errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { focusFirstInvalid } from '../../ui/focus';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { ClientRoleAndTagFields, ClientTimeZoneField } from './client-fields';
import { ConfirmStep } from './confirm-step';
import {
  clientFormOf,
  clientUpdateInput,
  fieldOfClientError,
  validateClientForm,
  type ClientErrors,
  type ClientField,
  type ClientForm,
  type EditableClient,
} from './edit-client-form';
import { CLIENT_STATUS_LABELS, type ClientStatus } from './labels';
import './edit-client.css';

const UpdateClientMutation = graphql(`
  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {
    updateClient(id: $id, input: $input) {
      id
      name
      email
      timeZone
      status
      tags
      currentRole
      targetRole
      reminderOffsetsMinutes
    }
  }
`);

const ArchiveClientMutation = graphql(`
  mutation ArchiveClient($id: ID!) {
    archiveClient(id: $id) {
      id
      status
      archivedAt
    }
  }
`);

const STATUSES = Object.keys(CLIENT_STATUS_LABELS) as ClientStatus[];

type Client = EditableClient & { id: string; archivedAt?: string | null };

/**
 * The client's details (name, contact, zone, status, tags, roles, reminder times) and archiving.
 * Shown at /clients/:clientId/edit inside the client page; `onSaved` takes the coach back with a notice.
 */
export function EditClient({ client, onSaved }: { client: Client; onSaved: (notice: string) => void }) {
  const zones = useMemo(() => {
    const all = timeZoneOptions();
    return [client.timeZone, ...all.filter((zone) => zone !== client.timeZone)];
  }, [client.timeZone]);
  const [form, setForm] = useState<ClientForm>(() => clientFormOf(client));
  const leaveWithoutAsking = useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(clientFormOf(client)));
  const [errors, setErrors] = useState<ClientErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  const [result, updateClient] = useMutation(UpdateClientMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = `/clients/${client.id}`;
  // The form replaces the tab below the header: take the reader there.
  useEffect(() => headingRef.current?.focus(), []);

  const set = (key: ClientField) => (event: { target: { value: string } }) => {
    setUnchanged(false);
    setForm((f) => ({ ...f, [key]: event.target.value }));
  };

  const serverField = fieldOfClientError(errorField(result.error), errorCode(result.error), errorMessage(result.error));
  const fieldError = (name: ClientField) => errors[name] ?? (serverField === name ? errorMessage(result.error) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateClientForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(formRef);
      return;
    }
    const input = clientUpdateInput(form, client);
    if (Object.keys(input).length === 0) {
      setUnchanged(true);
      return;
    }
    const response = await updateClient({ id: client.id, input });
    if (response.data) {
      leaveWithoutAsking();
      onSaved(`${response.data.updateClient.name}’s details are saved.`);
    } else focusFirstInvalid(formRef);
  }

  const reminderHint =
    client.reminderOffsetsMinutes == null
      ? 'Before each session, e.g. 2d, 2h or 30m, separated by commas. Empty: the practice’s reminder times.'
      : 'Before each session, e.g. 2d, 2h or 30m, separated by commas. Empty: no reminders.';

  return (
    <div className="edit-client">
      <form
        ref={formRef}
        className="card form-narrow"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="edit-client-heading"
      >
        <h2 id="edit-client-heading" ref={headingRef} tabIndex={-1}>
          Edit client
        </h2>
        {result.error && !serverField ? <ErrorNotice error={result.error} /> : null}
        <TextField label="Name" autoComplete="off" required value={form.name} onChange={set('name')} error={fieldError('name')} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          required
          readOnly={client.hasLogin}
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
          hint={client.hasLogin ? 'They log in with this address, so only they can change it (from their preferences).' : undefined}
        />
        <ClientTimeZoneField form={form} onChange={set} fieldError={fieldError} zones={zones} />
        <SelectField
          label="Status"
          value={form.status}
          onChange={set('status')}
          error={fieldError('status')}
          hint="Activating an engagement makes a prospect active by itself."
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {CLIENT_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <ClientRoleAndTagFields form={form} onChange={set} fieldError={fieldError} />
        <TextField
          label="Reminder times (optional)"
          hint={reminderHint}
          value={form.reminders}
          onChange={set('reminders')}
          error={fieldError('reminders')}
        />
        <p className="small muted" role="status" aria-live="polite">
          {unchanged ? 'Nothing has changed yet.' : ''}
        </p>
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Saving…' : 'Save changes'}
          </button>
          <Link to={base} className="button button-secondary">
            Cancel
          </Link>
        </div>
      </form>
      {client.archivedAt ? null : <ArchiveClient client={client} />}
    </div>
  );
}

/** "Archive client", behind a step that says what archiving does; then back to the roster. */
function ArchiveClient({ client }: { client: Client }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [result, archiveClient] = useMutation(ArchiveClientMutation);
  const trigger = useRef<HTMLButtonElement>(null);

  async function archive() {
    const response = await archiveClient({ id: client.id }, { additionalTypenames: ['Client'] });
    if (response.data) void navigate('/clients'); // nothing waits for the navigation
  }

  return (
    <section className="card form-narrow edit-client-archive" aria-labelledby="archive-client-heading">
      <h2 id="archive-client-heading">Archive</h2>
      <p className="muted">Take {client.name} off your roster when you no longer coach them.</p>
      {confirming ? (
        <ConfirmStep
          title={`Archive ${client.name}?`}
          confirmLabel="Yes, archive"
          busyLabel="Archiving…"
          danger
          busy={result.fetching}
          onConfirm={() => void archive()}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => trigger.current?.focus());
          }}
        >
          <p>
            Archiving takes {client.name} off your client list and sets their status to Alumni; this page stays at its address. Their
            sessions, notes, goals, career plan and emails are kept, and they are no longer nudged about action items.
          </p>
          <p>Engagements are not changed: pause, complete or cancel the current engagement first if no more sessions should take place.</p>
          <ErrorNotice error={result.error} />
        </ConfirmStep>
      ) : (
        <button ref={trigger} type="button" className="button-danger" onClick={() => setConfirming(true)}>
          Archive client
        </button>
      )}
    </section>
  );
}
