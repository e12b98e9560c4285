import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { introspection } from '../../graphql/graphql-env.d.ts';
import { errorField, errorMessage } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';

export type GoalHorizon = introspection['types']['GoalHorizon']['enumValues'];
export type GoalCategory = introspection['types']['GoalCategory']['enumValues'];

/** Shortest first: the order goals are grouped in. */
export const HORIZONS: { value: GoalHorizon; label: string; heading: string }[] = [
  { value: 'ONE_YEAR', label: '1 year', heading: '1-year goals' },
  { value: 'THREE_YEARS', label: '3 years', heading: '3-year goals' },
  { value: 'FIVE_YEARS', label: '5 years', heading: '5-year goals' },
  { value: 'TEN_YEARS', label: '10 years', heading: '10-year goals' },
];

const CATEGORY_NAMES: Record<GoalCategory, string> = {
  CAREER: 'Career',
  FINANCIAL: 'Financial',
  LEARNING: 'Learning',
  LIFE: 'Life',
  NETWORK: 'Network',
};

export const CATEGORIES = (['CAREER', 'FINANCIAL', 'LEARNING', 'NETWORK', 'LIFE'] as const).map((value) => ({
  value,
  label: CATEGORY_NAMES[value],
}));

export function categoryName(category: string): string {
  return CATEGORY_NAMES[category as GoalCategory] ?? category;
}

export interface GoalFormValues {
  title: string;
  category: GoalCategory;
  horizon: GoalHorizon;
  metricName: string;
  unit: string;
  baseline: string;
  target: string;
  /** YYYY-MM-DD or empty. */
  targetDate: string;
}

export type GoalFormErrors = Partial<Record<keyof GoalFormValues, string>>;

export interface GoalFields {
  title: string;
  category: GoalCategory;
  horizon: GoalHorizon;
  targetDate: string | null;
  metric: { name: string; unit: string; baseline: number; target: number };
}

export const blankGoal: GoalFormValues = {
  title: '',
  category: 'CAREER',
  horizon: 'ONE_YEAR',
  metricName: '',
  unit: '',
  baseline: '',
  target: '',
  targetDate: '',
};

export function goalFormValues(goal: {
  title: string;
  category: GoalCategory;
  horizon: GoalHorizon;
  targetDate?: string | null;
  metric: GoalFields['metric'];
}): GoalFormValues {
  return {
    title: goal.title,
    category: goal.category,
    horizon: goal.horizon,
    metricName: goal.metric.name,
    unit: goal.metric.unit,
    baseline: String(goal.metric.baseline),
    target: String(goal.metric.target),
    targetDate: goal.targetDate ?? '',
  };
}

/** A number typed by a person; '' and anything else not a finite number is null. */
export function parseNumber(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** The checked goal, or what to fix: the same rules the API applies, said beside each field. */
export function validateGoal(
  values: GoalFormValues,
): { fields: GoalFields; errors?: undefined } | { fields?: undefined; errors: GoalFormErrors } {
  const errors: GoalFormErrors = {};
  const title = values.title.trim();
  const metricName = values.metricName.trim();
  const unit = values.unit.trim();
  if (!title) errors.title = 'Give the goal a title.';
  if (!metricName) errors.metricName = 'Name what you will measure, e.g. Base salary.';
  if (!unit) errors.unit = 'Give a unit, e.g. GBP, k€, contacts.';
  const baseline = parseNumber(values.baseline);
  const target = parseNumber(values.target);
  if (baseline === null) errors.baseline = 'Enter the starting value as a number.';
  if (target === null) errors.target = 'Enter the target as a number.';
  else if (baseline !== null && target === baseline) errors.target = 'The target must differ from the baseline.';
  if (values.targetDate && !/^\d{4}-\d{2}-\d{2}$/.test(values.targetDate)) errors.targetDate = 'Enter a date.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    fields: {
      title,
      category: values.category,
      horizon: values.horizon,
      targetDate: values.targetDate || null,
      metric: { name: metricName, unit, baseline: baseline!, target: target! },
    },
  };
}

/** The form field an API error names (extensions.field), e.g. "metric.target" → target. */
const API_FIELDS: Record<string, keyof GoalFormValues> = {
  title: 'title',
  category: 'category',
  horizon: 'horizon',
  targetDate: 'targetDate',
  metric: 'metricName',
  'metric.name': 'metricName',
  'metric.unit': 'unit',
  'metric.baseline': 'baseline',
  'metric.target': 'target',
};

export function apiFieldErrors(error: CombinedError | undefined): GoalFormErrors {
  const field = errorField(error);
  const key = field ? API_FIELDS[field] : undefined;
  return key ? { [key]: errorMessage(error) } : {};
}

/** Add or edit a goal: title, category, horizon, the metric (baseline → target) and a target date. */
export function GoalForm({
  heading,
  headingLevel = 3,
  initial,
  submitLabel,
  busy,
  error,
  extraFields,
  onSubmit,
  onCancel,
}: {
  heading: string;
  headingLevel?: 2 | 3;
  initial: GoalFormValues;
  submitLabel: string;
  busy: boolean;
  error?: CombinedError;
  extraFields?: ReactNode;
  /** May save asynchronously; the form does not wait (the caller shows `busy` and `error`). */
  onSubmit: (fields: GoalFields) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));
  const [errors, setErrors] = useState<GoalFormErrors>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  useEffect(() => headingRef.current?.focus(), []);
  const shownErrors = { ...apiFieldErrors(error), ...errors };
  const set = (key: keyof GoalFormValues) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [key]: event.target.value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateGoal(values);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    void onSubmit(checked.fields);
  }

  return (
    <form className="goal-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      {extraFields}
      <TextField label="Title" value={values.title} onChange={set('title')} error={shownErrors.title} required maxLength={200} />
      <div className="goal-form-grid">
        <SelectField label="Category" value={values.category} onChange={set('category')} error={shownErrors.category}>
          {CATEGORIES.map((category) => (
            <option key={category.value} value={category.value}>
              {category.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Horizon" value={values.horizon} onChange={set('horizon')} error={shownErrors.horizon}>
          {HORIZONS.map((horizon) => (
            <option key={horizon.value} value={horizon.value}>
              {horizon.label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset>
        <legend>How progress is measured</legend>
        <div className="goal-form-grid">
          <TextField
            label="Metric"
            hint="e.g. Base salary"
            value={values.metricName}
            onChange={set('metricName')}
            error={shownErrors.metricName}
            required
            maxLength={200}
          />
          <TextField
            label="Unit"
            hint="e.g. GBP, k€, contacts"
            value={values.unit}
            onChange={set('unit')}
            error={shownErrors.unit}
            required
            maxLength={50}
          />
          <TextField
            label="Baseline"
            hint="Where it starts"
            type="number"
            step="any"
            inputMode="decimal"
            value={values.baseline}
            onChange={set('baseline')}
            error={shownErrors.baseline}
            required
          />
          <TextField
            label="Target"
            hint="Lower than the baseline for a goal that decreases"
            type="number"
            step="any"
            inputMode="decimal"
            value={values.target}
            onChange={set('target')}
            error={shownErrors.target}
            required
          />
        </div>
      </fieldset>
      <TextField
        label="Target date"
        hint="Optional"
        type="date"
        value={values.targetDate}
        onChange={set('targetDate')}
        error={shownErrors.targetDate}
      />
      <ErrorNotice error={error && Object.keys(apiFieldErrors(error)).length === 0 ? error : undefined} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
