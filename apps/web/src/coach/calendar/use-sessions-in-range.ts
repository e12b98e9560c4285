import { useCallback, useEffect, useState } from 'react';
import { createRequest, useClient, type CombinedError, type OperationResult } from 'urql';
import { pipe, take, toPromise } from 'wonka';
import { graphql, type ResultOf, type VariablesOf } from '../../graphql/graphql';

export const CalendarSessionsQuery = graphql(`
  query CalendarSessions($from: DateTime!, $to: DateTime!, $after: String) {
    sessions(from: $from, to: $to, first: 100, after: $after) {
      edges {
        node {
          id
          startsAt
          durationMinutes
          status
          timeZone
          client {
            id
            name
            timeZone
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type CalendarSession = ResultOf<typeof CalendarSessionsQuery>['sessions']['edges'][number]['node'];

interface State {
  key: string;
  sessions?: CalendarSession[];
  error?: CombinedError;
}

/** Safety stop: 50 pages of 100 is more than any coach's month. */
const MAX_PAGES = 50;

/**
 * Every session starting in [from, to), following the connection's pages until the last one.
 * `reload()` fetches again (after a reschedule or a cancellation) and keeps showing the old list meanwhile.
 */
export function useSessionsInRange(from: string, to: string) {
  const client = useClient();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<State>({ key: '' });
  const key = `${from}/${to}`;

  useEffect(() => {
    let stale = false;
    async function load() {
      const sessions: CalendarSession[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const request = createRequest(CalendarSessionsQuery, { from, to, after });
        const result: OperationResult<ResultOf<typeof CalendarSessionsQuery>, VariablesOf<typeof CalendarSessionsQuery>> = await pipe(
          client.executeQuery(request, { requestPolicy: 'network-only' }),
          take(1),
          toPromise,
        );
        if (stale) return;
        if (result.error || !result.data) {
          setState((previous) => ({ key, sessions: previous.key === key ? previous.sessions : undefined, error: result.error }));
          return;
        }
        const connection = result.data.sessions;
        sessions.push(...connection.edges.map((edge) => edge.node));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
        after = connection.pageInfo.endCursor;
      }
      setState({ key, sessions });
    }
    void load();
    return () => {
      stale = true;
    };
  }, [client, from, to, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = state.key === key;
  return {
    sessions: current ? state.sessions : undefined,
    error: current ? state.error : undefined,
    fetching: !current || (!state.sessions && !state.error),
    reload,
  };
}
