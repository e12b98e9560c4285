import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useViewer } from '../../auth/auth-context';
import { graphql, type ResultOf } from '../../graphql/graphql';
import { formatDate } from '../../time/format';
import { DateTimeText } from '../../ui/date-time';
import { errorMessage } from '../../ui/errors';
import { TextAreaField, TextField } from '../../ui/fields';
import { formatValue, GoalProgressChart } from '../../ui/progress-chart';
import { ErrorNotice } from '../../ui/status';
import { categoryName, GoalForm, goalFormValues, parseNumber } from './goals-form';

export const GoalCardFields = graphql(`
  fragment GoalCardFields on Goal {
    id
    title
    category
    horizon
    targetDate
    progress
    metric {
      name
      unit
      baseline
      target
    }
    checkIns(first: 100) {
      id
      value
      note
      recordedAt
      recordedBy {
        id
        name
      }
    }
  }
`);

export type GoalCardGoal = ResultOf<typeof GoalCardFields>;

const AddCheckInMutation = graphql(`
  mutation AddGoalCheckIn($goalId: ID!, $input: GoalCheckInInput!) {
    addGoalCheckIn(goalId: $goalId, input: $input) {
      id
      value
      note
      recordedAt
    }
  }
`);

const UpdateGoalMutation = graphql(`
  mutation UpdateGoal($id: ID!, $input: UpdateGoalInput!) {
    updateGoal(id: $id, input: $input) {
      id
      title
      category
      horizon
      targetDate
      progress
      metric {
        name
        unit
        baseline
        target
      }
    }
  }
`);

const DeleteGoalMutation = graphql(`
  mutation DeleteGoal($id: ID!) {
    deleteGoal(id: $id)
  }
`);

/** A whole percentage, never beyond 0–100. */
export function progressPercent(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

/** "Tue 31 Dec 2026" for a calendar date (YYYY-MM-DD): a day, not an instant, so no zone shift. */
export function formatCalendarDate(date: string): string {
  return formatDate(date, 'UTC');
}

type Mode = 'view' | 'check-in' | 'edit' | 'delete';

/** One goal: its metric and progress, a chart of its check-ins, and the ways to change it. */
export function GoalCard({
  goal,
  engagementTitle,
  onChanged,
  onDeleted,
}: {
  goal: GoalCardGoal;
  engagementTitle?: string;
  onChanged: () => void;
  onDeleted: (title: string) => void;
}) {
  const viewer = useViewer();
  const [mode, setMode] = useState<Mode>('view');
  const [announcement, setAnnouncement] = useState('');
  const actions = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const percent = progressPercent(goal.progress);
  const latest = goal.checkIns[0];
  const { metric } = goal;
  const unit = metric.unit;

  function open(next: Mode) {
    setAnnouncement('');
    setMode(next);
  }

  function done(saved: boolean, message: string) {
    if (saved) onChanged();
    back(saved ? message : '');
  }

  function back(message = '') {
    setMode('view');
    setAnnouncement(message);
    requestAnimationFrame(() => actions.current?.querySelector('button')?.focus());
  }

  if (mode === 'edit') return <EditGoal goal={goal} onDone={(saved) => done(saved, 'Goal saved.')} />;

  return (
    <article className="goal-card card" aria-labelledby={headingId}>
      <div className="goal-card-head">
        <h3 id={headingId}>{goal.title}</h3>
        <span className="badge">{categoryName(goal.category)}</span>
      </div>
      {engagementTitle ? <p className="small muted goal-card-engagement">{engagementTitle}</p> : null}
      <dl className="goal-facts">
        <div>
          <dt>Metric</dt>
          <dd>
            {metric.name}: {formatValue(metric.baseline)} → {formatValue(metric.target)} {unit}
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd className="goal-progress">
            <progress max={100} value={percent} aria-label={`Progress on ${goal.title}`} aria-valuetext={`${percent}%`} />
            <span>{percent}%</span>
          </dd>
        </div>
        <div>
          <dt>Target date</dt>
          <dd>{goal.targetDate ? formatCalendarDate(goal.targetDate) : <span className="muted">None set</span>}</dd>
        </div>
        <div>
          <dt>Latest check-in</dt>
          <dd>
            {latest ? (
              <>
                {formatValue(latest.value)} {unit}, <DateTimeText value={latest.recordedAt} dateOnly />
                {latest.note ? <span className="goal-note"> — “{latest.note}”</span> : null}
              </>
            ) : (
              <span className="muted">None yet</span>
            )}
          </dd>
        </div>
      </dl>
      <GoalProgressChart
        title={goal.title}
        unit={unit}
        baseline={metric.baseline}
        target={metric.target}
        points={goal.checkIns}
        zone={viewer.timeZone}
      />
      <div aria-live="polite" className="goal-card-status">
        {announcement ? <p className="notice notice-success">{announcement}</p> : null}
      </div>
      {mode === 'check-in' ? <CheckInForm goal={goal} onDone={(saved) => done(saved, 'Check-in recorded.')} /> : null}
      {mode === 'delete' ? <ConfirmDelete goal={goal} onCancel={() => back()} onDeleted={() => onDeleted(goal.title)} /> : null}
      {mode === 'view' ? (
        <div className="form-actions" ref={actions}>
          <button type="button" onClick={() => open('check-in')}>
            Record check-in <span className="visually-hidden">for {goal.title}</span>
          </button>
          <button type="button" className="button-secondary" onClick={() => open('edit')}>
            Edit <span className="visually-hidden">{goal.title}</span>
          </button>
          <button type="button" className="button-danger" onClick={() => open('delete')}>
            Delete <span className="visually-hidden">{goal.title}</span>
          </button>
        </div>
      ) : null}
    </article>
  );
}

function CheckInForm({ goal, onDone }: { goal: GoalCardGoal; onDone: (saved: boolean) => void }) {
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [state, addCheckIn] = useMutation(AddCheckInMutation);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('input')?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseNumber(value);
    if (parsed === null) {
      setInvalid(`Enter the ${goal.metric.name.toLowerCase()} as a number.`);
      return;
    }
    setInvalid(undefined);
    const result = await addCheckIn({ goalId: goal.id, input: { value: parsed, note: note.trim() || null } });
    if (!result.error) onDone(true);
  }

  return (
    <form className="goal-check-in" onSubmit={(event) => void submit(event)} noValidate aria-label={`Check-in for ${goal.title}`}>
      <div ref={first} className="goal-form-grid">
        <TextField
          label={`Value (${goal.metric.unit})`}
          hint={`${goal.metric.name}; the target is ${formatValue(goal.metric.target)}.`}
          type="number"
          step="any"
          inputMode="decimal"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={invalid}
          required
        />
      </div>
      <TextAreaField
        label="Note"
        hint="Optional"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <ErrorNotice error={state.error} />
      <div className="form-actions">
        <button type="submit" disabled={state.fetching}>
          {state.fetching ? 'Saving…' : 'Save check-in'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditGoal({ goal, onDone }: { goal: GoalCardGoal; onDone: (saved: boolean) => void }) {
  const [state, update] = useMutation(UpdateGoalMutation);
  return (
    <div className="goal-card card">
      <GoalForm
        heading={`Edit goal: ${goal.title}`}
        initial={goalFormValues(goal)}
        submitLabel="Save changes"
        busy={state.fetching}
        error={state.error}
        onCancel={() => onDone(false)}
        onSubmit={async (fields) => {
          const result = await update({ id: goal.id, input: fields });
          if (!result.error) onDone(true);
        }}
      />
    </div>
  );
}

function ConfirmDelete({ goal, onCancel, onDeleted }: { goal: GoalCardGoal; onCancel: () => void; onDeleted: () => void }) {
  const [state, remove] = useMutation(DeleteGoalMutation);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const count = goal.checkIns.length;
  return (
    <div className="goal-confirm" role="group" aria-label={`Delete ${goal.title}?`}>
      <p>
        Delete “{goal.title}”{count ? ` and its ${count === 1 ? 'check-in' : `${count} check-ins`}` : ''}? This cannot be undone. Action
        items that served it stay.
      </p>
      {state.error ? <ErrorNotice>{errorMessage(state.error)}</ErrorNotice> : null}
      <div className="form-actions">
        <button
          type="button"
          ref={confirm}
          className="button-danger"
          disabled={state.fetching}
          onClick={() =>
            void remove({ id: goal.id }).then((result) => {
              if (!result.error) onDeleted();
            })
          }
        >
          Delete goal
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
