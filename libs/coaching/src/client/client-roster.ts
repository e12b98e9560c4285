import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Engagement } from '../engagement/engagement.entity.js';
import type { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import type { Goal } from '../goal/goal.entity.js';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import type { Client } from './client.entity.js';

/**
 * The roster page (`clients`) reads the per-client summaries it is asked for in
 * the same SQL statement as the page itself (LATERAL joins), instead of one
 * DataLoader statement per field. What was read is kept beside each Client
 * object; the field resolvers answer from it without a promise, and fall back
 * to their DataLoaders for clients loaded any other way.
 */
export interface RosterInclude {
  currentEngagement: boolean;
  nextSession: boolean;
  openActionItemCount: boolean;
  overdueActionItemCount: boolean;
  latestGoalProgress: boolean;
}

export const NO_ROSTER_SUMMARIES: RosterInclude = { currentEngagement: false, nextSession: false, openActionItemCount: false, overdueActionItemCount: false, latestGoalProgress: false };

/** A summary present here (null included) is the answer; an absent one was not read. */
export interface RosterSummary {
  currentEngagement?: Engagement | null;
  nextSession?: CoachingSession | null;
  openActionItemCount?: number;
  overdueActionItemCount?: number;
  /** The client's most recent check-in and its goal (null when out of reach, as the loaders answer). */
  latestGoalCheckIn?: { checkIn: GoalCheckIn; goal: Goal | null } | null;
}

const summaries = new WeakMap<Client, RosterSummary>();

export function setRosterSummary(client: Client, summary: RosterSummary): void {
  summaries.set(client, summary);
}

export function rosterSummaryOf(client: Client): RosterSummary | undefined {
  return summaries.get(client);
}

/**
 * Which summaries the request selects anywhere under the `clients` field
 * (fragments and inline fragments included). A name seen at any depth counts:
 * reading a summary nobody asked for costs a little SQL, never a wrong answer.
 */
export function rosterIncludeOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): RosterInclude {
  const names = new Set<string>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return {
    currentEngagement: names.has('currentEngagement'),
    nextSession: names.has('nextSession'),
    openActionItemCount: names.has('openActionItemCount'),
    overdueActionItemCount: names.has('overdueActionItemCount'),
    latestGoalProgress: names.has('latestGoalProgress'),
  };
}

/** The client's current engagement among all of theirs in start order: the first ACTIVE one, else the newest. */
export function currentEngagementOf(engagements: readonly Engagement[]): Engagement | null {
  return engagements.find((e) => e.status === 'ACTIVE') ?? engagements.at(-1) ?? null;
}
