import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField, UrlField } from '../../ui/fields';
import { focusFirstInvalid, useFocusOnOpen } from '../../ui/focus';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { ENGAGEMENT_CHANGES, EngagementSponsorOptionsQuery, UpdateEngagementMutation } from './engagement-controls.graphql';
import {
  engagementEditFormOf,
  engagementUpdateInput,
  fieldOfEngagementError,
  validateEngagementEdit,
  type ControlledEngagement,
  type EngagementEditErrors,
  type EngagementEditField,
  type EngagementEditForm,
} from './engagement-edit-form';
import { PHASE_LABELS } from './labels';
import { PlanFormActions } from './plan-confirm-step';
import { useSessionPlanPreview } from './session-plan-preview';
import './engagement-controls.css';

const PHASE_HINTS: Record<string, string> = {
  DISCOVER: 'Discover: values, strengths and what the client wants next.',
  PLAN: 'Plan: the career plan and goals that get them there.',
  ACT: 'Act: carrying out the plan, with action items and check-ins.',
};

/** Title, phase (Discover → Plan → Act), end date, allotment, session length and sponsor. */
export function EditEngagementForm({
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

  async function save() {
    const response = await updateEngagement({ id: engagement.id, input }, ENGAGEMENT_CHANGES);
    if (response.data) {
      leaveWithoutAsking();
      onDone(replans ? 'The engagement is saved and its future sessions are re-planned.' : 'The engagement is saved.');
    } else if (fieldOfEngagementError(errorField(response.error))) {
      setConfirming(false);
      focusFirstInvalid(formRef);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateEngagementEdit(form, engagement);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid(formRef);
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
    else focusFirstInvalid(formRef);
  }

  return (
    <form ref={formRef} className="engagement-panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId}>
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
      <PlanFormActions
        confirm={
          confirming && plan.preview
            ? {
                title: 'Save and re-plan the sessions?',
                confirmLabel: 'Yes, save engagement',
                preview: plan.preview,
                onConfirm: () => void save(),
                onCancel: () => setConfirming(false),
              }
            : null
        }
        clientZone={clientZone}
        saving={result.fetching}
        checking={plan.fetching}
        submitLabel={replans ? 'Review changes' : 'Save engagement'}
        error={result.error}
        onCancel={onCancel}
      />
    </form>
  );
}
