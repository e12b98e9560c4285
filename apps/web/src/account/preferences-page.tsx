import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../auth/auth-context';
import { graphql, readFragment, type ResultOf } from '../graphql/graphql';
import { zoneAbbreviation, zoneCity } from '../time/format';
import { errorField } from '../ui/errors';
import { CheckboxField, TextField } from '../ui/fields';
import { Page } from '../ui/page';
import { ErrorNotice, QueryState } from '../ui/status';
import { useUnsavedChanges } from '../ui/use-unsaved-changes';
import {
  formFromPreferences,
  isCoachRole,
  kindOptionsFor,
  preferencesInput,
  validatePreferences,
  type FormErrors,
  type PreferencesForm,
} from './preferences-form';
import './preferences-page.css';

const PreferencesFields = graphql(`
  fragment PreferencesFields on NotificationPreferences {
    email
    disabledKinds
    quietHoursStart
    quietHoursEnd
    unsubscribedFromAll
    suppressed
    coachSessionReminders
  }
`);

export const NotificationPreferencesQuery = graphql(
  `
    query NotificationPreferences {
      notificationPreferences {
        ...PreferencesFields
      }
    }
  `,
  [PreferencesFields],
);

export const UpdateNotificationPreferencesMutation = graphql(
  `
    mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
      updateNotificationPreferences(input: $input) {
        ...PreferencesFields
      }
    }
  `,
  [PreferencesFields],
);

type Stored = ResultOf<typeof PreferencesFields>;

/** What the viewer's address receives: kinds, quiet hours, unsubscribe; coaches also their own reminders. */
export function PreferencesPage() {
  const [result] = useQuery({ query: NotificationPreferencesQuery });
  return (
    <Page
      title="Email preferences"
      subtitle="Choose which emails Tandem sends you, and when. Sign-in links (invitations and password resets) always arrive."
    >
      <QueryState result={result}>
        {(data) => <PreferencesEditor stored={readFragment(PreferencesFields, data.notificationPreferences)} />}
      </QueryState>
    </Page>
  );
}

function PreferencesEditor({ stored }: { stored: Stored }) {
  const viewer = useViewer();
  const coach = isCoachRole(viewer.role);
  const [form, setForm] = useState<PreferencesForm>(() => formFromPreferences(stored, viewer.role));
  const [savedForm, setSavedForm] = useState(form);
  useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(savedForm));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(UpdateNotificationPreferencesMutation);
  const [resume, runResume] = useMutation(UpdateNotificationPreferencesMutation);
  const resumed = Boolean(resume.data && !resume.error);
  const zoneName = `${zoneCity(viewer.timeZone)} time (${zoneAbbreviation(new Date().toISOString(), viewer.timeZone)})`;
  const apiField = errorField(result.error);

  function update(change: Partial<PreferencesForm>) {
    setForm((current) => ({ ...current, ...change }));
    setSaved(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validatePreferences(form);
    setErrors(problems);
    setSaved(false);
    if (problems.quietHoursStart || problems.quietHoursEnd) {
      document.getElementById(problems.quietHoursStart ? 'quiet-start' : 'quiet-end')?.focus();
      return;
    }
    const outcome = await save({ input: preferencesInput(form, stored, viewer.role) });
    if (!outcome.error) {
      setSaved(true);
      setSavedForm(form);
    }
  }

  return (
    <div className="preferences">
      {stored.suppressed ? (
        <div className="notice notice-error preferences-suppressed" role="alert">
          <p>
            <strong>Emails to {stored.email} are stopped.</strong> Your mail server refused a message permanently (for example, the mailbox
            did not exist or was closed), so Tandem stopped writing to it to protect delivery for everyone.
          </p>
          <p>If the address works again, resume email to it. If it has changed, ask your coach to update it.</p>
          <ErrorNotice error={resume.error} />
          <button
            type="button"
            className="button-secondary"
            disabled={resume.fetching}
            onClick={() => void runResume({ input: { confirmAddress: true } })}
          >
            {resume.fetching ? 'Resuming…' : 'Resume email to this address'}
          </button>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {resumed && !stored.suppressed ? <p className="notice notice-success">Email to {stored.email} resumes.</p> : null}
      </div>

      <form className="card preferences-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          Emails go to <strong>{stored.email}</strong>.
        </p>

        <fieldset>
          <legend>Emails you receive</legend>
          {form.unsubscribedFromAll ? (
            <p className="small muted">You are unsubscribed from all of these; the choices below apply when you subscribe again.</p>
          ) : null}
          {kindOptionsFor(viewer.role).map((option) => (
            <CheckboxField
              key={option.kind}
              label={option.label}
              description={option.description}
              checked={Boolean(form.enabled[option.kind])}
              onChange={(checked) => update({ enabled: { ...form.enabled, [option.kind]: checked } })}
            />
          ))}
          {coach ? (
            <CheckboxField
              label="Reminders before my sessions"
              description="The reminders your clients get before a session, sent to you as well."
              checked={form.coachSessionReminders}
              onChange={(checked) => update({ coachSessionReminders: checked })}
            />
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Quiet hours</legend>
          <p className="small muted" id="quiet-hint">
            Emails due in this window wait until it ends. Times are in {zoneName}. Leave both empty for no quiet hours.
          </p>
          <div className="row preferences-times">
            <TextField
              id="quiet-start"
              type="time"
              step={60}
              aria-describedby="quiet-hint"
              label="Quiet hours start"
              value={form.quietHoursStart}
              error={errors.quietHoursStart ?? (apiField === 'quietHoursStart' ? 'Check this time.' : undefined)}
              onChange={(e) => update({ quietHoursStart: e.target.value })}
            />
            <TextField
              id="quiet-end"
              type="time"
              step={60}
              aria-describedby="quiet-hint"
              label="Quiet hours end"
              value={form.quietHoursEnd}
              error={errors.quietHoursEnd ?? (apiField === 'quietHoursEnd' ? 'Check this time.' : undefined)}
              onChange={(e) => update({ quietHoursEnd: e.target.value })}
            />
          </div>
          {form.quietHoursStart || form.quietHoursEnd ? (
            <button
              type="button"
              className="button-link"
              onClick={() => {
                update({ quietHoursStart: '', quietHoursEnd: '' });
                setErrors({});
              }}
            >
              Clear quiet hours
            </button>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Unsubscribe</legend>
          <CheckboxField
            label="Unsubscribe from all emails"
            description="Stops every email above. Sign-in links still arrive."
            checked={form.unsubscribedFromAll}
            onChange={(checked) => update({ unsubscribedFromAll: checked })}
          />
        </fieldset>

        <ErrorNotice error={result.error} />
        <div role="status" aria-live="polite">
          {saved ? <p className="notice notice-success">Your email preferences are saved.</p> : null}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Saving…' : 'Save preferences'}
          </button>
        </div>
      </form>
    </div>
  );
}
