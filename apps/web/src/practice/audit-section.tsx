import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../graphql/graphql';
import { DateTimeText } from '../ui/date-time';
import { Pager } from '../ui/pager';
import { EmptyState, QueryState } from '../ui/status';
import { actionLabel, entityPath, entityTypeLabel } from './audit-labels';
import { PracticeCoachesQuery } from './coaches-section';
import { isForbidden, OwnerOnly } from './owner-only';

/** No `details`: the page shows who did what to which record, and when. */
export const PracticeAuditQuery = graphql(`
  query PracticeAudit($first: Int!, $after: String) {
    auditEvents(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          action
          entityType
          entityId
          occurredAt
          actor {
            id
            name
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

export const AUDIT_PAGE_SIZE = 25;

export function AuditSection() {
  const [cursors, setCursors] = useState<string[]>([]);
  const [result] = useQuery({
    query: PracticeAuditQuery,
    variables: { first: AUDIT_PAGE_SIZE, after: cursors[cursors.length - 1] ?? null },
  });
  // A User record is named when it is one of the practice's coaches (clients' users stay "User").
  const [coaches] = useQuery({ query: PracticeCoachesQuery });
  const userNames = new Map((coaches.data?.coaches ?? []).map((user) => [user.id, user.name]));
  if (isForbidden(result.error)) return <OwnerOnly />;
  return (
    <section aria-labelledby="practice-audit-heading">
      <h2 id="practice-audit-heading">Audit trail</h2>
      <p className="muted small">Who did what in the practice, newest first. Note and summary text is never recorded here.</p>
      <QueryState result={result}>
        {(data) =>
          data.auditEvents.edges.length === 0 ? (
            <EmptyState title="Nothing recorded yet" />
          ) : (
            <>
              <div className="table-wrap">
                <table className="table-stack practice-audit">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">What</th>
                      <th scope="col">Record</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.auditEvents.edges.map(({ node }) => {
                      const path = entityPath(node.entityType, node.entityId);
                      const type = entityTypeLabel(node.entityType);
                      return (
                        <tr key={node.id}>
                          <td data-label="When">
                            <DateTimeText value={node.occurredAt} />
                          </td>
                          <td data-label="Who">{node.actor?.name ?? <span className="muted">Tandem (system)</span>}</td>
                          <td data-label="What">{actionLabel(node.action)}</td>
                          <td data-label="Record">
                            {path ? <Link to={path}>{type}</Link> : type}
                            {node.entityType === 'User' && node.entityId && userNames.has(node.entityId)
                              ? `: ${userNames.get(node.entityId)}`
                              : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager pageInfo={data.auditEvents.pageInfo} cursors={cursors} onChange={setCursors} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
