import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql, type VariablesOf } from '../../graphql/graphql';
import { formatDateTime } from '../../time/format';
import { SelectField } from '../../ui/fields';
import { Pager } from '../../ui/pager';
import { EmptyState, QueryState } from '../../ui/status';
import { kindName, STATUSES, statusInfo, type NotificationStatus } from './notification-labels';
import './client-notifications.css';

export const PAGE_SIZE = 20;

export const ClientNotificationsQuery = graphql(`
  query ClientNotifications($clientId: ID!, $status: NotificationStatus, $first: Int!, $after: String) {
    notifications(clientId: $clientId, status: $status, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          status
          recipientEmail
          sendAt
          sentAt
          reason
          attempts
          sessionId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The query's variables for a status filter ('' = all) and the cursors of the pages before this one. */
export function notificationVariables(
  clientId: string,
  status: NotificationStatus | '',
  cursors: string[],
): VariablesOf<typeof ClientNotificationsQuery> {
  return { clientId, status: status || null, first: PAGE_SIZE, after: cursors.at(-1) ?? null };
}

/** Why an email did not go (out) as planned, in a sentence. */
export function notificationDetails(node: { status: string; reason?: string | null; attempts: number }): string {
  const reason = node.reason?.trim();
  const tries = node.attempts > 1 ? `after ${node.attempts} attempts` : '';
  if (node.status === 'FAILED') return [reason, tries].filter(Boolean).join(', ') || 'No reason recorded';
  return reason ?? '';
}

/** A client's emails, newest first: what each was, to whom, its status and when it went (or goes) out. */
export function ClientNotifications({ clientId }: { clientId: string }) {
  const viewer = useViewer();
  const zone = viewer.timeZone;
  const [status, setStatus] = useState<NotificationStatus | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const [result] = useQuery({ query: ClientNotificationsQuery, variables: notificationVariables(clientId, status, cursors) });
  const filterName = status ? statusInfo(status).label.toLowerCase() : '';

  return (
    <div className="client-notifications">
      <div className="row client-notifications-filter">
        <SelectField
          label="Status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as NotificationStatus | '');
            setCursors([]);
          }}
        >
          <option value="">All statuses</option>
          {STATUSES.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label}
            </option>
          ))}
        </SelectField>
        <p className="small muted">Times in your zone ({zone}).</p>
      </div>
      <QueryState result={result}>
        {(data) => {
          const edges = data.notifications.edges;
          if (edges.length === 0 && cursors.length === 0)
            return (
              <EmptyState title={status ? `No ${filterName} emails` : 'No emails yet'}>
                <p>
                  {status ? 'Try another status, or all of them.' : 'Reminders, nudges and summaries appear here once they are planned.'}
                </p>
              </EmptyState>
            );
          return (
            <>
              <div className="table-wrap">
                <table className="table-stack">
                  <caption className="visually-hidden">{status ? `Emails: ${filterName}` : 'Emails'}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Recipient</th>
                      <th scope="col">Status</th>
                      <th scope="col">Due</th>
                      <th scope="col">Sent</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {edges.map(({ node }) => {
                      const info = statusInfo(node.status);
                      const details = notificationDetails(node);
                      return (
                        <tr key={node.id}>
                          <td data-label="Email">
                            {node.sessionId ? <Link to={`/sessions/${node.sessionId}`}>{kindName(node.kind)}</Link> : kindName(node.kind)}
                          </td>
                          <td data-label="Recipient" className="client-notifications-recipient">
                            {node.recipientEmail}
                          </td>
                          <td data-label="Status">
                            <span className={`badge ${info.badge}`.trim()}>{info.label}</span>
                          </td>
                          <td data-label="Due">
                            <time dateTime={node.sendAt}>{formatDateTime(node.sendAt, zone)}</time>
                          </td>
                          <td data-label="Sent">
                            {node.sentAt ? (
                              <time dateTime={node.sentAt}>{formatDateTime(node.sentAt, zone)}</time>
                            ) : (
                              <span className="muted">Not sent</span>
                            )}
                          </td>
                          <td data-label="Details">
                            {details ? (
                              details
                            ) : (
                              <span className="muted">
                                <span aria-hidden="true">—</span>
                                <span className="visually-hidden">None</span>
                              </span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {edges.length === 0 ? <p className="muted">No more emails.</p> : null}
              <Pager pageInfo={data.notifications.pageInfo} cursors={cursors} onChange={setCursors} />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
