import { useQuery } from 'urql';
import { useViewer } from '../auth/auth-context';
import type { PlanSectionKey } from '../coach/client/career-plan-sections';
import { graphql, type ResultOf } from '../graphql/graphql';
import { formatDate, zoneCity } from '../time/format';
import { Page } from '../ui/page';
import { EmptyState, QueryState } from '../ui/status';
import { GoalSharing } from './goal-sharing';
import './portal.css';

export const ClientCareerPlanQuery = graphql(`
  query ClientCareerPlan {
    me {
      id
      client {
        id
        currentEngagement {
          id
          title
          hasSponsor
          goals {
            id
            title
            progress
            sharedWithSponsorAt
            metric {
              name
              unit
              target
            }
          }
          careerPlan {
            id
            latestRevision {
              id
              number
              createdAt
              author {
                id
                name
              }
              strengthsInventory
              gapsAndThreats
              directionAndOpportunities
              marketAnalysis
              compensationPlan
              strategyAndTimetable
              brandingAndNetworking
            }
          }
        }
      }
    }
  }
`);

type Revision = NonNullable<
  NonNullable<
    NonNullable<NonNullable<ResultOf<typeof ClientCareerPlanQuery>['me']['client']>['currentEngagement']>['careerPlan']
  >['latestRevision']
>;

/** The plan's sections in the order the coach writes them. */
export const PLAN_SECTIONS: { key: PlanSectionKey & keyof Revision; heading: string }[] = [
  { key: 'strengthsInventory', heading: 'Strengths inventory' },
  { key: 'gapsAndThreats', heading: 'Gaps and threats' },
  { key: 'directionAndOpportunities', heading: 'Direction and opportunities' },
  { key: 'marketAnalysis', heading: 'Market analysis' },
  { key: 'compensationPlan', heading: 'Compensation plan' },
  { key: 'strategyAndTimetable', heading: 'Strategy and timetable' },
  { key: 'brandingAndNetworking', heading: 'Branding and networking' },
];

/** The client's career plan, read-only (the latest revision of their current engagement's plan), and their goals with the sponsor consent. */
export function CareerPlanPage() {
  const viewer = useViewer();
  const [result] = useQuery({ query: ClientCareerPlanQuery });

  return (
    <Page title="Career plan">
      <QueryState result={result}>
        {(data) => {
          const engagement = data.me.client?.currentEngagement;
          const revision = engagement?.careerPlan?.latestRevision;
          const goals = engagement ? <GoalSharing goals={engagement.goals ?? []} hasSponsor={engagement.hasSponsor === true} /> : null;
          if (!engagement || !revision) {
            return (
              <>
                <EmptyState title="No career plan yet">
                  <p>Your coach writes your career plan with you; it will appear here once it is saved.</p>
                </EmptyState>
                {goals}
              </>
            );
          }
          const written = PLAN_SECTIONS.filter((section) => revision[section.key].trim());
          return (
            <article className="portal-home">
              <p className="muted">
                {engagement.title} · version {revision.number}, updated{' '}
                <time
                  dateTime={revision.createdAt}
                  title={`${formatDate(revision.createdAt, viewer.timeZone)} (${zoneCity(viewer.timeZone)} time)`}
                >
                  {formatDate(revision.createdAt, viewer.timeZone)}
                </time>
                {revision.author ? ` by ${revision.author.name}` : ''}
              </p>
              {goals}
              {written.length === 0 ? <EmptyState title="This plan has no content yet" /> : null}
              {written.map((section) => (
                <section key={section.key} className="plan-section card" aria-labelledby={`plan-${section.key}`}>
                  <h2 id={`plan-${section.key}`}>{section.heading}</h2>
                  <p className="plan-text">{revision[section.key]}</p>
                </section>
              ))}
            </article>
          );
        }}
      </QueryState>
    </Page>
  );
}
