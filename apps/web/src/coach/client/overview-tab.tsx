import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { EmptyState, QueryState } from '../../ui/status';
import { cadenceInWords, ENGAGEMENT_STATUS_BADGES, ENGAGEMENT_STATUS_LABELS, formatPlainDate, PHASE_LABELS } from './labels';
import { CheckInsCard } from './check-ins-card';
import { EngagementControls } from './engagement-controls';
import { nowToTheMinute, SessionList } from './session-links';

export const ClientOverviewQuery = graphql(`
  query ClientOverview($id: ID!, $from: DateTime!) {
    client(id: $id) {
      id
      name
      timeZone
      engagements {
        id
        title
        status
        startDate
        endDate
      }
      currentEngagement {
        id
        title
        phase
        status
        startDate
        endDate
        sessionsAllotted
        sessionsUsed
        sessionMinutes
        meetingUrl
        cadence {
          frequency
          anchor
          day
          ordinal
          weekday
          localTime
          timeZone
        }
        sponsor {
          id
          organisation
          contactName
        }
      }
      nextSession {
        id
        startsAt
        timeZone
      }
    }
    sessions(clientId: $id, from: $from, first: 5, status: SCHEDULED) {
      edges {
        node {
          id
          startsAt
          status
          engagement {
            id
            title
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** The client's current engagement, next session and the sessions coming up. */
export function OverviewTab({ clientId }: { clientId: string }) {
  const viewer = useViewer();
  const [from] = useState(nowToTheMinute);
  const [result, refetch] = useQuery({ query: ClientOverviewQuery, variables: { id: clientId, from } });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  return (
    <QueryState result={result}>
      {({ client, sessions }) => {
        const engagement = client.currentEngagement;
        const upcoming = sessions.edges.map((edge) => edge.node);
        const others = client.engagements.filter((e) => e.id !== engagement?.id);
        return (
          <div className="grid client-overview">
            <section className="card">
              <h2 id="overview-engagement">Current engagement</h2>
              {engagement ? (
                <dl>
                  <dt>Title</dt>
                  <dd>{engagement.title}</dd>
                  <dt>Status</dt>
                  <dd>
                    {ENGAGEMENT_STATUS_LABELS[engagement.status]} · phase:{' '}
                    <span className="badge badge-muted">{PHASE_LABELS[engagement.phase]}</span>
                  </dd>
                  <dt>Cadence</dt>
                  <dd>{cadenceInWords(engagement.cadence)}</dd>
                  <dt>Dates</dt>
                  <dd>
                    {formatPlainDate(engagement.startDate)} – {engagement.endDate ? formatPlainDate(engagement.endDate) : 'open-ended'}
                  </dd>
                  <dt>Sessions</dt>
                  <dd>
                    {engagement.sessionsUsed} used
                    {engagement.sessionsAllotted !== null && engagement.sessionsAllotted !== undefined
                      ? ` of ${engagement.sessionsAllotted}`
                      : ''}{' '}
                    · {engagement.sessionMinutes} minutes each
                  </dd>
                  <dt>Meeting link</dt>
                  <dd>
                    {engagement.meetingUrl ? (
                      <a href={engagement.meetingUrl} target="_blank" rel="noreferrer">
                        {engagement.meetingUrl}
                      </a>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </dd>
                  <dt>Sponsor</dt>
                  <dd>
                    {engagement.sponsor ? (
                      `${engagement.sponsor.organisation} (${engagement.sponsor.contactName})`
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </dd>
                </dl>
              ) : (
                <EmptyState title="No engagement yet">
                  <Link to={`/clients/${clientId}/engagements/new`}>Plan an engagement</Link>
                </EmptyState>
              )}
              {engagement ? <EngagementControls engagement={engagement} client={client} onChanged={reload} /> : null}
              {others.length ? (
                <>
                  <h3 id="overview-other-engagements">Other engagements</h3>
                  <ul className="session-list" aria-labelledby="overview-other-engagements">
                    {others.map((other) => (
                      <li key={other.id}>
                        <span className="item-title">{other.title}</span>
                        <span className={ENGAGEMENT_STATUS_BADGES[other.status]}>{ENGAGEMENT_STATUS_LABELS[other.status]}</span>
                        <span className="small muted">
                          {formatPlainDate(other.startDate)} – {other.endDate ? formatPlainDate(other.endDate) : 'open-ended'}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
            <section className="card">
              <h2 id="overview-next">Next session</h2>
              {client.nextSession ? (
                <p>
                  <Link to={`/sessions/${client.nextSession.id}`}>{formatDateTime(client.nextSession.startsAt, viewer.timeZone)}</Link>
                  {client.timeZone !== viewer.timeZone ? (
                    <span className="muted small"> · {formatDateTime(client.nextSession.startsAt, client.timeZone)} for the client</span>
                  ) : null}
                </p>
              ) : (
                <p className="muted">No session scheduled.</p>
              )}
              <p>
                <Link to={`/clients/${clientId}/sessions/new`}>Schedule a session</Link>
              </p>
              <h3>Upcoming sessions</h3>
              {upcoming.length ? <SessionList sessions={upcoming} label="Upcoming sessions" /> : <p className="muted">Nothing planned.</p>}
              {sessions.pageInfo.hasNextPage ? (
                <p>
                  <Link to={`/clients/${clientId}/sessions`}>Full timeline</Link>
                </p>
              ) : null}
            </section>
            <CheckInsCard clientId={clientId} />
          </div>
        );
      }}
    </QueryState>
  );
}
