import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { DateTime } from 'luxon';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { previewSessions } from '../../scheduling/cadence-preview';
import { zoneCity } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField, UrlField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { CadenceFields, PreviewList } from '../engagements/cadence-fields';
import {
  cadenceFormOf,
  cadenceInput,
  cadenceOf,
  fieldOfServerError,
  validateCadenceForm,
  type CadenceForm,
  type EngagementErrors,
  type EngagementField,
} from '../engagements/engagement-form';
import { ConfirmStep } from './confirm-step';
import { SessionPlanPreviewList, useSessionPlanPreview, type SessionPlanPreview } from './session-plan-preview';
import {
  canChangeCadence,
  engagementEditFormOf,
  engagementUpdateInput,
  fieldOfEngagementError,
  statusActions,
  validateEngagementEdit,
  type EditableEngagement,
  type EngagementEditErrors,
  type EngagementEditField,
  type EngagementEditForm,
  type EngagementStatus,
  type StatusAction,
} from './engagement-edit-form';
import { cadenceInWords, formatPlainDate, PHASE_LABELS } from './labels';
import './engagement-controls.css';

const ActivateEngagementMutation = graphql(`
  mutation ActivateEngagement($id: ID!) {
    activateEngagement(id: $id) {
      id
      status
    }
  }
`);
const PauseEngagementMutation = graphql(`
  mutation PauseEngagement($id: ID!) {
    pauseEngagement(id: $id) {
      id
      status
    }
  }
`);
const CompleteEngagementMutation = graphql(`
  mutation CompleteEngagement($id: ID!) {
    completeEngagement(id: $id) {
      id
      status
    }
  }
`);
const CancelEngagementMutation = graphql(`
  mutation CancelEngagement($id: ID!) {
    cancelEngagement(id: $id) {
      id
      status
    }
  }
`);
const ChangeCadenceMutation = graphql(`
  mutation ChangeCadence($id: ID!, $cadence: CadenceInput!) {
    changeCadence(id: $id, cadence: $cadence) {
      id
      cadence {
        frequency
        anchor
        day
        ordinal
        weekday
        localTime
        timeZone
      }
    }
  }
`);
const UpdateEngagementMutation = graphql(`
  mutation UpdateEngagement($id: ID!, $input: UpdateEngagementInput!) {
    updateEngagement(id: $id, input: $input) {
      id
      title
      phase
      endDate
      sessionsAllotted
      sessionMinutes
      meetingUrl
      sponsor {
        id
      }
    }
  }
`);

const EngagementSponsorOptionsQuery = graphql(`
  query EngagementSponsorOptions {
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

/** Besides the engagement, a change of status or cadence moves sessions and may make a prospect active. */
const CHANGES = { additionalTypenames: ['Client', 'CoachingSession', 'Engagement'] };

export interface ControlledEngagement extends EditableEngagement {
  id: string;
  status: EngagementStatus;
  cadence: {
    frequency: CadenceForm['frequency'];
    anchor: string;
    day?: number | null;
    ordinal?: number | null;
    weekday?: number | null;
    localTime: string;
    timeZone: string;
  };
  sponsor?: { id: string; organisation: string; contactName?: string | null } | null;
}

type Panel = StatusAction | 'cadence' | 'edit' | null;

const TRIGGER_LABELS: Record<StatusAction, string> = {
  activate: 'Activate',
  resume: 'Resume',
  pause: 'Pause',
  complete: 'Complete',
  cancel: 'Cancel engagement',
};

/**
 * What a coach does to the current engagement: activate, pause, resume, complete or cancel it
 * (each after a step that says what happens to its sessions), change its cadence or edit it.
 * `onChanged` refetches the overview; its notice is announced here.
 */
export function EngagementControls({
  engagement,
  client,
  onChanged,
}: {
  engagement: ControlledEngagement;
  client: { id: string; name: string; timeZone: string };
  onChanged: () => void;
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<{ text: string } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const triggers = useRef(new Map<string, HTMLButtonElement | null>());
  const [activated, activate] = useMutation(ActivateEngagementMutation);
  const [paused, pause] = useMutation(PauseEngagementMutation);
  const [completed, complete] = useMutation(CompleteEngagementMutation);
  const [cancelled, cancel] = useMutation(CancelEngagementMutation);
  const results = { activate: activated, resume: activated, pause: paused, complete: completed, cancel: cancelled };
  const pausePreview = useSessionPlanPreview(engagement.id);
  const running = activated.fetching || paused.fetching || completed.fetching || cancelled.fetching || pausePreview.fetching;

  async function open(next: Panel) {
    setNotice(null);
    // The pause step lists what it cancels and keeps: ask the API before offering "Yes, pause".
    if (next === 'pause') await pausePreview.load({ pause: true });
    setPanel(next);
  }

  function close(focusOn?: string) {
    const from = focusOn ?? panel;
    setPanel(null);
    if (from) requestAnimationFrame(() => triggers.current.get(from)?.focus());
  }

  function done(message: string) {
    setPanel(null);
    setNotice({ text: message });
    onChanged();
  }

  async function run(action: StatusAction) {
    const variables = { id: engagement.id };
    const run = { activate, resume: activate, pause, complete, cancel }[action];
    const response = await run(variables, CHANGES);
    if (response.error) return;
    done(DONE[action](engagement));
  }

  const actions = statusActions(engagement.status);
  const trigger = (key: string) => (element: HTMLButtonElement | null) => {
    triggers.current.set(key, element);
  };

  return (
    <div className="engagement-controls">
      <div className="item-actions" role="group" aria-label="Engagement actions">
        {actions.map((action) => (
          <button
            key={action}
            ref={trigger(action)}
            type="button"
            className={
              action === 'cancel' ? 'button-danger' : action === 'activate' || action === 'resume' ? undefined : 'button-secondary'
            }
            aria-expanded={panel === action}
            disabled={running}
            onClick={() => open(panel === action ? null : action)}
          >
            {TRIGGER_LABELS[action]}
          </button>
        ))}
        {canChangeCadence(engagement.status) ? (
          <button
            ref={trigger('cadence')}
            type="button"
            className="button-secondary"
            aria-expanded={panel === 'cadence'}
            disabled={running}
            onClick={() => open(panel === 'cadence' ? null : 'cadence')}
          >
            Change cadence
          </button>
        ) : null}
        <button
          ref={trigger('edit')}
          type="button"
          className="button-secondary"
          aria-expanded={panel === 'edit'}
          disabled={running}
          onClick={() => open(panel === 'edit' ? null : 'edit')}
        >
          Edit engagement
        </button>
      </div>
      <div aria-live="polite" role="status" className="engagement-controls-notice">
        {notice ? (
          // Focused so keyboard users keep their place when the panel and its buttons close.
          <p ref={noticeRef} tabIndex={-1} className="notice notice-success">
            {notice.text}
          </p>
        ) : null}
      </div>
      {panel && panel !== 'cadence' && panel !== 'edit' ? (
        <ConfirmStep
          key={panel}
          title={CONFIRM[panel].title}
          confirmLabel={CONFIRM[panel].confirm}
          busyLabel={CONFIRM[panel].busy}
          danger={panel === 'cancel' || panel === 'complete'}
          busy={results[panel].fetching}
          onConfirm={() => run(panel)}
          onCancel={() => close()}
        >
          {CONFIRM[panel].explain(engagement, client.name)}
          {panel === 'pause' ? (
            <PlanChanges preview={pausePreview.preview} error={pausePreview.error} clientZone={client.timeZone} />
          ) : null}
          <ErrorNotice error={results[panel].error} />
        </ConfirmStep>
      ) : null}
      {panel === 'cadence' ? (
        <ChangeCadenceForm engagement={engagement} client={client} onDone={done} onCancel={() => close('cadence')} />
      ) : null}
      {panel === 'edit' ? (
        <EditEngagementForm engagement={engagement} clientZone={client.timeZone} onDone={done} onCancel={() => close('edit')} />
      ) : null}
    </div>
  );
}

const DONE: Record<StatusAction, (engagement: ControlledEngagement) => string> = {
  activate: (e) =>
    e.cadence.frequency === 'AD_HOC' ? 'The engagement is active.' : 'The engagement is active and its sessions are planned.',
  resume: (e) =>
    e.cadence.frequency === 'AD_HOC' ? 'The engagement is active again.' : 'The engagement is active again and its sessions are planned.',
  pause: () => 'The engagement is paused; its future sessions are cancelled.',
  complete: () => 'The engagement is completed; its future sessions are cancelled.',
  cancel: () => 'The engagement is cancelled; its future sessions are cancelled.',
};

const WITHDRAWN = 'Their reminders are withdrawn; if the client was already reminded of one, they are told it is cancelled.';

function planned(engagement: ControlledEngagement, name: string, again = false) {
  if (engagement.cadence.frequency === 'AD_HOC') {
    return <p>An ad hoc engagement plans no sessions by itself: schedule each one from the Sessions tab.</p>;
  }
  const limits = [
    engagement.endDate ? `until ${formatPlainDate(engagement.endDate)}` : '',
    engagement.sessionsAllotted != null ? `up to ${engagement.sessionsAllotted} sessions in all` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <p>
      Sessions are planned {again ? 'again ' : ''}for the next 12 months from its cadence ({cadenceInWords(engagement.cadence)})
      {limits ? `, ${limits}` : ''}, and {name} is emailed a reminder before each one.
    </p>
  );
}

const CONFIRM: Record<
  StatusAction,
  { title: string; confirm: string; busy: string; explain: (engagement: ControlledEngagement, name: string) => ReactNode }
> = {
  activate: {
    title: 'Activate this engagement?',
    confirm: 'Yes, activate',
    busy: 'Activating…',
    explain: (e, name) => (
      <>
        {planned(e, name)}
        <p>If {name} is a prospect, they become an active client.</p>
      </>
    ),
  },
  resume: {
    title: 'Resume this engagement?',
    confirm: 'Yes, resume',
    busy: 'Resuming…',
    explain: (e, name) => planned(e, name, true),
  },
  pause: {
    title: 'Pause this engagement?',
    confirm: 'Yes, pause',
    busy: 'Pausing…',
    explain: () => (
      <p>
        Every future scheduled session of this engagement is cancelled. {WITHDRAWN} Past sessions, notes and goals are kept. Resume it to
        plan sessions again.
      </p>
    ),
  },
  complete: {
    title: 'Complete this engagement?',
    confirm: 'Yes, complete',
    busy: 'Completing…',
    explain: () => (
      <p>
        The engagement ends as completed and every future scheduled session is cancelled. {WITHDRAWN} Past sessions, notes, goals and the
        career plan are kept. A completed engagement cannot be reopened.
      </p>
    ),
  },
  cancel: {
    title: 'Cancel this engagement?',
    confirm: 'Yes, cancel engagement',
    busy: 'Cancelling…',
    explain: (e) =>
      e.status === 'DRAFT' ? (
        <p>The draft ends without any session being planned. A cancelled engagement cannot be reopened.</p>
      ) : (
        <p>
          The engagement ends without being completed and every future scheduled session is cancelled. {WITHDRAWN} Past sessions, notes and
          goals are kept. A cancelled engagement cannot be reopened.
        </p>
      ),
  },
};

const PREVIEW_COUNT = 6;

/** The cadence fields with the engagement's rule, a preview of the sessions it would plan, and "Save cadence". */
function ChangeCadenceForm({
  engagement,
  client,
  onDone,
  onCancel,
}: {
  engagement: ControlledEngagement;
  client: { name: string; timeZone: string };
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const viewer = useViewer();
  const [now] = useState(() => new Date());
  const [form, setForm] = useState<CadenceForm>(() =>
    cadenceFormOf(engagement.cadence, DateTime.fromJSDate(now, { zone: engagement.cadence.timeZone })),
  );
  const [errors, setErrors] = useState<EngagementErrors>({});
  const [result, changeCadence] = useMutation(ChangeCadenceMutation);
  const plan = useSessionPlanPreview(engagement.id);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const previewId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnOpen(headingRef);

  const apiError = result.error ?? plan.error;
  const serverField = fieldOfServerError(errorField(apiError));
  const error = (name: EngagementField) => errors[name] ?? (serverField === name ? errorMessage(apiError) : undefined);
  const active = engagement.status === 'ACTIVE';
  const remaining =
    engagement.sessionsAllotted == null ? PREVIEW_COUNT : Math.max(0, engagement.sessionsAllotted - engagement.sessionsUsed);
  const preview = useMemo(
    () =>
      previewSessions(cadenceOf(form), {
        startDate: engagement.startDate,
        endDate: engagement.endDate ?? null,
        from: now,
        count: Math.min(PREVIEW_COUNT, remaining),
      }),
    [form, engagement.startDate, engagement.endDate, now, remaining],
  );

  async function save() {
    const response = await changeCadence({ id: engagement.id, cadence: cadenceInput(form) }, CHANGES);
    if (response.data)
      onDone(
        active
          ? 'The cadence is changed and future sessions are re-planned.'
          : 'The cadence is changed; sessions follow it once the engagement is active.',
      );
    else if (fieldOfServerError(errorField(response.error))) {
      setConfirming(false);
      focusFirstInvalid();
    }
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateCadenceForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    // An active engagement is re-planned: show what that does before saving.
    if (!active) return void save();
    const { preview } = await plan.load({ cadence: cadenceInput(form) });
    if (preview) setConfirming(true);
    else focusFirstInvalid();
  }

  return (
    <form ref={formRef} className="engagement-panel" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Change cadence
      </h3>
      <p className="small muted">
        {active
          ? 'Future scheduled sessions are re-planned to follow the new cadence; past and completed sessions never move.'
          : 'The engagement is not active: the new cadence is used once it is activated.'}
      </p>
      {apiError && !serverField && !confirming ? <ErrorNotice error={apiError} /> : null}
      <CadenceFields
        form={form}
        onChange={(patch) => {
          // A changed cadence makes the listed changes stale.
          setConfirming(false);
          setForm((f) => ({ ...f, ...patch }));
        }}
        error={error}
        client={client}
        idPrefix={`cadence-${engagement.id}`}
      />
      <section className="engagement-panel-preview" aria-labelledby={previewId}>
        <h4 id={previewId}>Sessions after the change</h4>
        {form.frequency === 'AD_HOC' ? (
          <p className="muted small">None planned: an ad hoc engagement has no cadence.</p>
        ) : preview.length === 0 ? (
          <p className="muted small">
            {Object.keys(validateCadenceForm(form)).length > 0
              ? 'Complete the cadence to see the sessions it plans.'
              : 'No sessions fall within the engagement’s dates and allotment.'}
          </p>
        ) : (
          <>
            <p className="small muted">
              The next {preview.length === 1 ? 'session' : `${preview.length} sessions`} in {zoneCity(form.timeZone)}
              {viewer.timeZone !== form.timeZone ? ` and in ${zoneCity(viewer.timeZone)} (you)` : ''}.
            </p>
            <PreviewList sessions={preview} zone={form.timeZone} viewerZone={viewer.timeZone} labelledBy={previewId} />
          </>
        )}
      </section>
      {confirming && plan.preview ? (
        <PlanConfirmStep
          title="Change the cadence?"
          confirmLabel="Yes, change cadence"
          preview={plan.preview}
          clientZone={client.timeZone}
          busy={result.fetching}
          error={result.error}
          onConfirm={save}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="submit" disabled={result.fetching || plan.fetching}>
            {plan.fetching ? 'Checking the sessions…' : result.fetching ? 'Saving…' : active ? 'Review changes' : 'Save cadence'}
          </button>
          <button type="button" className="button-secondary" disabled={result.fetching} onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

/** The confirm step of a re-plan: what it cancels, creates and keeps, then "yes" or "not now". */
function PlanConfirmStep({
  title,
  confirmLabel,
  preview,
  clientZone,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  confirmLabel: string;
  preview: SessionPlanPreview;
  clientZone: string;
  busy: boolean;
  error?: CombinedError;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmStep title={title} confirmLabel={confirmLabel} busyLabel="Saving…" busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>Future scheduled sessions change as follows; past and completed sessions never move. Reminders follow the sessions.</p>
      <SessionPlanPreviewList preview={preview} clientZone={clientZone} />
      <ErrorNotice error={error} />
    </ConfirmStep>
  );
}

/** A step's list of plan changes, or why it could not be fetched. */
function PlanChanges({ preview, error, clientZone }: { preview?: SessionPlanPreview; error?: CombinedError; clientZone: string }) {
  if (preview) return <SessionPlanPreviewList preview={preview} clientZone={clientZone} />;
  return error ? <ErrorNotice>The sessions this changes could not be listed: {errorMessage(error)}</ErrorNotice> : null;
}

const PHASE_HINTS: Record<string, string> = {
  DISCOVER: 'Discover: values, strengths and what the client wants next.',
  PLAN: 'Plan: the career plan and goals that get them there.',
  ACT: 'Act: carrying out the plan, with action items and check-ins.',
};

/** Title, phase (Discover → Plan → Act), end date, allotment, session length and sponsor. */
function EditEngagementForm({
  engagement,
  clientZone,
  onDone,
  onCancel,
}: {
  engagement: ControlledEngagement;
  clientZone: string;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<EngagementEditForm>(() => engagementEditFormOf(engagement));
  const [errors, setErrors] = useState<EngagementEditErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  const [sponsors] = useQuery({ query: EngagementSponsorOptionsQuery });
  const [result, updateEngagement] = useMutation(UpdateEngagementMutation);
  const plan = useSessionPlanPreview(engagement.id);
  const [confirming, setConfirming] = useState(false);
  const leaveWithoutAsking = useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(engagementEditFormOf(engagement)));
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnOpen(headingRef);

  const set = (key: EngagementEditField) => (event: { target: { value: string } }) => {
    setUnchanged(false);
    setConfirming(false);
    setForm((f) => ({ ...f, [key]: event.target.value }));
  };
  const apiError = result.error ?? plan.error;
  const serverField = fieldOfEngagementError(errorField(apiError));
  const error = (name: EngagementEditField) => errors[name] ?? (serverField === name ? errorMessage(apiError) : undefined);
  const input = engagementUpdateInput(form, engagement);
  // The end date and allotment bound the plan of an active engagement: saving them re-plans.
  const replans = engagement.status === 'ACTIVE' && ('endDate' in input || 'sessionsAllotted' in input);
  const sponsorOptions = sponsors.data?.sponsors.edges.map((edge) => edge.node) ?? [];
  if (engagement.sponsor && !sponsorOptions.some((s) => s.id === engagement.sponsor?.id))
    sponsorOptions.unshift({ id: engagement.sponsor.id, organisation: engagement.sponsor.organisation });

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function save() {
    const response = await updateEngagement({ id: engagement.id, input }, CHANGES);
    if (response.data) {
      leaveWithoutAsking();
      onDone(replans ? 'The engagement is saved and its future sessions are re-planned.' : 'The engagement is saved.');
    } else if (fieldOfEngagementError(errorField(response.error))) {
      setConfirming(false);
      focusFirstInvalid();
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateEngagementEdit(form, engagement);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    if (Object.keys(input).length === 0) {
      setUnchanged(true);
      return;
    }
    if (!replans) return void save();
    const change = {
      ...('endDate' in input ? { endDate: input.endDate } : {}),
      ...('sessionsAllotted' in input ? { sessionsAllotted: input.sessionsAllotted } : {}),
    };
    const { preview } = await plan.load(change);
    if (preview) setConfirming(true);
    else focusFirstInvalid();
  }

  return (
    <form ref={formRef} className="engagement-panel" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Edit engagement
      </h3>
      {apiError && !serverField && !confirming ? <ErrorNotice error={apiError} /> : null}
      <TextField label="Title" required value={form.title} onChange={set('title')} error={error('title')} />
      <SelectField label="Phase" value={form.phase} onChange={set('phase')} error={error('phase')} hint={PHASE_HINTS[form.phase]}>
        {Object.entries(PHASE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="engagement-pair">
        <TextField
          label="Ends on"
          type="date"
          min={engagement.startDate}
          value={form.endDate}
          onChange={set('endDate')}
          error={error('endDate')}
          hint={engagement.status === 'ACTIVE' ? 'Optional. Changing it re-plans future sessions.' : 'Optional; no session after it.'}
        />
        <TextField
          label="Sessions allotted"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={form.sessionsAllotted}
          onChange={set('sessionsAllotted')}
          error={error('sessionsAllotted')}
          hint={`Optional; ${engagement.sessionsUsed} used so far.${engagement.status === 'ACTIVE' ? ' Changing it re-plans future sessions.' : ''}`}
        />
      </div>
      <div className="engagement-pair">
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
          hint="For sessions planned from now on."
        />
        <SelectField
          label="Sponsor"
          value={form.sponsorId}
          onChange={set('sponsorId')}
          error={error('sponsorId')}
          hint={sponsors.error ? 'The sponsors could not be loaded.' : undefined}
        >
          <option value="">No sponsor</option>
          {sponsorOptions.map((sponsor) => (
            <option key={sponsor.id} value={sponsor.id}>
              {sponsor.organisation}
            </option>
          ))}
        </SelectField>
      </div>
      <UrlField
        label="Meeting link"
        value={form.meetingUrl}
        onChange={set('meetingUrl')}
        error={error('meetingUrl')}
        hint="Optional. The standing video-call link, shown with every session that has no link of its own and in the reminders."
      />
      <p className="small muted" role="status" aria-live="polite">
        {unchanged ? 'Nothing has changed yet.' : ''}
      </p>
      {confirming && plan.preview ? (
        <PlanConfirmStep
          title="Save and re-plan the sessions?"
          confirmLabel="Yes, save engagement"
          preview={plan.preview}
          clientZone={clientZone}
          busy={result.fetching}
          error={result.error}
          onConfirm={save}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="submit" disabled={result.fetching || plan.fetching}>
            {plan.fetching ? 'Checking the sessions…' : result.fetching ? 'Saving…' : replans ? 'Review changes' : 'Save engagement'}
          </button>
          <button type="button" className="button-secondary" disabled={result.fetching} onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

/** Moves focus to a panel's heading when it opens, so what follows is read from its start. */
function useFocusOnOpen(ref: RefObject<HTMLElement | null>) {
  useEffect(() => ref.current?.focus(), [ref]);
}
