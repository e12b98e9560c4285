import { graphql, type ResultOf } from '../../graphql/graphql';

/** The sections of a career plan, in the order a plan is read and written. */
export const PLAN_SECTIONS = [
  { key: 'strengthsInventory', heading: 'Strengths inventory', hint: 'Skills, achievements and what others rely on them for.' },
  { key: 'marketAnalysis', heading: 'Market analysis', hint: 'Where the demand is: sectors, employers, roles.' },
  { key: 'gapsAndThreats', heading: 'Gaps and threats', hint: 'What is missing or in the way.' },
  { key: 'directionAndOpportunities', heading: 'Direction and opportunities', hint: 'Where they are heading and the openings to pursue.' },
  { key: 'compensationPlan', heading: 'Compensation plan', hint: 'Pay, benefits and how to get there.' },
  { key: 'strategyAndTimetable', heading: 'Strategy and timetable', hint: 'Steps, owners and dates.' },
  { key: 'brandingAndNetworking', heading: 'Branding and networking', hint: 'Profile, story and people to meet.' },
] as const;

export type PlanSectionKey = (typeof PLAN_SECTIONS)[number]['key'];
export type PlanContent = Record<PlanSectionKey, string>;

export const CareerPlanRevisionFields = graphql(`
  fragment CareerPlanRevisionFields on CareerPlanRevision {
    id
    number
    createdAt
    author {
      id
      name
    }
    strengthsInventory
    marketAnalysis
    gapsAndThreats
    directionAndOpportunities
    compensationPlan
    strategyAndTimetable
    brandingAndNetworking
  }
`);

export type PlanRevision = ResultOf<typeof CareerPlanRevisionFields>;

export function emptyPlan(): PlanContent {
  return Object.fromEntries(PLAN_SECTIONS.map((section) => [section.key, ''])) as PlanContent;
}

export function planContent(revision: PlanContent | null | undefined): PlanContent {
  const content = emptyPlan();
  if (revision) for (const { key } of PLAN_SECTIONS) content[key] = revision[key] ?? '';
  return content;
}

/** Only the sections that differ from the saved plan: the API carries the others over. */
export function changedSections(saved: PlanContent, draft: PlanContent): Partial<PlanContent> {
  const changed: Partial<PlanContent> = {};
  for (const { key } of PLAN_SECTIONS) if (draft[key] !== saved[key]) changed[key] = draft[key];
  return changed;
}

/** The plan read top to bottom, one heading per section. */
export function PlanSections({ content, headingLevel = 3 }: { content: PlanContent; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="plan-sections">
      {PLAN_SECTIONS.map((section) => (
        <section key={section.key} className="plan-section">
          <Heading>{section.heading}</Heading>
          {content[section.key].trim() ? (
            <p className="plan-text">{content[section.key]}</p>
          ) : (
            <p className="muted small">Not written yet.</p>
          )}
        </section>
      ))}
    </div>
  );
}
