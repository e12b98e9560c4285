import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { connectionNodeFields, forEachSelectedField, nodeProperties } from '../common/node-selection.js';
import { ENGAGEMENT_COLUMN_FIELDS } from '../engagement/engagement.columns.js';
import type { Engagement } from '../engagement/engagement.entity.js';
import type { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import type { Goal } from '../goal/goal.entity.js';
import type { CoachingSession } from '../session/coaching-session.entity.js';
import { SESSION_COLUMN_FIELDS } from '../session/coaching-session.columns.js';
import { CLIENT_NODE_FIELDS, ROSTER_CLIENT_ALWAYS } from './client.columns.js';
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
  unreadCommentCount: boolean;
  unreadMessageCount: boolean;
  /**
   * The entity properties the statement reads (sorted; the primary key always): the page's
   * clients (null: every column, for a selected field CLIENT_NODE_FIELDS does not list), and the
   * current engagement and next session when read.
   */
  properties: { client: readonly string[] | null; engagement: readonly string[]; session: readonly string[] };
}

export const NO_ROSTER_SUMMARIES: RosterInclude = {
  currentEngagement: false,
  nextSession: false,
  openActionItemCount: false,
  overdueActionItemCount: false,
  latestGoalProgress: false,
  unreadCommentCount: false,
  unreadMessageCount: false,
  properties: { client: ['id', ...ROSTER_CLIENT_ALWAYS].sort(), engagement: ['id'], session: ['id'] },
};

/** A summary present here (null included) is the answer; an absent one was not read. Entities hold only the properties in RosterInclude.properties. */
export interface RosterSummary {
  currentEngagement?: Engagement | null;
  nextSession?: CoachingSession | null;
  openActionItemCount?: number;
  overdueActionItemCount?: number;
  /** Comments on the client's items the viewer has not read (unreadCommentSql). */
  unreadCommentCount?: number;
  /** Messages in the client's conversations the viewer has not read (unreadMessageSql). */
  unreadMessageCount?: number;
  /** The client's most recent check-in and its goal (null when out of reach, as the loaders answer); only the columns progressSummary reads. */
  latestGoalCheckIn?: { checkIn: GoalCheckIn; goal: Goal | null } | null;
}

/** Kept on the Client object under a symbol (a WeakMap entry per client cost ~1 % of a roster page's CPU); GraphQL and JSON never see it. */
const SUMMARY = Symbol('rosterSummary');

type WithSummary = Client & { [SUMMARY]?: RosterSummary };

export function setRosterSummary(client: Client, summary: RosterSummary): void {
  (client as WithSummary)[SUMMARY] = summary;
}

export function rosterSummaryOf(client: Client): RosterSummary | undefined {
  return (client as WithSummary)[SUMMARY];
}

/**
 * Which summaries the request selects anywhere under the `clients` field
 * (fragments and inline fragments included), and which columns they need (the field
 * maps beside the resolvers: client.columns.ts, engagement.columns.ts, coaching-session.columns.ts).
 * A summary named at any depth counts: reading one nobody asked for costs a little SQL, never a
 * wrong answer.
 */
export function rosterIncludeOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): RosterInclude {
  const names = new Set<string>();
  /** The names selected directly on each summary object (all its occurrences together). */
  const summaryFields = { currentEngagement: new Set<string>(), nextSession: new Set<string>() };
  // One visited set for the whole walk: a fragment's names count once, wherever it is spread.
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void =>
    forEachSelectedField(
      selectionSet,
      info.fragments,
      (name, fieldSelection) => {
        names.add(name);
        if (name === 'currentEngagement' || name === 'nextSession') {
          forEachSelectedField(fieldSelection, info.fragments, (field) => summaryFields[name].add(field));
        }
        visit(fieldSelection);
      },
      visited,
    );
  for (const node of info.fieldNodes) visit(node.selectionSet);
  const client = nodeProperties(connectionNodeFields(info), CLIENT_NODE_FIELDS, ROSTER_CLIENT_ALWAYS);
  // A summary is read with the page when every field selected on it is one of its own columns
  // (privateNotes too: the roster is for staff). One with a resolver of its own selected
  // (CoachingSession.engagement, Engagement.cadence…) is left to its DataLoader, with whole rows.
  const engagement = nodeProperties(summaryFields.currentEngagement, ENGAGEMENT_COLUMN_FIELDS, []);
  const session = nodeProperties(summaryFields.nextSession, SESSION_COLUMN_FIELDS, []);
  return {
    currentEngagement: names.has('currentEngagement') && engagement !== null,
    nextSession: names.has('nextSession') && session !== null,
    openActionItemCount: names.has('openActionItemCount'),
    overdueActionItemCount: names.has('overdueActionItemCount'),
    latestGoalProgress: names.has('latestGoalProgress'),
    unreadCommentCount: names.has('unreadCommentCount'),
    unreadMessageCount: names.has('unreadMessageCount'),
    properties: {
      client,
      engagement: engagement ?? ['id'],
      session: session ?? ['id'],
    },
  };
}
