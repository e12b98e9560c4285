import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { timeZoneOptions } from '../auth/time-zones';
import { parseOffsets } from '../coach/client/edit-client-form';
import { graphql } from '../graphql/graphql';
import { errorCode, errorField } from '../ui/errors';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice, QueryState } from '../ui/status';
import { isForbidden, OwnerOnly } from './owner-only';
import {
  describeOffsets,
  fieldOfPracticeError,
  practiceFormOf,
  practiceUpdateInput,
  validatePracticeForm,
  type PracticeErrors,
  type PracticeForm,
  type PracticeSettings,
} from './practice-form';

export const PracticeSettingsQuery = graphql(`
  query PracticeSettings {
    practice {
      id
      name
      timeZone
      reminderOffsetsMinutes
    }
  }
`);

export const UpdatePracticeMutation = graphql(`
  mutation UpdatePractice($input: UpdatePracticeInput!) {
    updatePractice(input: $input) {
      id
      name
      timeZone
      reminderOffsetsMinutes
    }
  }
`);

export function SettingsSection() {
  const [result] = useQuery({ query: PracticeSettingsQuery });
  if (isForbidden(result.error)) return <OwnerOnly />;
  return (
    <section aria-labelledby="practice-settings-heading">
      <h2 id="practice-settings-heading">Settings</h2>
      <QueryState result={result}>{(data) => <SettingsForm key={data.practice.id} practice={data.practice} />}</QueryState>
    </section>
  );
}

function SettingsForm({ practice }: { practice: PracticeSettings }) {
  const [form, setForm] = useState<PracticeForm>(() => practiceFormOf(practice));
  const [errors, setErrors] = useState<PracticeErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [result, save] = useMutation(UpdatePracticeMutation);
  const zones = timeZoneOptions();
  if (!zones.includes(practice.timeZone)) zones.unshift(practice.timeZone);
  const apiField = fieldOfPracticeError(errorField(result.error));
  const apiMessage = result.error?.graphQLErrors[0]?.message;
  const fieldError = (field: keyof PracticeForm) =>
    errors[field] ??
    (apiField === field ? (errorCode(result.error) === 'BAD_USER_INPUT' && apiMessage ? apiMessage : 'Check this field.') : undefined);

  function update(change: Partial<PracticeForm>) {
    setForm((current) => ({ ...current, ...change }));
    setNotice(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = validatePracticeForm(form);
    setErrors(problems);
    setNotice(null);
    const first = (['name', 'timeZone', 'reminders'] as const).find((field) => problems[field]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const input = practiceUpdateInput(form, practice);
    if (Object.keys(input).length === 0) {
      setNotice('Nothing has changed.');
      return;
    }
    const outcome = await save({ input });
    if (!outcome.error && outcome.data) {
      setForm(practiceFormOf(outcome.data.updatePractice));
      setNotice('Practice settings saved.');
    }
  }

  const parsedNow = validatePracticeForm(form).reminders ? null : parseOffsets(form.reminders);
  return (
    <form className="card form-narrow practice-settings" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Practice name"
        name="name"
        autoComplete="organization"
        maxLength={200}
        value={form.name}
        onChange={(e) => update({ name: e.target.value })}
        error={fieldError('name')}
      />
      <SelectField
        label="Time zone"
        name="timeZone"
        value={form.timeZone}
        onChange={(e) => update({ timeZone: e.target.value })}
        hint="Used for a client or coach who has not chosen their own."
        error={fieldError('timeZone')}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Default reminder times"
        name="reminders"
        inputMode="text"
        autoComplete="off"
        value={form.reminders}
        onChange={(e) => update({ reminders: e.target.value })}
        hint={
          <>
            How long before each session reminders go out, e.g. “2d, 2h” (d = days, h = hours, m = minutes; up to 5).{' '}
            {parsedNow ? describeOffsets(parsedNow) : null} Clients with their own reminder times keep them.
          </>
        }
        error={fieldError('reminders')}
      />
      <ErrorNotice error={apiField ? undefined : result.error} />
      <div role="status" aria-live="polite">
        {notice ? <p className={`notice${notice.startsWith('Practice') ? ' notice-success' : ''}`}>{notice}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
