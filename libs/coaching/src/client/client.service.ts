import { Injectable } from '@nestjs/common';
import { Clock } from '#tandem/clock';
import { BadUserInputError, ConflictError } from '#tandem/errors';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { Scope } from '../access/scope.js';
import { AuditService } from '../audit/audit.service.js';
import { CoachingEvents } from '../access/coaching-events.js';
import { cursorTimeText, toConnection, type ConnectionShape } from '../common/pagination.js';
import { RawEntityColumns } from '../access/raw-rows.js';
import { ActionItem } from '../action-item/action-item.entity.js';
import { ActionItemComment } from '../action-item/action-item-comment.entity.js';
import { readPointJoin, unreadCommentSql } from '../action-item/unread-comments.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { GoalCheckIn } from '../goal/goal-check-in.entity.js';
import { Goal } from '../goal/goal.entity.js';
import { CoachingSession } from '../session/coaching-session.entity.js';
import { User } from '../user/user.entity.js';
import { NO_ROSTER_SUMMARIES, setRosterSummary, type RosterInclude, type RosterSummary } from './client-roster.js';
import { Client } from './client.entity.js';
import { EngagementService } from '../engagement/engagement.service.js';
import type { ClientFilter, ClientOrder, CreateClientInput, UpdateClientInput } from './client.inputs.js';
import { OVERDUE_SQL } from '../action-item/overdue.js';
import { applyRosterCursor, rosterCursor, rosterOrder, rosterSortAt } from './client-roster-order.js';

@Injectable()
export class ClientService {
  constructor(
    private readonly db: Db,
    private readonly scope: Scope,
    private readonly audit: AuditService,
    private readonly events: CoachingEvents,
    private readonly clock: Clock,
    private readonly engagements: EngagementService,
  ) {}

  /**
   * The roster, in `order`, paged by a keyset on that order (name order uses the
   * roster index): ONE SQL statement, which also reads the per-client summaries in
   * `include` (LATERAL joins on the page's clients, each scoped by Scope like the
   * DataLoaders that would otherwise read them). The summaries are kept beside
   * each Client (rosterSummaryOf) for the field resolvers. Only the columns the
   * selected fields need are read (RosterInclude.properties), and the statement is
   * a named prepared one. Cursors name their order, so a cursor from another order
   * is refused.
   */
  async list(
    actor: Actor,
    filter: ClientFilter | undefined,
    first: number,
    after?: string,
    include: RosterInclude = NO_ROSTER_SUMMARIES,
    order: ClientOrder = 'NAME',
  ): Promise<ConnectionShape<Client>> {
    const qb = this.scope.query(actor, Client, 'c');
    if (!filter?.includeArchived) qb.andWhere('c.archived_at IS NULL');
    if (filter?.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter?.tag) qb.andWhere(':tag = ANY(c.tags)', { tag: filter.tag });
    if (filter?.coachId) qb.andWhere('c.coach_id = :coachId', { coachId: filter.coachId });
    if (filter?.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(c.name ILIKE :pattern OR c.email ILIKE :pattern)', { pattern });
    }
    const columns = this.rosterColumns(include);
    const [[firstExpression, firstAlias], ...rest] = columns.client.selections('c');
    qb.select(firstExpression, firstAlias);
    for (const [expression, alias] of rest) qb.addSelect(expression, alias);
    let parameterCount = 0;
    const qbParam = (value: unknown) => {
      const name = `rosterParam${(parameterCount += 1)}`;
      qb.setParameter(name, value);
      return `:${name}`;
    };
    // The sort's timestamp (RECENTLY_ADDED, NEXT_SESSION) is selected as its exact cursor text (microseconds).
    const sortAt = rosterSortAt(order, () => this.scope.rawCondition(actor, CoachingSession, 's', qbParam, { ofClient: 'c.id' }));
    if (sortAt) qb.addSelect(cursorTimeText(sortAt), 'sort_at');
    if (after) applyRosterCursor(qb, order, sortAt, after);
    for (const [expression, direction, nulls] of rosterOrder(order, sortAt)) qb.addOrderBy(expression, direction, nulls);
    const [pageQuery, pageParams] = qb.getQueryAndParameters();

    const params: unknown[] = [...pageParams];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The page size is a parameter (the query builder would inline it): the text stays the same per shape.
    const pageSql = `${pageQuery} LIMIT ${param(first + 1)}`;
    // Rows of the page's clients (themselves read through the scope above), scoped by Scope.
    const ofPageClient = (
      entity: typeof Engagement | typeof CoachingSession | typeof ActionItem | typeof GoalCheckIn | typeof ActionItemComment,
      alias: string,
    ) => this.scope.rawCondition(actor, entity, alias, param, { ofClient: 'page.c__id' });
    const selects = ['page.*'];
    const joins: string[] = [];
    if (include.currentEngagement) {
      // As currentEngagementOf over the client's engagements in start order: the first ACTIVE one, else the newest.
      selects.push('ce.*');
      joins.push(`LEFT JOIN LATERAL (
        SELECT ${columns.engagement.select('e')} FROM engagement e
         WHERE ${ofPageClient(Engagement, 'e')}
         ORDER BY e.status = 'ACTIVE' DESC, CASE WHEN e.status = 'ACTIVE' THEN e.start_date END, e.start_date DESC
         LIMIT 1) ce ON true`);
    }
    if (include.nextSession) {
      // As Loaders.nextSessionByClient.
      selects.push('ns.*');
      joins.push(`LEFT JOIN LATERAL (
        SELECT ${columns.session.select('s')} FROM coaching_session s
         WHERE ${ofPageClient(CoachingSession, 's')} AND s.status = 'SCHEDULED' AND s.starts_at >= now()
         ORDER BY s.starts_at
         LIMIT 1) ns ON true`);
    }
    if (include.openActionItemCount || include.overdueActionItemCount) {
      // As Loaders.actionItemCountsByClient (overdue: before today in the client's zone, as isOverdue).
      selects.push('oi.open_items', 'oi.overdue_items');
      joins.push(`LEFT JOIN LATERAL (
        SELECT count(*)::int AS open_items, count(*) FILTER (WHERE ${OVERDUE_SQL('a', 'page.c__time_zone')})::int AS overdue_items FROM action_item a
         WHERE ${ofPageClient(ActionItem, 'a')} AND a.status = 'OPEN') oi ON true`);
    }
    if (include.latestGoalProgress) {
      // As Loaders.latestGoalCheckInByClient, then that check-in's goal as Loaders.byId(Goal).
      selects.push('lg.*');
      joins.push(`LEFT JOIN LATERAL (
        SELECT ${columns.checkIn.select('gc')}, ${columns.goal.select('g')} FROM goal_check_in gc
          LEFT JOIN goal g ON g.id = gc.goal_id AND ${this.scope.rawCondition(actor, Goal, 'g', param)}
         WHERE ${ofPageClient(GoalCheckIn, 'gc')}
         ORDER BY gc.recorded_at DESC
         LIMIT 1) lg ON true`);
    }
    if (include.unreadCommentCount) {
      // As Loaders.unreadCommentCountByClient: comments by the client the viewer has not read.
      const viewer = param(actor.userId);
      selects.push('uc.unread_comments');
      joins.push(`LEFT JOIN LATERAL (
        SELECT count(*)::int AS unread_comments FROM action_item_comment cm
          LEFT JOIN ${readPointJoin('cm', 'rd', viewer)}
         WHERE ${ofPageClient(ActionItemComment, 'cm')} AND ${unreadCommentSql(actor, { comment: 'cm', readAt: 'rd.read_at', clientUserId: 'page.c__user_id', viewer })}) uc ON true`);
    }
    const pageOrder = rosterOrder(order, sortAt && 'page.sort_at', 'page.c__')
      .map(([expression, direction, nulls]) => `${expression} ${direction}${nulls ? ` ${nulls}` : ''}`)
      .join(', ');
    const sql = `WITH page AS (${pageSql})
      SELECT ${selects.join(', ')} FROM page ${joins.join('\n')}
       ORDER BY ${pageOrder}`;
    // A named prepared statement: planned once per connection, as the text depends only on the shape (filters, summaries, columns, order).
    const rows = await this.db.preparedQuery(sql, params);

    const clients = rows.map((row) => {
      const client = columns.client.hydrate(row)!;
      const summary: RosterSummary = {};
      if (include.currentEngagement) summary.currentEngagement = columns.engagement.hydrate(row);
      if (include.nextSession) summary.nextSession = columns.session.hydrate(row);
      if (include.openActionItemCount) summary.openActionItemCount = Number(row.open_items ?? 0);
      if (include.overdueActionItemCount) summary.overdueActionItemCount = Number(row.overdue_items ?? 0);
      if (include.unreadCommentCount) summary.unreadCommentCount = Number(row.unread_comments ?? 0);
      if (include.latestGoalProgress) {
        const checkIn = columns.checkIn.hydrate(row);
        summary.latestGoalCheckIn = checkIn ? { checkIn, goal: columns.goal.hydrate(row) } : null;
      }
      setRosterSummary(client, summary);
      return client;
    });
    return toConnection(clients, first, (c, index) => rosterCursor(order, c, (rows[index].sort_at as string | null | undefined) ?? null));
  }

  private columns?: ReturnType<ClientService['buildRosterColumns']>;

  /** The columns the roster statement reads: what `include` asks of the client and its summaries, never whole rows (notes, long text). */
  private rosterColumns(include: RosterInclude) {
    const all = (this.columns ??= this.buildRosterColumns());
    return {
      client: all.client.only(include.properties.client),
      engagement: all.engagement.only(include.properties.engagement),
      session: all.session.only(include.properties.session),
      checkIn: all.checkIn,
      goal: all.goal,
    };
  }

  private buildRosterColumns() {
    const dataSource = this.db.manager.connection;
    return {
      client: new RawEntityColumns(dataSource, Client, 'c__'),
      engagement: new RawEntityColumns(dataSource, Engagement, 'ce__'),
      session: new RawEntityColumns(dataSource, CoachingSession, 'ns__'),
      // What the latest-progress summary reads (progressSummary in client.resolver.ts).
      checkIn: new RawEntityColumns(dataSource, GoalCheckIn, 'gc__', ['id', 'goalId', 'value', 'recordedAt']),
      goal: new RawEntityColumns(dataSource, Goal, 'g__', ['id', 'title', 'metricBaseline', 'metricTarget']),
    };
  }

  get(actor: Actor, id: string): Promise<Client> {
    return this.scope.get(actor, Client, id, 'Client');
  }

  async create(actor: Actor, input: CreateClientInput): Promise<Client> {
    const coachId = await this.resolveCoach(actor, input.coachId);
    await this.assertEmailFree(actor, input.email);
    const client = await this.db.manager.save(
      Client,
      this.db.manager.create(Client, {
        practiceId: actor.practiceId,
        coachId,
        name: input.name,
        email: input.email,
        timeZone: input.timeZone,
        status: input.status,
        currentRole: input.currentRole ?? null,
        targetRole: input.targetRole ?? null,
        tags: normalizeTags(input.tags),
      }),
    );
    await this.audit.record(actor, actor.practiceId, 'client.created', 'Client', client.id);
    return client;
  }

  async update(actor: Actor, id: string, input: UpdateClientInput): Promise<Client> {
    const client = await this.get(actor, id);
    if (input.email && input.email !== client.email) {
      if (client.userId) throw new ConflictError('The client logs in with this email; they change it themselves');
      await this.assertEmailFree(actor, input.email, client.id);
    }
    const changes: Partial<Client> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.email !== undefined) changes.email = input.email;
    if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
    if (input.status !== undefined) changes.status = input.status;
    if (input.currentRole !== undefined) changes.currentRole = input.currentRole || null;
    if (input.targetRole !== undefined) changes.targetRole = input.targetRole || null;
    if (input.tags !== undefined) changes.tags = normalizeTags(input.tags);
    if (input.reminderOffsetsMinutes !== undefined)
      changes.reminderOffsetsMinutes = [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
    if (input.coachId !== undefined) changes.coachId = await this.resolveCoach(actor, input.coachId);
    await this.db.manager.update(Client, { id: client.id }, changes);
    await this.audit.record(actor, actor.practiceId, 'client.updated', 'Client', client.id, { fields: Object.keys(changes) });
    // Before the contact change re-addresses pending emails: moved sessions get theirs planned anew.
    if (changes.timeZone !== undefined && changes.timeZone !== client.timeZone) {
      await this.engagements.followClientTimeZone(actor, client.id, client.timeZone, changes.timeZone);
    }
    if ('email' in changes || 'timeZone' in changes) await this.events.clientContactChanged(client.id);
    if ('reminderOffsetsMinutes' in changes) await this.events.clientReminderOffsetsChanged(client.id);
    return this.db.manager.findOneByOrFail(Client, { id: client.id });
  }

  /** Archived clients leave the roster (they stay in the records). */
  async archive(actor: Actor, id: string): Promise<Client> {
    const client = await this.get(actor, id);
    if (!client.archivedAt) {
      await this.db.manager.update(Client, { id: client.id }, { archivedAt: this.clock.now(), status: 'ALUMNI' });
      await this.audit.record(actor, actor.practiceId, 'client.archived', 'Client', client.id);
    }
    return this.db.manager.findOneByOrFail(Client, { id: client.id });
  }

  /** Coaches take clients for themselves; owners may name any coach in the practice. */
  private async resolveCoach(actor: Actor, coachId: string | undefined): Promise<string> {
    if (!coachId || coachId === actor.userId) return actor.userId;
    if (actor.role !== 'OWNER') throw new BadUserInputError('Only an owner can assign a client to another coach', 'coachId');
    const coach = await this.db.manager.findOneBy(User, { id: coachId, practiceId: actor.practiceId });
    if (!coach || coach.role === 'CLIENT') throw new BadUserInputError('No such coach in this practice', 'coachId');
    return coach.id;
  }

  private async assertEmailFree(actor: Actor, email: string, exceptId?: string): Promise<void> {
    const qb = this.db.manager
      .createQueryBuilder(Client, 'c')
      .where('c.practice_id = :practiceId AND lower(c.email) = lower(:email) AND c.archived_at IS NULL', {
        practiceId: actor.practiceId,
        email,
      });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw new ConflictError(`A client with ${email} is already in this practice`);
  }
}

function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}
