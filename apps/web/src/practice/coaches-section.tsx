import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../auth/auth-context';
import { timeZoneOptions } from '../auth/time-zones';
import { graphql } from '../graphql/graphql';
import { formatDateTime } from '../time/format';
import { errorCode, errorField } from '../ui/errors';
import { SelectField, TextField } from '../ui/fields';
import { EmptyState, ErrorNotice, QueryState, SuccessNotice } from '../ui/status';
import { InvitationLink } from '../ui/invitation-link';
import { roleLabel } from './audit-labels';
import { isForbidden, OwnerOnly } from './owner-only';
import { fieldOfInviteError, inviteCoachInput, validateInviteForm, type InviteErrors, type InviteForm } from './practice-form';

export const PracticeCoachesQuery = graphql(`
  query PracticeCoaches {
    coaches {
      id
      name
      email
      role
      timeZone
    }
  }
`);

export const InviteCoachMutation = graphql(`
  mutation InviteCoach($input: InviteCoachInput!) {
    inviteCoach(input: $input) {
      inviteUrl
      expiresAt
    }
  }
`);

export function CoachesSection() {
  const [result, refetch] = useQuery({ query: PracticeCoachesQuery });
  if (isForbidden(result.error)) return <OwnerOnly />;
  return (
    <>
      <section aria-labelledby="practice-coaches-heading">
        <h2 id="practice-coaches-heading">Coaches</h2>
        <QueryState result={result}>
          {(data) =>
            data.coaches.length === 0 ? (
              <EmptyState title="No coaches yet" />
            ) : (
              <div className="table-wrap">
                <table className="table-stack practice-coaches">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Time zone</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.coaches.map((coach) => (
                      <tr key={coach.id}>
                        <td data-label="Name">{coach.name}</td>
                        <td data-label="Email" className="practice-email">
                          {coach.email}
                        </td>
                        <td data-label="Role">
                          <span className={`badge${coach.role === 'OWNER' ? '' : ' badge-muted'}`}>{roleLabel(coach.role)}</span>
                        </td>
                        <td data-label="Time zone">{coach.timeZone.replace(/_/g, ' ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
      <InviteCoachForm onInvited={() => refetch({ requestPolicy: 'network-only' })} />
    </>
  );
}

function InviteCoachForm({ onInvited }: { onInvited: () => void }) {
  const viewer = useViewer();
  const empty: InviteForm = { name: '', email: '', timeZone: viewer.timeZone };
  const [form, setForm] = useState<InviteForm>(empty);
  const [errors, setErrors] = useState<InviteErrors>({});
  const [result, invite] = useMutation(InviteCoachMutation);
  const [invited, setInvited] = useState<{ name: string; email: string; inviteUrl: string; expiresAt: string } | null>(null);
  const zones = timeZoneOptions();
  const apiField = fieldOfInviteError(errorField(result.error), errorCode(result.error), result.error?.graphQLErrors[0]?.message);
  const apiMessage = result.error?.graphQLErrors[0]?.message;
  const fieldError = (field: keyof InviteForm) => errors[field] ?? (apiField === field ? (apiMessage ?? 'Check this field.') : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = validateInviteForm(form);
    setErrors(problems);
    const first = (['name', 'email', 'timeZone'] as const).find((field) => problems[field]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const input = inviteCoachInput(form);
    const outcome = await invite({ input });
    if (!outcome.error && outcome.data) {
      setInvited({ name: input.name, email: input.email, ...outcome.data.inviteCoach });
      setForm(empty);
      onInvited();
    }
  }

  return (
    <section aria-labelledby="practice-invite-heading" className="practice-invite">
      <h2 id="practice-invite-heading">Invite a coach</h2>
      <form className="card form-narrow" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted small">Tandem emails them a link to choose a password. They see and coach the clients assigned to them.</p>
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={200}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError('name')}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fieldError('email')}
        />
        <SelectField
          label="Time zone"
          name="timeZone"
          value={form.timeZone}
          onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
          error={fieldError('timeZone')}
        >
          {(zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <ErrorNotice error={apiField ? undefined : result.error} />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Inviting…' : 'Invite coach'}
          </button>
        </div>
        {invited ? (
          <div className="practice-invited">
            <SuccessNotice>
              Invitation emailed to {invited.name} ({invited.email}). The link works once, until{' '}
              {formatDateTime(invited.expiresAt, viewer.timeZone)}.
            </SuccessNotice>
            <InvitationLink url={invited.inviteUrl} />
          </div>
        ) : null}
      </form>
    </section>
  );
}
