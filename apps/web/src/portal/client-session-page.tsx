import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../auth/auth-context';
import { graphql, readFragment } from '../graphql/graphql';
import { formatDateTime, formatTime, zoneCity } from '../time/format';
import { errorCode } from '../ui/errors';
import { Page } from '../ui/page';
import { EmptyState, ErrorNotice, Loading } from '../ui/status';
import { joinUrlOf } from '../scheduling/meeting-link';
import { ActionItemList } from './action-item-list';
import { PortalActionItemFields, orderForAttention } from './action-items';
import './portal.css';

/** A client's view of one session. Deliberately no private notes: the field is not even asked for. */
export const ClientSessionQuery = graphql(
  `
    query ClientSession($id: ID!) {
      session(id: $id) {
        id
        startsAt
        durationMinutes
        timeZone
        status
        agenda
        meetingUrl
        sharedSummary
        summaryPublishedAt
        engagement {
          id
          title
          meetingUrl
        }
        actionItems {
          ...PortalActionItemFields
        }
      }
    }
  `,
  [PortalActionItemFields],
);

const STATUS_TEXT: Record<string, { label: string; badge: string }> = {
  SCHEDULED: { label: 'Scheduled', badge: '' },
  COMPLETED: { label: 'Held', badge: 'badge-success' },
  CANCELLED: { label: 'Cancelled', badge: 'badge-muted' },
  NO_SHOW: { label: 'Missed', badge: 'badge-warning' },
};

export function ClientSessionPage() {
  const { sessionId = '' } = useParams();
  const viewer = useViewer();
  const [result] = useQuery({ query: ClientSessionQuery, variables: { id: sessionId } });

  if (!result.data) {
    return (
      <Page title="Session">
        {result.error ? (
          <>
            <ErrorNotice error={result.error}>
              {errorCode(result.error) === 'NOT_FOUND' ? 'This session was not found. It may have been removed.' : undefined}
            </ErrorNotice>
            <p>
              <Link to="/">Back to your home page</Link>
            </p>
          </>
        ) : (
          <Loading />
        )}
      </Page>
    );
  }

  const session = result.data.session;
  const items = orderForAttention(session.actionItems.map((item) => readFragment(PortalActionItemFields, item)));
  const end = new Date(Date.parse(session.startsAt) + session.durationMinutes * 60_000).toISOString();
  const status = STATUS_TEXT[session.status] ?? { label: session.status, badge: '' };
  const joinUrl = joinUrlOf(session);

  return (
    <Page
      title={`Session on ${formatDateTime(session.startsAt, viewer.timeZone)}`}
      subtitle={
        <>
          <span className={`badge ${status.badge}`}>{status.label}</span> {session.durationMinutes} minutes, until{' '}
          {formatTime(end, viewer.timeZone)} ({zoneCity(viewer.timeZone)} time)
          {session.engagement ? <> · {session.engagement.title}</> : null}
        </>
      }
    >
      <div className="portal-home">
        {session.status === 'SCHEDULED' && joinUrl ? (
          <p>
            <a href={joinUrl} target="_blank" rel="noreferrer noopener">
              Join the meeting<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </p>
        ) : null}

        {session.agenda ? (
          <section className="portal-section" aria-labelledby="session-agenda">
            <h2 id="session-agenda">Agenda</h2>
            <p className="plan-text">{session.agenda}</p>
          </section>
        ) : null}

        <section className="portal-section" aria-labelledby="session-summary">
          <h2 id="session-summary">Summary</h2>
          {session.sharedSummary && session.summaryPublishedAt ? (
            <div className="shared-zone">
              <p className="zone-label small">Shared by your coach on {formatDateTime(session.summaryPublishedAt, viewer.timeZone)}</p>
              <p className="plan-text">{session.sharedSummary}</p>
            </div>
          ) : (
            <EmptyState title="No summary yet">
              <p>
                {session.status === 'SCHEDULED'
                  ? 'Your coach shares a summary after the session.'
                  : 'Your coach has not shared a summary of this session yet.'}
              </p>
            </EmptyState>
          )}
        </section>

        <section className="portal-section" aria-labelledby="session-items">
          <h2 id="session-items">Action items from this session</h2>
          {items.length ? (
            <ActionItemList items={items} headingLevel={3} showSession={false} />
          ) : (
            <p className="muted">No action items were agreed in this session.</p>
          )}
        </section>

        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </div>
    </Page>
  );
}
