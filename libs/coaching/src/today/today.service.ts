import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '#tandem/clock';
import { BadUserInputError, DomainError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { setOverdueRead } from '../action-item/overdue.js';
import type { ActionItem } from '../action-item/action-item.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { toConnection, type ConnectionShape } from '../common/pagination.js';
import { User } from '../user/user.entity.js';
import type { ClientActivityModel, ClientAttentionModel, TodaySession, TodaySessionRange, TodayView } from './today.model.js';
import {
  activityStatement,
  activityUnreadStatement,
  attentionReasonsOf,
  attentionStatement,
  markSeenStatement,
  openItemsStatement,
  sessionsStatement,
  todayColumns,
  type AttentionReasonKind,
  type ClientActivityKind,
  type TodayColumns,
} from './today-statements.js';

type Row = Record<string, unknown>;

const cursorOf =
  (arity: number) =>
  (row: Row): string[] =>
    Array.from({ length: arity }, (_, index) => String(row[`cursor_${index}`]));

/**
 * A coach's "Today": each section one statement over the coach's own clients (today-statements.ts),
 * so the page costs the same handful of statements for 10 clients or 200. Owners see their own
 * clients here, as a coach does; the roster is where they see the practice.
 */
@Injectable()
export class TodayService {
  private columns?: TodayColumns;

  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private get all(): TodayColumns {
    return (this.columns ??= todayColumns(this.db.manager.connection));
  }

  /** The coach's day and week in their zone (a day is 23 or 25 hours across a DST change). */
  async view(actor: Actor): Promise<TodayView> {
    const coach = await this.scope.get(actor, User, actor.userId, 'User');
    const now = this.clock.now();
    const zone = DateTime.fromJSDate(now, { zone: coach.timeZone }).isValid ? coach.timeZone : 'UTC';
    const local = DateTime.fromJSDate(now, { zone });
    const dayStart = local.startOf('day');
    const weekStart = local.startOf('week');
    const nextWeek = weekStart.plus({ weeks: 1 });
    return {
      actor,
      now,
      timeZone: zone,
      date: dayStart.toISODate()!,
      weekEndsOn: nextWeek.minus({ days: 1 }).toISODate()!,
      dayStart: dayStart.toJSDate(),
      dayEnd: dayStart.plus({ days: 1 }).toJSDate(),
      weekEnd: nextWeek.toJSDate(),
    };
  }

  async sessions(
    view: TodayView,
    args: { when: TodaySessionRange; first: number; after?: string },
    withItems: boolean,
  ): Promise<ConnectionShape<TodaySession>> {
    const [from, to] = args.when === 'TODAY' ? [view.dayStart, view.dayEnd] : [view.dayEnd, view.weekEnd];
    const { sql, params } = sessionsStatement(this.scope, this.all, {
      actor: view.actor,
      now: view.now,
      from,
      to,
      first: args.first,
      after: args.after,
    });
    const rows = await this.db.preparedQuery(sql, params);
    const sessions: TodaySession[] = rows.map((row) => ({
      session: this.all.session.hydrate(row)!,
      client: this.all.client.hydrate(row)!,
      previousSummary: row.prev_id
        ? {
            sessionId: row.prev_id as string,
            startsAt: row.prev_starts_at as Date,
            summary: (row.prev_summary as string | null) ?? '',
            publishedAt: row.prev_published_at as Date,
          }
        : null,
      openActionItemCount: Number(row.open_items ?? 0),
      openActionItems: [],
    }));
    const shown = sessions.slice(0, args.first);
    if (withItems && shown.some((entry) => entry.openActionItemCount > 0)) {
      const items = await this.openItems(view, [...new Set(shown.map((entry) => entry.client.id))]);
      for (const entry of shown) entry.openActionItems = items.get(entry.client.id) ?? [];
    }
    const cursor = cursorOf(2);
    return toConnection(sessions, args.first, (_entry, index) => cursor(rows[index]));
  }

  private async openItems(view: TodayView, clientIds: string[]): Promise<Map<string, ActionItem[]>> {
    const { sql, params } = openItemsStatement(this.scope, this.all, { actor: view.actor, now: view.now, clientIds });
    const byClient = new Map<string, ActionItem[]>();
    for (const row of await this.db.preparedQuery(sql, params)) {
      const item = this.all.actionItem.hydrate(row)!;
      setOverdueRead(item, row.overdue === true);
      const list = byClient.get(item.clientId);
      if (list) list.push(item);
      else byClient.set(item.clientId, [item]);
    }
    return byClient;
  }

  async needsAttention(view: TodayView, args: { first: number; after?: string }): Promise<ConnectionShape<ClientAttentionModel>> {
    const { sql, params } = attentionStatement(this.scope, this.all, { actor: view.actor, now: view.now, ...args });
    const rows = await this.db.preparedQuery(sql, params);
    const entries = rows.map((row) => ({
      client: this.all.client.hydrate(row)!,
      reasons: attentionReasonsOf(row).map((reason) => ({ ...reason, description: describeReason(reason.kind, reason.count) })),
    }));
    const cursor = cursorOf(2);
    return toConnection(entries, args.first, (_entry, index) => cursor(rows[index]));
  }

  async activity(view: TodayView, args: { first: number; after?: string }): Promise<ConnectionShape<ClientActivityModel>> {
    const { sql, params } = activityStatement(this.scope, this.all, { actor: view.actor, now: view.now, ...args });
    const rows = await this.db.preparedQuery(sql, params);
    const events: ClientActivityModel[] = rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as ClientActivityKind,
      at: row.at as Date,
      unread: row.unread === true,
      client: this.all.client.hydrate(row)!,
      subject: row.subject as string,
      detail: (row.detail as string | null) ?? null,
      actionItemId: (row.action_item_id as string | null) ?? null,
      goalId: (row.goal_id as string | null) ?? null,
      value: row.value === null || row.value === undefined ? null : Number(row.value),
    }));
    const cursor = cursorOf(3);
    return toConnection(events, args.first, (_event, index) => cursor(rows[index]));
  }

  /** The caller's "activity seen up to" point (null: never marked) and how many events are after it; one statement for both fields. */
  readPoint(view: TodayView): Promise<{ seenUpTo: Date | null; unread: number }> {
    return (view.readPoint ??= (async () => {
      const { sql, params } = activityUnreadStatement(this.scope, { actor: view.actor, now: view.now });
      const [row] = await this.db.preparedQuery(sql, params);
      return { seenUpTo: row?.seen_up_to ? new Date(row.seen_up_to as string) : null, unread: Number(row?.unread ?? 0) };
    })());
  }

  /** Moves the caller's read point up to the activity `through` (an edge's cursor); never back. */
  async markSeen(actor: Actor, through: string): Promise<TodayView> {
    let statement: { sql: string; params: unknown[] };
    try {
      statement = markSeenStatement(actor, through);
    } catch (error) {
      if (error instanceof DomainError) throw new BadUserInputError('through is not a cursor from the activity list', 'through');
      throw error;
    }
    await this.db.manager.query(statement.sql, statement.params);
    await this.audit.record(actor, actor.practiceId, 'activity.seen', 'User', actor.userId);
    return this.view(actor);
  }
}

function describeReason(kind: AttentionReasonKind, count: number): string {
  const plural = (one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
  switch (kind) {
    case 'OVERDUE_ACTION_ITEMS':
      return plural('overdue action item', 'overdue action items');
    case 'NO_NEXT_SESSION':
      return 'Active engagement with no next session';
    case 'UNREAD_COMMENTS':
      return plural('unread comment', 'unread comments');
    case 'UNANSWERED_MESSAGES':
      return plural('message waiting for your answer', 'messages waiting for your answer');
    case 'CHECK_IN_HELP':
      return 'Said “stuck” or “need help” at the mid-cycle check-in';
  }
}
