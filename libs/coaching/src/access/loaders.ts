import DataLoader from 'dataloader';
import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UnauthenticatedError } from '#tandem/errors';
import { ActionItemComment } from '../action-item/action-item-comment.entity.js';
import { ActionItemCommentRead } from '../action-item/action-item-comment-read.entity.js';
import { unreadCommentSql } from '../action-item/unread-comments.js';
import { ActionItem } from '../action-item/action-item.entity.js';
import { CareerPlanRevision } from '../career-plan/career-plan-revision.entity.js';
import { CareerPlan } from '../career-plan/career-plan.entity.js';
import { actionItemCounts, currentEngagement, latestGoalCheckIn, nextSession, type OrderTerm } from '../client/client-summaries.sql.js';
import { Client } from '../client/client.entity.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import { Goal } from '../goal/goal.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import type { Actor } from './actor.js';
import { Scope } from './scope.js';

type Key = string;

export interface ActionItemCounts {
  open: number;
  overdue: number;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** `qb` with `terms` added to its ORDER BY. */
function ordered<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, terms: readonly OrderTerm[]): SelectQueryBuilder<T> {
  for (const [expression, direction] of terms) qb.addOrderBy(expression, direction);
  return qb;
}

/**
 * The per-request DataLoaders behind every nested GraphQL field: each batches
 * all keys asked for in one tick into one scoped SQL statement, so a page of
 * 100 clients costs the same handful of statements as a page of 10.
 */
export class Loaders {
  private readonly byIdLoaders = new Map<unknown, DataLoader<Key, unknown>>();

  constructor(
    private readonly scope: Scope,
    private readonly actorOf: () => Actor | undefined,
  ) {}

  private get actor(): Actor {
    const actor = this.actorOf();
    if (!actor) throw new UnauthenticatedError();
    return actor;
  }

  /** Loads records of `entity` by id; ids out of the caller's reach load as null. */
  byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<Key, T | null> {
    let loader = this.byIdLoaders.get(entity) as DataLoader<Key, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<Key, T | null>(async (ids) => {
        const rows = await this.scope.many(this.actor, entity, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byIdLoaders.set(entity, loader);
    }
    return loader;
  }

  private listBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, keyOf: (row: T) => string | null, orderBy: string) {
    return new DataLoader<Key, T[]>(async (keys) => {
      const rows = await this.scope
        .query(this.actor, entity, 'r')
        .andWhere(`r.${column} = ANY(:keys)`, { keys })
        .orderBy(orderBy)
        .getMany();
      const groups = groupBy(rows, keyOf);
      return keys.map((key) => groups.get(key) ?? []);
    });
  }

  readonly engagementsByClient = this.listBy(Engagement, 'client_id', (e) => e.clientId, 'r.start_date');
  readonly sessionsByEngagement = this.listBy(CoachingSession, 'engagement_id', (s) => s.engagementId, 'r.starts_at');
  readonly actionItemsBySession = this.listBy(ActionItem, 'session_id', (a) => a.sessionId, 'r.created_at');
  readonly commentsByActionItem = this.listBy(ActionItemComment, 'action_item_id', (c) => c.actionItemId, 'r.created_at');
  readonly goalsByEngagement = this.listBy(Goal, 'engagement_id', (g) => g.engagementId, 'r.created_at');
  readonly checkInsByGoal = this.listBy(GoalCheckIn, 'goal_id', (c) => c.goalId, 'r.recorded_at');
  readonly revisionsByPlan = this.listBy(CareerPlanRevision, 'career_plan_id', (r) => r.careerPlanId, 'r.number');

  readonly careerPlanByEngagement = new DataLoader<Key, CareerPlan | null>(async (keys) => {
    const rows = await this.scope.query(this.actor, CareerPlan, 'p').andWhere('p.engagement_id = ANY(:keys)', { keys }).getMany();
    const byKey = new Map(rows.map((p) => [p.engagementId, p]));
    return keys.map((key) => byKey.get(key) ?? null);
  });

  /** The next session (client-summaries.sql.ts), per client or per engagement. */
  readonly nextSessionByClient = this.nextSession('client_id', (s) => s.clientId);
  readonly nextSessionByEngagement = this.nextSession('engagement_id', (s) => s.engagementId);

  private nextSession(column: 'client_id' | 'engagement_id', keyOf: (s: CoachingSession) => string) {
    return new DataLoader<Key, CoachingSession | null>(async (keys) => {
      const qb = this.scope
        .query(this.actor, CoachingSession, 's')
        .distinctOn([`s.${column}`])
        .andWhere(`s.${column} = ANY(:keys)`, { keys })
        .andWhere(nextSession.where('s'))
        .orderBy(`s.${column}`);
      const rows = await ordered(qb, nextSession.order('s')).getMany();
      const byKey = new Map(rows.map((s) => [keyOf(s), s]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }

  /** Per client: the current engagement (client-summaries.sql.ts). */
  readonly currentEngagementByClient = new DataLoader<Key, Engagement | null>(async (keys) => {
    const qb = this.scope
      .query(this.actor, Engagement, 'e')
      .distinctOn(['e.client_id'])
      .andWhere('e.client_id = ANY(:keys)', { keys })
      .orderBy('e.client_id');
    const rows = await ordered(qb, currentEngagement.order('e')).getMany();
    const byKey = new Map(rows.map((e) => [e.clientId, e]));
    return keys.map((key) => byKey.get(key) ?? null);
  });

  /** Per client: OPEN action items, and those among them overdue (client-summaries.sql.ts). */
  readonly actionItemCountsByClient = new DataLoader<Key, ActionItemCounts>(async (keys) => {
    const rows = await this.scope
      .query(this.actor, ActionItem, 'a')
      .innerJoin(Client, 'owner', 'owner.id = a.client_id')
      .select('a.client_id', 'clientId')
      .addSelect(actionItemCounts.open, 'open')
      .addSelect(actionItemCounts.overdue('a', 'owner.time_zone'), 'overdue')
      .andWhere('a.client_id = ANY(:keys)', { keys })
      .andWhere(actionItemCounts.where('a'))
      .groupBy('a.client_id')
      .getRawMany<{ clientId: string; open: number; overdue: number }>();
    const byKey = new Map(rows.map((r) => [r.clientId, { open: r.open, overdue: r.overdue }]));
    return keys.map((key) => byKey.get(key) ?? { open: 0, overdue: 0 });
  });

  /** Per action item, and per client: comments unread by the viewer (unreadCommentSql). */
  readonly unreadCommentCountByActionItem = this.unreadCommentCount('action_item_id');
  readonly unreadCommentCountByClient = this.unreadCommentCount('client_id');

  private unreadCommentCount(column: 'action_item_id' | 'client_id') {
    return new DataLoader<Key, number>(async (keys) => {
      const actor = this.actor;
      const rows = await this.scope
        .query(actor, ActionItemComment, 'cm')
        // The comment is in reach, so its client is too.
        .innerJoin(Client, 'cl', 'cl.id = cm.client_id')
        .leftJoin(ActionItemCommentRead, 'rd', 'rd.action_item_id = cm.action_item_id AND rd.user_id = :unreadViewer', {
          unreadViewer: actor.userId,
        })
        .select(`cm.${column}`, 'key')
        .addSelect('count(*)::int', 'count')
        .andWhere(`cm.${column} = ANY(:keys)`, { keys })
        .andWhere(unreadCommentSql(actor, { comment: 'cm', readAt: 'rd.read_at', clientUserId: 'cl.user_id', viewer: ':unreadViewer' }))
        .groupBy(`cm.${column}`)
        .getRawMany<{ key: string; count: number }>();
      const byKey = new Map(rows.map((r) => [r.key, r.count]));
      return keys.map((key) => byKey.get(key) ?? 0);
    });
  }

  readonly latestCheckInByGoal = new DataLoader<Key, GoalCheckIn | null>(async (keys) => {
    const rows = await this.scope
      .query(this.actor, GoalCheckIn, 'c')
      .distinctOn(['c.goal_id'])
      .andWhere('c.goal_id = ANY(:keys)', { keys })
      .orderBy('c.goal_id')
      .addOrderBy('c.recorded_at', 'DESC')
      .getMany();
    const byKey = new Map(rows.map((c) => [c.goalId, c]));
    return keys.map((key) => byKey.get(key) ?? null);
  });

  /** Per client: the latest check-in (client-summaries.sql.ts), whose goal is the latest goal progress. */
  readonly latestGoalCheckInByClient = new DataLoader<Key, GoalCheckIn | null>(async (keys) => {
    const qb = this.scope
      .query(this.actor, GoalCheckIn, 'gc')
      .distinctOn(['gc.client_id'])
      .andWhere('gc.client_id = ANY(:keys)', { keys })
      .orderBy('gc.client_id');
    const rows = await ordered(qb, latestGoalCheckIn.order('gc')).getMany();
    const byKey = new Map(rows.map((c) => [c.clientId, c]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** The part of the GraphQL context field resolvers read (set in the context factory). */
export interface LoadersContext {
  loaders: Loaders;
}

/** Creates each request's Loaders; the actor is read lazily, after the auth guard has set it. */
@Injectable()
export class LoaderFactory {
  constructor(private readonly scope: Scope) {}

  create(actorOf: () => Actor | undefined): Loaders {
    return new Loaders(this.scope, actorOf);
  }
}
