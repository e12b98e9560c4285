import DataLoader from 'dataloader';
import { listBy, ordered, type LoaderContext } from '../access/loader-kit.js';
import { latestGoalCheckIn } from '../client/client-summaries.sql.js';
import { GoalCheckIn } from './goal-check-in.entity.js';
import { Goal } from './goal.entity.js';

/** The request's goal DataLoaders (composed into Loaders). */
export function goalLoaders(context: LoaderContext) {
  return {
    goalsByEngagement: listBy(context, Goal, 'engagement_id', (g) => g.engagementId, 'r.created_at'),
    checkInsByGoal: listBy(context, GoalCheckIn, 'goal_id', (c) => c.goalId, 'r.recorded_at'),

    latestCheckInByGoal: new DataLoader<string, GoalCheckIn | null>(async (keys) => {
      const rows = await context.scope
        .query(context.actor(), GoalCheckIn, 'c')
        .distinctOn(['c.goal_id'])
        .andWhere('c.goal_id = ANY(:keys)', { keys })
        .orderBy('c.goal_id')
        .addOrderBy('c.recorded_at', 'DESC')
        .getMany();
      const byKey = new Map(rows.map((c) => [c.goalId, c]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),

    /** Per client: the latest check-in (client-summaries.sql.ts), whose goal is the latest goal progress. */
    latestGoalCheckInByClient: new DataLoader<string, GoalCheckIn | null>(async (keys) => {
      const qb = context.scope
        .query(context.actor(), GoalCheckIn, 'gc')
        .distinctOn(['gc.client_id'])
        .andWhere('gc.client_id = ANY(:keys)', { keys })
        .orderBy('gc.client_id');
      const rows = await ordered(qb, latestGoalCheckIn.order('gc')).getMany();
      const byKey = new Map(rows.map((c) => [c.clientId, c]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
