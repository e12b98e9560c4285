import { useCallback, useId, useState } from 'react';
import { createRequest, useClient, type CombinedError } from 'urql';
import { pipe, take, toPromise } from 'wonka';
import { useViewer } from '../../auth/auth-context';
import { graphql, type ResultOf, type VariablesOf } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import './session-plan-preview.css';

export const PreviewSessionPlanQuery = graphql(`
  query PreviewSessionPlan($engagementId: ID!, $change: SessionPlanChangeInput!) {
    previewSessionPlan(engagementId: $engagementId, change: $change) {
      cancelled {
        id
        startsAt
      }
      created
      kept {
        reason
        session {
          id
          startsAt
        }
      }
    }
  }
`);

export type SessionPlanPreview = ResultOf<typeof PreviewSessionPlanQuery>['previewSessionPlan'];
export type SessionPlanChange = VariablesOf<typeof PreviewSessionPlanQuery>['change'];

export const KEPT_REASONS: Record<SessionPlanPreview['kept'][number]['reason'], string> = {
  MOVED_BY_HAND: 'moved by hand',
  AD_HOC: 'scheduled ad hoc',
  HAS_CONTENT: 'has an agenda, notes, a summary or action items',
};

/**
 * Asks the API what a change would do to the engagement's future sessions (writing nothing), so
 * the confirm step can list it before the coach says yes.
 */
export function useSessionPlanPreview(engagementId: string) {
  const client = useClient();
  const [state, setState] = useState<{ fetching: boolean; preview?: SessionPlanPreview; error?: CombinedError }>({ fetching: false });
  const load = useCallback(
    async (change: SessionPlanChange) => {
      setState({ fetching: true });
      const result = await pipe(
        client.executeQuery(createRequest(PreviewSessionPlanQuery, { engagementId, change }), { requestPolicy: 'network-only' }),
        take(1),
        toPromise,
      );
      const next = { fetching: false, preview: result.data?.previewSessionPlan, error: result.error };
      setState(next);
      return next;
    },
    [client, engagementId],
  );
  const clear = useCallback(() => setState({ fetching: false }), []);
  return { ...state, load, clear };
}

/** What the change cancels, creates and keeps (with why), each in the client's zone and the coach's. */
export function SessionPlanPreviewList({ preview, clientZone }: { preview: SessionPlanPreview; clientZone: string }) {
  const viewer = useViewer();
  const cancelledId = useId();
  const createdId = useId();
  const keptId = useId();
  const when = (iso: string) => (
    <>
      <time dateTime={iso}>{formatDateTime(iso, clientZone)}</time>
      {viewer.timeZone !== clientZone ? <span className="small muted"> · you: {formatDateTime(iso, viewer.timeZone)}</span> : null}
    </>
  );
  if (!preview.cancelled.length && !preview.created.length && !preview.kept.length) {
    return <p className="muted small">No scheduled session changes.</p>;
  }
  return (
    <div className="plan-preview">
      <section aria-labelledby={cancelledId}>
        <h4 id={cancelledId}>Cancelled ({preview.cancelled.length})</h4>
        {preview.cancelled.length ? (
          <ul aria-labelledby={cancelledId}>
            {preview.cancelled.map((session) => (
              <li key={session.id}>{when(session.startsAt)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted small">None.</p>
        )}
      </section>
      <section aria-labelledby={createdId}>
        <h4 id={createdId}>Created ({preview.created.length})</h4>
        {preview.created.length ? (
          <ul aria-labelledby={createdId}>
            {preview.created.map((startsAt) => (
              <li key={startsAt}>{when(startsAt)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted small">None.</p>
        )}
      </section>
      <section aria-labelledby={keptId}>
        <h4 id={keptId}>Kept as they are ({preview.kept.length})</h4>
        {preview.kept.length ? (
          <ul aria-labelledby={keptId}>
            {preview.kept.map(({ session, reason }) => (
              <li key={session.id}>
                {when(session.startsAt)} <span className="badge badge-muted">{KEPT_REASONS[reason]}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">None.</p>
        )}
      </section>
    </div>
  );
}
