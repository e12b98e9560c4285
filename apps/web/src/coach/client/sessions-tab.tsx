import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql';
import { QueryState } from '../../ui/status';
import { nowToTheMinute, SessionList } from './session-links';

export const ClientSessionsQuery = graphql(`
  query ClientSessions($clientId: ID!, $now: DateTime!) {
    upcoming: sessions(clientId: $clientId, from: $now, first: 100) {
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
    past: sessions(clientId: $clientId, to: $now, first: 100) {
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

/** The client's sessions: upcoming ones soonest first, then past ones newest first. */
export function SessionsTab({ clientId }: { clientId: string }) {
  const [now] = useState(nowToTheMinute);
  const [result] = useQuery({ query: ClientSessionsQuery, variables: { clientId, now } });
  return (
    <QueryState result={result}>
      {({ upcoming, past }) => {
        const next = upcoming.edges.map((edge) => edge.node);
        // The API lists in start order; the past reads best newest first.
        const before = past.edges.map((edge) => edge.node).reverse();
        return (
          <div className="stack">
            <p>
              <Link className="button" to={`/clients/${clientId}/sessions/new`}>
                Schedule a session
              </Link>
            </p>
            <section className="card">
              <h2 id="sessions-upcoming">Upcoming</h2>
              {next.length ? <SessionList sessions={next} label="Upcoming sessions" /> : <p className="muted">No sessions planned.</p>}
              {upcoming.pageInfo.hasNextPage ? <p className="muted small">Showing the next 100 sessions.</p> : null}
            </section>
            <section className="card">
              <h2 id="sessions-past">Past</h2>
              {before.length ? <SessionList sessions={before} label="Past sessions" /> : <p className="muted">No sessions yet.</p>}
              {past.pageInfo.hasNextPage ? <p className="muted small">Showing the first 100 past sessions.</p> : null}
            </section>
          </div>
        );
      }}
    </QueryState>
  );
}
