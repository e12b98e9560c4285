import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { previewSessions } from '../../scheduling/cadence-preview';
import { zoneCity } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { focusFirstInvalid } from '../../ui/focus';
import { Page } from '../../ui/page';
import { ErrorNotice, QueryState } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { CadenceFields, PreviewList } from './cadence-fields';
import {
  cadenceOf,
  engagementInput,
  fieldOfServerError,
  initialEngagementForm,
  validateEngagement,
  type EngagementErrors,
  type EngagementField,
  type EngagementForm,
} from './engagement-form';
import './new-engagement-page.css';

const NewEngagementClientQuery = graphql(`
  query NewEngagementClient($id: ID!) {
    client(id: $id) {
      id
      name
      timeZone
    }
  }
`);

const EngagementSponsorsQuery = graphql(`
  query EngagementSponsors {
    sponsors(first: 100) {
      edges {
        node {
          id
          organisation
        }
      }
    }
  }
`);

const CreateEngagementMutation = graphql(`
  mutation CreateEngagement($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      id
      status
      client {
        id
      }
    }
  }
`);

const PREVIEW_COUNT = 6;

/** Opens an engagement for a client: dates, allotment, sponsor and the cadence its sessions follow. */
export function NewEngagementPage() {
  const { clientId = '' } = useParams();
  const [result] = useQuery({ query: NewEngagementClientQuery, variables: { id: clientId } });
  return <QueryState result={result}>{(data) => <EngagementFormView client={data.client} key={data.client.id} />}</QueryState>;
}

function EngagementFormView({ client }: { client: { id: string; name: string; timeZone: string } }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const [initial] = useState<EngagementForm>(() => initialEngagementForm(client.timeZone));
  const [form, setForm] = useState<EngagementForm>(initial);
  const leaveWithoutAsking = useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(initial));
  const [errors, setErrors] = useState<EngagementErrors>({});
  const [now] = useState(() => new Date());
  const [sponsors] = useQuery({ query: EngagementSponsorsQuery });
  const [result, createEngagement] = useMutation(CreateEngagementMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const previewId = useId();

  const set =
    <K extends keyof EngagementForm>(key: K) =>
    (event: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [key]: event.target.value }));

  const serverField = fieldOfServerError(errorField(result.error));
  const error = (name: EngagementField) => errors[name] ?? (serverField === name ? errorMessage(result.error) : undefined);

  const allotted = /^\d+$/.test(form.sessionsAllotted.trim()) ? Number(form.sessionsAllotted) : null;
  const preview = useMemo(
    () =>
      previewSessions(cadenceOf(form), {
        startDate: form.startDate,
        endDate: form.endDate || null,
        from: now,
        count: Math.min(PREVIEW_COUNT, allotted ?? PREVIEW_COUNT),
      }),
    [form, now, allotted],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateEngagement(form);
    setErrors(problems);
    if (Object.keys(problems).length === 0) {
      const response = await createEngagement({ input: engagementInput(form, client.id) });
      if (response.data) {
        leaveWithoutAsking();
        void navigate(`/clients/${client.id}`); // nothing waits for the navigation
        return;
      }
    }
    focusFirstInvalid(formRef);
  }

  const adHoc = form.frequency === 'AD_HOC';
  const viewerZoneDiffers = viewer.timeZone !== form.timeZone;

  return (
    <Page
      title="New engagement"
      subtitle={
        <>
          For <Link to={`/clients/${client.id}`}>{client.name}</Link>
        </>
      }
    >
      <form ref={formRef} className="engagement-form" onSubmit={(event) => void submit(event)} noValidate>
        {result.error && !serverField ? (
          <div className="engagement-form-error">
            <ErrorNotice error={result.error} />
          </div>
        ) : null}
        <fieldset className="card engagement-details">
          <legend>Engagement</legend>
          <TextField
            label="Title"
            required
            value={form.title}
            onChange={set('title')}
            error={error('title')}
            placeholder="e.g. Leadership transition 2026"
          />
          <div className="engagement-pair">
            <TextField
              label="Starts on"
              type="date"
              required
              value={form.startDate}
              onChange={set('startDate')}
              error={error('startDate')}
              hint={`A day in ${zoneCity(client.timeZone)}.`}
            />
            <TextField
              label="Ends on"
              type="date"
              min={form.startDate}
              value={form.endDate}
              onChange={set('endDate')}
              error={error('endDate')}
              hint="Optional; no session after it."
            />
          </div>
          <div className="engagement-pair">
            <TextField
              label="Sessions allotted"
              type="number"
              inputMode="numeric"
              min={1}
              max={500}
              value={form.sessionsAllotted}
              onChange={set('sessionsAllotted')}
              error={error('sessionsAllotted')}
              hint="Optional; leave empty for no limit."
            />
            <TextField
              label="Session length (minutes)"
              type="number"
              inputMode="numeric"
              min={5}
              max={600}
              step={5}
              required
              value={form.sessionMinutes}
              onChange={set('sessionMinutes')}
              error={error('sessionMinutes')}
            />
          </div>
          <SelectField
            label="Sponsor"
            value={form.sponsorId}
            onChange={set('sponsorId')}
            error={error('sponsorId')}
            hint={
              sponsors.error
                ? 'The sponsors could not be loaded.'
                : 'An employer who pays for the coaching sees attendance and goal progress, never notes.'
            }
          >
            <option value="">No sponsor</option>
            {sponsors.data?.sponsors.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.organisation}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <fieldset className="card engagement-cadence">
          <legend>Cadence</legend>
          <CadenceFields
            form={form}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            error={error}
            client={client}
            idPrefix="new-engagement"
          />
        </fieldset>

        <section className="card engagement-preview" aria-labelledby={previewId}>
          <h2 id={previewId}>Next sessions</h2>
          {adHoc ? (
            <p className="muted">None planned: an ad hoc engagement has no cadence.</p>
          ) : preview.length === 0 ? (
            <p className="muted">
              {Object.keys(validateEngagement({ ...form, title: form.title || 'x' })).length > 0
                ? 'Complete the dates and cadence to see the sessions it plans.'
                : 'No sessions fall within the dates in the next 12 months.'}
            </p>
          ) : (
            <>
              <p className="small muted">
                The next {preview.length === 1 ? 'session' : `${preview.length} sessions`} in {zoneCity(form.timeZone)}
                {viewerZoneDiffers ? ` (${client.name}) and in ${zoneCity(viewer.timeZone)} (you)` : ''}
                {form.activate ? ', planned when you create the engagement.' : ', planned once the engagement is activated.'}
              </p>
              <PreviewList sessions={preview} zone={form.timeZone} viewerZone={viewer.timeZone} labelledBy={previewId} />
            </>
          )}
        </section>

        <div className="card engagement-submit">
          <label className="engagement-checkbox">
            <input
              type="checkbox"
              checked={form.activate}
              onChange={(event) => setForm((f) => ({ ...f, activate: event.target.checked }))}
            />
            Activate now and plan sessions
          </label>
          <p className="field-hint">
            {form.activate
              ? 'The sessions of the next 12 months are planned and the client is emailed reminders.'
              : 'The engagement stays a draft; activate it from the client’s page when you are ready.'}
          </p>
          <div className="form-actions">
            <button type="submit" disabled={result.fetching}>
              {result.fetching ? 'Creating…' : 'Create engagement'}
            </button>
            <Link to={`/clients/${client.id}`} className="button button-secondary">
              Cancel
            </Link>
          </div>
        </div>
      </form>
    </Page>
  );
}
