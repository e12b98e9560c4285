import DataLoader from 'dataloader';
import { listBy, type LoaderContext } from '../access/loader-kit.js';
import { CareerPlanRevision } from './career-plan-revision.entity.js';
import { CareerPlan } from './career-plan.entity.js';

/** The request's career-plan DataLoaders (composed into Loaders). */
export function careerPlanLoaders(context: LoaderContext) {
  return {
    revisionsByPlan: listBy(context, CareerPlanRevision, 'career_plan_id', (r) => r.careerPlanId, 'r.number'),

    careerPlanByEngagement: new DataLoader<string, CareerPlan | null>(async (keys) => {
      const rows = await context.scope.query(context.actor(), CareerPlan, 'p').andWhere('p.engagement_id = ANY(:keys)', { keys }).getMany();
      const byKey = new Map(rows.map((p) => [p.engagementId, p]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
