import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql, type ResultOf } from '../../graphql/graphql';
import { formatDateTime, zoneAbbreviation, zoneCity } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextAreaField, TextField, UrlField } from '../../ui/fields';
import { focusFirstInvalid } from '../../ui/focus';
import { EmptyState, ErrorNotice, QueryState } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { ENGAGEMENT_STATUS_LABELS } from '../client/labels';
import {
  fieldOfScheduleError,
  scheduleInput,
  startsAtOf,
  validateSchedule,
  type ScheduleErrors,
  type ScheduleField,
  type ScheduleForm,
} from './schedule-session-form';
import './schedule-session.css';

export const ScheduleSessionOptionsQuery = graphql(`
  query ScheduleSessionOptions($id: ID!) {
    client(id: $id) {
      id
      name
      timeZone
      engagements {
        id
        title
        status
        sessionMinutes
        meetingUrl
      }
    }
  }
`);

export const ScheduleSessionMutation = graphql(`
  mutation ScheduleSession($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      id
      startsAt
      status
    }
  }
`);

/** The API schedules sessions on draft and active engagements only. */
const SCHEDULABLE = new Set(['ACTIVE', 'DRAFT']);

type ClientOptions = ResultOf<typeof ScheduleSessionOptionsQuery>['client'];

/** At /clients/:clientId/sessions/new: one session outside the cadence (the only way an ad hoc engagement gets sessions). */
export function ScheduleSession({ clientId }: { clientId: string }) {
  const [result] = useQuery({ query: ScheduleSessionOptionsQuery, variables: { id: clientId } });
  return <QueryState result={result}>{({ client }) => <ScheduleSessionView client={client} />}</QueryState>;
}

function ScheduleSessionView({ client }: { client: ClientOptions }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const engagements = client.engagements.filter((e) => SCHEDULABLE.has(e.status));
  const [initial] = useState<ScheduleForm>(() => ({
    engagementId: (engagements.find((e) => e.status === 'ACTIVE') ?? engagements[0])?.id ?? '',
    date: '',
    time: '09:00',
    durationMinutes: '',
    agenda: '',
    meetingUrl: '',
  }));
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [result, schedule] = useMutation(ScheduleSessionMutation);
  const leaveWithoutAsking = useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(initial));
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const whenId = useId();
  // The form replaces the tab below the header: take the reader there.
  useEffect(() => headingRef.current?.focus(), []);

  const serverField = fieldOfScheduleError(errorField(result.error));
  const error = (name: ScheduleField) => errors[name] ?? (serverField === name ? errorMessage(result.error) : undefined);
  const set = (key: ScheduleField) => (event: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: event.target.value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const engagement = engagements.find((e) => e.id === form.engagementId);
  const startsAt = startsAtOf(form, client.timeZone);
  const base = `/clients/${client.id}`;

  useEffect(() => {
    if (result.error && !serverField) noticeRef.current?.focus();
  }, [result.error, serverField]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateSchedule(form);
    setErrors(problems);
    if (Object.keys(problems).length === 0) {
      const response = await schedule(
        { input: scheduleInput(form, client.timeZone) },
        { additionalTypenames: ['CoachingSession', 'Client', 'Engagement'] },
      );
      if (response.data) {
        leaveWithoutAsking();
        // Nothing waits for the navigation.
        void navigate(`${base}/sessions`, {
          state: { notice: `Session scheduled for ${formatDateTime(response.data.scheduleSession.startsAt, viewer.timeZone)}.` },
        });
        return;
      }
      if (!fieldOfScheduleError(errorField(response.error))) return;
    }
    focusFirstInvalid(formRef);
  }

  if (engagements.length === 0) {
    return (
      <section className="card">
        <h2 ref={headingRef} tabIndex={-1}>
          Schedule a session
        </h2>
        <EmptyState title="No engagement can take a session">
          <p>Sessions belong to a draft or active engagement.</p>
          <Link to={`${base}/engagements/new`}>Plan an engagement</Link>
        </EmptyState>
      </section>
    );
  }

  const clientZoneName = `${zoneCity(client.timeZone)} (${zoneAbbreviation(startsAt ?? new Date().toISOString(), client.timeZone)})`;
  return (
    <form ref={formRef} className="card schedule-session" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Schedule a session
      </h2>
      <p className="muted small">A one-off session outside the cadence. {client.name} gets the usual reminders before it.</p>
      <div ref={noticeRef} tabIndex={-1}>
        {result.error && !serverField ? <ErrorNotice error={result.error} /> : null}
      </div>
      {engagements.length > 1 ? (
        <SelectField label="Engagement" value={form.engagementId} onChange={set('engagementId')} error={error('engagementId')}>
          {engagements.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} ({ENGAGEMENT_STATUS_LABELS[e.status]})
            </option>
          ))}
        </SelectField>
      ) : (
        <p>
          Engagement: <strong>{engagements[0].title}</strong>
        </p>
      )}
      <fieldset className="schedule-session-when">
        <legend>
          When, in {client.name}’s time ({zoneCity(client.timeZone)})
        </legend>
        <div className="engagement-pair">
          <TextField id="schedule-date" label="Day" type="date" required value={form.date} onChange={set('date')} error={error('date')} />
          <TextField
            label="Time"
            type="time"
            required
            value={form.time}
            onChange={set('time')}
            error={error('time')}
            hint={`24-hour, on ${client.name}’s clock.`}
            aria-describedby={error('date') ? 'schedule-date-error' : undefined}
          />
        </div>
        <dl className="schedule-session-instant" id={whenId} aria-live="polite">
          <div>
            <dt>
              {client.name} · {clientZoneName}
            </dt>
            <dd>
              {startsAt ? (
                <time dateTime={startsAt}>{formatDateTime(startsAt, client.timeZone)}</time>
              ) : (
                <span className="muted">Choose a day and time</span>
              )}
            </dd>
          </div>
          <div>
            <dt>
              You · {zoneCity(viewer.timeZone)} ({zoneAbbreviation(startsAt ?? new Date().toISOString(), viewer.timeZone)})
            </dt>
            <dd>
              {startsAt ? <time dateTime={startsAt}>{formatDateTime(startsAt, viewer.timeZone)}</time> : <span className="muted">—</span>}
            </dd>
          </div>
        </dl>
      </fieldset>
      <TextField
        label="Length (minutes)"
        type="number"
        inputMode="numeric"
        min={5}
        max={600}
        step={5}
        value={form.durationMinutes}
        onChange={set('durationMinutes')}
        error={error('durationMinutes')}
        hint={engagement ? `Optional; empty: the engagement’s ${engagement.sessionMinutes} minutes.` : 'Optional.'}
      />
      <TextAreaField
        label="Agenda"
        rows={3}
        value={form.agenda}
        onChange={set('agenda')}
        error={error('agenda')}
        hint={`Optional. ${client.name} sees it before the session.`}
      />
      <UrlField
        label="Meeting link"
        value={form.meetingUrl}
        onChange={set('meetingUrl')}
        error={error('meetingUrl')}
        hint={engagement?.meetingUrl ? `Optional; empty: the engagement’s link (${engagement.meetingUrl}).` : 'Optional.'}
      />
      <div className="form-actions">
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? 'Scheduling…' : 'Schedule session'}
        </button>
        <Link to={`${base}/sessions`} className="button button-secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
