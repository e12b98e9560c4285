import type { DataSource } from 'typeorm';
import { RawEntityColumns } from '#tandem/database';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import { ActionItemComment } from '../action-item/action-item-comment.entity.js';
import { ActionItem } from '../action-item/action-item.entity.js';
import { readPointJoin, unreadCommentSql } from '../action-item/unread-comments.js';
import { Message } from '../message/message.entity.js';
import { messageReadJoin, unreadMessageSql } from '../message/unread-messages.js';
import { cursorTimeText } from '../common/pagination.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import { Goal } from '../goal/goal.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import { rosterAfter, rosterOrder, rosterSortAt } from './client-roster-order.js';
import { setRosterSummary, type RosterInclude, type RosterSummary } from './client-roster.js';
import { actionItemCounts, currentEngagement, latestGoalCheckIn, nextSession, orderSql } from './client-summaries.sql.js';
import { Client } from './client.entity.js';
import type { ClientFilter, ClientOrder } from './client.inputs.js';

/**
 * The roster page as ONE statement: the page of clients (scope, filters, order, keyset), then
 * per client each summary `include` asks for, as a LATERAL join over the page's rows. The rules
 * of the summaries are client-summaries.sql.ts's, which the DataLoaders read too; every value
 * is a positional parameter ($1, $2…), so the text depends only on the request's shape and the
 * statement can be a named prepared one.
 *
 *   WITH page AS (<pageOfClients>)
 *   SELECT page.*, <each summary's columns> FROM page <each summary's LATERAL join>
 *   ORDER BY <the page's order>
 */

export interface RosterRequest {
  actor: Actor;
  filter: ClientFilter | undefined;
  first: number;
  after: string | undefined;
  include: RosterInclude;
  order: ClientOrder;
}

/** Every entity the statement reads, its columns under a prefix of its own. */
export interface RosterColumns {
  client: RawEntityColumns<Client>;
  engagement: RawEntityColumns<Engagement>;
  session: RawEntityColumns<CoachingSession>;
  checkIn: RawEntityColumns<GoalCheckIn>;
  goal: RawEntityColumns<Goal>;
}

/** The columns of every entity the statement can read (subsets come from RawEntityColumns.only). */
export function rosterColumns(dataSource: DataSource): RosterColumns {
  return {
    client: new RawEntityColumns(dataSource, Client, 'c__'),
    engagement: new RawEntityColumns(dataSource, Engagement, 'ce__'),
    session: new RawEntityColumns(dataSource, CoachingSession, 'ns__'),
    // What the latest-progress summary reads (progressSummary in client.resolver.ts).
    checkIn: new RawEntityColumns(dataSource, GoalCheckIn, 'gc__', ['id', 'goalId', 'value', 'recordedAt']),
    goal: new RawEntityColumns(dataSource, Goal, 'g__', ['id', 'title', 'metricBaseline', 'metricTarget']),
  };
}

/** The statement's values; `add` returns the placeholder of the value it adds. */
class Parameters {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => `$${this.values.push(value)}`;
}

/** What every piece of the statement renders from. */
interface Pieces extends RosterRequest {
  scope: Scope;
  columns: RosterColumns;
  param: (value: unknown) => string;
  /** Scope's condition on a row `alias` of `entity` belonging to the page's client. */
  ofPageClient: (
    entity: typeof Engagement | typeof CoachingSession | typeof ActionItem | typeof GoalCheckIn | typeof ActionItemComment | typeof Message,
    alias: string,
  ) => string;
}

export function rosterStatement(scope: Scope, all: RosterColumns, request: RosterRequest): { sql: string; params: unknown[] } {
  const parameters = new Parameters();
  const columns = selectedColumns(all, request.include);
  const pieces: Pieces = {
    ...request,
    scope,
    columns,
    param: parameters.add,
    ofPageClient: (entity, alias) => scope.rawCondition(request.actor, entity, alias, parameters.add, { ofClient: 'page.c__id' }),
  };
  const { sql: pageSql, sortAt } = pageOfClients(pieces);
  const selects = ['page.*'];
  const joins: string[] = [];
  for (const summary of SUMMARIES) {
    if (!summary.wanted(request.include)) continue;
    const { select, join } = summary.sql(pieces);
    selects.push(...select);
    joins.push(join);
  }
  const pageOrder = rosterOrder(request.order, sortAt && 'page.sort_at', 'page.c__')
    .map(([expression, direction, nulls]) => `${expression} ${direction}${nulls ? ` ${nulls}` : ''}`)
    .join(', ');
  const sql = `WITH page AS (${pageSql})
    SELECT ${selects.join(', ')} FROM page ${joins.join('\n')}
     ORDER BY ${pageOrder}`;
  return { sql, params: parameters.values };
}

/** The columns `include` asks of the client and its summaries, never whole rows (notes, long text) unless a selected field needs them. */
function selectedColumns(all: RosterColumns, include: RosterInclude): RosterColumns {
  return {
    client: include.properties.client ? all.client.only(include.properties.client) : all.client,
    engagement: all.engagement.only(include.properties.engagement),
    session: all.session.only(include.properties.session),
    checkIn: all.checkIn,
    goal: all.goal,
  };
}

/**
 * The page of clients: in the caller's scope, filtered, in `order` after the cursor, first + 1
 * rows (one more says whether a next page exists). The order's timestamp (RECENTLY_ADDED,
 * NEXT_SESSION) is selected as its exact cursor text (microseconds), as sort_at.
 */
function pageOfClients({ scope, actor, filter, first, after, order, columns, param }: Pieces): { sql: string; sortAt: string | null } {
  const conditions = [scope.rawCondition(actor, Client, 'c', param)];
  if (!filter?.includeArchived) conditions.push('c.archived_at IS NULL');
  if (filter?.status) conditions.push(`c.status = ${param(filter.status)}`);
  if (filter?.tag) conditions.push(`${param(filter.tag)} = ANY(c.tags)`);
  if (filter?.coachId) conditions.push(`c.coach_id = ${param(filter.coachId)}`);
  if (filter?.search) {
    const pattern = param(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(c.name ILIKE ${pattern} OR c.email ILIKE ${pattern})`);
  }
  const sortAt = rosterSortAt(order, () => scope.rawCondition(actor, CoachingSession, 's', param, { ofClient: 'c.id' }));
  if (after) conditions.push(rosterAfter(order, sortAt, after, param));
  const selects = [columns.client.select('c'), ...(sortAt ? [`${cursorTimeText(sortAt)} AS sort_at`] : [])];
  const orderBy = rosterOrder(order, sortAt)
    .map(([expression, direction, nulls]) => `${expression} ${direction}${nulls ? ` ${nulls}` : ''}`)
    .join(', ');
  const sql = `SELECT ${selects.join(', ')} FROM client c WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy} LIMIT ${param(first + 1)}`;
  return { sql, sortAt };
}

interface Summary {
  wanted: (include: RosterInclude) => boolean;
  sql: (pieces: Pieces) => { select: string[]; join: string };
}

/** Each summary's LATERAL join on a page row, in the order they are joined. */
const SUMMARIES: Summary[] = [
  {
    wanted: (include) => include.currentEngagement,
    sql: ({ columns, ofPageClient }) => ({
      select: ['ce.*'],
      join: `LEFT JOIN LATERAL (
        SELECT ${columns.engagement.select('e')} FROM engagement e
         WHERE ${ofPageClient(Engagement, 'e')}
         ORDER BY ${orderSql(currentEngagement.order('e'))}
         LIMIT 1) ce ON true`,
    }),
  },
  {
    wanted: (include) => include.nextSession,
    sql: ({ columns, ofPageClient }) => ({
      select: ['ns.*'],
      join: `LEFT JOIN LATERAL (
        SELECT ${columns.session.select('s')} FROM coaching_session s
         WHERE ${ofPageClient(CoachingSession, 's')} AND ${nextSession.where('s')}
         ORDER BY ${orderSql(nextSession.order('s'))}
         LIMIT 1) ns ON true`,
    }),
  },
  {
    wanted: (include) => include.openActionItemCount || include.overdueActionItemCount,
    sql: ({ ofPageClient }) => ({
      select: ['oi.open_items', 'oi.overdue_items'],
      join: `LEFT JOIN LATERAL (
        SELECT ${actionItemCounts.open} AS open_items, ${actionItemCounts.overdue('a', 'page.c__time_zone')} AS overdue_items FROM action_item a
         WHERE ${ofPageClient(ActionItem, 'a')} AND ${actionItemCounts.where('a')}) oi ON true`,
    }),
  },
  {
    // The latest check-in, then its goal as far as the caller may see it (as Loaders.byId(Goal)).
    wanted: (include) => include.latestGoalProgress,
    sql: ({ scope, actor, columns, param, ofPageClient }) => ({
      select: ['lg.*'],
      join: `LEFT JOIN LATERAL (
        SELECT ${columns.checkIn.select('gc')}, ${columns.goal.select('g')} FROM goal_check_in gc
          LEFT JOIN goal g ON g.id = gc.goal_id AND ${scope.rawCondition(actor, Goal, 'g', param)}
         WHERE ${ofPageClient(GoalCheckIn, 'gc')}
         ORDER BY ${orderSql(latestGoalCheckIn.order('gc'))}
         LIMIT 1) lg ON true`,
    }),
  },
  {
    // Comments by the other side the viewer has not read (unread-comments.ts).
    wanted: (include) => include.unreadCommentCount,
    sql: ({ actor, param, ofPageClient }) => {
      const viewer = param(actor.userId);
      return {
        select: ['uc.unread_comments'],
        join: `LEFT JOIN LATERAL (
        SELECT count(*)::int AS unread_comments FROM action_item_comment cm
          LEFT JOIN ${readPointJoin('cm', 'rd', viewer)}
         WHERE ${ofPageClient(ActionItemComment, 'cm')} AND ${unreadCommentSql(actor, { comment: 'cm', readAt: 'rd.read_at', clientUserId: 'page.c__user_id', viewer })}) uc ON true`,
      };
    },
  },
  {
    // Messages by the other side the viewer has not read (unread-messages.ts).
    wanted: (include) => include.unreadMessageCount,
    sql: ({ actor, param, ofPageClient }) => {
      const viewer = param(actor.userId);
      return {
        select: ['um.unread_messages'],
        join: `LEFT JOIN LATERAL (
        SELECT count(*)::int AS unread_messages FROM message m
          LEFT JOIN ${messageReadJoin('m', 'mr', viewer)}
         WHERE ${ofPageClient(Message, 'm')} AND ${unreadMessageSql(actor, { message: 'm', readAt: 'mr.read_at', clientUserId: 'page.c__user_id', viewer })}) um ON true`,
      };
    },
  },
];

/**
 * The page's clients from the statement's rows, each with its summaries kept beside it
 * (rosterSummaryOf) for the field resolvers, and the sort_at text each cursor carries.
 */
export function rosterClients(
  all: RosterColumns,
  include: RosterInclude,
  rows: ReadonlyArray<Record<string, unknown>>,
): Array<{ client: Client; sortAt: string | null }> {
  const columns = selectedColumns(all, include);
  return rows.map((row) => {
    const client = columns.client.hydrate(row)!;
    const summary: RosterSummary = {};
    if (include.currentEngagement) summary.currentEngagement = columns.engagement.hydrate(row);
    if (include.nextSession) summary.nextSession = columns.session.hydrate(row);
    if (include.openActionItemCount) summary.openActionItemCount = Number(row.open_items ?? 0);
    if (include.overdueActionItemCount) summary.overdueActionItemCount = Number(row.overdue_items ?? 0);
    if (include.unreadCommentCount) summary.unreadCommentCount = Number(row.unread_comments ?? 0);
    if (include.unreadMessageCount) summary.unreadMessageCount = Number(row.unread_messages ?? 0);
    if (include.latestGoalProgress) {
      const checkIn = columns.checkIn.hydrate(row);
      summary.latestGoalCheckIn = checkIn ? { checkIn, goal: columns.goal.hydrate(row) } : null;
    }
    setRosterSummary(client, summary);
    return { client, sortAt: (row.sort_at as string | null | undefined) ?? null };
  });
}
