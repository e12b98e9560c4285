import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { readFragment, type FragmentOf, type ResultOf } from '../../graphql/graphql';
import { formatCalendarDate, formatTime } from '../../time/format';
import { DateTimeText } from '../../ui/date-time';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { EmptyState, ErrorNotice, QueryState } from '../../ui/status';
import { MarkActivitySeenMutation, TodayQuery, TodaySessionFields } from './today-query';
import './today-page.css';

type TodayData = ResultOf<typeof TodayQuery>['today'];
type Activity = TodayData['activity']['edges'][number]['node'];
type Attention = TodayData['needsAttention']['edges'][number]['node'];

const ACTIVITY_VERBS: Record<Activity['kind'], string> = {
  ACTION_ITEM_DONE: 'completed',
  ACTION_ITEM_COMMENT: 'commented on',
  GOAL_CHECK_IN: 'checked in on',
  MESSAGE: 'wrote in',
  CHECK_IN_ANSWER: 'answered the mid-cycle check-in:',
};

/** Where an event is seen on the client's page ('' is the overview). */
const ACTIVITY_PATHS: Record<Activity['kind'], string> = {
  ACTION_ITEM_DONE: 'action-items',
  ACTION_ITEM_COMMENT: 'action-items',
  GOAL_CHECK_IN: 'goals',
  MESSAGE: 'messages',
  CHECK_IN_ANSWER: '',
};

const CHECK_IN_ANSWERS: Record<string, string> = { ON_TRACK: 'On track', STUCK: 'Stuck', NEED_HELP: 'Need help' };

/** Where a reason is dealt with on the client's page. */
const REASON_PATHS: Record<Attention['reasons'][number]['kind'], string> = {
  OVERDUE_ACTION_ITEMS: 'action-items',
  UNREAD_COMMENTS: 'action-items',
  NO_NEXT_SESSION: 'sessions/new',
  UNANSWERED_MESSAGES: 'messages',
  CHECK_IN_HELP: '',
};

/** A coach's home page: sessions today and later this week, clients needing attention, what clients did lately. */
export function TodayPage() {
  // The `after` cursors of the activity pages before this one.
  const [cursors, setCursors] = useState<string[]>([]);
  const [result] = useQuery({ query: TodayQuery, variables: { activityAfter: cursors.at(-1) ?? null } });
  return (
    <Page title="Today">
      <QueryState result={result}>
        {({ today }) => (
          <div className="today-grid" aria-busy={result.fetching || undefined}>
            <p className="page-subtitle">
              {formatCalendarDate(today.date)} <span className="muted">(week to {formatCalendarDate(today.weekEndsOn)})</span>
            </p>
            <SessionList
              heading="Today's sessions"
              empty="No sessions today."
              sessions={today.todaySessions.edges.map((edge) => edge.node)}
              more={today.todaySessions.pageInfo.hasNextPage}
              zone={today.timeZone}
              withDate={false}
            />
            <SessionList
              heading="Later this week"
              empty="No more sessions this week."
              sessions={today.laterSessions.edges.map((edge) => edge.node)}
              more={today.laterSessions.pageInfo.hasNextPage}
              zone={today.timeZone}
              withDate
            />
            <NeedsAttention
              clients={today.needsAttention.edges.map((edge) => edge.node)}
              more={today.needsAttention.pageInfo.hasNextPage}
            />
            <RecentActivity today={today} cursors={cursors} onPage={setCursors} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function SessionList({
  heading,
  empty,
  sessions,
  more,
  zone,
  withDate,
}: {
  heading: string;
  empty: string;
  sessions: Array<FragmentOf<typeof TodaySessionFields>>;
  more: boolean;
  zone: string;
  withDate: boolean;
}) {
  const id = `today-${heading.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card today-sessions" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {sessions.length ? (
        <ul className="today-list">
          {sessions.map((masked) => {
            const entry = readFragment(TodaySessionFields, masked);
            return (
              <li key={entry.session.id}>
                <p className="today-session-title">
                  <Link to={`/sessions/${entry.session.id}`}>
                    {withDate ? <DateTimeText value={entry.session.startsAt} zone={zone} /> : formatTime(entry.session.startsAt, zone)}
                    {' with '}
                    {entry.client.name}
                  </Link>
                  {entry.session.status !== 'SCHEDULED' ? (
                    <span className="badge badge-muted">{entry.session.status.toLowerCase()}</span>
                  ) : null}
                </p>
                <div className="today-prep">
                  <h3>Last shared summary</h3>
                  {entry.previousSummary ? (
                    <p className="today-summary">
                      <span className="small muted">
                        <DateTimeText value={entry.previousSummary.startsAt} zone={zone} dateOnly />:
                      </span>{' '}
                      {entry.previousSummary.summary}
                    </p>
                  ) : (
                    <p className="small muted">None shared yet.</p>
                  )}
                  <h3>
                    Open action items <span className="muted">({entry.openActionItemCount})</span>
                  </h3>
                  {entry.openActionItems.length ? (
                    <ul>
                      {entry.openActionItems.map((item) => (
                        <li key={item.id}>
                          {item.title}
                          {item.dueDate ? <span className="small muted"> · due {formatCalendarDate(item.dueDate)}</span> : null}
                          {item.isOverdue ? <span className="badge badge-danger">overdue</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="small muted">None open.</p>
                  )}
                  {entry.openActionItemCount > entry.openActionItems.length ? (
                    <Link className="small" to={`/clients/${entry.client.id}/action-items`}>
                      All {entry.openActionItemCount} open items for {entry.client.name}
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
      {more ? (
        <Link className="small" to="/calendar">
          More in the calendar
        </Link>
      ) : null}
    </section>
  );
}

function NeedsAttention({ clients, more }: { clients: Attention[]; more: boolean }) {
  return (
    <section className="card" aria-labelledby="today-attention">
      <h2 id="today-attention">Needs attention</h2>
      {clients.length ? (
        <ul className="today-list">
          {clients.map(({ client, reasons }) => (
            <li key={client.id}>
              <Link to={`/clients/${client.id}`}>{client.name}</Link>
              <ul className="today-reasons">
                {reasons.map((reason) => (
                  <li key={reason.kind}>
                    <Link to={`/clients/${client.id}/${REASON_PATHS[reason.kind]}`} aria-label={`${client.name}: ${reason.description}`}>
                      {reason.description}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="Nobody needs attention">
          <p>No overdue items, unread comments or engagements without a next session.</p>
        </EmptyState>
      )}
      {more ? <p className="small muted">More clients need attention: see the roster.</p> : null}
    </section>
  );
}

function RecentActivity({ today, cursors, onPage }: { today: TodayData; cursors: string[]; onPage: (cursors: string[]) => void }) {
  const [marking, markSeen] = useMutation(MarkActivitySeenMutation);
  const events = today.activity.edges;
  const newest = cursors.length === 0 ? events[0]?.cursor : undefined;
  const unread = today.unreadActivityCount;
  return (
    <section className="card today-activity" aria-labelledby="today-activity">
      <h2 id="today-activity">
        Recent client activity {unread ? <span className="badge badge-warning">{unread === 1 ? '1 new' : `${unread} new`}</span> : null}
      </h2>
      {newest && unread ? (
        <button
          type="button"
          className="button-secondary"
          disabled={marking.fetching}
          onClick={() => void markSeen({ through: newest }, { additionalTypenames: ['Today'] })}
        >
          Mark all as seen
        </button>
      ) : null}
      <ErrorNotice error={marking.error} />
      {events.length ? (
        <ol className="today-list">
          {events.map(({ node }) => (
            <li key={`${node.kind}-${node.id}`} className={node.unread ? 'today-unread' : undefined}>
              {node.unread ? <span className="badge badge-warning">New</span> : null}{' '}
              <Link to={`/clients/${node.client.id}/${ACTIVITY_PATHS[node.kind]}`}>{node.client.name}</Link> {ACTIVITY_VERBS[node.kind]}{' '}
              <strong>{node.kind === 'CHECK_IN_ANSWER' ? (CHECK_IN_ANSWERS[node.subject] ?? node.subject) : node.subject}</strong>
              {node.kind === 'GOAL_CHECK_IN' && node.value !== null ? ` (${node.value})` : null}
              {node.detail ? <q className="today-detail">{node.detail}</q> : null}{' '}
              <span className="small muted">
                <DateTimeText value={node.at} zone={today.timeZone} />
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">Nothing yet: what clients do between sessions shows here.</p>
      )}
      {cursors.length || today.activity.pageInfo.hasNextPage ? (
        <Pager pageInfo={today.activity.pageInfo} cursors={cursors} onChange={onPage} />
      ) : null}
    </section>
  );
}
