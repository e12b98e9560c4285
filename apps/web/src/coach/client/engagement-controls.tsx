import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../ui/status';
import { ChangeCadenceForm } from './change-cadence-form';
import { ConfirmStep } from './confirm-step';
import { EditEngagementForm } from './edit-engagement-form';
import {
  ActivateEngagementMutation,
  CancelEngagementMutation,
  CompleteEngagementMutation,
  ENGAGEMENT_CHANGES,
  PauseEngagementMutation,
} from './engagement-controls.graphql';
import { canChangeCadence, statusActions, type ControlledEngagement, type StatusAction } from './engagement-edit-form';
import { cadenceInWords, formatPlainDate } from './labels';
import { PlanChanges } from './plan-confirm-step';
import { useSessionPlanPreview } from './session-plan-preview';
import './engagement-controls.css';

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
    const response = await run(variables, ENGAGEMENT_CHANGES);
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
            onClick={() => void open(panel === action ? null : action)}
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
            onClick={() => void open(panel === 'cadence' ? null : 'cadence')}
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
          onClick={() => void open(panel === 'edit' ? null : 'edit')}
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
          onConfirm={() => void run(panel)}
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
