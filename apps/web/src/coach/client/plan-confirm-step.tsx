import type { CombinedError } from 'urql';
import { errorMessage } from '../../ui/errors';
import { ErrorNotice } from '../../ui/status';
import { ConfirmStep } from './confirm-step';
import { SessionPlanPreviewList, type SessionPlanPreview } from './session-plan-preview';

/** The confirm step of a re-plan: what it cancels, creates and keeps, then "yes" or "not now". */
export function PlanConfirmStep({
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
export function PlanChanges({ preview, error, clientZone }: { preview?: SessionPlanPreview; error?: CombinedError; clientZone: string }) {
  if (preview) return <SessionPlanPreviewList preview={preview} clientZone={clientZone} />;
  return error ? <ErrorNotice>The sessions this changes could not be listed: {errorMessage(error)}</ErrorNotice> : null;
}

/**
 * The end of a form that may re-plan sessions: its submit and cancel buttons, or, once the plan
 * has been fetched and the coach asked to review it, the confirm step in their place.
 */
export function PlanFormActions({
  confirm,
  clientZone,
  saving,
  checking,
  submitLabel,
  error,
  onCancel,
}: {
  confirm: { title: string; confirmLabel: string; preview: SessionPlanPreview; onConfirm: () => void; onCancel: () => void } | null;
  clientZone: string;
  saving: boolean;
  checking: boolean;
  submitLabel: string;
  error?: CombinedError;
  onCancel: () => void;
}) {
  if (confirm) return <PlanConfirmStep {...confirm} clientZone={clientZone} busy={saving} error={error} />;
  return (
    <div className="form-actions">
      <button type="submit" disabled={saving || checking}>
        {checking ? 'Checking the sessions…' : saving ? 'Saving…' : submitLabel}
      </button>
      <button type="button" className="button-secondary" disabled={saving} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
