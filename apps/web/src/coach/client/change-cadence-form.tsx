import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { DateTime } from 'luxon';
import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { previewSessions } from '../../scheduling/cadence-preview';
import { zoneCity } from '../../time/format';
import { errorField, errorMessage } from '../../ui/errors';
import { focusFirstInvalid, useFocusOnOpen } from '../../ui/focus';
import { ErrorNotice } from '../../ui/status';
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
import { ChangeCadenceMutation, ENGAGEMENT_CHANGES } from './engagement-controls.graphql';
import type { ControlledEngagement } from './engagement-edit-form';
import { PlanFormActions } from './plan-confirm-step';
import { useSessionPlanPreview } from './session-plan-preview';
import './engagement-controls.css';

const PREVIEW_COUNT = 6;

/** The cadence fields with the engagement's rule, a preview of the sessions it would plan, and "Save cadence". */
export function ChangeCadenceForm({
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
    const response = await changeCadence({ id: engagement.id, cadence: cadenceInput(form) }, ENGAGEMENT_CHANGES);
    if (response.data)
      onDone(
        active
          ? 'The cadence is changed and future sessions are re-planned.'
          : 'The cadence is changed; sessions follow it once the engagement is active.',
      );
    else if (fieldOfServerError(errorField(response.error))) {
      setConfirming(false);
      focusFirstInvalid(formRef);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateCadenceForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid(formRef);
    // An active engagement is re-planned: show what that does before saving.
    if (!active) return void save();
    const { preview } = await plan.load({ cadence: cadenceInput(form) });
    if (preview) setConfirming(true);
    else focusFirstInvalid(formRef);
  }

  return (
    <form ref={formRef} className="engagement-panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId}>
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
      <PlanFormActions
        confirm={
          confirming && plan.preview
            ? {
                title: 'Change the cadence?',
                confirmLabel: 'Yes, change cadence',
                preview: plan.preview,
                onConfirm: () => void save(),
                onCancel: () => setConfirming(false),
              }
            : null
        }
        clientZone={client.timeZone}
        saving={result.fetching}
        checking={plan.fetching}
        submitLabel={active ? 'Review changes' : 'Save cadence'}
        error={result.error}
        onCancel={onCancel}
      />
    </form>
  );
}
