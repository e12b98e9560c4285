import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql, readFragment } from '../../graphql/graphql';
import { formatDate } from '../../time/format';
import { SelectField } from '../../ui/fields';
import { ErrorNotice, Loading } from '../../ui/status';
import { describeChange, DiffColumn, diffLines, diffStats, type DiffLine } from './career-plan-diff';
import { CareerPlanRevisionFields, PLAN_SECTIONS, planContent, type PlanContent, type PlanSectionKey } from './career-plan-sections';

const CompareQuery = graphql(
  `
    query CareerPlanCompare($engagementId: ID!, $from: Int!, $to: Int!) {
      engagement(id: $engagementId) {
        id
        careerPlan {
          id
          from: revision(number: $from) {
            ...CareerPlanRevisionFields
          }
          to: revision(number: $to) {
            ...CareerPlanRevisionFields
          }
        }
      }
    }
  `,
  [CareerPlanRevisionFields],
);

export interface RevisionSummary {
  number: number;
  createdAt: string;
  author?: { name: string } | null;
}

/** The revision before the newest against the newest; null when there is nothing to compare. */
export function defaultComparePicks(numbers: number[]): { from: number; to: number } | null {
  const sorted = [...new Set(numbers)].sort((a, b) => b - a);
  if (sorted.length < 2) return null;
  return { from: sorted[1], to: sorted[0] };
}

export interface SectionComparison {
  key: PlanSectionKey;
  heading: string;
  changed: boolean;
  lines: DiffLine[];
  description: string;
}

export function compareSections(from: PlanContent, to: PlanContent): SectionComparison[] {
  return PLAN_SECTIONS.map((section) => {
    const lines = diffLines(from[section.key], to[section.key]);
    const stats = diffStats(lines);
    return {
      key: section.key,
      heading: section.heading,
      changed: from[section.key] !== to[section.key],
      lines,
      description: describeChange(stats),
    };
  });
}

export function revisionLabel(revision: RevisionSummary, zone: string): string {
  const author = revision.author?.name ? ` · ${revision.author.name}` : '';
  return `Revision ${revision.number}${author} · ${formatDate(revision.createdAt, zone)}`;
}

/** Two revisions picked from the history, compared section by section and line by line. */
export function CareerPlanCompare({ engagementId, revisions, zone }: { engagementId: string; revisions: RevisionSummary[]; zone: string }) {
  const defaults = defaultComparePicks(revisions.map((revision) => revision.number));
  const [from, setFrom] = useState(defaults?.from ?? 0);
  const [to, setTo] = useState(defaults?.to ?? 0);
  const samePick = from === to;
  const [result] = useQuery({ query: CompareQuery, variables: { engagementId, from, to }, pause: !defaults || samePick });

  if (!defaults) return <p className="muted">Once the plan has two revisions, you can compare them here.</p>;

  const plan = result.data?.engagement.careerPlan;
  const before = plan?.from ? readFragment(CareerPlanRevisionFields, plan.from) : null;
  const after = plan?.to ? readFragment(CareerPlanRevisionFields, plan.to) : null;
  const comparison = before && after ? compareSections(planContent(before), planContent(after)) : null;
  const changedCount = comparison?.filter((section) => section.changed).length ?? 0;

  return (
    <div className="plan-compare">
      <div className="plan-compare-picks">
        <SelectField label="From revision" value={String(from)} onChange={(event) => setFrom(Number(event.target.value))}>
          {revisions.map((revision) => (
            <option key={revision.number} value={revision.number}>
              {revisionLabel(revision, zone)}
            </option>
          ))}
        </SelectField>
        <SelectField label="To revision" value={String(to)} onChange={(event) => setTo(Number(event.target.value))}>
          {revisions.map((revision) => (
            <option key={revision.number} value={revision.number}>
              {revisionLabel(revision, zone)}
            </option>
          ))}
        </SelectField>
      </div>
      <div aria-live="polite" className="plan-compare-status">
        {samePick ? <p className="notice">Pick two different revisions to compare.</p> : null}
        {!samePick && comparison ? (
          <p>
            <strong>
              Revision {from} → revision {to}:
            </strong>{' '}
            {changedCount === 0 ? 'no section changed.' : `${changedCount} of ${comparison.length} sections changed.`}
          </p>
        ) : null}
      </div>
      {samePick ? null : result.error ? (
        <ErrorNotice error={result.error} />
      ) : !comparison ? (
        result.data ? (
          <ErrorNotice>One of these revisions was not found.</ErrorNotice>
        ) : (
          <Loading label="Loading the revisions…" />
        )
      ) : (
        comparison.map((section) => (
          <section
            key={section.key}
            className={`plan-compare-section${section.changed ? ' plan-compare-changed' : ''}`}
            aria-labelledby={`compare-${section.key}`}
          >
            <div className="row">
              <h3 id={`compare-${section.key}`}>{section.heading}</h3>
              {section.changed ? (
                <span className="badge badge-warning">Changed</span>
              ) : (
                <span className="badge badge-muted">Unchanged</span>
              )}
              {section.changed ? <span className="small muted">{section.description}</span> : null}
            </div>
            <div className="plan-compare-columns">
              <DiffColumn lines={section.lines} side="before" label={`Revision ${from}`} />
              <DiffColumn lines={section.lines} side="after" label={`Revision ${to}`} />
            </div>
          </section>
        ))
      )}
    </div>
  );
}
