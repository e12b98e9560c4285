import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery, type CombinedError } from 'urql';
import { useViewer } from '../auth/auth-context';
import { graphql, readFragment, type ResultOf } from '../graphql/graphql';
import { formatDate, formatDateTime, formatTime, hourIn, zoneCity } from '../time/format';
import { Page } from '../ui/page';
import { GoalProgressChart } from '../ui/progress-chart';
import { EmptyState, QueryState } from '../ui/status';
import { joinUrlOf } from '../scheduling/meeting-link';
import { ActionItemList } from './action-item-list';
import { PortalActionItemFields, orderForAttention } from './action-items';
import { icsFileName, sessionIcs } from './ics';
import './portal.css';

/** How many open items the home page lists before pointing to the full list. */
const HOME_ITEM_LIMIT = 6;
/** How many summaries are shown before "Show all". */
const SUMMARY_LIMIT = 3;

/**
 * Everything the home page shows, in one request: the client's next session and goals (`me`, so
 * nothing depends on ids held in the browser), their open action items and the past year's
 * summaries. After the refresh that names the viewer, it is the page's only request.
 */
export const PortalHomeQuery = graphql(
  `
    query PortalHome($from: DateTime!) {
      me {
        id
        client {
          id
          nextSession {
            id
            startsAt
            durationMinutes
            timeZone
            meetingUrl
            version
            engagement {
              id
              meetingUrl
            }
          }
          currentEngagement {
            id
            coach {
              id
              name
            }
            goals {
              id
              title
              progress
              targetDate
              metric {
                name
                unit
                baseline
                target
              }
              checkIns(first: 50) {
                id
                recordedAt
                value
              }
            }
          }
        }
      }
      myActionItems(status: OPEN, first: 25) {
        edges {
          node {
            ...PortalActionItemFields
          }
        }
        pageInfo {
          hasNextPage
        }
      }
      sessions(status: COMPLETED, from: $from, first: 100) {
        edges {
          node {
            id
            startsAt
            timeZone
            sharedSummary
            summaryPublishedAt
          }
        }
      }
    }
  `,
  [PortalActionItemFields],
);

type Home = ResultOf<typeof PortalHomeQuery>;
type HomeResult = { data?: Home; fetching: boolean; error?: CombinedError };

type Overview = NonNullable<Home['me']['client']>;

function greeting(zone: string, now = new Date()): string {
  const hour = hourIn(now, zone);
  if (hour < 5 || hour >= 18) return 'Good evening';
  if (hour < 12) return 'Good morning';
  return 'Good afternoon';
}

export function PortalHomePage() {
  const viewer = useViewer();
  const firstName = viewer.name.split(/\s+/)[0] || viewer.name;
  // Summaries of the past year: the calendar lists sessions in start order, so the window keeps
  // the newest ones within one page.
  const from = useMemo(() => startOfDayAYearAgo(new Date()), []);
  const [result] = useQuery({ query: PortalHomeQuery, variables: { from } });

  return (
    <Page title={`${greeting(viewer.timeZone)}, ${firstName}`} subtitle={<>Times are shown in {zoneCity(viewer.timeZone)} time.</>}>
      <div className="portal-home">
        <ActionItemsSection result={result} />
        <NextSessionSection result={result} />
        <SummariesSection result={result} />
        <GoalsSection result={result} />
      </div>
    </Page>
  );
}

function ActionItemsSection({ result }: { result: HomeResult }) {
  return (
    <section className="portal-section" aria-labelledby="home-action-items">
      <div className="section-head">
        <h2 id="home-action-items">Action items</h2>
        <Link to="/action-items">All action items</Link>
      </div>
      <QueryState result={result}>
        {(data) => {
          const items = orderForAttention(data.myActionItems.edges.map((edge) => readFragment(PortalActionItemFields, edge.node)));
          if (items.length === 0) {
            return (
              <EmptyState title="Nothing open right now">
                <p>New action items from your sessions will appear here.</p>
              </EmptyState>
            );
          }
          const shown = items.slice(0, HOME_ITEM_LIMIT);
          const more = items.length - shown.length;
          return (
            <>
              <p className="muted small">
                {items.length} open{data.myActionItems.pageInfo.hasNextPage ? '+' : ''}; overdue and soonest due first.
              </p>
              <ActionItemList items={shown} headingLevel={3} />
              {more > 0 || data.myActionItems.pageInfo.hasNextPage ? (
                <p>
                  <Link to="/action-items">See {more > 0 ? `${more} more open` : 'more'} action items</Link>
                </p>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function NextSessionSection({ result }: { result: HomeResult }) {
  return (
    <section className="portal-section" aria-labelledby="home-next-session">
      <h2 id="home-next-session">Next session</h2>
      <WithOverview result={result}>{(client) => <NextSession client={client} />}</WithOverview>
    </section>
  );
}

function GoalsSection({ result }: { result: HomeResult }) {
  return (
    <section className="portal-section" aria-labelledby="home-goals">
      <div className="section-head">
        <h2 id="home-goals">Goals</h2>
        <Link to="/plan">Your career plan</Link>
      </div>
      <WithOverview result={result}>{(client) => <Goals client={client} />}</WithOverview>
    </section>
  );
}

/** The logged-in client's part of the home page, or why there is none. */
function WithOverview({ result, children }: { result: HomeResult; children: (client: Overview) => ReactNode }) {
  return (
    <QueryState result={result}>
      {(data) =>
        data.me.client ? (
          children(data.me.client)
        ) : (
          <p className="muted">Your account is not linked to a client record. Ask your coach to send you a new invitation.</p>
        )
      }
    </QueryState>
  );
}

function NextSession({ client }: { client: Overview }) {
  const viewer = useViewer();
  const session = client.nextSession;
  const coachName = client.currentEngagement?.coach?.name;
  const calendarHref = useMemo(() => {
    if (!session) return '';
    const ics = sessionIcs({
      sessionId: session.id,
      version: session.version,
      startsAt: session.startsAt,
      durationMinutes: session.durationMinutes,
      summary: coachName ? `Coaching session with ${coachName}` : 'Coaching session',
      description: `${window.location.origin}/sessions/${session.id}`,
      meetingUrl: joinUrlOf(session),
      host: window.location.hostname,
      stamp: new Date(),
    });
    return `data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`;
  }, [session, coachName]);

  if (!session) {
    return (
      <EmptyState title="No session planned">
        <p>Your coach will schedule the next one.</p>
      </EmptyState>
    );
  }
  const end = new Date(Date.parse(session.startsAt) + session.durationMinutes * 60_000).toISOString();
  return (
    <div className="card">
      <p className="next-session-when">
        <time dateTime={session.startsAt}>{formatDateTime(session.startsAt, viewer.timeZone)}</time>
      </p>
      <p className="muted small">
        {session.durationMinutes} minutes, until <time dateTime={end}>{formatTime(end, viewer.timeZone)}</time> ({zoneCity(viewer.timeZone)}{' '}
        time){coachName ? ` · with ${coachName}` : ''}
        {session.timeZone !== viewer.timeZone ? (
          <>
            {' '}
            · planned in {zoneCity(session.timeZone)} time: {formatDateTime(session.startsAt, session.timeZone)}
          </>
        ) : null}
      </p>
      <div className="row next-session-actions">
        <Link to={`/sessions/${session.id}`}>Session details</Link>
        <a href={calendarHref} download={icsFileName(session.startsAt)}>
          Add to calendar<span className="visually-hidden"> (downloads a .ics file)</span>
        </a>
        {joinUrlOf(session) ? (
          <a href={joinUrlOf(session)!} target="_blank" rel="noreferrer noopener">
            Join the meeting<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : null}
      </div>
    </div>
  );
}

function formatNumber(value: number, unit: string): string {
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value);
  return unit ? `${number} ${unit}` : number;
}

function Goals({ client }: { client: Overview }) {
  const viewer = useViewer();
  const goals = client.currentEngagement?.goals ?? [];
  if (goals.length === 0) {
    return (
      <EmptyState title="No goals yet">
        <p>You and your coach will set goals together.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="goal-list grid">
      {goals.map((goal) => {
        const percent = Math.round(Math.min(1, Math.max(0, goal.progress)) * 100);
        const latest = goal.checkIns[0];
        const points = [...goal.checkIns].reverse().map((c) => ({ recordedAt: c.recordedAt, value: c.value }));
        return (
          <li key={goal.id} className="card">
            <h3 className="goal-title">{goal.title}</h3>
            <p className="small muted">
              {goal.metric.name}: from {formatNumber(goal.metric.baseline, goal.metric.unit)} to{' '}
              {formatNumber(goal.metric.target, goal.metric.unit)}
              {goal.targetDate ? ` by ${formatDate(`${goal.targetDate}T12:00:00Z`, 'UTC')}` : ''}
            </p>
            <div
              className="goal-bar"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-label={`Progress on ${goal.title}`}
            >
              <span style={{ width: `${percent}%` }} />
            </div>
            <p className="small">
              <strong>{percent}%</strong> of the way
              {latest ? (
                <>
                  {' '}
                  · latest {formatNumber(latest.value, goal.metric.unit)} on {formatDate(latest.recordedAt, viewer.timeZone)}
                </>
              ) : (
                ' · no check-ins yet'
              )}
            </p>
            {points.length > 0 ? (
              <GoalProgressChart
                title={goal.title}
                unit={goal.metric.unit}
                baseline={goal.metric.baseline}
                target={goal.metric.target}
                points={points}
                zone={viewer.timeZone}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Local midnight a year before `now` (29 February goes to the 28th), as ISO UTC. */
function startOfDayAYearAgo(now: Date): string {
  const day = new Date(now.getFullYear() - 1, now.getMonth(), 1);
  const lastOfMonth = new Date(day.getFullYear(), day.getMonth() + 1, 0).getDate();
  day.setDate(Math.min(now.getDate(), lastOfMonth));
  return day.toISOString();
}

function SummariesSection({ result }: { result: HomeResult }) {
  const [showAll, setShowAll] = useState(false);
  const viewer = useViewer();
  return (
    <section className="portal-section" aria-labelledby="home-summaries">
      <h2 id="home-summaries">Session summaries</h2>
      <QueryState result={result}>
        {(data) => {
          const summaries = data.sessions.edges
            .map((edge) => edge.node)
            .filter((session) => session.summaryPublishedAt && session.sharedSummary)
            .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
          if (summaries.length === 0) {
            return (
              <EmptyState title="No summaries yet">
                <p>After each session your coach shares a summary here.</p>
              </EmptyState>
            );
          }
          const shown = showAll ? summaries : summaries.slice(0, SUMMARY_LIMIT);
          return (
            <>
              <ul className="summary-list">
                {shown.map((session, index) => (
                  <li key={session.id} className="card">
                    <h3 className="goal-title">
                      <Link to={`/sessions/${session.id}`}>{formatDateTime(session.startsAt, viewer.timeZone)}</Link>
                    </h3>
                    <p className={`summary-text${index > 0 ? ' summary-text-clamped' : ''}`}>{session.sharedSummary}</p>
                  </li>
                ))}
              </ul>
              {summaries.length > SUMMARY_LIMIT ? (
                <button type="button" className="button-secondary" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
                  {showAll ? 'Show fewer summaries' : `Show all ${summaries.length} summaries`}
                </button>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
