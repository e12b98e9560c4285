import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql, readFragment } from '../../graphql/graphql';
import { DateTimeText } from '../../ui/date-time';
import { EmptyState, QueryState, SuccessNotice } from '../../ui/status';
import { CareerPlanCompare } from './career-plan-compare';
import { CareerPlanEditor } from './career-plan-editor';
import { CareerPlanRevisionFields, PlanSections, planContent } from './career-plan-sections';
import './career-plan-tab.css';

const CareerPlanTabQuery = graphql(
  `
    query CareerPlanTab($clientId: ID!) {
      client(id: $clientId) {
        id
        name
        currentEngagement {
          id
          title
          careerPlan {
            id
            latestRevision {
              ...CareerPlanRevisionFields
            }
            revisions(first: 100) {
              id
              number
              createdAt
              author {
                id
                name
              }
            }
          }
        }
      }
    }
  `,
  [CareerPlanRevisionFields],
);

/** The current engagement's career plan: its sections, an editor that saves a new revision, the history and a comparison. */
export function CareerPlanTab({ clientId }: { clientId: string }) {
  const viewer = useViewer();
  // The first save creates the plan, which a query without one cannot know it depends on.
  const context = useMemo(() => ({ additionalTypenames: ['CareerPlan', 'CareerPlanRevision'] }), []);
  const [result, refetch] = useQuery({ query: CareerPlanTabQuery, variables: { clientId }, context });
  const [editing, setEditing] = useState(false);
  const [savedNumber, setSavedNumber] = useState<number | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  function closeEditor(saved: number | null) {
    setEditing(false);
    setSavedNumber(saved);
    if (saved !== null) refetch({ requestPolicy: 'network-only' });
    // Back to the button that opened the editor, once it is on the page again.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <div className="career-plan-tab">
      <QueryState result={result}>
        {(data) => {
          const engagement = data.client.currentEngagement;
          if (!engagement)
            return (
              <EmptyState title="No engagement yet">
                <p>A career plan belongs to an engagement. Start one to write the plan.</p>
                <p>
                  <Link to={`/clients/${clientId}/engagements/new`}>Start an engagement</Link>
                </p>
              </EmptyState>
            );
          const plan = engagement.careerPlan;
          const latest = plan?.latestRevision ? readFragment(CareerPlanRevisionFields, plan.latestRevision) : null;
          const revisions = plan?.revisions ?? [];
          const content = planContent(latest);

          if (editing)
            return (
              <CareerPlanEditor
                engagementId={engagement.id}
                saved={content}
                onSaved={(number) => closeEditor(number)}
                onCancel={() => closeEditor(null)}
              />
            );

          return (
            <>
              <div aria-live="polite">{savedNumber !== null ? <SuccessNotice>Revision {savedNumber} saved.</SuccessNotice> : null}</div>
              <section className="card" aria-labelledby="plan-current-heading">
                <div className="plan-header">
                  <div>
                    <h2 id="plan-current-heading">Current plan</h2>
                    <p className="muted small">
                      {latest ? (
                        <>
                          Revision {latest.number}
                          {latest.author ? ` by ${latest.author.name}` : ''}, <DateTimeText value={latest.createdAt} /> · {engagement.title}
                        </>
                      ) : (
                        engagement.title
                      )}
                    </p>
                  </div>
                  <button
                    type="button"
                    ref={editButton}
                    onClick={() => {
                      setSavedNumber(null);
                      setEditing(true);
                    }}
                  >
                    Edit plan
                  </button>
                </div>
                {latest ? (
                  <PlanSections content={content} headingLevel={3} />
                ) : (
                  <EmptyState title="No career plan yet">
                    <p>Use “Edit plan” to write the first revision.</p>
                  </EmptyState>
                )}
              </section>
              {revisions.length > 0 ? (
                <section className="card" aria-labelledby="plan-history-heading">
                  <h2 id="plan-history-heading">Revision history</h2>
                  <ul className="plan-history">
                    {revisions.map((revision) => (
                      <li key={revision.id}>
                        <strong>Revision {revision.number}</strong>
                        {revision.number === latest?.number ? (
                          <>
                            {' '}
                            <span className="badge">Current</span>
                          </>
                        ) : null}
                        <span className="muted">
                          {' '}
                          · {revision.author?.name ?? 'Unknown author'} · <DateTimeText value={revision.createdAt} zone={viewer.timeZone} />
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              {revisions.length > 0 ? (
                <section className="card" aria-labelledby="plan-compare-heading">
                  <h2 id="plan-compare-heading">Compare revisions</h2>
                  <CareerPlanCompare key={revisions[0]?.number} engagementId={engagement.id} revisions={revisions} zone={viewer.timeZone} />
                </section>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
