import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { errorField, errorMessage } from '../ui/errors';
import { TextAreaField, TextField } from '../ui/fields';
import { ErrorNotice } from '../ui/status';
import { useUnsavedChanges } from '../ui/use-unsaved-changes';
import { contactFormErrors, type ContactFormValues, HOW_MET_MAX, NAME_MAX, NOTES_MAX } from './contact-fields';

/** Add or edit a contact; the dates are the client's own days. */
export function ContactForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ContactFormValues;
  submitLabel: string;
  busy: boolean;
  error?: CombinedError | undefined;
  onSubmit: (values: ContactFormValues) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [shown, setShown] = useState<Partial<Record<keyof ContactFormValues, string>>>({});
  const nameId = useId();
  useEffect(() => document.getElementById(nameId)?.focus(), [nameId]);
  const dirty = (Object.keys(values) as Array<keyof ContactFormValues>).some((key) => values[key] !== initial[key]);
  useUnsavedChanges(dirty && !busy);
  const serverField = errorField(error);
  const fieldError = (field: keyof ContactFormValues) => shown[field] ?? (serverField === field ? errorMessage(error) : undefined);
  const set = (field: keyof ContactFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = contactFormErrors(values);
    setShown(errors);
    if (Object.keys(errors).length) return;
    onSubmit(values);
  }

  return (
    <form className="contact-form" onSubmit={submit} noValidate>
      <TextField
        id={nameId}
        label="Name"
        value={values.name}
        onChange={set('name')}
        maxLength={NAME_MAX}
        required
        error={fieldError('name')}
      />
      <TextField
        label="Organisation (optional)"
        value={values.organisation}
        onChange={set('organisation')}
        maxLength={NAME_MAX}
        error={fieldError('organisation')}
      />
      <TextField
        label="How you met (optional)"
        value={values.howMet}
        onChange={set('howMet')}
        maxLength={HOW_MET_MAX}
        error={fieldError('howMet')}
      />
      <div className="contact-form-dates">
        <TextField
          label="Last contact"
          type="date"
          value={values.lastContactDate}
          onChange={set('lastContactDate')}
          error={fieldError('lastContactDate')}
        />
        <TextField
          label="Next follow-up"
          type="date"
          value={values.nextFollowUpDate}
          onChange={set('nextFollowUpDate')}
          hint="Due follow-ups come in the morning reminder email."
          error={fieldError('nextFollowUpDate')}
        />
      </div>
      <TextAreaField
        label="Notes (optional)"
        value={values.notes}
        onChange={set('notes')}
        maxLength={NOTES_MAX}
        rows={3}
        error={fieldError('notes')}
      />
      {error && !serverField ? <ErrorNotice>{errorMessage(error)}</ErrorNotice> : null}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
