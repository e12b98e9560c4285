import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { CheckboxField } from '../ui/fields';
import { ErrorNotice, SuccessNotice } from '../ui/status';
import { GoalCheckInForm, type CheckInGoal } from './goal-check-in-form';

export const SetGoalSharedWithSponsorMutation = graphql(`
  mutation SetGoalSharedWithSponsor($goalId: ID!, $shared: Boolean!) {
    setGoalSharedWithSponsor(goalId: $goalId, shared: $shared) {
      id
      sharedWithSponsorAt
    }
  }
`);

export const SPONSOR_SEES = "Your sponsor will see this goal's title and progress, never your notes.";

export interface SharedGoal extends CheckInGoal {
  id: string;
  title: string;
  progress: number;
  sharedWithSponsorAt: string | null;
}

/**
 * The client's goals, each with a form to record where its measure stands now, and their
 * consent to show it in the sponsor report. Only the client decides; shown only when the
 * engagement has a sponsor.
 */
export function GoalSharing({ goals, hasSponsor }: { goals: readonly SharedGoal[]; hasSponsor: boolean }) {
  const [result, setShared] = useMutation(SetGoalSharedWithSponsorMutation);
  const [recording, setRecording] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  if (goals.length === 0) return null;
  return (
    <section className="card" aria-labelledby="portal-goals">
      <h2 id="portal-goals">Goals</h2>
      <ErrorNotice error={result.error} />
      <ul className="plain-list">
        {goals.map((goal) => (
          <li key={goal.id}>
            <p>
              <strong>{goal.title}</strong> · {Math.round(goal.progress * 100)}% of the way
            </p>
            {recorded === goal.id ? <SuccessNotice>Progress recorded on {goal.title}.</SuccessNotice> : null}
            {recording === goal.id ? (
              <GoalCheckInForm
                goal={goal}
                onDone={(saved) => {
                  setRecording(null);
                  setRecorded(saved ? goal.id : null);
                }}
              />
            ) : (
              <button
                type="button"
                className="button-secondary"
                aria-label={`Record progress on ${goal.title}`}
                onClick={() => {
                  setRecorded(null);
                  setRecording(goal.id);
                }}
              >
                Record progress
              </button>
            )}
            {hasSponsor ? (
              <CheckboxField
                label="Share with my sponsor"
                description={SPONSOR_SEES}
                checked={goal.sharedWithSponsorAt !== null}
                onChange={(shared) => void setShared({ goalId: goal.id, shared })}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
