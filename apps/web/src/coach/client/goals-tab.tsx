import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, readFragment } from '../../graphql/graphql';
import { SelectField } from '../../ui/fields';
import { EmptyState, QueryState } from '../../ui/status';
import { GoalCard, GoalCardFields, type GoalCardGoal } from './goals-card';
import { blankGoal, GoalForm, HORIZONS, type GoalHorizon } from './goals-form';
import './goals-tab.css';

const GoalsTabQuery = graphql(
  `
    query GoalsTab($clientId: ID!) {
      client(id: $clientId) {
        id
        currentEngagement {
          id
        }
        engagements {
          id
          title
          status
          goals {
            ...GoalCardFields
          }
        }
      }
    }
  `,
  [GoalCardFields],
);

const CreateGoalMutation = graphql(`
  mutation CreateGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      id
      title
    }
  }
`);

export interface GoalGroup {
  horizon: GoalHorizon;
  heading: string;
  goals: { goal: GoalCardGoal; engagementTitle: string }[];
}

/** Goals of every engagement, by horizon (1, 3, 5, 10 years); empty horizons left out, goals in the order they were set. */
export function groupGoalsByHorizon(engagements: { title: string; goals: GoalCardGoal[] }[]): GoalGroup[] {
  return HORIZONS.map((horizon) => ({
    horizon: horizon.value,
    heading: horizon.heading,
    goals: engagements.flatMap((engagement) =>
      engagement.goals.filter((goal) => goal.horizon === horizon.value).map((goal) => ({ goal, engagementTitle: engagement.title })),
    ),
  })).filter((group) => group.goals.length > 0);
}

const STATUS_NAMES: Record<string, string> = {
  ACTIVE: 'active',
  DRAFT: 'draft',
  PAUSED: 'paused',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
};

/** The client's goals across their engagements, grouped by horizon, each with its progress chart. */
export function GoalsTab({ clientId }: { clientId: string }) {
  // A first goal, or the last one deleted, changes a result that may hold no Goal to be invalidated by.
  const context = useMemo(() => ({ additionalTypenames: ['Goal', 'GoalCheckIn'] }), []);
  const [result, refetch] = useQuery({ query: GoalsTabQuery, variables: { clientId }, context });
  const [adding, setAdding] = useState(false);
  const [engagementId, setEngagementId] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [createState, createGoal] = useMutation(CreateGoalMutation);
  const addButton = useRef<HTMLButtonElement>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  function closeForm(message = '') {
    setAdding(false);
    setAnnouncement(message);
    requestAnimationFrame(() => addButton.current?.focus());
  }

  return (
    <div className="goals-tab">
      <div aria-live="polite">{announcement ? <p className="notice notice-success">{announcement}</p> : null}</div>
      <QueryState result={result}>
        {(data) => {
          const engagements = data.client.engagements.map((engagement) => ({
            ...engagement,
            goals: engagement.goals.map((goal) => readFragment(GoalCardFields, goal)),
          }));
          if (engagements.length === 0)
            return (
              <EmptyState title="No engagement yet">
                <p>Goals belong to an engagement. Start one to set the client’s goals.</p>
                <p>
                  <Link to={`/clients/${clientId}/engagements/new`}>Start an engagement</Link>
                </p>
              </EmptyState>
            );
          const groups = groupGoalsByHorizon(engagements);
          const several = engagements.length > 1;
          const chosen = engagementId || data.client.currentEngagement?.id || engagements[0].id;
          return (
            <>
              {adding ? (
                <section className="card">
                  <GoalForm
                    heading="Add a goal"
                    headingLevel={2}
                    initial={blankGoal}
                    submitLabel="Save goal"
                    busy={createState.fetching}
                    error={createState.error}
                    extraFields={
                      several ? (
                        <SelectField label="Engagement" value={chosen} onChange={(event) => setEngagementId(event.target.value)}>
                          {engagements.map((engagement) => (
                            <option key={engagement.id} value={engagement.id}>
                              {engagement.title} ({STATUS_NAMES[engagement.status] ?? engagement.status.toLowerCase()})
                            </option>
                          ))}
                        </SelectField>
                      ) : null
                    }
                    onCancel={() => closeForm()}
                    onSubmit={async (fields) => {
                      const created = await createGoal({ input: { ...fields, engagementId: chosen } });
                      if (!created.error) {
                        reload();
                        closeForm(`Goal “${fields.title}” added.`);
                      }
                    }}
                  />
                </section>
              ) : (
                <div className="goals-toolbar">
                  <button
                    type="button"
                    ref={addButton}
                    onClick={() => {
                      setAnnouncement('');
                      setAdding(true);
                    }}
                  >
                    Add goal
                  </button>
                </div>
              )}
              {groups.length === 0 ? (
                <EmptyState title="No goals yet">
                  <p>Set a measurable goal with a baseline and a target, then record check-ins to follow progress.</p>
                </EmptyState>
              ) : (
                groups.map((group) => (
                  <section key={group.horizon} className="goal-group" aria-labelledby={`goals-${group.horizon}`}>
                    <h2 id={`goals-${group.horizon}`}>{group.heading}</h2>
                    <div className="goal-list">
                      {group.goals.map(({ goal, engagementTitle }) => (
                        <GoalCard
                          key={goal.id}
                          goal={goal}
                          engagementTitle={several ? engagementTitle : undefined}
                          onChanged={reload}
                          onDeleted={(title) => {
                            reload();
                            setAnnouncement(`Goal “${title}” deleted.`);
                            requestAnimationFrame(() => addButton.current?.focus());
                          }}
                        />
                      ))}
                    </div>
                  </section>
                ))
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
