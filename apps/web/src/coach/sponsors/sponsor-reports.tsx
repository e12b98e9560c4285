import { DateTime } from 'luxon';
import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/graphql';
import { SelectField } from '../../ui/fields';
import { EmptyState, QueryState } from '../../ui/status';

const SponsoredEngagementsQuery = graphql(`
  query SponsoredEngagements {
    engagements(first: 100) {
      edges {
        node {
          id
          title
          status
          client {
            id
            name
          }
          sponsor {
            id
            organisation
          }
        }
      }
    }
  }
`);

const SponsorReportQuery = graphql(`
  query SponsorReport($engagementId: ID!) {
    sponsorReport(engagementId: $engagementId) {
      engagementId
      title
      clientName
      sponsorOrganisation
      status
      phase
      startDate
      endDate
      sessionsAllotted
      sessionsCompleted
      sessionsNoShow
      sessionsCancelled
      sessionsScheduled
      attendanceRate
      goals {
        title
        category
        horizon
        progress
      }
    }
  }
`);

const percent = (value: number) => `${Math.round(value * 100)}%`;
/** 'YYYY-MM-DD' → '2 Dec 2026' (a calendar date: no zone applies). */
const day = (value: string) => DateTime.fromISO(value, { zone: 'utc' }).toFormat('d LLL yyyy');
const words = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** What a sponsor may see about an engagement it pays for: attendance and goal progress, nothing else. */
export function SponsorReports() {
  const [result] = useQuery({ query: SponsoredEngagementsQuery });
  const [engagementId, setEngagementId] = useState('');
  const headingId = useId();
  return (
    <section className="card sponsor-reports" aria-labelledby={headingId}>
      <h2 id={headingId}>Sponsor reports</h2>
      <p className="muted small">
        Exactly what a sponsor is told about an engagement: attendance and goal progress. No notes, summaries, agendas or action items.
      </p>
      <QueryState result={result}>
        {(data) => {
          const sponsored = data.engagements.edges.map((e) => e.node).filter((e) => e.sponsor);
          if (sponsored.length === 0)
            return (
              <EmptyState title="No sponsored engagements">Choose a sponsor when you open an engagement to report to them.</EmptyState>
            );
          return (
            <>
              <SelectField label="Engagement" value={engagementId} onChange={(event) => setEngagementId(event.target.value)}>
                <option value="">Choose an engagement…</option>
                {sponsored.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.client?.name ?? 'Client'} — {e.title} ({e.sponsor?.organisation})
                  </option>
                ))}
              </SelectField>
              {engagementId ? <Report engagementId={engagementId} /> : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function Report({ engagementId }: { engagementId: string }) {
  const [result] = useQuery({ query: SponsorReportQuery, variables: { engagementId } });
  return (
    <div aria-live="polite">
      <QueryState result={result}>
        {({ sponsorReport: r }) => (
          <article className="sponsor-report">
            <h3>
              {r.clientName}: {r.title}
            </h3>
            <p className="muted small">
              {r.sponsorOrganisation ? `Sponsored by ${r.sponsorOrganisation}. ` : ''}
              {words(r.status)}, {words(r.phase).toLowerCase()} phase;{' '}
              {r.endDate ? `${day(r.startDate)} to ${day(r.endDate)}` : `from ${day(r.startDate)}`}.
            </p>
            <dl className="sponsor-report-figures">
              <div>
                <dt>Attendance</dt>
                <dd>{r.attendanceRate == null ? <span className="sponsor-report-none">None held yet</span> : percent(r.attendanceRate)}</dd>
              </div>
              <div>
                <dt>Held</dt>
                <dd>
                  {r.sessionsCompleted}
                  {r.sessionsAllotted ? ` of ${r.sessionsAllotted}` : ''}
                </dd>
              </div>
              <div>
                <dt>Missed</dt>
                <dd>{r.sessionsNoShow}</dd>
              </div>
              <div>
                <dt>Cancelled</dt>
                <dd>{r.sessionsCancelled}</dd>
              </div>
              <div>
                <dt>Scheduled</dt>
                <dd>{r.sessionsScheduled}</dd>
              </div>
            </dl>
            <h4>Goal progress</h4>
            {r.goals.length === 0 ? (
              <p className="muted">No goals shared: the client decides which goals their sponsor sees.</p>
            ) : (
              <ul className="sponsor-report-goals">
                {r.goals.map((goal, index) => (
                  <li key={`${goal.title}-${index}`}>
                    <span>
                      {goal.title}{' '}
                      <span className="muted small">
                        ({words(goal.category).toLowerCase()}, {words(goal.horizon).toLowerCase()})
                      </span>
                    </span>
                    <progress max={1} value={goal.progress} aria-label={`${goal.title}: ${percent(goal.progress)}`} />
                    <span className="small">{percent(goal.progress)}</span>
                  </li>
                ))}
              </ul>
            )}
          </article>
        )}
      </QueryState>
    </div>
  );
}
