import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/graphql';
import { errorField } from '../../ui/errors';
import { TextAreaField } from '../../ui/fields';
import { ErrorNotice } from '../../ui/status';
import { useUnsavedChanges } from '../../ui/use-unsaved-changes';
import { changedSections, PLAN_SECTIONS, type PlanContent } from './career-plan-sections';

const SaveRevisionMutation = graphql(`
  mutation SaveCareerPlanRevision($engagementId: ID!, $input: CareerPlanRevisionInput!) {
    saveCareerPlanRevision(engagementId: $engagementId, input: $input) {
      id
      number
      createdAt
    }
  }
`);

/**
 * A textarea per section, prefilled with the saved plan. Saving writes a new revision with the
 * sections that changed (the API carries the rest over); earlier revisions stay as they were.
 */
export function CareerPlanEditor({
  engagementId,
  saved,
  onSaved,
  onCancel,
}: {
  engagementId: string;
  saved: PlanContent;
  onSaved: (revisionNumber: number) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<PlanContent>(saved);
  const [notice, setNotice] = useState<string | null>(null);
  const [state, save] = useMutation(SaveRevisionMutation);
  const leaveWithoutAsking = useUnsavedChanges(Object.keys(changedSections(saved, draft)).length > 0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const invalidField = errorField(state.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = changedSections(saved, draft);
    if (Object.keys(input).length === 0) {
      setNotice('Nothing has changed since the last revision.');
      return;
    }
    setNotice(null);
    const result = await save({ engagementId, input });
    if (!result.error && result.data) {
      leaveWithoutAsking();
      onSaved(result.data.saveCareerPlanRevision.number);
    }
  }

  return (
    <form className="plan-editor" onSubmit={(event) => void submit(event)} aria-labelledby="plan-editor-heading" noValidate>
      <h2 id="plan-editor-heading" ref={heading} tabIndex={-1}>
        Edit career plan
      </h2>
      <p className="muted small">Saving adds a new revision; earlier revisions are kept for comparison.</p>
      {PLAN_SECTIONS.map((section) => (
        <TextAreaField
          key={section.key}
          label={section.heading}
          hint={section.hint}
          rows={5}
          value={draft[section.key]}
          error={invalidField === section.key ? 'This section is too long.' : undefined}
          onChange={(event) => setDraft((current) => ({ ...current, [section.key]: event.target.value }))}
        />
      ))}
      <div aria-live="polite">{notice ? <p className="notice">{notice}</p> : null}</div>
      <ErrorNotice error={state.error} />
      <div className="form-actions">
        <button type="submit" disabled={state.fetching}>
          {state.fetching ? 'Saving…' : 'Save revision'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
