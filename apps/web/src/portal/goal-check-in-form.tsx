import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../graphql/graphql';
import { errorField, errorMessage } from '../ui/errors';
import { TextAreaField, TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';

export const PortalAddGoalCheckInMutation = graphql(`
  mutation PortalAddGoalCheckIn($goalId: ID!, $input: GoalCheckInInput!) {
    addGoalCheckIn(goalId: $goalId, input: $input) {
      id
      value
      recordedAt
      goal {
        id
        progress
      }
    }
  }
`);

export const MAX_CHECK_IN_NOTE = 2000;

export interface CheckInGoal {
  id: string;
  title: string;
  metric: { name: string; unit: string; target: number };
}

/** A number as a person types it ("12,500" included); null for anything that is not a finite number. */
export function parseMeasurement(text: string): number | null {
  const trimmed = text.trim().replace(/(?<=\d),(?=\d{3}\b)/g, '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * The client records where a goal's measure stands now (the API's addGoalCheckIn: a finite
 * value, an optional note of at most 2,000 characters). Mistakes are said beside the field
 * and the field takes the focus; the API's own refusal is announced.
 */
export function GoalCheckInForm({ goal, onDone }: { goal: CheckInGoal; onDone: (saved: boolean) => void }) {
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<{ value?: string; note?: string }>({});
  const [state, addCheckIn] = useMutation(PortalAddGoalCheckInMutation);
  const ids = useId();
  const valueId = `${ids}-value`;
  const noteId = `${ids}-note`;
  const focus = (id: string) => document.getElementById(id)?.focus();
  useEffect(() => focus(valueId), [valueId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const measured = parseMeasurement(value);
    const errors = {
      ...(measured === null ? { value: `Enter your ${goal.metric.name.toLowerCase()} as a number, e.g. ${goal.metric.target}.` } : {}),
      ...(note.trim().length > MAX_CHECK_IN_NOTE ? { note: `Keep the note under ${MAX_CHECK_IN_NOTE} characters.` } : {}),
    };
    setInvalid(errors);
    if (errors.value) return focus(valueId);
    if (errors.note) return focus(noteId);
    const result = await addCheckIn({ goalId: goal.id, input: { value: measured!, note: note.trim() || null } });
    if (!result.error) return onDone(true);
    const field = errorField(result.error);
    if (field === 'value' || field === 'note') {
      setInvalid({ [field]: errorMessage(result.error) });
      focus(field === 'value' ? valueId : noteId);
    }
  }

  const serverField = errorField(state.error);
  return (
    <form className="goal-check-in" onSubmit={(event) => void submit(event)} noValidate aria-label={`Record progress on ${goal.title}`}>
      <TextField
        id={valueId}
        label={`${goal.metric.name} now (${goal.metric.unit})`}
        hint={`Your target is ${goal.metric.target} ${goal.metric.unit}.`}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={invalid.value}
        required
      />
      <TextAreaField
        id={noteId}
        label="Note for your coach"
        hint="Optional"
        rows={2}
        maxLength={MAX_CHECK_IN_NOTE}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={invalid.note}
      />
      {invalid.value || invalid.note ? (
        <p className="visually-hidden" role="alert">
          {invalid.value ?? invalid.note}
        </p>
      ) : null}
      {serverField === 'value' || serverField === 'note' ? null : <ErrorNotice error={state.error} />}
      <div className="form-actions">
        <button type="submit" disabled={state.fetching}>
          {state.fetching ? 'Saving…' : 'Save progress'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
