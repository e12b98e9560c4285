import { useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { QueryState } from '../../ui/status';
import { formatPlainDate } from './labels';

export const ClientCheckInsQuery = graphql(`
  query ClientCheckIns($id: ID!) {
    checkIns(clientId: $id, first: 5) {
      edges {
        node {
          id
          answer
          note
          dueDate
          answeredAt
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const CHECK_IN_ANSWER_LABELS = { ON_TRACK: 'On track', STUCK: 'Stuck', NEED_HELP: 'Need help' } as const;
const BADGES = { ON_TRACK: 'badge badge-success', STUCK: 'badge badge-warning', NEED_HELP: 'badge badge-danger' } as const;

/** The client's latest answers to the mid-cycle check-ins emailed between long-apart sessions. */
export function CheckInsCard({ clientId }: { clientId: string }) {
  const viewer = useViewer();
  const [result] = useQuery({ query: ClientCheckInsQuery, variables: { id: clientId } });
  return (
    <section className="card" aria-labelledby="overview-check-ins">
      <h2 id="overview-check-ins">Mid-cycle check-ins</h2>
      <QueryState result={result}>
        {({ checkIns }) =>
          checkIns.edges.length ? (
            <ul className="session-list" aria-labelledby="overview-check-ins">
              {checkIns.edges.map(({ node }) => (
                <li key={node.id}>
                  <span className={BADGES[node.answer]}>{CHECK_IN_ANSWER_LABELS[node.answer]}</span>{' '}
                  <span className="small muted">
                    due {formatPlainDate(node.dueDate)}, answered{' '}
                    <time dateTime={node.answeredAt}>{formatDateTime(node.answeredAt, viewer.timeZone)}</time>
                  </span>
                  {node.note ? <p className="plan-text">{node.note}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No answers yet. Clients whose sessions are more than three weeks apart get a check-in email halfway.</p>
          )
        }
      </QueryState>
    </section>
  );
}
