import type { Goal } from './goal.entity.js';

/** How far a value has come from the goal's baseline to its target, 0–1 (it may regress, never below 0). */
export function goalProgress(goal: Pick<Goal, 'metricBaseline' | 'metricTarget'>, value: number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const span = goal.metricTarget - goal.metricBaseline;
  if (span === 0) return 1;
  return Math.min(1, Math.max(0, (value - goal.metricBaseline) / span));
}
